import type { ComplaintInput } from '@openipp/shared';
import { parseStoredDraft, stableJson } from './complaint-draft';
import { complaintDraftItem } from './storage';

/**
 * The builder page's view of `complaintDraft` in extension storage. Edits
 * apply at once (typing must not wait for a storage round trip) and are
 * written through in order; a write from anywhere else (the popup's "Add to
 * complaint", the sync swapping in a server id, a test) replaces the view as
 * soon as storage reports it, so the page always judges what is stored.
 */
export interface DraftSnapshot {
  /** False until the first read. */
  loaded: boolean;
  input: ComplaintInput;
  /** False when the stored value is not a ComplaintInput; edits then start a new draft. */
  valid: boolean;
}

export interface DraftStore {
  /** Follows storage until `signal` aborts; may be started again (React's StrictMode remounts). */
  start(signal: AbortSignal): void;
  getSnapshot(): DraftSnapshot;
  subscribe(listener: () => void): () => void;
  update(change: (input: ComplaintInput) => ComplaintInput): Promise<void>;
  /** Resolves once every write so far has reached storage. */
  flushed(): Promise<void>;
}

export function createDraftStore(): DraftStore {
  let snapshot: DraftSnapshot = { ...parseStoredDraft(null), loaded: false };
  const listeners = new Set<() => void>();
  // Our own writes not yet reported back by storage.onChanged: their echo must
  // not overwrite newer keystrokes still on their way. Compared with sorted
  // keys, because Chrome hands stored objects back with their keys sorted.
  const echoes: string[] = [];
  let writes: Promise<void> = Promise.resolve();

  function publish(next: DraftSnapshot): void {
    snapshot = next;
    for (const listener of listeners) listener();
  }

  function start(signal: AbortSignal): void {
    const adopt = (raw: unknown) => {
      if (!signal.aborted) publish({ ...parseStoredDraft(raw), loaded: true });
    };
    let changed = false;
    const unwatch = complaintDraftItem.watch((value) => {
      changed = true;
      const echo = echoes.indexOf(stableJson(value));
      if (echo >= 0) {
        // Storage skips unchanged writes, so older echoes may never come: drop them too.
        echoes.splice(0, echo + 1);
        return;
      }
      adopt(value);
    });
    signal.addEventListener('abort', unwatch, { once: true });
    void complaintDraftItem.getValue().then((value) => {
      // A change reported meanwhile already holds a newer value.
      if (!changed) adopt(value);
    });
  }

  return {
    start,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(change) {
      const next = change(snapshot.input);
      if (next === snapshot.input) return writes;
      publish({ loaded: true, valid: true, input: next });
      echoes.push(stableJson(next));
      writes = writes.then(() => complaintDraftItem.setValue(next)).catch(() => undefined);
      return writes;
    },
    flushed: () => writes,
  };
}
