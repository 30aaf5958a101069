import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, abuseScore, type Complaint } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimComplaint } from '../../services/review/claims';
import { bearer, createHarness, jsonPost, loginBearer, type Harness } from '../../testing/harness';
import { demoFiler, fileComplaint, signIn, type Filer, type Staff } from '../../testing/filing';

let h: Harness;
let owner: Filer;
let monitor: Filer;
let reviewer: Staff;
let admin: Staff;
let seller: string;

const DAY_MS = 24 * 60 * 60 * 1000;

interface ProblemBody {
  code: string;
  status: number;
  errors?: Array<{ path: string; code: string }>;
}

/** Every row a request for material or an abuse mark could write. */
const written = () => ({
  complaints: h.db.rows<{ state: string; updated_at: number }>('select state, updated_at from complaints order by id'),
  transitions: h.db.count('complaint_transitions'),
  infoRequests: h.db.count('info_requests'),
  abuseMarks: h.db.count('abuse_marks'),
  messages: h.db.count('messages'),
  claims: h.db.count('complaint_claims'),
  auditLog: h.db.count('audit_log'),
});

const infoRequest = (token: string, id: string, body: unknown) => h.app.request(`/api/review/complaints/${id}/info-request`, jsonPost(body, bearer(token)));
const abuse = (token: string, id: string, body: unknown) => h.app.request(`/api/review/complaints/${id}/abuse`, jsonPost(body, bearer(token)));
const validRequest = (deadline = new Date(Date.now() + 7 * DAY_MS).toISOString()) => ({
  deficiencies: ['listing_evidence', 'right_proof'],
  message: 'Please send a capture showing the price and your registration certificate.',
  deadline,
});

/** A filed complaint the reviewer holds a live claim on (claiming takes it into review). */
async function claimed(filer: Filer = owner, by: Staff = reviewer): Promise<Complaint> {
  const complaint = await fileComplaint(h, filer, 1);
  await claimComplaint(h.runtime.store, by.principal, complaint.id);
  return complaint;
}

async function refused(res: Response, status: number, code: string): Promise<ProblemBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as ProblemBody;
  expect(body.code).toBe(code);
  return body;
}

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  owner = await demoFiler(h);
  monitor = await demoFiler(h, 'monitor@demo.test');
  reviewer = await signIn(h, 'reviewer@demo.test');
  admin = await signIn(h, 'admin@demo.test');
  seller = await loginBearer(h, 'seller@demo.test');
});
afterAll(() => h.close());

