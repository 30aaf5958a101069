import { useEffect, useState } from 'react';
import { listEntries, onQueueChange, type QueueEntry } from '@/lib/queue';

const POLL_MS = 1_000;

/**
 * The queue as the worker sees it. Change broadcasts make updates instant; the
 * one-second poll keeps "next try in …" current and covers a missed broadcast.
 */
export function useQueue(): { entries: QueueEntry[]; now: number; loaded: boolean } {
  const [state, setState] = useState<{ entries: QueueEntry[]; now: number; loaded: boolean }>({
    entries: [],
    now: Date.now(),
    loaded: false,
  });
  useEffect(() => {
    const controller = new AbortController();
    const refresh = () =>
      void listEntries().then((entries) => {
        if (!controller.signal.aborted) setState({ entries, now: Date.now(), loaded: true });
      });
    refresh();
    onQueueChange(refresh, controller.signal);
    const timer = setInterval(refresh, POLL_MS);
    controller.signal.addEventListener('abort', () => clearInterval(timer));
    return () => controller.abort();
  }, []);
  return state;
}
