import type { SyncChanges } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../lib/crypto';
import { requestInfo } from '../../services/info-requests';
import { claimComplaint } from '../../services/review/claims';
import { demoFiler, fileComplaint, signIn, type Filer, type Staff } from '../../testing/filing';
import { bearer, cookieHeaders, createHarness, loginBearer, loginCookie, type Harness } from '../../testing/harness';

let h: Harness;
let owner: Filer;
let reviewer: Staff;
let monitor: string;
let seller: Staff;

const DAY_MS = 24 * 60 * 60 * 1000;

async function pull(token: string, cursor?: string, limit?: number): Promise<Response> {
  const params = new URLSearchParams();
  if (cursor !== undefined) params.set('cursor', cursor);
  if (limit !== undefined) params.set('limit', String(limit));
  return h.app.request(`/api/sync/changes?${params.toString()}`, { headers: bearer(token) });
}

async function page(token: string, cursor?: string, limit?: number): Promise<SyncChanges> {
  const res = await pull(token, cursor, limit);
  expect(res.status).toBe(200);
  return (await res.json()) as SyncChanges;
}

interface Seen {
  cursor: string | undefined;
  pages: SyncChanges[];
  /** Every record as sent, in order, so a record sent twice shows twice. */
  ids: string[];
  complaints: Map<string, SyncChanges['complaints'][number]>;
  infoRequests: Map<string, SyncChanges['infoRequests'][number]>;
  messages: Map<string, SyncChanges['messages'][number]>;
}

/** Pulls until no page waits, merging by id as a client does; `between` runs after each page. */
async function pullAll(token: string, options: { cursor?: string; limit?: number; between?: (n: number) => Promise<void> } = {}): Promise<Seen> {
  const seen: Seen = { cursor: options.cursor, pages: [], ids: [], complaints: new Map(), infoRequests: new Map(), messages: new Map() };
  for (let n = 0; n < 1_000; n++) {
    const changes = await page(token, seen.cursor, options.limit);
    seen.pages.push(changes);
    for (const complaint of changes.complaints) (seen.ids.push(complaint.id), seen.complaints.set(complaint.id, complaint));
    for (const request of changes.infoRequests) (seen.ids.push(request.id), seen.infoRequests.set(request.id, request));
    for (const message of changes.messages) (seen.ids.push(message.id), seen.messages.set(message.id, message));
    seen.cursor = changes.cursor;
    await options.between?.(n);
    if (!changes.hasMore) return seen;
  }
  throw new Error('the feed never ended');
}

/** What the database holds for the demo brand's owner, read apart from the feed. */
function stored() {
  const tenantId = owner.principal.tenant.id;
  return {
    complaints: Object.fromEntries(h.db.rows<{ id: string; state: string }>('select id, state from complaints where tenant_id = ?', tenantId).map((row) => [row.id, row.state])),
    listings: h.db.rows<{ id: string; outcome: string }>('select id, outcome from complaint_listings where tenant_id = ? order by id', tenantId),
    infoRequests: Object.fromEntries(
      h.db.rows<{ id: string; resolved_at: number | null }>('select id, resolved_at from info_requests where tenant_id = ?', tenantId).map((row) => [row.id, row.resolved_at]),
    ),
    messages: Object.fromEntries(
      h.db.rows<{ id: string; read_at: number | null }>('select id, read_at from messages where user_id = ?', owner.principal.user.id).map((row) => [row.id, row.read_at]),
    ),
  };
}

/** The same shape, from what the client merged. */
function merged(seen: Seen) {
  return {
    complaints: Object.fromEntries([...seen.complaints.values()].map((complaint) => [complaint.id, complaint.state])),
    listings: [...seen.complaints.values()]
      .flatMap((complaint) => complaint.listings.map(({ id, outcome }) => ({ id, outcome })))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    infoRequests: Object.fromEntries(
      [...seen.infoRequests.values()].map((request) => [request.id, request.response ? Date.parse(request.response.respondedAt) : request.expiredAt ? Date.parse(request.expiredAt) : null]),
    ),
    messages: Object.fromEntries([...seen.messages.values()].map((message) => [message.id, message.readAt === null ? null : Date.parse(message.readAt)])),
  };
}

