import { writeFileSync } from 'node:fs';
import { CLAIM_LEASE_MINUTES, type Claim, type Complaint, type DecisionRequest, type MessageList } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewComplaintView } from '../../services/review/evidence';
import { databaseFile } from '../../store';
import { inspectDatabase, type DbInspector } from '../../store/inspect';
import { uuidv7 } from '../../lib/crypto';
import { blobPath, bearer, cookieHeaders, createHarness, jsonPost, loginBearer, loginCookie, type Harness } from '../../testing/harness';
import { QUOTE, fileComplaint, freshTaobao, reviewCast, reviewRows } from '../../testing/review';

let h: Harness;
let writable: DbInspector;
let owner: string;
let reviewer: string;
let admin: string;
let rightId: string;

const MINUTE = 60_000;
const UPHELD = 'The listing offers bags bearing the DemoBrand mark, registered as TM-DEMO-0001; the capture shows the mark on the bag.';
const REJECTED = 'The listing does not infringe the right relied on: the sign shown differs from the registered mark.';

interface ProblemBody {
  code: string;
  errors?: Array<{ path: string; code: string; params?: Record<string, string> }>;
}
const problem = async (res: Response): Promise<ProblemBody> => {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as ProblemBody;
};

const claim = (token: string, id: string) => h.app.request(`/api/review/complaints/${id}/claim`, { method: 'POST', headers: bearer(token) });
const release = (token: string, id: string) => h.app.request(`/api/review/complaints/${id}/claim`, { method: 'DELETE', headers: bearer(token) });
const view = (token: string, id: string) => h.app.request(`/api/review/complaints/${id}`, { headers: bearer(token) });
const decide = (token: string, id: string, body: unknown) => h.app.request(`/api/review/complaints/${id}/decision`, jsonPost(body, bearer(token)));

/** Upholds the first listing and rejects the rest. */
function decision(complaint: Complaint, statements: { upheld?: string; rejected?: string } = {}): DecisionRequest {
  return {
    listings: complaint.listings.map((listing, i) => ({
      listingId: listing.id,
      outcome: i === 0 ? 'upheld' : 'rejected',
      statement: i === 0 ? (statements.upheld ?? UPHELD) : (statements.rejected ?? REJECTED),
    })),
  };
}

const twoListings = () => fileComplaint(h, owner, { rightId, listings: [{}, { url: 'https://www.amazon.com/dp/B0REVIEW01', location: QUOTE }] });

/** Moves a claim's expiry into the past, as fifteen minutes without renewal would. */
const expireClaim = (id: string) => writable.run('update complaint_claims set expires_at = ? where complaint_id = ?', Date.now() - 1, id);

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
  ({ owner, reviewer, admin, rightId } = await reviewCast(h));
});
afterAll(async () => {
  writable.close();
  await h.close();
});

describe('access', () => {
  it('answers 404 on every review route to anyone but staff, and changes nothing', async () => {
    const complaint = await fileComplaint(h, owner, { rightId });
    const before = reviewRows(h);
    const calls = (token: string) => [
      h.app.request('/api/review/queue', { headers: bearer(token) }),
      claim(token, complaint.id),
      release(token, complaint.id),
      view(token, complaint.id),
      decide(token, complaint.id, decision(complaint)),
      h.app.request('/api/review/bulk', jsonPost({ action: 'reject_all', statement: REJECTED, selection: [{ complaintId: complaint.id, seen: complaint.updatedAt }] }, bearer(token))),
    ];
    for (const email of ['owner@demo.test', 'monitor@demo.test', 'seller@demo.test']) {
      for (const res of await Promise.all(calls(await loginBearer(h, email)))) {
        expect(res.status, `${email} ${res.url}`).toBe(404);
        expect((await problem(res)).code).toBe('not_found');
      }
    }
    // A console session with its CSRF token gets the same answer.
    const session = await loginCookie(h, 'owner@demo.test');
    const res = await h.app.request(`/api/review/complaints/${complaint.id}/claim`, { method: 'POST', headers: cookieHeaders(session) });
    expect(res.status).toBe(404);
    expect(reviewRows(h)).toEqual(before);
  });
});