describe('POST /api/review/complaints/{id}/info-request', () => {
  it('is absent to everyone but staff, and writes nothing', async () => {
    const complaint = await claimed();
    const before = written();
    for (const token of [owner.token, monitor.token, seller]) await refused(await infoRequest(token, complaint.id, validRequest()), 404, 'not_found');
    expect(written()).toEqual(before);
  });

  it("needs the caller's own live claim: none, someone else's, or a lapsed one is a 409 and writes nothing", async () => {
    const unclaimed = await fileComplaint(h, owner, 1);
    const theirs = await claimed(owner, admin);
    const lapsed = await fileComplaint(h, owner, 1);
    // Claimed 20 minutes ago: the 15-minute lease has run out.
    await claimComplaint(h.runtime.store, reviewer.principal, lapsed.id, Date.now() - 20 * 60_000);
    const before = written();
    await refused(await infoRequest(reviewer.token, unclaimed.id, validRequest()), 409, 'claim_required');
    await refused(await infoRequest(reviewer.token, theirs.id, validRequest()), 409, 'already_claimed');
    await refused(await infoRequest(reviewer.token, lapsed.id, validRequest()), 409, 'lease_expired');
    await refused(await infoRequest(reviewer.token, randomUUID(), validRequest()), 404, 'not_found');
    expect(written()).toEqual(before);
  });

  it('refuses a deadline that is not in the future (422 deadline_in_past) and malformed requests, writing nothing', async () => {
    const complaint = await claimed();
    const before = written();
    const past = await refused(await infoRequest(reviewer.token, complaint.id, validRequest(new Date(Date.now() - 60_000).toISOString())), 422, 'deadline_in_past');
    expect(past.errors?.[0]?.path).toBe('deadline');
    await refused(await infoRequest(reviewer.token, complaint.id, validRequest('2020-01-01T00:00:00+08:00')), 422, 'deadline_in_past');
    await refused(await infoRequest(reviewer.token, complaint.id, { ...validRequest(), deficiencies: [] }), 400, 'validation_failed');
    await refused(await infoRequest(reviewer.token, complaint.id, { ...validRequest(), deficiencies: ['price'] }), 400, 'validation_failed');
    await refused(await infoRequest(reviewer.token, complaint.id, { ...validRequest(), message: '   ' }), 400, 'validation_failed');
    await refused(await infoRequest(reviewer.token, complaint.id, { ...validRequest(), deadline: 'next week' }), 400, 'validation_failed');
    expect(written()).toEqual(before);
  });

  it('moves the complaint to needs_info, records the request, pauses the clock, tells the complainant and gives the claim back', async () => {
    const complaint = await claimed();
    const deadline = new Date(Date.UTC(2099, 4, 1, 9, 30)).toISOString();
    const before = written();
    const started = Date.now();
    const res = await infoRequest(reviewer.token, complaint.id, validRequest(deadline));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Complaint;
    expect(body.state).toBe('needs_info');
    expect(body.transitions.at(-1)).toMatchObject({ from: 'in_review', to: 'needs_info', event: 'request_info', actor: { id: reviewer.principal.user.id, email: 'reviewer@demo.test' } });

    const [row] = h.db.rows<Record<string, unknown>>('select * from info_requests where complaint_id = ?', complaint.id);
    expect(row).toMatchObject({
      tenant_id: owner.principal.tenant.id,
      deficiencies: JSON.stringify(['listing_evidence', 'right_proof']),
      message: validRequest().message,
      deadline: Date.parse(deadline),
      requested_by: reviewer.principal.user.id,
      resolved_at: null,
      expired_at: null,
    });
    const requestedAt = row!.requested_at as number;
    expect(requestedAt).toBeGreaterThanOrEqual(started);
    // The clock stops at the request and has not started again.
    expect(await h.runtime.store.pausesOf(complaint.id)).toEqual([[requestedAt, null]]);

    // The transition and the request, each on the audit trail, in that order.
    const entries = h.db.rows<{ kind: string; actor_id: string; subject_id: string; payload: string }>(
      'select kind, actor_id, subject_id, payload from audit_log where seq > ? order by seq',
      before.auditLog,
    );
    expect(entries.map((entry) => entry.kind)).toEqual(['complaint_transition', 'info_request']);
    expect(entries.every((entry) => entry.subject_id === complaint.id && entry.actor_id === reviewer.principal.user.id)).toBe(true);
    expect(JSON.parse(entries[1]!.payload)).toEqual({
      complaintId: complaint.id,
      requestId: row!.id,
      event: 'requested',
      deficiencies: ['listing_evidence', 'right_proof'],
      message: validRequest().message,
      deadline: '2099-05-01T09:30:00.000Z',
    });

    // The owner filed it: one message, in both languages, naming what is missing and by when.
    const messages = h.db.rows<{ user_id: string; kind: string; title_en: string; body_en: string; title_zh: string; body_zh: string }>(
      "select * from messages where kind = 'info_requested' and body_en like ?",
      `%${complaint.id}%`,
    );
    expect(messages.map((message) => message.user_id)).toEqual([owner.principal.user.id]);
    const [message] = messages;
    expect(message!.title_en).toBe(`More material is needed for your complaint ${complaint.id}`);
    expect(message!.body_en).toContain('verifiable evidence of each listing and proof of the right relied on');
    expect(message!.body_en).toContain('2099-05-01 09:30 UTC');
    expect(message!.body_en).toContain(validRequest().message);
    expect(message!.body_zh).toContain('每个商品的可核验证据和所依据权利的证明');
    expect(message!.body_zh).toContain('2099-05-01 17:30（北京时间）');
    // A request with a deadline goes out on every channel.
    const [notice] = h.db.rows<{ id: string }>("select id from notices where kind = 'info_requested' and subject_id = ?", complaint.id);
    expect(h.db.rows<{ channel: string }>('select channel from deliveries where notice_id = ? order by channel', notice!.id).map((row) => row.channel)).toEqual(['email', 'in_site', 'sms']);

    expect(h.db.count('complaint_claims', 'complaint_id = ?', complaint.id)).toBe(0);
    expect(written()).toMatchObject({ transitions: before.transitions + 1, infoRequests: before.infoRequests + 1, messages: before.messages + 1, auditLog: before.auditLog + 2 });
  });

  it('tells both the filing user and the owners when a monitor filed', async () => {
    const complaint = await claimed(monitor);
    expect((await infoRequest(reviewer.token, complaint.id, validRequest())).status).toBe(200);
    const recipients = h.db.rows<{ email: string }>(
      "select users.email from messages join users on users.id = messages.user_id where kind = 'info_requested' and body_en like ? order by users.email",
      `%${complaint.id}%`,
    );
    expect(recipients.map((row) => row.email)).toEqual(['monitor@demo.test', 'owner@demo.test']);
  });

  it('refuses a second request while the first waits: the claim is gone and the complaint is out of the queue', async () => {
    const complaint = await claimed();
    expect((await infoRequest(reviewer.token, complaint.id, validRequest())).status).toBe(200);
    const before = written();
    await refused(await infoRequest(reviewer.token, complaint.id, validRequest()), 409, 'claim_required');
    await expect(claimComplaint(h.runtime.store, reviewer.principal, complaint.id)).rejects.toMatchObject({ code: 'invalid_transition' });
    expect(written()).toEqual(before);
  });
});

