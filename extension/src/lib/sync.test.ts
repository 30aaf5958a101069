import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProfile } from '@/test/reset';
import { startBackendDouble, TEST_PASSWORD, TEST_USER, tinyPng, type BackendDouble } from '@/test/backend-double';
import { uploadCapture } from './api';
import { signIn } from './auth';
import type { DeclaredArtefact } from '@openipp/shared';
import { claimForUpload, enqueue, getEntry, getScreenshot, listEntries, recoverInterrupted, retryEntry, sha256Hex, storedArtefacts, type QueueEntry } from './queue';
import { agreementHoldItem, backendUrlItem, sessionItem, signInNoticeItem } from './storage';
import { createSyncer, SYNC_ALARM, UPLOAD_CONCURRENCY, type Syncer, type SyncerOptions } from './sync';

const meta = {
  url: 'https://item.taobao.com/item.htm?id=42',
  title: 'Counterfeit bag',
  capturedAt: '2026-01-02T03:04:05.000Z',
  viewport: { width: 1280, height: 720 },
  devicePixelRatio: 1,
};

let backend: BackendDouble;
let syncer: Syncer | undefined;
let clock: number;

beforeEach(async () => {
  await resetProfile();
  backend = await startBackendDouble();
  clock = Date.now();
  await backendUrlItem.setValue(backend.url);
  await sessionItem.setValue({
    token: 'token-abc',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    user: TEST_USER,
  });
});

afterEach(async () => {
  syncer?.dispose();
  syncer = undefined;
  await backend.close();
});

/** A syncer on a clock the test moves; random 0 = the longest jittered delay. */
function manualSyncer(options: Pick<SyncerOptions, 'inlineArtefactBytes'> = {}): Syncer {
  syncer = createSyncer({ now: () => clock, random: () => 0, ...options });
  return syncer;
}

async function capture(ownerId: string | null = TEST_USER.id): Promise<QueueEntry> {
  return enqueue({ meta, png: tinyPng(), ownerId, now: clock });
}

