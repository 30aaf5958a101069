import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { CaptureMeta, CaptureReceipt } from '@openipp/shared';

/**
 * What became of the MHTML page archive at capture time (issue #7 part 2):
 * `unsupported` where the browser has no chrome.pageCapture (Firefox),
 * `failed` when saving it failed or gave no MHTML, `too_large` over the cap.
 * The capture goes ahead without it; the entry says so.
 */
export const ARCHIVE_OUTCOMES = ['saved', 'unsupported', 'failed', 'too_large'] as const;
export type ArchiveOutcome = (typeof ARCHIVE_OUTCOMES)[number];

/**
 * The persistent capture queue. A capture is written here before any network
 * call, so neither a dead backend nor a killed service worker loses evidence.
 *
 * Screenshot bytes live in their own object store: the popup re-reads the
 * entry list every second, and must not structured-clone megabytes of PNG to
 * do so. A small preview lives in a third store and, unlike the evidence
 * bytes, outlives the upload: the complaint builder shows it and the user
 * marks the infringing region on it (issue #4).
 */

/**
 * agreement_required: the server refused the upload until the user accepts the
 * current agreement. Not a failure: the entry waits, and goes back to pending
 * once the agreement is accepted (issue #3).
 */
export const QUEUE_STATUSES = ['pending', 'uploading', 'synced', 'failed', 'auth_required', 'agreement_required'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export interface QueueEntry {
  /** UUID, also sent as the Idempotency-Key so a re-upload can never duplicate. */
  id: string;
  meta: CaptureMeta;
  status: QueueStatus;
  /** Upload attempts that ended in a retryable or final error. */
  attempts: number;
  /** Epoch ms; a pending entry is not uploaded before this. */
  nextAttemptAt: number;
  /** Error code of the last failed attempt (errors:<code> or extension:errors.<code>). */
  lastError?: string;
  receipt?: CaptureReceipt;
  /** Epoch ms. */
  createdAt: number;
  /**
   * The user who captured it. Evidence is only ever uploaded under that
   * user's account, even if someone else signs in on the same browser.
   */
  ownerId: string | null;
  byteLength: number;
  /**
   * Hex SHA-256 of the screenshot, computed here before upload. A receipt
   * naming the same hash proves the server holds exactly these bytes; the
   * complaint builder counts only such captures as verified evidence. Absent
   * on entries queued before issue #4.
   */
  sha256?: string;
  /** Absent on entries queued before page archives (issue #7). */
  archive?: ArchiveOutcome;
  /** With archive 'failed': what the browser said, for diagnosis. */
  archiveDetail?: string;
}

/** A downscaled image of a capture, for display only; never evidence. */
export interface CapturePreview {
  bytes: ArrayBuffer;
  /** MIME type of `bytes`. */
  type: string;
}

/**
 * The bytes of one declared artefact (meta.artefacts), kept until the server
 * has them. Keyed `<entry id>/<sha256>`, so one entry's artefacts form a key range.
 */
interface StoredArtefact {
  key: string;
  bytes: ArrayBuffer;
}

interface QueueDb extends DBSchema {
  entries: {
    key: string;
    value: QueueEntry;
    indexes: { createdAt: number; byStatusCreated: [QueueStatus, number]; byStatusNextAttempt: [QueueStatus, number] };
  };
  screenshots: { key: string; value: { id: string; png: ArrayBuffer } };
  previews: { key: string; value: { id: string } & CapturePreview };
  artefacts: { key: string; value: StoredArtefact };
}

const artefactKey = (id: string, sha256: string) => `${id}/${sha256}`;
/** Every artefact key of one entry: `/` sorts before any hex digit, `0` after `/`. */
const artefactRange = (id: string) => IDBKeyRange.bound(`${id}/`, `${id}0`, false, true);

/**
 * Every index key of one status in the compound indexes: `[status]` sorts
 * before `[status, n]` for any number n, and `[status, []]` after it.
 */
const statusRange = (status: QueueStatus) => IDBKeyRange.bound([status], [status, []]);

const DB_NAME = 'openipp-queue';
/** Version 4 indexes entries by status, so a long queue is not read whole to find its next upload. */
export const QUEUE_DB_VERSION = 4;
const CHANNEL = 'openipp-queue';

let dbPromise: Promise<IDBPDatabase<QueueDb>> | undefined;

function db(): Promise<IDBPDatabase<QueueDb>> {
  dbPromise ??= openDB<QueueDb>(DB_NAME, QUEUE_DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const entries = database.createObjectStore('entries', { keyPath: 'id' });
        entries.createIndex('createdAt', 'createdAt');
        database.createObjectStore('screenshots', { keyPath: 'id' });
      }
      if (oldVersion < 2) database.createObjectStore('previews', { keyPath: 'id' });
      if (oldVersion < 3) database.createObjectStore('artefacts', { keyPath: 'key' });
      if (oldVersion < 4) {
        // Creating an index fills it from the entries already stored: nothing queued before is lost or re-keyed.
        const entries = transaction.objectStore('entries');
        entries.createIndex('byStatusCreated', ['status', 'createdAt']);
        entries.createIndex('byStatusNextAttempt', ['status', 'nextAttemptAt']);
      }
    },
    // Another context (popup vs worker) upgrading the schema: step aside.
    blocking() {
      void closeQueueDb();
    },
  });
  return dbPromise;
}

