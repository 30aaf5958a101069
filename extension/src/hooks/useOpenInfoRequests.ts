import { useCallback, useEffect, useState } from 'react';
import { sendMessage } from '@/lib/messaging';
import { openInfoRequestsItem, type OpenInfoRequest } from '@/lib/storage';
import { openRequestsFor } from '@/lib/toolbar-badge';
import { useStorageValue } from './useStorageValue';

export type RequestsLoad = { status: 'idle' | 'loading' | 'ready' } | { status: 'error'; code: string };

/**
 * The user's open requests for material (issue #5): shown at once from what
 * the worker stored last, and asked afresh through the worker when the page
 * opens, becomes visible again, or `reload` is called. Another context's
 * refresh (the alarm, the popup) shows up live through storage.
 */
export function useOpenInfoRequests(userId: string | null): {
  items: OpenInfoRequest[];
  checkedAt: string | null;
  load: RequestsLoad;
  reload: () => void;
} {
  const { value: known } = useStorageValue(openInfoRequestsItem);
  const [load, setLoad] = useState<RequestsLoad>({ status: 'idle' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    if (userId === null) {
      setLoad({ status: 'idle' });
      return;
    }
    let active = true;
    setLoad({ status: 'loading' });
    void sendMessage('refreshInfoRequests')
      .then((result) => active && setLoad(result.ok ? { status: 'ready' } : { status: 'error', code: result.code }))
      .catch(() => active && setLoad({ status: 'error', code: 'network_error' }));
    return () => {
      active = false;
    };
  }, [userId, round]);

  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const mine = userId !== null && known?.userId === userId ? known : null;
  return { items: openRequestsFor(mine, userId), checkedAt: mine?.checkedAt ?? null, load, reload };
}