describe('claims', () => {
  it('takes a submitted complaint into review with a 15-minute lease, recorded as a transition with its audit entry', async () => {
    const complaint = await fileComplaint(h, owner, { rightId });
    const audit = h.db.count('audit_log');
    const before = Date.now();
    const res = await claim(reviewer, complaint.id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Claim;
    expect(body).toMatchObject({ complaintId: complaint.id, reviewer: { email: 'reviewer@demo.test' } });
    expect(Date.parse(body.expiresAt) - Date.parse(body.claimedAt)).toBe(CLAIM_LEASE_MINUTES * MINUTE);
    expect(Date.parse(body.claimedAt)).toBeGreaterThanOrEqual(before);
    const detail = (await (await view(reviewer, complaint.id)).json()) as ReviewComplaintView;
    expect(detail.complaint.state).toBe('in_review');
    expect(detail.complaint.transitions.at(-1)).toMatchObject({ from: 'submitted', to: 'in_review', event: 'start_review', actor: { email: 'reviewer@demo.test' } });
    expect(detail.claim).toEqual(body);
    expect(h.db.count('audit_log')).toBe(audit + 1);
    expect(h.db.rows('select kind, payload from audit_log order by seq desc limit 1')[0]).toMatchObject({ kind: 'complaint_transition' });
  });

  it('renews for the holder (keeping when it was taken), refuses everyone else with 409 already_claimed', async () => {
    const complaint = await fileComplaint(h, owner, { rightId });
    const first = (await (await claim(reviewer, complaint.id)).json()) as Claim;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renewed = await claim(reviewer, complaint.id);
    expect(renewed.status).toBe(200);
    const second = (await renewed.json()) as Claim;
    expect(second.claimedAt).toBe(first.claimedAt);
    expect(Date.parse(second.expiresAt)).toBeGreaterThan(Date.parse(first.expiresAt));
    const taken = await claim(admin, complaint.id);
    expect(taken.status).toBe(409);
    expect((await problem(taken)).code).toBe('already_claimed');
    // Renewing did not move the complaint again.
    expect(h.db.count('complaint_transitions', 'complaint_id = ?', complaint.id)).toBe(3);
  });

  it('lets exactly one of two reviewers claiming at once have it', async () => {
    const complaint = await fileComplaint(h, owner, { rightId });
    const results = await Promise.all([claim(reviewer, complaint.id), claim(admin, complaint.id)]);
    expect(results.map((res) => res.status).sort()).toEqual([200, 409]);
    const loser = results.find((res) => res.status === 409)!;
    expect((await problem(loser)).code).toBe('already_claimed');
    expect(h.db.count('complaint_claims', 'complaint_id = ?', complaint.id)).toBe(1);
    // One start_review, not two.
    expect(h.db.count('complaint_transitions', "complaint_id = ? and event = 'start_review'", complaint.id)).toBe(1);
  });

  it('releases on DELETE (idempotent), never another reviewer’s claim, and frees the complaint for others', async () => {
    const complaint = await fileComplaint(h, owner, { rightId });
    expect((await claim(reviewer, complaint.id)).status).toBe(200);
    expect((await release(admin, complaint.id)).status).toBe(204);
    expect(h.db.count('complaint_claims', 'complaint_id = ?', complaint.id)).toBe(1);
    expect((await release(reviewer, complaint.id)).status).toBe(204);
    expect(h.db.count('complaint_claims', 'complaint_id = ?', complaint.id)).toBe(0);
    expect((await release(reviewer, complaint.id)).status).toBe(204);
    expect((await claim(admin, complaint.id)).status).toBe(200);
  });

  it('lets an expired lease be taken by someone else', async () => {
    const complaint = await fileComplaint(h, owner, { rightId });
    expect((await claim(reviewer, complaint.id)).status).toBe(200);
    expireClaim(complaint.id);
    const res = await claim(admin, complaint.id);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Claim).reviewer.email).toBe('admin@demo.test');
  });

  it('answers 404 for unknown complaints and drafts, 409 for complaints out of the queue', async () => {
    expect((await claim(reviewer, uuidv7(Date.now()))).status).toBe(404);
    const draftRes = await h.app.request(
      '/api/complaints',
      jsonPost({ principalId: null, rightId, reason: null, explanation: '', goodFaith: false, accuracy: false, listings: [], submit: false }, { ...bearer(owner), 'Idempotency-Key': crypto.randomUUID() }),
    );
    const draft = (await draftRes.json()) as Complaint;
    expect((await claim(reviewer, draft.id)).status).toBe(404);
    expect((await view(reviewer, draft.id)).status).toBe(404);
    const withdrawn = await fileComplaint(h, owner, { rightId });
    await h.app.request(`/api/complaints/${withdrawn.id}/withdraw`, jsonPost({}, bearer(owner)));
    const res = await claim(reviewer, withdrawn.id);
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe('invalid_transition');
    expect(h.db.count('complaint_claims', 'complaint_id = ?', withdrawn.id)).toBe(0);
  });
});