export async function closeQueueDb(): Promise<void> {
  const pending = dbPromise;
  dbPromise = undefined;
  if (pending) (await pending).close();
}

/** Tells open popups that the queue changed; they also poll, so this is only a latency win. */
function announceChange(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage('changed');
  channel.close();
}

export function onQueueChange(callback: () => void, signal: AbortSignal): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener('message', callback);
  signal.addEventListener('abort', () => channel.close(), { once: true });
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function enqueue(input: {
  meta: CaptureMeta;
  png: ArrayBuffer;
  ownerId: string | null;
  now?: number;
  preview?: CapturePreview;
  /** The bytes of every artefact `meta.artefacts` declares, by their SHA-256. */
  artefacts?: ReadonlyMap<string, ArrayBuffer>;
  archive?: ArchiveOutcome;
  archiveDetail?: string;
}): Promise<QueueEntry> {
  const now = input.now ?? Date.now();
  const artefacts = input.artefacts ?? new Map<string, ArrayBuffer>();
  // Declaring an artefact without keeping its bytes would leave a capture that can never be receipted.
  for (const declared of input.meta.artefacts ?? []) {
    const bytes = artefacts.get(declared.sha256);
    if (!bytes || bytes.byteLength !== declared.bytes || (await sha256Hex(bytes)) !== declared.sha256) {
      throw new Error(`artefact ${declared.sha256} is declared without its bytes`);
    }
  }
  const entry: QueueEntry = {
    id: crypto.randomUUID(),
    meta: input.meta,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    ownerId: input.ownerId,
    byteLength: input.png.byteLength,
    // Hashed before anything else can touch the bytes: this is what the receipt must match.
    sha256: await sha256Hex(input.png),
    ...(input.archive ? { archive: input.archive } : {}),
    ...(input.archiveDetail ? { archiveDetail: input.archiveDetail.slice(0, 500) } : {}),
  };
  const database = await db();
  const tx = database.transaction(['entries', 'screenshots', 'previews', 'artefacts'], 'readwrite');
  await Promise.all([
    tx.objectStore('screenshots').put({ id: entry.id, png: input.png }),
    ...[...artefacts].map(([sha256, bytes]) => tx.objectStore('artefacts').put({ key: artefactKey(entry.id, sha256), bytes })),
    input.preview ? tx.objectStore('previews').put({ id: entry.id, ...input.preview }) : undefined,
    tx.objectStore('entries').put(entry),
    tx.done,
  ]);
  announceChange();
  return entry;
}

/** Newest first. */
export async function listEntries(): Promise<QueueEntry[]> {
  const all = await (await db()).getAllFromIndex('entries', 'createdAt');
  return all.reverse();
}

export async function getEntry(id: string): Promise<QueueEntry | undefined> {
  return (await db()).get('entries', id);
}

export async function getScreenshot(id: string): Promise<ArrayBuffer | undefined> {
  return (await (await db()).get('screenshots', id))?.png;
}