describe('sync', () => {
  it('uploads a pending capture once and stores the receipt (201)', async () => {
    const entry = await capture();
    await manualSyncer().run();
    const synced = await getEntry(entry.id);
    expect(synced?.status).toBe('synced');
    expect(backend.uploads).toHaveLength(1);
    expect(backend.uploads[0]).toMatchObject({ idempotencyKey: entry.id, meta, authorization: 'Bearer token-abc' });
    expect(synced?.receipt?.sha256).toBe(backend.uploads[0]!.sha256);
    // Nothing left to do: no further request, no alarm kept.
    await syncer!.run();
    expect(backend.uploads).toHaveLength(1);
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeUndefined();
  });

  it('keeps the entry pending with backoff on 503, arms the alarm, and retries with the same key', async () => {
    backend.script('/api/captures', { kind: 'problem', status: 503, code: 'service_unavailable' });
    const entry = await capture();
    const s = manualSyncer();
    await s.run();
    expect(await getEntry(entry.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'service_unavailable',
      nextAttemptAt: clock + 1_000,
    });
    const alarm = await fakeBrowser.alarms.get(SYNC_ALARM);
    expect(alarm?.periodInMinutes).toBeGreaterThanOrEqual(0.5);

    await s.run(); // not due yet: no request
    expect(backend.uploads).toHaveLength(1);

    clock += 1_000;
    await s.run();
    expect((await getEntry(entry.id))?.status).toBe('synced');
    expect(backend.uploads.map((u) => u.idempotencyKey)).toEqual([entry.id, entry.id]);
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeUndefined();
  });

  it('backs off exponentially across repeated network failures and 429s', async () => {
    backend.script(
      '/api/captures',
      { kind: 'drop' },
      { kind: 'problem', status: 500, code: 'internal_error' },
      { kind: 'problem', status: 429, code: 'rate_limited' },
    );
    const entry = await capture();
    const s = manualSyncer();
    const waits: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await s.run();
      const pending = (await getEntry(entry.id))!;
      expect(pending.status).toBe('pending');
      waits.push(pending.nextAttemptAt - clock);
      clock = pending.nextAttemptAt;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000]);
    expect((await getEntry(entry.id))?.lastError).toBe('rate_limited');
    await s.run();
    expect((await getEntry(entry.id))?.status).toBe('synced');
    expect(new Set(backend.uploads.map((u) => u.idempotencyKey))).toEqual(new Set([entry.id]));
    expect(backend.uploads).toHaveLength(4);
  });

  it('retries by itself on a timer while the worker lives', async () => {
    backend.script('/api/captures', { kind: 'problem', status: 503, code: 'service_unavailable' });
    syncer = createSyncer({ random: () => 1 }); // real clock; shortest jitter = 750 ms
    const entry = await capture();
    await syncer.run();
    expect((await getEntry(entry.id))?.status).toBe('pending');
    await expect.poll(async () => (await getEntry(entry.id))?.status, { timeout: 3_000, interval: 100 }).toBe('synced');
    expect(backend.uploads.map((u) => u.idempotencyKey)).toEqual([entry.id, entry.id]);
  });

  it('parks the entry as auth_required on 401, drops the dead session, and resumes after login', async () => {
    backend.script('/api/captures', { kind: 'problem', status: 401, code: 'session_expired' });
    const entry = await capture();
    const s = manualSyncer();
    await s.run();
    expect(await getEntry(entry.id)).toMatchObject({ status: 'auth_required', lastError: 'session_expired' });
    expect(await sessionItem.getValue()).toBeNull();

    await signIn({ email: TEST_USER.email, password: TEST_PASSWORD });
    clock = Date.now();
    expect((await getEntry(entry.id))?.status).toBe('pending');
    await s.run();
    expect((await getEntry(entry.id))?.status).toBe('synced');
    expect(backend.uploads.map((u) => u.idempotencyKey)).toEqual([entry.id, entry.id]);
  });

  it('marks a rejected capture failed with the server code and does not retry it (422)', async () => {
    backend.script('/api/captures', { kind: 'problem', status: 422, code: 'idempotency_key_reused' });
    const entry = await capture();
    const s = manualSyncer();
    await s.run();
    expect(await getEntry(entry.id)).toMatchObject({ status: 'failed', lastError: 'idempotency_key_reused', attempts: 1 });
    clock += 3600_000;
    await s.run();
    expect(backend.uploads).toHaveLength(1);
  });

  it('re-uploads an entry a killed worker left uploading, and gets the first receipt back', async () => {
    const entry = await capture();
    // The crash window: a previous worker's upload reached the server, but it died before recording that.
    await claimForUpload(entry.id);
    const first = await uploadCapture(
      { baseUrl: backend.url, token: 'token-abc' },
      { idempotencyKey: entry.id, meta, png: tinyPng() },
    );
    expect(first.replayed).toBe(false);

    expect(await recoverInterrupted(clock)).toBe(1);
    await manualSyncer().run();
    expect(await getEntry(entry.id)).toMatchObject({ status: 'synced', receipt: first.receipt });
    expect(backend.uploads.map((u) => u.idempotencyKey)).toEqual([entry.id, entry.id]);
  });

  it('uploads nothing without a session and waits for a login', async () => {
    await sessionItem.setValue(null);
    const entry = await capture();
    await manualSyncer().run();
    expect(await getEntry(entry.id)).toMatchObject({ status: 'auth_required', lastError: 'unauthenticated' });
    expect(backend.requests).toHaveLength(0);
  });

  it("never uploads one user's capture under another user's session", async () => {
    const entry = await capture('someone-else');
    await manualSyncer().run();
    expect(await getEntry(entry.id)).toMatchObject({ status: 'auth_required', lastError: 'other_user' });
    expect(backend.requests).toHaveLength(0);
  });

  it('keeps captures pending through maintenance, waits out Retry-After, then uploads', async () => {
    backend.state.maintenance = { enabled: true, message: null, retryAfterSeconds: 120 };
    const first = await capture();
    clock += 1;
    const second = await capture();
    const s = manualSyncer();
    await s.run();
    // Only one write was tried: maintenance pauses the whole queue, not just the refused entry.
    expect(backend.requests.filter((r) => r.path === '/api/captures')).toHaveLength(1);
    expect(await getEntry(first.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'maintenance',
      nextAttemptAt: clock + 120_000,
    });
    expect(await getEntry(second.id)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: clock + 120_000 });
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeDefined();

    clock += 119_000;
    await s.run();
    expect(backend.requests.filter((r) => r.path === '/api/captures')).toHaveLength(1);

    backend.state.maintenance.enabled = false;
    clock += 1_000;
    await s.run();
    expect((await getEntry(first.id))?.status).toBe('synced');
    expect((await getEntry(second.id))?.status).toBe('synced');
  });

  it('on 401 account_frozen drops the token, leaves the notice, and parks every waiting capture', async () => {
    const first = await capture();
    clock += 1;
    const second = await capture();
    backend.state.frozen = true;
    await manualSyncer().run();
    expect(await sessionItem.getValue()).toBeNull();
    expect(await signInNoticeItem.getValue()).toMatchObject({ reason: 'account_frozen', email: TEST_USER.email });
    expect(await getEntry(first.id)).toMatchObject({ status: 'auth_required', lastError: 'account_frozen' });
    expect(await getEntry(second.id)).toMatchObject({ status: 'auth_required', lastError: 'account_frozen' });
    expect(backend.requests.filter((r) => r.path === '/api/captures')).toHaveLength(1);

    // While frozen, the right password is refused too, and the notice stays.
    await expect(signIn({ email: TEST_USER.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'account_frozen' });
    expect(await signInNoticeItem.getValue()).toMatchObject({ reason: 'account_frozen' });

    // An admin unfreezes after review; the same user signs in and the evidence uploads.
    backend.state.frozen = false;
    await signIn({ email: TEST_USER.email, password: TEST_PASSWORD });
    expect(await signInNoticeItem.getValue()).toBeNull();
    clock = Date.now();
    await syncer!.run();
    expect((await getEntry(first.id))?.status).toBe('synced');
    expect((await getEntry(second.id))?.status).toBe('synced');
  });

  it('does not upload while an agreement hold is set for this user, and makes no request', async () => {
    await agreementHoldItem.setValue({ userId: TEST_USER.id, version: 2 });
    const entry = await capture();
    await manualSyncer().run();
    expect(await getEntry(entry.id)).toMatchObject({ status: 'agreement_required', attempts: 0 });
    expect(backend.requests).toHaveLength(0);
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeUndefined();
  });
});