describe('the evidence view', () => {
  it('gives the complaint, its due date with breakdown, the right, re-hashed captures, earlier complaints and the history', async () => {
    const url = freshTaobao();
    const earlier = await fileComplaint(h, owner, { rightId, listings: [{ url }] });
    const complaint = await fileComplaint(h, owner, { rightId, listings: [{ url }, { url: 'https://www.amazon.com/dp/B0REVIEW02', location: QUOTE }] });
    const res = await view(reviewer, complaint.id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReviewComplaintView;
    expect(body.complaint.id).toBe(complaint.id);
    expect(body.tenant).toEqual({ id: complaint.tenantId, name: 'Demo Brand Co.' });
    expect(Date.parse(body.due.dueAt!)).toBe(h.db.rows<{ due_at: number }>('select due_at from complaints where id = ?', complaint.id)[0]!.due_at);
    expect(body.due.breakdown).toMatchObject({ calendar: 'CN', baseBusinessDays: 3, adjustments: [{ code: 'materials_unlocated', days: 1 }], totalBusinessDays: 4 });
    expect(body.right).toMatchObject({ id: rightId, registrationNumber: 'TM-DEMO-0001', verification: { status: 'verified' } });
    const [first, second] = complaint.listings;
    expect(body.evidence[first!.id]).toEqual([
      expect.objectContaining({ id: first!.captureIds[0], url, viewport: { width: 1280, height: 800 }, devicePixelRatio: 2, hashVerified: true }),
    ]);
    expect(body.evidence[second!.id]).toHaveLength(1);
    expect(body.earlier[first!.id]).toEqual([{ complaintId: earlier.id, tenantName: 'Demo Brand Co.', state: 'submitted', outcome: 'pending', submittedAt: earlier.submittedAt }]);
    expect(body.earlier[second!.id]).toEqual([]);
    expect(body.history).toMatchObject({ abuse: { wrongful: 0, malicious: 0, score: 0 }, sanction: null, risk: 'low' });
    expect(body.history.stats.complaints.submitted).toBeGreaterThan(1);
    expect(body).toMatchObject({ claim: null, infoRequests: [], enhancedReview: false, proposal: null });

    // One changed byte in the stored original, and the view says so.
    const sha = body.evidence[second!.id]![0]!.sha256;
    writeFileSync(blobPath(h.dataDir, sha), Buffer.from('not the captured bytes'));
    const after = (await (await view(reviewer, complaint.id)).json()) as ReviewComplaintView;
    expect(after.evidence[second!.id]![0]!.hashVerified).toBe(false);
    expect(after.evidence[first!.id]![0]!.hashVerified).toBe(true);
  });

  it('answers 404 for an unknown complaint', async () => {
    expect((await view(reviewer, 'nope')).status).toBe(404);
  });
});

describe('decisions', () => {
  it('refuses without a claim, on someone else’s, and on an expired lease — 409 and nothing changed', async () => {
    const complaint = await twoListings();
    const body = decision(complaint);
    const before = reviewRows(h);
    const noClaim = await decide(reviewer, complaint.id, body);
    expect(noClaim.status).toBe(409);
    expect((await problem(noClaim)).code).toBe('claim_required');

    expect((await claim(admin, complaint.id)).status).toBe(200);
    const afterClaim = reviewRows(h);
    const others = await decide(reviewer, complaint.id, body);
    expect(others.status).toBe(409);
    expect((await problem(others)).code).toBe('already_claimed');
    expect(reviewRows(h)).toEqual(afterClaim);

    expireClaim(complaint.id);
    const expired = await decide(admin, complaint.id, body);
    expect(expired.status).toBe(409);
    expect((await problem(expired)).code).toBe('lease_expired');
    // Someone else's expired claim is no claim at all.
    const stale = await decide(reviewer, complaint.id, body);
    expect((await problem(stale)).code).toBe('claim_required');
    const end = reviewRows(h);
    expect(end.audit).toBe(afterClaim.audit);
    expect(end.listings).toEqual(before.listings);
    expect(end.notifications).toBe(before.notifications);
    expect(end.messages).toBe(before.messages);
  });

  it('refuses an unfilled placeholder with 422 placeholder_unfilled naming it, and changes nothing', async () => {
    const complaint = await twoListings();
    expect((await claim(reviewer, complaint.id)).status).toBe(200);
    const before = reviewRows(h);
    const res = await decide(reviewer, complaint.id, decision(complaint, { rejected: 'The sign [[sign]] differs from the registered mark [[ mark ]] entirely.' }));
    expect(res.status).toBe(422);
    const body = await problem(res);
    expect(body.code).toBe('placeholder_unfilled');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'listings.1.statement', code: 'placeholder_unfilled', params: { placeholders: 'sign, mark' } })]);
    expect(reviewRows(h)).toEqual(before);
  });

  it.each([
    ['a listing left out', (c: Complaint) => ({ listings: decision(c).listings.slice(0, 1) }), 'listings'],
    ['a listing twice', (c: Complaint) => ({ listings: [...decision(c).listings, decision(c).listings[0]!] }), 'listings.2.listingId'],
    ['another complaint’s listing', (c: Complaint) => ({ listings: [decision(c).listings[0]!, { ...decision(c).listings[1]!, listingId: uuidv7(Date.now()) }] }), 'listings.1.listingId'],
  ])('refuses %s with 400 validation_failed and changes nothing', async (_, body, path) => {
    const complaint = await twoListings();
    expect((await claim(reviewer, complaint.id)).status).toBe(200);
    const before = reviewRows(h);
    const res = await decide(reviewer, complaint.id, body(complaint));
    expect(res.status).toBe(400);
    const problemBody = await problem(res);
    expect(problemBody.code).toBe('validation_failed');
    expect(problemBody.errors?.map((error) => error.path)).toContain(path);
    expect(reviewRows(h)).toEqual(before);
  });

  it('refuses a malformed body (bad outcome, short statement) with 400 validation_failed', async () => {
    const complaint = await twoListings();
    expect((await claim(reviewer, complaint.id)).status).toBe(200);
    const listings = decision(complaint).listings;
    for (const body of [{ listings: [{ ...listings[0]!, outcome: 'maybe' }, listings[1]] }, { listings: [{ ...listings[0]!, statement: 'short' }, listings[1]] }, { listings, extra: 1 }]) {
      const res = await decide(reviewer, complaint.id, body);
      expect(res.status).toBe(400);
      expect((await problem(res)).code).toBe('validation_failed');
    }
  });

  it('decides: outcomes, statements and takedown measure, a notification per listing, the complainant told, the claim released, all audited', async () => {
    const complaint = await twoListings();
    expect((await claim(reviewer, complaint.id)).status).toBe(200);
    const before = reviewRows(h);
    const messagesBefore = ((await (await h.app.request('/api/messages', { headers: bearer(owner) })).json()) as MessageList).items.length;
    const res = await decide(reviewer, complaint.id, decision(complaint));
    expect(res.status).toBe(200);
    expect(res.headers.get('Decision-Stage')).toBe('final');
    const decided = (await res.json()) as Complaint;
    expect(decided.state).toBe('decided');
    expect(decided.listings.map((listing) => listing.outcome)).toEqual(['upheld', 'rejected']);
    expect(decided.transitions.at(-1)).toMatchObject({ from: 'in_review', to: 'decided', event: 'decide', actor: { email: 'reviewer@demo.test' } });

    const [upheld, rejected] = complaint.listings;
    const reviewerId = h.db.rows<{ id: string }>("select id from users where email = 'reviewer@demo.test'")[0]!.id;
    expect(h.db.rows('select id, outcome, statement, decided_by, measure from complaint_listings where complaint_id = ? order by position', complaint.id)).toEqual([
      { id: upheld!.id, outcome: 'upheld', statement: UPHELD, decided_by: reviewerId, measure: 'takedown_requested' },
      { id: rejected!.id, outcome: 'rejected', statement: REJECTED, decided_by: reviewerId, measure: null },
    ]);
    expect(h.db.rows('select listing_id, marketplace, shop_id, canonical_url, kind, statement, measure from notifications where complaint_id = ? order by canonical_url', complaint.id)).toEqual([
      { listing_id: upheld!.id, marketplace: 'taobao', shop_id: null, canonical_url: upheld!.canonicalUrl, kind: 'listing_upheld', statement: UPHELD, measure: 'takedown_requested' },
      { listing_id: rejected!.id, marketplace: 'amazon', shop_id: null, canonical_url: rejected!.canonicalUrl, kind: 'listing_rejected', statement: REJECTED, measure: null },
    ].sort((a, b) => (a.canonical_url < b.canonical_url ? -1 : 1)));
    expect(h.db.count('complaint_claims', 'complaint_id = ?', complaint.id)).toBe(0);

    const messages = ((await (await h.app.request('/api/messages', { headers: bearer(owner) })).json()) as MessageList).items;
    expect(messages).toHaveLength(messagesBefore + 1);
    expect(messages[0]).toMatchObject({ kind: 'complaint_decided' });
    expect(messages[0]!.body.en).toContain(UPHELD);
    expect(messages[0]!.body.en).toContain('upheld, removal requested');
    expect(messages[0]!.body['zh-CN']).toContain(REJECTED);

    // Two audit entries: the decide transition and the decision with every statement.
    const after = reviewRows(h);
    expect(after.audit).toBe(before.audit + 2);
    const entries = h.db.rows<{ kind: string; subject_id: string; payload: string }>('select kind, subject_id, payload from audit_log order by seq desc limit 2').reverse();
    expect(entries.map((entry) => [entry.kind, entry.subject_id])).toEqual([
      ['complaint_transition', complaint.id],
      ['decision', complaint.id],
    ]);
    expect(JSON.parse(entries[1]!.payload)).toMatchObject({
      stage: 'final',
      listings: [
        { listingId: upheld!.id, outcome: 'upheld', statement: UPHELD, measure: 'takedown_requested' },
        { listingId: rejected!.id, outcome: 'rejected', statement: REJECTED, measure: null },
      ],
    });
    // The complainant's risk was recomputed with the decision.
    expect(h.db.rows('select level from complainant_risk where tenant_id = ?', complaint.tenantId)).toEqual([{ level: 'low' }]);

    // Deciding again: the claim went with the decision.
    const again = await decide(reviewer, complaint.id, decision(complaint));
    expect((await problem(again)).code).toBe('claim_required');
    const reclaim = await claim(reviewer, complaint.id);
    expect((await problem(reclaim)).code).toBe('invalid_transition');
  });

  it('answers 404 for an unknown complaint', async () => {
    const res = await decide(reviewer, uuidv7(Date.now()), { listings: [{ listingId: 'x', outcome: 'upheld', statement: UPHELD }] });
    expect(res.status).toBe(404);
  });
});

