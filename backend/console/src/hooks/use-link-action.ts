import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../lib/api';
import { replaceHash } from './use-hash-route';

export type LinkState = { state: 'idle' | 'working' | 'done' } | { state: 'failed'; error: unknown };

/**
 * Runs a one-time e-mailed link's action: at once (`auto`) or when the user
 * confirms. Once the server has answered for good, the token leaves the address
 * bar, so it stays out of the history and of anything copied or captured from it.
 */
export function useLinkAction(
  token: string | null,
  action: (token: string) => Promise<void>,
  options: { auto: boolean; clearTo: string },
): { status: LinkState; run: () => void } {
  const [status, setStatus] = useState<LinkState>(() =>
    token ? { state: 'idle' } : { state: 'failed', error: new ApiError(400, 'link_invalid') },
  );
  const started = useRef(false);
  const { auto, clearTo } = options;

  const run = useCallback(() => {
    // Once per visit, also under StrictMode's double effects: the link is one-time.
    if (!token || started.current) return;
    started.current = true;
    setStatus({ state: 'working' });
    action(token).then(
      () => {
        replaceHash(clearTo);
        setStatus({ state: 'done' });
      },
      (error: unknown) => {
        // A network failure may be retried; any answer from the server is final.
        if (error instanceof ApiError && error.status !== 0) replaceHash(clearTo);
        else started.current = false;
        setStatus({ state: 'failed', error });
      },
    );
  }, [token, action, clearTo]);

  useEffect(() => {
    if (auto) run();
  }, [auto, run]);

  return { status, run };
}
