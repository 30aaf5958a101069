import type { Complaint } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../lib/crypto';
import type { ReviewQueuePage } from '../../services/review/queue';
import { bearer, createHarness, jsonPost, type Harness } from '../../testing/harness';
import { fileComplaint, reviewCast, reviewRows } from '../../testing/review';

let h: Harness;
let owner: string;
let reviewer: string;
let admin: string;
let rightId: string;

const DUPLICATE = 'This listing is already the subject of an earlier complaint, which is still under review; rejected as a duplicate.';

interface ProblemBody {
  code: string;
  errors?: Array<{ path: string; code: string }>;
}

const bulk = (token: string, body: unknown) => h.app.request('/api/review/bulk', jsonPost(body, bearer(token)));
const claim = (token: string, id: string) => h.app.request(`/api/review/complaints/${id}/claim`, { method: 'POST', headers: bearer(token) });
/** What the queue showed for each complaint: the bulk action's `seen`. */
async function seen(...complaints: Complaint[]): Promise<Array<{ complaintId: string; seen: string }>> {
  const { items } = (await (await h.app.request('/api/review/queue?limit=100', { headers: bearer(reviewer) })).json()) as ReviewQueuePage;
  return complaints.map((complaint) => ({ complaintId: complaint.id, seen: items.find((item) => item.id === complaint.id)!.updatedAt }));
}
const rejectAll = (selection: Array<{ complaintId: string; seen: string }>, statement = DUPLICATE) => ({ action: 'reject_all', statement, selection });

async function refused(res: Response, status: number, code: string): Promise<ProblemBody> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as ProblemBody;
  expect(body.code).toBe(code);
  return body;
}

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  ({ owner, reviewer, admin, rightId } = await reviewCast(h));
});
afterAll(() => h.close());

describe('POST /api/review/bulk', () => {
  it('rejects every listing of the selection with one statement, submitted and in-review alike', async () => {
    const a = await fileComplaint(h, owner, { rightId, listings: [{}, {}] });
    const b = await fileComplaint(h, owner, { rightId });
    expect((await claim(reviewer, b.id)).status).toBe(200);
    const before = reviewRows(h);
    const res = await bulk(reviewer, rejectAll(await seen(a, b)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ decided: [a.id, b.id], proposed: [] });
    expect(h.db.rows("select distinct state from complaints where id in (?, ?)", a.id, b.id)).toEqual([{ state: 'decided' }]);
    expect(h.db.rows('select outcome, statement, measure from complaint_listings where complaint_id in (?, ?)', a.id, b.id)).toEqual(
      Array.from({ length: 3 }, () => ({ outcome: 'rejected', statement: DUPLICATE, measure: null })),
    );
    const after = reviewRows(h);
    expect(after.notifications).toBe(before.notifications + 3);
    expect(after.messages).toBe(before.messages + 2);
    // a: start_review and decide; b: decide. Each with its audit entry, and one decision entry per complaint.
    expect(after.transitions).toBe(before.transitions + 3);
    expect(after.audit).toBe(before.audit + 3 + 2);
    expect(h.db.count('complaint_claims', 'complaint_id = ?', b.id)).toBe(0);
  });

  it('refuses a stale selection with 409 stale_selection naming it, and changes nothing for any of it', async () => {
    const fresh = await fileComplaint(h, owner, { rightId });
    const changed = await fileComplaint(h, owner, { rightId });
    const selection = await seen(fresh, changed);
    // Someone takes `changed` into review after the reviewer looked.
    expect((await claim(admin, changed.id)).status).toBe(200);
    expect((await h.app.request(`/api/review/complaints/${changed.id}/claim`, { method: 'DELETE', headers: bearer(admin) })).status).toBe(204);
    const before = reviewRows(h);
    const body = await refused(await bulk(reviewer, rejectAll(selection)), 409, 'stale_selection');
    expect(body.errors?.map((error) => error.path)).toEqual(['selection.1.complaintId']);
    expect(reviewRows(h)).toEqual(before);
  });

  it('refuses unknown or draft ids with 404, and changes nothing', async () => {
    const known = await fileComplaint(h, owner, { rightId });
    const selection = [...(await seen(known)), { complaintId: uuidv7(Date.now()), seen: new Date().toISOString() }];
    const before = reviewRows(h);
    const body = await refused(await bulk(reviewer, rejectAll(selection)), 404, 'not_found');
    expect(body.errors?.map((error) => error.path)).toEqual(['selection.1.complaintId']);
    expect(reviewRows(h)).toEqual(before);
  });

  it('refuses a complaint another reviewer holds with 409 already_claimed, and changes nothing', async () => {
    const free = await fileComplaint(h, owner, { rightId });
    const held = await fileComplaint(h, owner, { rightId });
    expect((await claim(admin, held.id)).status).toBe(200);
    const before = reviewRows(h);
    await refused(await bulk(reviewer, rejectAll(await seen(free, held))), 409, 'already_claimed');
    expect(reviewRows(h)).toEqual(before);
  });

  it('refuses a complaint no longer in the queue with 409 invalid_transition', async () => {
    const gone = await fileComplaint(h, owner, { rightId });
    const withdrawn = (await (await h.app.request(`/api/complaints/${gone.id}/withdraw`, jsonPost({}, bearer(owner)))).json()) as Complaint;
    const before = reviewRows(h);
    await refused(await bulk(reviewer, rejectAll([{ complaintId: gone.id, seen: withdrawn.updatedAt }])), 409, 'invalid_transition');
    expect(reviewRows(h)).toEqual(before);
  });

  it('refuses an unfilled placeholder (422) and a complaint selected twice (400), and changes nothing', async () => {
    const one = await fileComplaint(h, owner, { rightId });
    const selection = await seen(one);
    const before = reviewRows(h);
    const placeholder = await refused(await bulk(reviewer, rejectAll(selection, 'Rejected as a duplicate of complaint [[earlier complaint]].')), 422, 'placeholder_unfilled');
    expect(placeholder.errors?.map((error) => error.path)).toEqual(['statement']);
    const twice = await refused(await bulk(reviewer, rejectAll([...selection, ...selection])), 400, 'validation_failed');
    expect(twice.errors?.map((error) => error.path)).toEqual(['selection.1.complaintId']);
    await refused(await bulk(reviewer, { action: 'uphold_all', statement: DUPLICATE, selection }), 400, 'validation_failed');
    await refused(await bulk(reviewer, rejectAll([])), 400, 'validation_failed');
    expect(reviewRows(h)).toEqual(before);
  });
});
