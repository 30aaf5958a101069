import type { PlatformStatus } from '@openipp/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../lib/api';

const POLL_MS = 30_000;

/**
 * The public platform status, polled so that a maintenance announcement reaches
 * every open console, signed in or not, within half a minute.
 */
export function usePlatformStatus(api: ApiClient): {
  status: PlatformStatus | undefined;
  refresh: () => void;
  /** Takes a status the server just returned (e.g. after an admin saved it), without waiting for the poll. */
  update: (status: PlatformStatus) => void;
} {
  const [status, setStatus] = useState<PlatformStatus>();
  // Answers can overtake each other; only the newest request may set the state.
  const generation = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    api.platformStatus().then(
      (next) => mine === generation.current && setStatus(next),
      // An unreachable status keeps the last known banner; it is a hint, not a gate.
      () => undefined,
    );
  }, [api]);

  const update = useCallback((next: PlatformStatus) => {
    generation.current++;
    setStatus(next);
  }, []);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => {
      clearInterval(timer);
      generation.current++;
    };
  }, [refresh]);

  return { status, refresh, update };
}