describe('enhanced review', () => {
  it('needs a second, different reviewer sending the same decision; the first decision is a proposal', async () => {
    const adminId = h.db.rows<{ id: string }>("select id from users where email = 'admin@demo.test'")[0]!.id;
    const tenantId = h.db.rows<{ id: string }>("select id from tenants where name = 'Demo Brand Co.'")[0]!.id;
    const sanctionId = uuidv7(Date.now());
    await h.runtime.store.transaction((tx) =>
      tx.insertSanction({ id: sanctionId, tenantId, kind: 'enhanced_review', reason: 'Repeated unfounded complaints', imposedBy: adminId, imposedAt: Date.now() }),
    );
    let complaint: Complaint;
    try {
      complaint = await twoListings();
    } finally {
      // Only complaints filed while the sanction is in force are under enhanced review.
      await h.runtime.store.transaction((tx) => tx.liftSanction({ id: sanctionId, tenantId, at: Date.now(), by: adminId, reason: 'test over' }));
    }
    const first = (await (await view(reviewer, complaint.id)).json()) as ReviewComplaintView;
    expect(first.enhancedReview).toBe(true);
    expect(first.due.breakdown.adjustments.map((adjustment) => adjustment.code)).toContain('enhanced_review');

    // First look: a proposal. The complaint stays in review, the claim is given up for the second reviewer.
    expect((await claim(reviewer, complaint.id)).status).toBe(200);
    const proposed = await decide(reviewer, complaint.id, decision(complaint));
    expect(proposed.status).toBe(200);
    expect(proposed.headers.get('Decision-Stage')).toBe('proposed');
    expect(((await proposed.json()) as Complaint).state).toBe('in_review');
    expect(h.db.count('complaint_claims', 'complaint_id = ?', complaint.id)).toBe(0);
    expect(h.db.count('notifications', 'complaint_id = ?', complaint.id)).toBe(0);
    const withProposal = (await (await view(admin, complaint.id)).json()) as ReviewComplaintView;
    expect(withProposal.proposal).toMatchObject({ proposedBy: { email: 'reviewer@demo.test' }, listings: decision(complaint).listings });

    // The proposer cannot confirm their own proposal: sending it again stays a proposal.
    expect((await claim(reviewer, complaint.id)).status).toBe(200);
    const own = await decide(reviewer, complaint.id, decision(complaint));
    expect(own.headers.get('Decision-Stage')).toBe('proposed');

    // A second reviewer disagreeing replaces it with their own proposal.
    expect((await claim(admin, complaint.id)).status).toBe(200);
    const otherView = decision(complaint, { upheld: 'The listing offers counterfeit DemoBrand bags; the capture shows the registered mark on the strap.' });
    const differing = await decide(admin, complaint.id, otherView);
    expect(differing.headers.get('Decision-Stage')).toBe('proposed');
    expect(h.db.rows('select resolution from decision_proposals where complaint_id = ? order by proposed_at, id', complaint.id)).toEqual([
      { resolution: 'superseded' },
      { resolution: 'superseded' },
      { resolution: null },
    ]);

    // The first reviewer agrees with the admin's proposal: now it is final, decided by the confirming reviewer.
    expect((await claim(reviewer, complaint.id)).status).toBe(200);
    const confirmed = await decide(reviewer, complaint.id, otherView);
    expect(confirmed.headers.get('Decision-Stage')).toBe('final');
    expect(((await confirmed.json()) as Complaint).state).toBe('decided');
    expect(h.db.rows('select resolution, resolved_by from decision_proposals where complaint_id = ? and resolved_at is not null order by resolved_at desc, id desc limit 1', complaint.id)).toEqual([
      { resolution: 'confirmed', resolved_by: h.db.rows<{ id: string }>("select id from users where email = 'reviewer@demo.test'")[0]!.id },
    ]);
    expect(h.db.count('notifications', 'complaint_id = ?', complaint.id)).toBe(2);
    const final = h.db.rows<{ payload: string }>("select payload from audit_log where subject_id = ? and kind = 'decision' order by seq", complaint.id).map((row) => JSON.parse(row.payload));
    expect(final.map((payload) => payload.stage)).toEqual(['proposed', 'proposed', 'proposed', 'final']);
    expect(final[3]).toMatchObject({ proposedBy: adminId });
  });
});
