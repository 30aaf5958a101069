import { beforeEach, describe, expect, it } from 'vitest';
import { resetProfile } from '@/test/reset';
import { tinyPng } from '@/test/backend-double';
import { createHash } from 'node:crypto';
import { openDB } from 'idb';
import {
  claimForUpload,
  claimNextDue,
  countUnsynced,
  QUEUE_DB_VERSION,
  type QueueEntry,
  closeQueueDb,
  enqueue,
  getCaptureImage,
  getEntry,
  getScreenshot,
  listEntries,
  deferPending,
  holdForAgreement,
  makePendingDue,
  parkForSignIn,
  releaseAgreementHold,
  markAuthRequired,
  markFailed,
  markRetry,
  markSynced,
  nextDue,
  nextWakeAt,
  recoverInterrupted,
  removeEntry,
  requeueAuthRequired,
  retryEntry,
  storedArtefacts,
} from './queue';

const meta = {
  url: 'https://item.taobao.com/item.htm?id=1',
  title: 'Item',
  capturedAt: '2026-01-02T03:04:05.000Z',
  viewport: { width: 1280, height: 720 },
  devicePixelRatio: 2,
};
const receipt = { id: 'cap-1', sha256: 'a'.repeat(64), receivedAt: '2026-01-02T03:04:06.000Z' };

beforeEach(resetProfile);