describe('sync of captures with several artefacts (issue #7)', () => {
  /** Distinct byte strings standing in for tiles and an MHTML archive: the double checks hashes, not content. */
  const bytesOf = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
  const hashOf = async (bytes: ArrayBuffer) => sha256Hex(bytes);

  async function captureWithArtefacts(): Promise<{ entry: QueueEntry; artefacts: { sha256: string; bytes: ArrayBuffer }[] }> {
    const raw = [bytesOf('tile 1'), bytesOf('tile 2'), bytesOf('From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n')];
    const artefacts = await Promise.all(raw.map(async (bytes) => ({ sha256: await hashOf(bytes), bytes })));
    const declared: DeclaredArtefact[] = [
      { kind: 'tile', sha256: artefacts[0]!.sha256, bytes: raw[0]!.byteLength, mime: 'image/png', sequence: 1 },
      { kind: 'tile', sha256: artefacts[1]!.sha256, bytes: raw[1]!.byteLength, mime: 'image/png', sequence: 2 },
      { kind: 'page_archive', sha256: artefacts[2]!.sha256, bytes: raw[2]!.byteLength, mime: 'multipart/related' },
    ];
    const entry = await enqueue({
      meta: { ...meta, artefacts: declared },
      png: tinyPng(),
      ownerId: TEST_USER.id,
      now: clock,
      artefacts: new Map(artefacts.map((a) => [a.sha256, a.bytes])),
      archive: 'saved',
    });
    return { entry, artefacts };
  }

  const putPath = (id: string, sha: string) => `/api/captures/${id}/artefacts/${sha}`;

  /** Every artefact by its own PUT, as for captures too large to send inline. */
  const putOnly = { inlineArtefactBytes: 0 };

  it('uploads the capture, then each artefact once, and lets go of the bytes only when all are receipted', async () => {
    const { entry, artefacts } = await captureWithArtefacts();
    await manualSyncer(putOnly).run();
    const synced = (await getEntry(entry.id))!;
    expect(synced.status).toBe('synced');
    expect(synced.receipt).toMatchObject({ id: 'cap-1', state: 'receipted' });
    expect(backend.uploads).toHaveLength(1);
    expect(backend.artefactUploads.map((u) => [u.sha256, u.actual, u.status])).toEqual(artefacts.map((a) => [a.sha256, a.sha256, 201]));
    expect(await storedArtefacts(entry.id)).toEqual([]);
    expect(await getScreenshot(entry.id)).toBeUndefined();
  });

  it('resumes a half-uploaded capture sending only what the server lacks', async () => {
    const { entry, artefacts } = await captureWithArtefacts();
    // The connection drops on the second artefact: the first is in, the capture itself too.
    backend.script(putPath('cap-1', artefacts[1]!.sha256), { kind: 'drop' });
    const s = manualSyncer(putOnly);
    await s.run();
    const half = (await getEntry(entry.id))!;
    expect(half).toMatchObject({ status: 'pending', attempts: 1, lastError: 'network_error' });
    expect(half.receipt).toMatchObject({ id: 'cap-1', state: 'incomplete', missing: [artefacts[1]!.sha256, artefacts[2]!.sha256] });
    // What the server holds is no longer kept twice; what it lacks stays.
    expect(await getScreenshot(entry.id)).toBeUndefined();
    expect((await storedArtefacts(entry.id)).sort()).toEqual([artefacts[1]!.sha256, artefacts[2]!.sha256].sort());

    // A new worker (the old one was stopped mid-way) carries on.
    await recoverInterrupted(clock);
    clock = half.nextAttemptAt;
    await s.run();
    expect((await getEntry(entry.id))?.status).toBe('synced');
    // No second POST, and the first artefact was not sent again.
    expect(backend.uploads).toHaveLength(1);
    expect(backend.artefactUploads.map((u) => u.sha256)).toEqual(artefacts.map((a) => a.sha256));
    expect(backend.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([
      putPath('cap-1', artefacts[0]!.sha256),
      putPath('cap-1', artefacts[1]!.sha256),
      putPath('cap-1', artefacts[1]!.sha256),
      putPath('cap-1', artefacts[2]!.sha256),
    ]);
  });

  it('keeps an entry the server refused with hash_mismatch: failed with the reason, bytes kept, never retried by itself', async () => {
    const { entry, artefacts } = await captureWithArtefacts();
    backend.script(putPath('cap-1', artefacts[2]!.sha256), { kind: 'problem', status: 422, code: 'hash_mismatch' });
    const s = manualSyncer(putOnly);
    await s.run();
    const failed = (await getEntry(entry.id))!;
    expect(failed).toMatchObject({ status: 'failed', lastError: 'hash_mismatch' });
    expect(await storedArtefacts(entry.id)).toEqual([artefacts[2]!.sha256]);
    expect(await listEntries()).toHaveLength(1);
    clock += 600_000;
    await s.run();
    expect(backend.requests.filter((r) => r.method === 'PUT')).toHaveLength(3);
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeUndefined();

    // The user's retry sends only the refused artefact again, and completes the capture.
    await retryEntry(entry.id, clock);
    await s.run();
    expect((await getEntry(entry.id))?.status).toBe('synced');
    expect(backend.uploads).toHaveLength(1);
    expect(backend.artefactUploads.map((u) => u.sha256)).toEqual(artefacts.map((a) => a.sha256));
  });

  it('sends small artefacts inside the capture upload: one request, receipted, every byte let go', async () => {
    const { entry, artefacts } = await captureWithArtefacts();
    await manualSyncer().run();
    const synced = (await getEntry(entry.id))!;
    expect(synced).toMatchObject({ status: 'synced', receipt: { id: 'cap-1', state: 'receipted' } });
    expect(backend.uploads).toHaveLength(1);
    // Named by the hash each was declared under, and carrying exactly those bytes.
    expect(backend.uploads[0]!.inline).toEqual(artefacts.map((a) => ({ sha256: a.sha256, actual: a.sha256 })));
    expect(backend.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(await storedArtefacts(entry.id)).toEqual([]);
    expect(await getScreenshot(entry.id)).toBeUndefined();
  });

  it('sends inline only what fits the budget, in declared order; the rest follow by PUT', async () => {
    const { entry, artefacts } = await captureWithArtefacts();
    // Room for the first two (6 bytes each), not the archive.
    await manualSyncer({ inlineArtefactBytes: 12 }).run();
    expect((await getEntry(entry.id))?.status).toBe('synced');
    expect(backend.uploads[0]!.inline.map((part) => part.sha256)).toEqual([artefacts[0]!.sha256, artefacts[1]!.sha256]);
    expect(backend.artefactUploads.map((u) => u.sha256)).toEqual([artefacts[2]!.sha256]);
  });

  it('keeps an entry whose inline artefact the server refused with hash_mismatch: failed, every byte kept for a retry', async () => {
    const { entry, artefacts } = await captureWithArtefacts();
    backend.script('/api/captures', { kind: 'problem', status: 422, code: 'hash_mismatch' });
    await manualSyncer().run();
    expect(await getEntry(entry.id)).toMatchObject({ status: 'failed', lastError: 'hash_mismatch' });
    expect(await getScreenshot(entry.id)).toBeDefined();
    expect((await storedArtefacts(entry.id)).sort()).toEqual(artefacts.map((a) => a.sha256).sort());
    // The user's retry goes through with the same key, still in one request.
    await retryEntry(entry.id, clock);
    await syncer!.run();
    expect((await getEntry(entry.id))?.status).toBe('synced');
    expect(backend.uploads.map((u) => u.idempotencyKey)).toEqual([entry.id, entry.id]);
    expect(backend.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('uploads a few at once, never one entry twice, even with two syncers on one queue', async () => {
    const entries: QueueEntry[] = [];
    for (let i = 0; i < 12; i += 1) entries.push(await capture());
    // Watches the capture uploads in flight; every request still goes to the backend.
    const realFetch = globalThis.fetch;
    let inFlight = 0;
    let maxInFlight = 0;
    globalThis.fetch = async (input, init) => {
      const counted = String(input).endsWith('/api/captures') && init?.method === 'POST';
      if (counted) maxInFlight = Math.max(maxInFlight, (inFlight += 1));
      try {
        return await realFetch(input, init);
      } finally {
        if (counted) inFlight -= 1;
      }
    };
    try {
      await manualSyncer().run();
      expect(maxInFlight).toBeGreaterThan(1);
      expect(maxInFlight).toBeLessThanOrEqual(UPLOAD_CONCURRENCY);
      expect(backend.uploads.map((u) => u.idempotencyKey).sort()).toEqual(entries.map((e) => e.id).sort());

      // A second context syncing the same queue at the same time: each entry still goes up once.
      const more: QueueEntry[] = [];
      for (let i = 0; i < 12; i += 1) more.push(await capture());
      const other = createSyncer({ now: () => clock, random: () => 0 });
      try {
        await Promise.all([syncer!.run(), other.run()]);
      } finally {
        other.dispose();
      }
    } finally {
      globalThis.fetch = realFetch;
    }
    const keys = backend.uploads.map((u) => u.idempotencyKey);
    expect(keys).toHaveLength(24);
    expect(new Set(keys).size).toBe(24);
    for (const entry of await listEntries()) expect(entry.status).toBe('synced');
  });

  it('drains the queue in capture order, one at a time, while the first upload of a pass fails', async () => {
    backend.script('/api/captures', { kind: 'problem', status: 503, code: 'service_unavailable' });
    const entries: QueueEntry[] = [];
    for (let i = 0; i < 4; i += 1) entries.push(await enqueue({ meta, png: tinyPng(), ownerId: TEST_USER.id, now: clock - 10 + i }));
    await manualSyncer().run();
    // The first is refused and waits out its backoff; the rest go up after it, in capture order.
    expect(backend.uploads.map((u) => u.idempotencyKey)).toEqual(entries.map((e) => e.id));
    expect(await getEntry(entries[0]!.id)).toMatchObject({ status: 'pending', attempts: 1 });
    for (const entry of entries.slice(1)) expect((await getEntry(entry.id))?.status).toBe('synced');
  });
});
