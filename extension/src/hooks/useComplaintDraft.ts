import { useEffect, useState, useSyncExternalStore } from 'react';
import { createDraftStore, type DraftSnapshot, type DraftStore } from '@/lib/draft-store';

/** The stored complaint draft, live: edits write through, outside writes show at once. */
export function useComplaintDraft(): { store: DraftStore; draft: DraftSnapshot } {
  const [store] = useState(createDraftStore);
  useEffect(() => {
    const controller = new AbortController();
    store.start(controller.signal);
    return () => controller.abort();
  }, [store]);
  const draft = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { store, draft };
}
