import { useCallback, useEffect, useState } from 'react';
import type { ComplaintContext } from '@openipp/shared';
import { sendMessage } from '@/lib/messaging';

export type ContextState =
  | { status: 'idle' | 'loading' }
  | { status: 'error'; code: string }
  | {
      status: 'ready';
      context: ComplaintContext;
      /** Server clock minus ours: validity is judged by the server's day, as on filing. */
      skewMs: number;
    };

/**
 * GET /api/complaints/context through the worker, for a signed-in user
 * (`userKey` changes with the account). Read again whenever the page becomes
 * visible: a right verified in the console meanwhile must count.
 */
export function useComplaintContext(userKey: string | null): { state: ContextState; reload: () => void } {
  const [state, setState] = useState<ContextState>({ status: 'idle' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    if (userKey === null) {
      setState({ status: 'idle' });
      return;
    }
    let active = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    const askedAt = Date.now();
    void sendMessage('complaintContext')
      .then((result) => {
        if (!active) return;
        if (!result.ok) {
          setState({ status: 'error', code: result.code });
          return;
        }
        const answeredAt = Date.now();
        const serverTime = Date.parse(result.value.serverTime);
        setState({ status: 'ready', context: result.value, skewMs: serverTime - (askedAt + answeredAt) / 2 });
      })
      .catch(() => active && setState({ status: 'error', code: 'network_error' }));
    return () => {
      active = false;
    };
  }, [userKey, round]);

  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  return { state, reload };
}