describe('POST /api/review/complaints/{id}/abuse', () => {
  let complaint: Complaint;
  const tenantAbuse = () =>
    h.db.rows<{ score: number; level: string }>('select score, level from complainant_risk where tenant_id = ?', owner.principal.tenant.id)[0];

  beforeAll(async () => {
    complaint = await fileComplaint(h, owner, 1);
  });

  it('is absent to everyone but staff, refuses bad input, and writes nothing', async () => {
    const draftRes = await h.app.request(
      '/api/complaints',
      jsonPost(
        { principalId: null, rightId: null, reason: null, explanation: '', goodFaith: false, accuracy: false, listings: [], submit: false },
        { ...bearer(owner.token), [IDEMPOTENCY_HEADER]: randomUUID() },
      ),
    );
    expect(draftRes.status).toBe(201);
    const draft = (await draftRes.json()) as Complaint;
    const before = written();
    for (const token of [owner.token, monitor.token, seller]) await refused(await abuse(token, complaint.id, { kind: 'wrongful', note: 'Not theirs.' }), 404, 'not_found');
    await refused(await abuse(reviewer.token, complaint.id, { kind: 'wrongful' }), 400, 'validation_failed');
    await refused(await abuse(reviewer.token, complaint.id, { kind: 'wrongful', note: ' ' }), 400, 'validation_failed');
    await refused(await abuse(reviewer.token, complaint.id, { kind: 'mistaken', note: 'Not theirs.' }), 400, 'validation_failed');
    // A draft is its author's private work, and an unknown id is unknown.
    await refused(await abuse(reviewer.token, draft.id, { kind: 'wrongful', note: 'Not theirs.' }), 404, 'not_found');
    await refused(await abuse(reviewer.token, randomUUID(), { kind: 'wrongful', note: 'Not theirs.' }), 404, 'not_found');
    expect(written()).toEqual(before);
  });

  it('records the mark with its note on the audit trail and updates the complainant risk; a complaint counts once per kind', async () => {
    const before = written();
    const res = await abuse(reviewer.token, complaint.id, { kind: 'wrongful', note: 'The listing sells the genuine product.' });
    expect(res.status).toBe(201);
    const mark = (await res.json()) as { id: string; complaintId: string; kind: string; note: string; markedBy: { email: string } };
    expect(mark).toMatchObject({ complaintId: complaint.id, kind: 'wrongful', note: 'The listing sells the genuine product.', markedBy: { email: 'reviewer@demo.test' } });
    expect(h.db.rows('select complaint_id, tenant_id, kind, note, marked_by from abuse_marks where id = ?', mark.id)).toEqual([
      { complaint_id: complaint.id, tenant_id: owner.principal.tenant.id, kind: 'wrongful', note: 'The listing sells the genuine product.', marked_by: reviewer.principal.user.id },
    ]);
    const [entry] = h.db.rows<{ kind: string; subject_id: string; tenant_id: string; payload: string }>('select * from audit_log where seq > ?', before.auditLog);
    expect(entry).toMatchObject({ kind: 'abuse_mark', subject_id: complaint.id, tenant_id: owner.principal.tenant.id });
    expect(JSON.parse(entry!.payload)).toEqual({ complaintId: complaint.id, markId: mark.id, kind: 'wrongful', note: 'The listing sells the genuine product.' });
    expect(written()).toMatchObject({ abuseMarks: before.abuseMarks + 1, auditLog: before.auditLog + 1, complaints: before.complaints });

    const stats = h.db.rows<{ upheld: number; rejected: number; reversed: number }>(
      "select coalesce(sum(outcome = 'upheld'), 0) as upheld, coalesce(sum(outcome = 'rejected'), 0) as rejected, coalesce(sum(reversed_at is not null), 0) as reversed from complaint_listings where tenant_id = ?",
      owner.principal.tenant.id,
    )[0]!;
    const score = (wrongful: number, malicious: number) => abuseScore({ wrongful, malicious, ...stats, decided: stats.upheld + stats.rejected });
    expect(tenantAbuse()).toEqual({ score: score(1, 0), level: 'low' });

    // An admin finds it malicious too; a second wrongful mark on the same complaint adds nothing.
    expect((await abuse(admin.token, complaint.id, { kind: 'malicious', note: 'Filed against a competitor on purpose.' })).status).toBe(201);
    expect((await abuse(admin.token, complaint.id, { kind: 'wrongful', note: 'Agreed.' })).status).toBe(201);
    expect(h.db.count('abuse_marks', 'complaint_id = ?', complaint.id)).toBe(3);
    expect(tenantAbuse()).toEqual({ score: score(1, 1), level: 'medium' });
    expect(await h.runtime.store.abuseCounts(owner.principal.tenant.id)).toEqual({ wrongful: 1, malicious: 1 });
  });
});
