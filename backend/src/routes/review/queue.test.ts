import { computeDueDate, materialsOf, type Complaint, type QueueQuery } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/context';
import { authenticate } from '../../services/auth';
import { reviewQueue, type ReviewQueueItem, type ReviewQueuePage } from '../../services/review/queue';
import { databaseFile } from '../../store';
import { inspectDatabase, type DbInspector } from '../../store/inspect';
import { bearer, createHarness, jsonPost, loginBearer, type Harness } from '../../testing/harness';
import { QUOTE, demoTrademark, fileComplaint } from '../../testing/review';

let h: Harness;
let writable: DbInspector;
let owner: string;
let reviewer: string;
let staff: Principal;
/** Filed in this order; see beforeAll. */
let counterfeit: Complaint;
let misuse: Complaint;
let unlocated: Complaint;
let amazon: Complaint;

const get = (token: string, query = '') => h.app.request(`/api/review/queue${query}`, { headers: bearer(token) });
const page = async (token: string, query = ''): Promise<ReviewQueuePage> => {
  const res = await get(token, query);
  expect(res.status, query).toBe(200);
  return (await res.json()) as ReviewQueuePage;
};
const ids = (items: ReviewQueueItem[]) => items.map((item) => item.id);
const mine = () => new Set([counterfeit.id, misuse.id, unlocated.id, amazon.id]);
const dueOf = (id: string) => h.db.rows<{ due_at: number }>('select due_at from complaints where id = ?', id)[0]!.due_at;

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
  owner = await loginBearer(h, 'owner@demo.test');
  reviewer = await loginBearer(h, 'reviewer@demo.test');
  staff = await authenticate(h.runtime.store, reviewer, 'bearer');
  const rightId = await demoTrademark(h, owner);
  // Periods: counterfeit 3 business days; trademark misuse 5; a counterfeit whose spot is only quoted, 3 + 2.
  counterfeit = await fileComplaint(h, owner, { rightId });
  misuse = await fileComplaint(h, owner, { rightId, reason: 'trademark_misuse' });
  unlocated = await fileComplaint(h, owner, { rightId, listings: [{ location: QUOTE }] });
  amazon = await fileComplaint(h, owner, { rightId, listings: [{ url: 'https://www.amazon.com/dp/B0QUEUE001' }, {}] });
  // Not in the queue: a withdrawn complaint.
  const withdrawn = await fileComplaint(h, owner, { rightId });
  expect((await h.app.request(`/api/complaints/${withdrawn.id}/withdraw`, jsonPost({}, bearer(owner)))).status).toBe(200);
});
afterAll(async () => {
  writable.close();
  await h.close();
});