/** The bytes of a declared artefact still waiting for the server. */
export async function getArtefact(id: string, sha256: string): Promise<ArrayBuffer | undefined> {
  return (await (await db()).get('artefacts', artefactKey(id, sha256)))?.bytes;
}

/**
 * Everything an upload of this entry sends, read in one transaction: the
 * screenshot (undefined once the server holds it) and the bytes of every
 * declared artefact still kept, by SHA-256.
 */
export async function getUploadBytes(entry: Pick<QueueEntry, 'id' | 'meta'>): Promise<{ png: ArrayBuffer | undefined; artefacts: Map<string, ArrayBuffer> }> {
  const { id } = entry;
  const database = await db();
  // A capture that declares no artefact does not touch their store (nor wait on another upload's use of it).
  if (!entry.meta.artefacts?.length) return { png: (await database.get('screenshots', id))?.png, artefacts: new Map() };
  const tx = database.transaction(['screenshots', 'artefacts'], 'readonly');
  const [shot, stored] = await Promise.all([tx.objectStore('screenshots').get(id), tx.objectStore('artefacts').getAll(artefactRange(id)), tx.done]);
  return { png: shot?.png, artefacts: new Map(stored.map((artefact) => [artefact.key.slice(id.length + 1), artefact.bytes])) };
}

/** SHA-256 of the artefacts this entry still holds bytes for. */
export async function storedArtefacts(id: string): Promise<string[]> {
  const keys = await (await db()).getAllKeys('artefacts', artefactRange(id));
  return keys.map((key) => key.slice(id.length + 1));
}

/**
 * What the builder can show of a capture: its preview, else (before the
 * upload dropped them) the screenshot bytes themselves.
 */
export async function getCaptureImage(id: string): Promise<CapturePreview | undefined> {
  const database = await db();
  const preview = await database.get('previews', id);
  if (preview) return { bytes: preview.bytes, type: preview.type };
  const png = (await database.get('screenshots', id))?.png;
  return png ? { bytes: png, type: 'image/png' } : undefined;
}

/**
 * Applies `change` only if the entry is currently in one of `from`, inside one
 * transaction, so two contexts can never both claim or settle the same entry.
 */
async function transition(
  id: string,
  from: readonly QueueStatus[],
  change: (entry: QueueEntry) => QueueEntry,
  alsoDeleteScreenshot = false,
  /** Artefact bytes the server now holds: `all`, or those not named by `keep`. */
  dropArtefacts?: 'all' | { keep: readonly string[] },
): Promise<QueueEntry | undefined> {
  const database = await db();
  const tx = database.transaction(['entries', 'screenshots', 'artefacts'], 'readwrite');
  const entries = tx.objectStore('entries');
  const current = await entries.get(id);
  if (!current || !from.includes(current.status)) {
    await tx.done;
    return undefined;
  }
  const next = change(current);
  await entries.put(next);
  // The server now holds the bytes (the receipt's SHA-256 proves which); keeping a
  // second copy would only fill the profile's disk quota.
  if (alsoDeleteScreenshot) await tx.objectStore('screenshots').delete(id);
  if (dropArtefacts === 'all') {
    await tx.objectStore('artefacts').delete(artefactRange(id));
  } else if (dropArtefacts) {
    const keep = new Set(dropArtefacts.keep.map((sha256) => artefactKey(id, sha256)));
    for (const key of await tx.objectStore('artefacts').getAllKeys(artefactRange(id))) {
      if (!keep.has(key)) await tx.objectStore('artefacts').delete(key);
    }
  }
  await tx.done;
  announceChange();
  return next;
}

export function claimForUpload(id: string): Promise<QueueEntry | undefined> {
  return transition(id, ['pending'], (e) => ({ ...e, status: 'uploading' }));
}

export function markSynced(id: string, receipt: CaptureReceipt): Promise<QueueEntry | undefined> {
  return transition(
    id,
    ['uploading'],
    (e) => {
      const { lastError: _dropped, ...rest } = e;
      return { ...rest, status: 'synced', receipt };
    },
    true,
    'all',
  );
}

/**
 * The server holds part of the capture (its incomplete receipt names what it
 * still lacks): keep that receipt, and let go of the bytes it no longer needs,
 * the screenshot first. A retry then sends only what `receipt.missing` names.
 */