async function waitOnMaterial(complaintId: string): Promise<void> {
  await claimComplaint(h.runtime.store, reviewer.principal, complaintId);
  await requestInfo(h.runtime.store, reviewer.principal, complaintId, {
    deficiencies: ['listing_evidence'],
    message: 'Please add a capture that shows the logo.',
    deadline: new Date(Date.now() + 7 * DAY_MS).toISOString(),
  });
}

beforeAll(async () => {
  h = await createHarness();
  owner = await demoFiler(h);
  reviewer = await signIn(h, 'reviewer@demo.test');
  monitor = await loginBearer(h, 'monitor@demo.test');
  seller = await signIn(h, 'seller@demo.test');
  await fileComplaint(h, owner, 2);
  const waiting = await fileComplaint(h, owner, 1);
  await waitOnMaterial(waiting.id);
  // Another tenant's complaint and another user's message: neither may reach the owner.
  const now = Date.now();
  await h.runtime.store.transaction(async (tx) => {
    await tx.insertComplaint({
      id: uuidv7(now),
      tenantId: seller.principal.tenant.id,
      explanation: 'not the demo brand',
      goodFaith: true,
      accuracy: true,
      state: 'draft',
      createdAt: now,
      createdBy: seller.principal.user.id,
      updatedAt: now,
    });
    await tx.insertMessage({
      id: uuidv7(now),
      userId: seller.principal.user.id,
      tenantId: seller.principal.tenant.id,
      kind: 'shop_decided',
      titleZh: '店铺认领已审核',
      titleEn: 'Shop claim decided',
      bodyZh: '—',
      bodyEn: '—',
      createdAt: now,
    });
  });
}, 60_000);
afterAll(() => h.close());

