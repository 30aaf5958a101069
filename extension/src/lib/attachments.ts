import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * Documents on their way from the requests page to the worker (issue #5).
 *
 * Extension messages travel as JSON: an ArrayBuffer or a File arrives as {},
 * and base64 inflates the bytes by a third, so five 10 MB documents (≈ 67 MB)
 * would pass Chrome's 64 MiB message cap. The page and the worker share the
 * extension's IndexedDB, so the page stores the bytes here and sends only
 * their ids; the worker reads them, sends them, and deletes them whatever the
 * outcome (the page still holds the files and stages them again for a retry).
 * What a worker killed mid-send leaves behind is swept at the next staging.
 */

export interface StagedDocument {
  id: string;
  fileName: string;
  /** The type the page sniffed from the magic bytes. */
  type: string;
  bytes: ArrayBuffer;
  /** Epoch ms. */
  stagedAt: number;
}

interface AttachmentsDb extends DBSchema {
  documents: { key: string; value: StagedDocument; indexes: { stagedAt: number } };
}

/** Longer than any upload can take (the API client gives up after two minutes). */
export const STAGED_MAX_AGE_MS = 60 * 60 * 1000;

let dbPromise: Promise<IDBPDatabase<AttachmentsDb>> | undefined;

function db(): Promise<IDBPDatabase<AttachmentsDb>> {
  dbPromise ??= openDB<AttachmentsDb>('openipp-attachments', 1, {
    upgrade(database) {
      database.createObjectStore('documents', { keyPath: 'id' }).createIndex('stagedAt', 'stagedAt');
    },
    blocking() {
      void closeAttachmentsDb();
    },
  });
  return dbPromise;
}

export async function closeAttachmentsDb(): Promise<void> {
  const pending = dbPromise;
  dbPromise = undefined;
  if (pending) (await pending).close();
}

/** Stores the documents for the worker; returns their ids in the same order. */
export async function stageDocuments(
  documents: readonly { fileName: string; type: string; bytes: ArrayBuffer }[],
  now: number = Date.now(),
): Promise<string[]> {
  await sweepStaged(now - STAGED_MAX_AGE_MS).catch(() => 0);
  const staged = documents.map((document) => ({ ...document, id: crypto.randomUUID(), stagedAt: now }));
  const tx = (await db()).transaction('documents', 'readwrite');
  await Promise.all([...staged.map((document) => tx.store.put(document)), tx.done]);
  return staged.map((document) => document.id);
}

/** The staged documents under `ids`, in order; undefined where one is gone. */
export async function readStaged(ids: readonly string[]): Promise<(StagedDocument | undefined)[]> {
  const database = await db();
  return Promise.all(ids.map((id) => database.get('documents', id)));
}

export async function discardStaged(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const tx = (await db()).transaction('documents', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

/** Deletes what was staged before `before` (epoch ms); returns how many. */
export async function sweepStaged(before: number): Promise<number> {
  const tx = (await db()).transaction('documents', 'readwrite');
  const stale = await tx.store.index('stagedAt').getAllKeys(IDBKeyRange.upperBound(before, true));
  await Promise.all([...stale.map((id) => tx.store.delete(id)), tx.done]);
  return stale.length;
}

export async function countStaged(): Promise<number> {
  return (await db()).count('documents');
}