export function markPartlyUploaded(id: string, receipt: CaptureReceipt): Promise<QueueEntry | undefined> {
  return transition(id, ['uploading'], (e) => ({ ...e, receipt }), true, { keep: receipt.missing ?? [] });
}

export function markRetry(id: string, code: string, nextAttemptAt: number): Promise<QueueEntry | undefined> {
  return transition(id, ['uploading'], (e) => ({
    ...e,
    status: 'pending',
    attempts: e.attempts + 1,
    lastError: code,
    nextAttemptAt,
  }));
}

export function markFailed(id: string, code: string): Promise<QueueEntry | undefined> {
  return transition(id, ['uploading'], (e) => ({ ...e, status: 'failed', attempts: e.attempts + 1, lastError: code }));
}

export function markAuthRequired(id: string, code: string): Promise<QueueEntry | undefined> {
  return transition(id, ['uploading', 'pending', 'agreement_required'], (e) => ({
    ...e,
    status: 'auth_required',
    lastError: code,
  }));
}

/** The gate refused this upload: it waits for the acceptance without counting as a failed attempt. */
export function markAgreementRequired(id: string): Promise<QueueEntry | undefined> {
  return transition(id, ['uploading', 'pending'], (e) => ({
    ...e,
    status: 'agreement_required',
    lastError: 'agreement_acceptance_required',
  }));
}

/** The user asked to try a failed entry again: a fresh backoff series, due now. */
export function retryEntry(id: string, now: number = Date.now()): Promise<QueueEntry | undefined> {
  return transition(id, ['failed'], (e) => ({ ...e, status: 'pending', attempts: 0, nextAttemptAt: now }));
}

/** Only settled entries may be deleted: pending evidence is never dropped by accident. */
export async function removeEntry(id: string): Promise<boolean> {
  const database = await db();
  const tx = database.transaction(['entries', 'screenshots', 'previews', 'artefacts'], 'readwrite');
  const current = await tx.objectStore('entries').get(id);
  if (!current || (current.status !== 'failed' && current.status !== 'synced')) {
    await tx.done;
    return false;
  }
  await Promise.all([
    tx.objectStore('entries').delete(id),
    tx.objectStore('screenshots').delete(id),
    tx.objectStore('previews').delete(id),
    tx.objectStore('artefacts').delete(artefactRange(id)),
    tx.done,
  ]);
  announceChange();
  return true;
}

async function updateWhere(
  predicate: (entry: QueueEntry) => boolean,
  change: (entry: QueueEntry) => QueueEntry,
): Promise<number> {
  const database = await db();
  const tx = database.transaction('entries', 'readwrite');
  let count = 0;
  for (const entry of await tx.store.getAll()) {
    if (!predicate(entry)) continue;
    await tx.store.put(change(entry));
    count += 1;
  }
  await tx.done;
  if (count > 0) announceChange();
  return count;
}

/**
 * A worker killed mid-upload leaves entries in 'uploading'. Nothing else can be
 * uploading when a new worker starts, and the idempotency key makes a repeat
 * upload safe, so they simply go back to pending.
 */
export function recoverInterrupted(now: number = Date.now()): Promise<number> {
  return updateWhere(
    (e) => e.status === 'uploading',
    (e) => ({ ...e, status: 'pending', nextAttemptAt: now }),
  );
}

/** After a login, the new user's entries that were waiting for it become due. */
export function requeueAuthRequired(userId: string, now: number = Date.now()): Promise<number> {
  return updateWhere(
    (e) => e.status === 'auth_required' && (e.ownerId === null || e.ownerId === userId),
    (e) => ({ ...e, status: 'pending', ownerId: userId, nextAttemptAt: now }),
  );
}

const ownedBy = (entry: QueueEntry, userId: string) => entry.ownerId === null || entry.ownerId === userId;

/** Every upload of this user pauses until the agreement is accepted. */
export function holdForAgreement(userId: string): Promise<number> {
  return updateWhere(
    (e) => e.status === 'pending' && ownedBy(e, userId),
    (e) => ({ ...e, status: 'agreement_required', lastError: 'agreement_acceptance_required' }),
  );
}

