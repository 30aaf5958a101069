import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Message, SyncChanges, SyncComplaint, SyncInfoRequest } from '@openipp/shared';

/**
 * The down-sync's local copy (issue #7, part 7): the user's complaints,
 * requests for material and messages as the server last sent them, and the
 * cursor to ask from next. IndexedDB rather than extension storage: the copy
 * grows with the account, and storage.local is read whole. A database of its
 * own, apart from the capture queue's, so neither's upgrades touch the other.
 * Every row carries the user it belongs to; another account never reads it.
 */

type Kind = 'complaint' | 'info_request' | 'message';

interface StoredRecord {
  userId: string;
  kind: Kind;
  id: string;
  data: SyncComplaint | SyncInfoRequest | Message;
}

export interface SyncState {
  userId: string;
  /** Where the next pull starts; null before the first page arrived. */
  cursor: string | null;
  /** ISO time the last pull reached the end of the feed; null until one did. */
  syncedAt: string | null;
}

interface DownSyncDb extends DBSchema {
  records: { key: [string, Kind, string]; value: StoredRecord; indexes: { userId: string } };
  state: { key: string; value: SyncState };
}

const DB_NAME = 'openipp-down-sync';

let dbPromise: Promise<IDBPDatabase<DownSyncDb>> | undefined;
/** The factory the handle was opened on: a test's fresh profile swaps it, and the old handle must not serve the new profile. */
let openedOn: IDBFactory | undefined;

function db(): Promise<IDBPDatabase<DownSyncDb>> {
  if (openedOn !== globalThis.indexedDB) dbPromise = undefined;
  openedOn = globalThis.indexedDB;
  dbPromise ??= openDB<DownSyncDb>(DB_NAME, 1, {
    upgrade(database) {
      const records = database.createObjectStore('records', { keyPath: ['userId', 'kind', 'id'] });
      records.createIndex('userId', 'userId');
      database.createObjectStore('state', { keyPath: 'userId' });
    },
    // Another context (a page vs the worker) upgrading the schema: step aside.
    blocking() {
      void closeDownSyncDb();
    },
  });
  return dbPromise;
}

/** Drops the open handle, as a stopped worker would; the next call reopens. */
export async function closeDownSyncDb(): Promise<void> {
  const pending = dbPromise;
  dbPromise = undefined;
  if (pending) (await pending).close();
}

export async function readSyncState(userId: string): Promise<SyncState | undefined> {
  return (await db()).get('state', userId);
}

/**
 * Stores one page and the cursor after it in one transaction: a worker
 * stopped midway keeps either both or neither, so a pull resumes exactly where
 * the stored records end. Records replace what was stored under their id (the
 * server sends each whole), so a page applied twice changes nothing.
 */
export async function applyChanges(userId: string, changes: SyncChanges, syncedAt: string | null): Promise<void> {
  const tx = (await db()).transaction(['records', 'state'], 'readwrite');
  const records = tx.objectStore('records');
  const puts: Promise<unknown>[] = [
    ...changes.complaints.map((data) => records.put({ userId, kind: 'complaint', id: data.id, data })),
    ...changes.infoRequests.map((data) => records.put({ userId, kind: 'info_request', id: data.id, data })),
    ...changes.messages.map((data) => records.put({ userId, kind: 'message', id: data.id, data })),
  ];
  const previous = await tx.objectStore('state').get(userId);
  puts.push(tx.objectStore('state').put({ userId, cursor: changes.cursor, syncedAt: syncedAt ?? previous?.syncedAt ?? null }));
  await Promise.all([...puts, tx.done]);
}

/** Everything stored for `userId`. */
export async function readRecords(userId: string): Promise<{ complaints: SyncComplaint[]; infoRequests: SyncInfoRequest[]; messages: Message[] }> {
  const rows = await (await db()).getAllFromIndex('records', 'userId', userId);
  const of = <T>(kind: Kind) => rows.filter((row) => row.kind === kind).map((row) => row.data as T);
  return { complaints: of<SyncComplaint>('complaint'), infoRequests: of<SyncInfoRequest>('info_request'), messages: of<Message>('message') };
}

/** Deletes every user's copy but `keep`'s (null: everyone's). */
export async function forgetUsersExcept(keep: string | null): Promise<void> {
  const tx = (await db()).transaction(['records', 'state'], 'readwrite');
  const deletions: Promise<unknown>[] = [];
  for (const userId of await tx.objectStore('state').getAllKeys()) {
    if (userId !== keep) deletions.push(tx.objectStore('state').delete(userId));
  }
  let cursor = await tx.objectStore('records').openCursor();
  while (cursor) {
    if (cursor.value.userId !== keep) deletions.push(cursor.delete());
    cursor = await cursor.continue();
  }
  await Promise.all([...deletions, tx.done]);
}
