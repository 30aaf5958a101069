import { beforeEach, describe, expect, it } from 'vitest';
import { resetProfile } from '@/test/reset';
import { tinyPng } from '@/test/backend-double';
import { createHash } from 'node:crypto';
import {
  claimForUpload,
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
});