describe('GET /api/review/queue', () => {
  it('lists submitted and in-review complaints by due date then id, each with its stored due date and ageing', async () => {
    const { items, nextCursor } = await page(reviewer);
    expect(nextCursor).toBeUndefined();
    expect(new Set(ids(items))).toEqual(mine());
    const sorted = [...items].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : 1));
    expect(ids(items)).toEqual(ids(sorted));
    // Among the Taobao-only complaints (one calendar) the shortest period comes first. (The Amazon one is
    // due by the US calendar too, so where it falls depends on the hour of filing: near midnight in
    // Shanghai, a Sunday in the US can make it due before the others.)
    const position = (id: string) => ids(items).indexOf(id);
    expect(position(counterfeit.id)).toBeLessThan(position(misuse.id));
    expect(position(counterfeit.id)).toBeLessThan(position(unlocated.id));
    expect(Date.parse(items.find((entry) => entry.id === counterfeit.id)!.dueAt)).toBeLessThan(Date.parse(items.find((entry) => entry.id === misuse.id)!.dueAt));

    const item = items.find((entry) => entry.id === amazon.id)!;
    expect(item).toMatchObject({
      tenant: { id: amazon.tenantId, name: 'Demo Brand Co.' },
      state: 'submitted',
      reason: 'counterfeit',
      rightType: 'trademark',
      marketplaces: ['amazon', 'taobao'],
      listingCount: 2,
      submittedAt: amazon.submittedAt,
      overdue: false,
      ageHours: 0,
      risk: 'low',
      claim: null,
      updatedAt: amazon.updatedAt,
    });
    for (const entry of items) expect(Date.parse(entry.dueAt)).toBe(dueOf(entry.id));
  });

  it('stores the due date computeDueDate gives for what was filed', async () => {
    const listings = h.db.rows<{ location: string; capture_ids: string; url: string }>(
      'select url, location, capture_ids from complaint_listings where complaint_id = ? order by position',
      unlocated.id,
    );
    const expected = computeDueDate({
      reason: 'counterfeit',
      materials: materialsOf(listings.map((row) => ({ url: row.url, captureIds: JSON.parse(row.capture_ids), verifiedCaptureIds: JSON.parse(row.capture_ids), location: JSON.parse(row.location) }))),
      history: { upheld: 0, rejected: 0, reversed: 0 },
      enhancedReview: false,
      jurisdiction: 'CN',
      submittedAt: unlocated.submittedAt!,
      pauses: [],
    });
    expect(expected.breakdown.adjustments.map((adjustment) => adjustment.code)).toEqual(['materials_unlocated']);
    expect(dueOf(unlocated.id)).toBe(Date.parse(expected.dueAt!));
    expect(h.db.rows('select enhanced_review, record_at_submission from complaints where id = ?', unlocated.id)).toEqual([
      { enhanced_review: 0, record_at_submission: JSON.stringify({ upheld: 0, rejected: 0, reversed: 0 }) },
    ]);
  });

  it('pages with a keyset cursor: one at a time gives the same order, and the last page has no cursor', async () => {
    const all = ids((await page(reviewer)).items);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const next: ReviewQueuePage = await page(reviewer, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(next.items).toHaveLength(1);
      seen.push(next.items[0]!.id);
      cursor = next.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(all);
  });

  it.each(['?cursor=nonsense', '?limit=0', '?limit=101', '?reason=bogus', '?state=needs_info', '?risk=extreme', '?overdue=yes'])('refuses %s with 400', async (query) => {
    const res = await get(reviewer, query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
  });

  it('filters by reason, marketplace, type of right and state', async () => {
    expect(ids((await page(reviewer, '?reason=trademark_misuse')).items)).toEqual([misuse.id]);
    expect(ids((await page(reviewer, '?marketplace=amazon')).items)).toEqual([amazon.id]);
    expect(new Set(ids((await page(reviewer, '?rightType=trademark')).items))).toEqual(mine());
    expect((await page(reviewer, '?rightType=copyright')).items).toEqual([]);
    expect((await page(reviewer, '?state=in_review')).items).toEqual([]);
    expect((await h.app.request(`/api/review/complaints/${unlocated.id}/claim`, { method: 'POST', headers: bearer(reviewer) })).status).toBe(200);
    const inReview = (await page(reviewer, '?state=in_review')).items;
    expect(ids(inReview)).toEqual([unlocated.id]);
    expect(inReview[0]!.claim).toMatchObject({ complaintId: unlocated.id, reviewer: { email: 'reviewer@demo.test' } });
    expect(new Set(ids((await page(reviewer, '?state=submitted&reason=counterfeit')).items))).toEqual(new Set([counterfeit.id, amazon.id]));
  });

  it('shows a claim only while it is live', async () => {
    writable.run('update complaint_claims set expires_at = ? where complaint_id = ?', Date.now() - 1, unlocated.id);
    expect((await page(reviewer, '?state=in_review')).items[0]!.claim).toBeNull();
  });

  it('filters by the risk stored for the complainant, low when none is stored', async () => {
    expect(new Set(ids((await page(reviewer, '?risk=low')).items))).toEqual(mine());
    expect((await page(reviewer, '?risk=high')).items).toEqual([]);
    await h.runtime.store.transaction((tx) => tx.putComplainantRisk({ tenantId: counterfeit.tenantId, score: 7, level: 'high', updatedAt: Date.now() }));
    const high = (await page(reviewer, '?risk=high')).items;
    expect(new Set(ids(high))).toEqual(mine());
    expect(high.every((item) => item.risk === 'high')).toBe(true);
    expect((await page(reviewer, '?risk=low')).items).toEqual([]);
    await h.runtime.store.transaction((tx) => tx.putComplainantRisk({ tenantId: counterfeit.tenantId, score: 0, level: 'low', updatedAt: Date.now() }));
  });

  it('puts overdue complaints first and filters by overdue, judged at the time of the request', async () => {
    const query: QueueQuery = {};
    // The complaint due first (which one depends on the hour the test runs: see the test above).
    const [earliest, ...others] = [counterfeit, misuse, unlocated, amazon].sort((a, b) => dueOf(a.id) - dueOf(b.id) || (a.id < b.id ? -1 : 1));
    const firstDue = dueOf(earliest!.id);
    expect(dueOf(others[0]!.id)).toBeGreaterThan(firstDue);
    const justAfter = firstDue + 1;
    const list = await reviewQueue(h.runtime.store, staff, query, justAfter);
    expect(list.items[0]).toMatchObject({ id: earliest!.id, overdue: true });
    expect(list.items.slice(1).every((item) => !item.overdue)).toBe(true);
    expect(list.items[0]!.ageHours).toBe(Math.floor((justAfter - Date.parse(earliest!.submittedAt!)) / 3_600_000));
    expect(ids((await reviewQueue(h.runtime.store, staff, { overdue: 'true' }, justAfter)).items)).toEqual([earliest!.id]);
    expect(new Set(ids((await reviewQueue(h.runtime.store, staff, { overdue: 'false' }, justAfter)).items))).toEqual(new Set(others.map((c) => c.id)));
    // On the due millisecond itself it is not yet overdue.
    expect((await reviewQueue(h.runtime.store, staff, { overdue: 'true' }, firstDue)).items).toEqual([]);
    // The cursor carries the overdue flag of the row it continues after.
    const first = await reviewQueue(h.runtime.store, staff, { limit: 1 }, justAfter);
    expect(JSON.parse(Buffer.from(first.nextCursor!, 'base64url').toString())).toEqual([1, firstDue, earliest!.id]);
  });

  it('is absent (404) to everyone but staff', async () => {
    for (const email of ['owner@demo.test', 'monitor@demo.test', 'seller@demo.test']) {
      const res = await get(await loginBearer(h, email));
      expect(res.status, email).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('not_found');
    }
    expect((await get(await loginBearer(h, 'admin@demo.test'))).status).toBe(200);
    expect((await h.app.request('/api/review/queue')).status).toBe(401);
  });
});