describe('GET /api/sync/changes', () => {
  it('refuses a caller without a session (401), a cursor it did not issue (400) and staff (404)', async () => {
    expect((await h.app.request('/api/sync/changes')).status).toBe(401);
    for (const cursor of ['nonsense', Buffer.from('s1.-4').toString('base64url'), Buffer.from('s1.01').toString('base64url')]) {
      const res = await pull(owner.token, cursor);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
    }
    expect((await pull(owner.token, undefined, 0)).status).toBe(400);
    expect((await pull(owner.token, undefined, 101)).status).toBe(400);
    const staff = await pull(reviewer.token);
    expect(staff.status).toBe(404);
    expect(((await staff.json()) as { code: string }).code).toBe('not_found');
  });

  it('answers a cookie session too (a GET needs no CSRF token)', async () => {
    const session = await loginCookie(h, 'owner@demo.test');
    const res = await h.app.request('/api/sync/changes?limit=1', { headers: cookieHeaders(session, false) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('pages through the tenant’s complaints and requests and the user’s messages, each exactly once, then nothing', async () => {
    const whole = await pullAll(owner.token);
    const paged = await pullAll(owner.token, { limit: 1 });
    // One record per page at limit 1: every page but the last is full, and no record comes twice.
    expect(paged.pages.slice(0, -1).every((p) => p.complaints.length + p.infoRequests.length + p.messages.length === 1)).toBe(true);
    expect(new Set(paged.ids).size).toBe(paged.ids.length);
    expect([...paged.ids].sort()).toEqual([...whole.ids].sort());
    expect(merged(paged)).toEqual(stored());
    expect(Object.keys(stored().complaints)).toHaveLength(2);
    expect(Object.keys(stored().infoRequests)).toHaveLength(1);
    expect(Object.keys(stored().messages).length).toBeGreaterThan(0);
    const request = [...paged.infoRequests.values()][0]!;
    expect(request.response).toBeNull();
    expect(paged.complaints.get(request.complaintId)?.state).toBe('needs_info');

    // At the end: the same cursor back, nothing more.
    const after = await page(owner.token, paged.cursor);
    expect(after).toEqual({ complaints: [], infoRequests: [], messages: [], cursor: paged.cursor, hasMore: false });
  });

  it('misses no write made between pages, and the merged result is what is stored', async () => {
    const seen = await pullAll(owner.token);
    const filed: string[] = [];
    // A write after each of the first pages: new complaints, a request for material, messages read.
    const writes = [
      async () => void filed.push((await fileComplaint(h, owner, 1)).id),
      async () => void filed.push((await fileComplaint(h, owner, 2)).id),
      () => waitOnMaterial(filed[0]!),
      async () => {
        const unread = h.db.rows<{ id: string }>('select id from messages where user_id = ? and read_at is null', owner.principal.user.id);
        expect(unread.length).toBeGreaterThan(0);
        for (const { id } of unread) expect((await h.app.request(`/api/messages/${id}/read`, { method: 'POST', headers: bearer(owner.token) })).status).toBe(204);
      },
    ];
    const sentAfterStart: string[] = [];
    for (let n = 0; ; n++) {
      const changes = await page(owner.token, seen.cursor, 1);
      for (const complaint of changes.complaints) (sentAfterStart.push(complaint.id), seen.complaints.set(complaint.id, complaint));
      for (const request of changes.infoRequests) (sentAfterStart.push(request.id), seen.infoRequests.set(request.id, request));
      for (const message of changes.messages) (sentAfterStart.push(message.id), seen.messages.set(message.id, message));
      seen.cursor = changes.cursor;
      if (n < writes.length) await writes[n]!();
      else if (!changes.hasMore) break;
    }
    expect(merged(seen)).toEqual(stored());
    expect(seen.complaints.get(filed[0]!)?.state).toBe('needs_info');
    for (const message of seen.messages.values()) expect(message.readAt).not.toBeNull();
    // Each complaint filed was sent; the first again only because a request for material changed it.
    expect(sentAfterStart.filter((id) => id === filed[1])).toHaveLength(1);
    expect(sentAfterStart.filter((id) => id === filed[0]).length).toBeGreaterThanOrEqual(1);
    expect(await page(owner.token, seen.cursor)).toMatchObject({ complaints: [], infoRequests: [], messages: [], hasMore: false });
  }, 60_000);

  it('loses nothing to writes committed while pages are being read', async () => {
    const seen = await pullAll(owner.token);
    const start = seen.cursor;
    let writing = true;
    const writes = (async () => {
      for (let i = 0; i < 4; i++) await fileComplaint(h, owner, 1);
    })().finally(() => {
      writing = false;
    });
    // Pull in small pages while the writes run, then once more after the last commit.
    while (writing) {
      const more = await pullAll(owner.token, { cursor: seen.cursor, limit: 2 });
      for (const [id, complaint] of more.complaints) seen.complaints.set(id, complaint);
      seen.cursor = more.cursor;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await writes;
    const last = await pullAll(owner.token, { cursor: seen.cursor, limit: 2 });
    for (const [id, complaint] of last.complaints) seen.complaints.set(id, complaint);

    const changedSinceStart = [...(await pullAll(owner.token, { cursor: start })).complaints.keys()];
    expect(changedSinceStart).toHaveLength(4);
    for (const id of changedSinceStart) expect(seen.complaints.get(id)?.state).toBe(stored().complaints[id]);
    expect(merged(seen)).toEqual(stored());
  }, 60_000);

  it('never shows another tenant’s complaints or another user’s messages', async () => {
    const ownerSees = await pullAll(owner.token);
    const sellerSees = await pullAll(seller.token);
    const monitorSees = await pullAll(monitor);

    const sellerComplaints = h.db.rows<{ id: string }>('select id from complaints where tenant_id = ?', seller.principal.tenant.id).map((r) => r.id);
    const sellerMessages = h.db.rows<{ id: string }>('select id from messages where user_id = ?', seller.principal.user.id).map((r) => r.id);
    expect(sellerComplaints).toHaveLength(1);
    expect(sellerMessages.length).toBeGreaterThan(0);
    for (const id of [...sellerComplaints, ...sellerMessages]) expect(ownerSees.ids).not.toContain(id);
    expect([...sellerSees.complaints.keys()]).toEqual(sellerComplaints);
    expect([...sellerSees.messages.keys()].sort()).toEqual([...sellerMessages].sort());
    expect(sellerSees.infoRequests.size).toBe(0);

    // The same tenant's monitor: the tenant's complaints and requests, but only its own messages.
    expect([...monitorSees.complaints.keys()].sort()).toEqual([...ownerSees.complaints.keys()].sort());
    expect([...monitorSees.infoRequests.keys()].sort()).toEqual([...ownerSees.infoRequests.keys()].sort());
    for (const id of ownerSees.messages.keys()) expect(monitorSees.ids).not.toContain(id);
  });
});