describe('capture queue', () => {
  it('persists entry and bytes across a closed connection (a restarted worker)', async () => {
    const entry = await enqueue({ meta, png: tinyPng(), ownerId: 'user-1', now: 1_000 });
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    await closeQueueDb();
    expect(await getEntry(entry.id)).toEqual({
      id: entry.id,
      meta,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: 1_000,
      createdAt: 1_000,
      ownerId: 'user-1',
      byteLength: tinyPng().byteLength,
      sha256: createHash('sha256').update(new Uint8Array(tinyPng())).digest('hex'),
    });
    expect(new Uint8Array((await getScreenshot(entry.id))!)).toEqual(new Uint8Array(tinyPng()));
  });

  it('keeps the preview after the upload drops the evidence bytes, and deletes it with the entry', async () => {
    const preview = { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).buffer, type: 'image/jpeg' };
    const withPreview = await enqueue({ meta, png: tinyPng(), ownerId: null, preview });
    const without = await enqueue({ meta, png: tinyPng(), ownerId: null });
    // Before the upload, a capture without a preview shows its screenshot.
    expect(await getCaptureImage(without.id)).toMatchObject({ type: 'image/png' });
    for (const { id } of [withPreview, without]) {
      await claimForUpload(id);
      await markSynced(id, receipt);
    }
    expect(await getScreenshot(withPreview.id)).toBeUndefined();
    const kept = await getCaptureImage(withPreview.id);
    expect(kept?.type).toBe('image/jpeg');
    expect(new Uint8Array(kept!.bytes)).toEqual(new Uint8Array(preview.bytes));
    expect(await getCaptureImage(without.id)).toBeUndefined();

    expect(await removeEntry(withPreview.id)).toBe(true);
    expect(await getCaptureImage(withPreview.id)).toBeUndefined();
  });

  it('lists newest first and hands out the oldest due entry first', async () => {
    const first = await enqueue({ meta, png: tinyPng(), ownerId: null, now: 1_000 });
    const second = await enqueue({ meta, png: tinyPng(), ownerId: null, now: 2_000 });
    expect((await listEntries()).map((e) => e.id)).toEqual([second.id, first.id]);
    expect((await nextDue(5_000))?.id).toBe(first.id);
    expect(await nextDue(500)).toBeUndefined();
  });

  it('walks pending → uploading → pending (retry) → uploading → synced and drops the local bytes', async () => {
    const { id } = await enqueue({ meta, png: tinyPng(), ownerId: null, now: 1_000 });
    expect((await claimForUpload(id))?.status).toBe('uploading');
    expect(await claimForUpload(id)).toBeUndefined(); // never claimed twice
    expect(await markRetry(id, 'network_error', 3_000)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'network_error',
      nextAttemptAt: 3_000,
    });
    expect(await nextDue(2_999)).toBeUndefined();
    expect(await nextWakeAt()).toBe(3_000);
    await claimForUpload(id);
    const synced = await markSynced(id, receipt);
    expect(synced).toMatchObject({ status: 'synced', receipt, attempts: 1 });
    expect(synced).not.toHaveProperty('lastError');
    expect(await getScreenshot(id)).toBeUndefined();
    expect(await nextWakeAt()).toBeUndefined();
  });

  it('settles a final error as failed, and Retry restarts it from attempt 0', async () => {
    const { id } = await enqueue({ meta, png: tinyPng(), ownerId: null, now: 1_000 });
    expect(await markFailed(id, 'validation_failed')).toBeUndefined(); // only from uploading
    await claimForUpload(id);
    expect(await markFailed(id, 'validation_failed')).toMatchObject({ status: 'failed', lastError: 'validation_failed' });
    expect(await retryEntry(id, 9_000)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: 9_000 });
  });

  it('deletes only settled entries', async () => {
    const { id } = await enqueue({ meta, png: tinyPng(), ownerId: null });
    expect(await removeEntry(id)).toBe(false);
    await claimForUpload(id);
    await markFailed(id, 'validation_failed');
    expect(await removeEntry(id)).toBe(true);
    expect(await getEntry(id)).toBeUndefined();
    expect(await getScreenshot(id)).toBeUndefined();
  });

  it('treats an entry left uploading by a killed worker as pending', async () => {
    const { id } = await enqueue({ meta, png: tinyPng(), ownerId: null, now: 1_000 });
    await claimForUpload(id);
    await closeQueueDb();
    expect(await recoverInterrupted(4_000)).toBe(1);
    expect(await getEntry(id)).toMatchObject({ status: 'pending', nextAttemptAt: 4_000 });
  });

  it("requeues auth_required entries only for their owner after login", async () => {
    const mine = await enqueue({ meta, png: tinyPng(), ownerId: 'user-1' });
    const theirs = await enqueue({ meta, png: tinyPng(), ownerId: 'user-2' });
    await markAuthRequired(mine.id, 'unauthenticated');
    await markAuthRequired(theirs.id, 'unauthenticated');
    expect(await requeueAuthRequired('user-1', 7_000)).toBe(1);
    expect(await getEntry(mine.id)).toMatchObject({ status: 'pending', nextAttemptAt: 7_000 });
    expect((await getEntry(theirs.id))?.status).toBe('auth_required');
  });

  it('"sync now" makes waiting entries due immediately', async () => {
    const { id } = await enqueue({ meta, png: tinyPng(), ownerId: null, now: 1_000 });
    await claimForUpload(id);
    await markRetry(id, 'service_unavailable', 60_000);
    expect(await makePendingDue(2_000)).toBe(1);
    expect((await nextDue(2_000))?.id).toBe(id);
  });

  it("holds, releases and parks only the given user's waiting entries", async () => {
    const mine = await enqueue({ meta, png: tinyPng(), ownerId: 'user-1', now: 1_000 });
    const theirs = await enqueue({ meta, png: tinyPng(), ownerId: 'user-2', now: 1_000 });
    expect(await holdForAgreement('user-1')).toBe(1);
    expect(await getEntry(mine.id)).toMatchObject({ status: 'agreement_required', lastError: 'agreement_acceptance_required' });
    expect((await getEntry(theirs.id))?.status).toBe('pending');
    expect(await nextWakeAt()).toBe(1_000); // a held entry never wakes the worker

    expect(await releaseAgreementHold('user-2', 5_000)).toBe(0);
    expect(await releaseAgreementHold('user-1', 5_000)).toBe(1);
    const released = await getEntry(mine.id);
    expect(released).toMatchObject({ status: 'pending', nextAttemptAt: 5_000, attempts: 0 });
    expect(released?.lastError).toBeUndefined();

    await holdForAgreement('user-1');
    expect(await parkForSignIn('user-1', 'account_frozen')).toBe(1);
    expect(await getEntry(mine.id)).toMatchObject({ status: 'auth_required', lastError: 'account_frozen' });
    expect((await getEntry(theirs.id))?.status).toBe('pending');
  });

  it('defers every pending entry to a common time without counting an attempt', async () => {
    const early = await enqueue({ meta, png: tinyPng(), ownerId: null, now: 1_000 });
    const late = await enqueue({ meta, png: tinyPng(), ownerId: null, now: 9_000 });
    expect(await deferPending(5_000)).toBe(1);
    expect(await getEntry(early.id)).toMatchObject({ nextAttemptAt: 5_000, attempts: 0, status: 'pending' });
    expect((await getEntry(late.id))?.nextAttemptAt).toBe(9_000);
  });

  it('finds the next due entry by index in the same order as a scan of the whole queue, and counts the unsynced', async () => {
    // Capture times with ties, due times out of capture order, and every status.
    const ids: string[] = [];
    for (let i = 0; i < 24; i += 1) {
      const { id } = await enqueue({ meta, png: tinyPng(), ownerId: null, now: 1_000 + Math.floor(i / 3) * 100 });
      ids.push(id);
      if (i % 4 === 1) {
        await claimForUpload(id);
        await markRetry(id, 'network_error', 9_000 - i * 150);
      } else if (i % 6 === 2) {
        await claimForUpload(id);
        await markSynced(id, { ...receipt, id: `cap-${i}` });
      } else if (i % 7 === 3) {
        await claimForUpload(id);
        await markFailed(id, 'validation_failed');
      } else if (i % 11 === 5) {
        await claimForUpload(id);
      }
    }
    const scanned = async (now: number) =>
      (await listEntries()).reverse().find((e) => e.status === 'pending' && e.nextAttemptAt <= now);
    for (const now of [500, 1_000, 1_450, 5_000, 6_000, 7_800, 9_000, 20_000]) {
      expect((await nextDue(now))?.id).toBe((await scanned(now))?.id);
    }
    const pendingTimes = (await listEntries()).filter((e) => e.status === 'pending').map((e) => e.nextAttemptAt);
    expect(await nextWakeAt()).toBe(Math.min(...pendingTimes));
    expect(await countUnsynced()).toBe((await listEntries()).filter((e) => e.status !== 'synced').length);

    // Draining by claims hands out every pending entry once, in the scan's order.
    const expected = (await listEntries()).reverse().filter((e) => e.status === 'pending').map((e) => e.id);
    const drained: string[] = [];
    for (let entry = await claimNextDue(20_000); entry; entry = await claimNextDue(20_000)) drained.push(entry.id);
    expect(expected.length).toBeGreaterThan(5);
    expect(drained).toEqual(expected);
  });

  it('claims each due entry once when claims race, and skips the ones it is told to', async () => {
    const entries = [];
    for (let i = 0; i < 6; i += 1) entries.push(await enqueue({ meta, png: tinyPng(), ownerId: null, now: 1_000 + i }));
    const skip = new Set([entries[0]!.id]);
    const claimed = await Promise.all(Array.from({ length: 8 }, () => claimNextDue(5_000, skip)));
    const ids = claimed.flatMap((entry) => (entry ? [entry.id] : []));
    expect(ids.sort()).toEqual(entries.slice(1).map((e) => e.id).sort());
    expect(claimed.filter((entry) => entry === undefined)).toHaveLength(3);
    expect((await getEntry(entries[0]!.id))?.status).toBe('pending');
    for (const id of ids) expect((await getEntry(id))?.status).toBe('uploading');
  });

  it('keeps every entry and its bytes when upgrading a version 3 queue', async () => {
    const legacy: QueueEntry[] = [
      { id: 'a', meta, status: 'pending', attempts: 2, nextAttemptAt: 4_000, createdAt: 1_000, ownerId: 'user-1', byteLength: 3, lastError: 'network_error' },
      { id: 'b', meta, status: 'synced', attempts: 0, nextAttemptAt: 2_000, createdAt: 2_000, ownerId: 'user-1', byteLength: 3, receipt },
      { id: 'c', meta, status: 'pending', attempts: 0, nextAttemptAt: 3_000, createdAt: 3_000, ownerId: null, byteLength: 3 },
      { id: 'd', meta, status: 'uploading', attempts: 0, nextAttemptAt: 500, createdAt: 500, ownerId: null, byteLength: 3 },
    ];
    // The schema exactly as version 3 created it.
    const v3 = await openDB('openipp-queue', 3, {
      upgrade(database) {
        database.createObjectStore('entries', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
        database.createObjectStore('screenshots', { keyPath: 'id' });
        database.createObjectStore('previews', { keyPath: 'id' });
        database.createObjectStore('artefacts', { keyPath: 'key' });
      },
    });
    for (const entry of legacy) await v3.put('entries', entry);
    await v3.put('screenshots', { id: 'a', png: new Uint8Array([1, 2, 3]).buffer });
    await v3.put('artefacts', { key: `a/${'f'.repeat(64)}`, bytes: new Uint8Array([4, 5]).buffer });
    v3.close();

    expect(QUEUE_DB_VERSION).toBe(4);
    for (const entry of legacy) expect(await getEntry(entry.id)).toEqual(entry);
    expect(new Uint8Array((await getScreenshot('a'))!)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await storedArtefacts('a')).toEqual(['f'.repeat(64)]);
    // The new indexes hold the old entries.
    expect(await countUnsynced()).toBe(3);
    expect(await nextWakeAt()).toBe(3_000);
    expect((await nextDue(3_500))?.id).toBe('c');
    expect((await nextDue(4_000))?.id).toBe('a');
    expect(await recoverInterrupted(600)).toBe(1);
    expect((await nextDue(600))?.id).toBe('d');
  });
});