/** The agreement was accepted: this user's held uploads are due now. */
export function releaseAgreementHold(userId: string, now: number = Date.now()): Promise<number> {
  return updateWhere(
    (e) => e.status === 'agreement_required' && ownedBy(e, userId),
    (e) => {
      const { lastError: _dropped, ...rest } = e;
      return { ...rest, status: 'pending', nextAttemptAt: now };
    },
  );
}

/**
 * The session ended without the user asking (a frozen account) or the user
 * signed out: waiting uploads need a new login as their owner. `userId`
 * undefined parks every waiting entry.
 */
export function parkForSignIn(userId: string | undefined, code: string): Promise<number> {
  return updateWhere(
    (e) =>
      (e.status === 'pending' || e.status === 'agreement_required') && (userId === undefined || ownedBy(e, userId)),
    (e) => ({ ...e, status: 'auth_required', lastError: code }),
  );
}

/**
 * The server asked every client to wait (maintenance with Retry-After): no
 * pending entry is tried before `until`, so a long queue does not knock once
 * per entry. Attempts are not counted; nothing failed.
 */
export function deferPending(until: number): Promise<number> {
  return updateWhere(
    (e) => e.status === 'pending' && e.nextAttemptAt < until,
    (e) => ({ ...e, nextAttemptAt: until }),
  );
}

/** "Sync now": skip the remaining backoff wait of every pending entry. */
export function makePendingDue(now: number = Date.now()): Promise<number> {
  return updateWhere(
    (e) => e.status === 'pending' && e.nextAttemptAt > now,
    (e) => ({ ...e, nextAttemptAt: now }),
  );
}

/**
 * Oldest due pending entry first, so evidence reaches the server in capture
 * order (ties by id, as the old full scan ordered them). The next-attempt
 * index answers "is anything due at all" without reading entries; only then
 * are pending entries walked in capture order, and only up to the first due one.
 */
export async function nextDue(now: number = Date.now()): Promise<QueueEntry | undefined> {
  const tx = (await db()).transaction('entries', 'readonly');
  const found = await firstDue(tx.store, now, undefined);
  await tx.done;
  return found;
}

type EntriesStore = IDBPObjectStore<QueueDb, ['entries'], 'entries', 'readonly' | 'readwrite'>;

async function firstDue(store: EntriesStore, now: number, skip: ReadonlySet<string> | undefined): Promise<QueueEntry | undefined> {
  if (!(await store.index('byStatusNextAttempt').openKeyCursor(IDBKeyRange.bound(['pending'], ['pending', now])))) return undefined;
  for (let cursor = await store.index('byStatusCreated').openCursor(statusRange('pending')); cursor; cursor = await cursor.continue()) {
    const entry = cursor.value;
    if (entry.nextAttemptAt <= now && !skip?.has(entry.id)) return entry;
  }
  return undefined;
}

/**
 * Finds the oldest due pending entry not in `skip` and claims it for upload,
 * in one transaction: uploads running side by side (or in another context)
 * can never take the same entry, since a claimed one is no longer pending.
 */
export async function claimNextDue(now: number = Date.now(), skip?: ReadonlySet<string>): Promise<QueueEntry | undefined> {
  const tx = (await db()).transaction('entries', 'readwrite');
  const found = await firstDue(tx.store, now, skip);
  const claimed = found ? { ...found, status: 'uploading' as const } : undefined;
  if (claimed) await tx.store.put(claimed);
  await tx.done;
  if (claimed) announceChange();
  return claimed;
}

/** When the earliest pending entry becomes due, or undefined if none is pending. */
export async function nextWakeAt(): Promise<number | undefined> {
  const cursor = await (await db()).transaction('entries').store.index('byStatusNextAttempt').openKeyCursor(statusRange('pending'));
  return cursor?.key[1];
}

/** Entries without a receipt (every status but synced), counted by index, without reading any entry. */
export async function countUnsynced(): Promise<number> {
  const tx = (await db()).transaction('entries', 'readonly');
  const [all, synced] = await Promise.all([tx.store.count(), tx.store.index('byStatusCreated').count(statusRange('synced')), tx.done]);
  return all - synced;
}
