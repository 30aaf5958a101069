import { randomUUID } from 'node:crypto';
import {
  IDEMPOTENCY_HEADER,
  complaintDraftOf,
  qualifyNotice,
  type CaptureReceipt,
  type ComplainantStats,
  type Complaint,
  type ComplaintCheck,
  type ComplaintContext,
  type ComplaintInput,
  type ComplaintList,
  type CreateComplaintRequest,
  type ListingLookup,
  type Principal as PrincipalInfo,
  type Right,
  type RightList,
} from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../services/auth';
import { decideComplaint, startReview } from '../../services/complaints';
import {
  bearer,
  cookieHeaders,
  createHarness,
  jsonPost,
  loginBearer,
  loginCookie,
  pngBytes,
  sampleMeta,
  upload,
  type Harness,
} from '../../testing/harness';
import { startInbox, type Inbox } from '../../testing/inbox';
import { pdfBytes, registerAndSignIn, type RegisteredAccount } from '../../testing/registration';

let h: Harness;
let inbox: Inbox;
let owner: string;
let monitor: string;
let admin: string;
let reviewer: string;
let seller: string;
let agency: RegisteredAccount;
let trademark: Right;
let copyright: Right;
let agencyRight: Right;
let principalRight: Right;
let agencyPrincipal: PrincipalInfo;
/** Demo Brand Co.'s captures. */
const captures: string[] = [];
let agencyCapture: string;

const TAOBAO = 'https://item.taobao.com/item.htm?id=612345678901';
const TAOBAO_MOBILE = 'https://h5.m.taobao.com/awp/core/detail.htm?id=612345678901&spm=a2141.1';
const AMAZON = 'https://www.amazon.com/dp/B0DEMO0001';

interface ProblemBody {
  code: string;
  status: number;
  errors?: Array<{ path: string; code: string; message: string; params?: Record<string, string | number> }>;
}

async function problem(res: Response): Promise<ProblemBody> {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as ProblemBody;
}

/** Every row a complaint write could leave behind. */
const written = () => ({
  complaints: h.db.count('complaints'),
  listings: h.db.count('complaint_listings'),
  transitions: h.db.count('complaint_transitions'),
  idempotencyKeys: h.db.count('idempotency_keys'),
});

const keyed = (token: string, key: string | undefined = randomUUID()) => ({ ...bearer(token), ...(key === undefined ? {} : { [IDEMPOTENCY_HEADER]: key }) });
const create = (token: string, body: unknown, key?: string) => h.app.request('/api/complaints', jsonPost(body, keyed(token, key)));
const put = (token: string, id: string, body: unknown) =>
  h.app.request(`/api/complaints/${id}`, { method: 'PUT', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const submit = (token: string, id: string, key: string | undefined = randomUUID()) =>
  h.app.request(`/api/complaints/${id}/submit`, { method: 'POST', headers: keyed(token, key) });
const withdraw = (headers: Record<string, string>, id: string, body?: unknown) =>
  h.app.request(`/api/complaints/${id}/withdraw`, body === undefined ? { method: 'POST', headers } : jsonPost(body, headers));
const get = (token: string, path: string) => h.app.request(`/api/complaints${path}`, { headers: bearer(token) });

const listing = (url: string, captureId: string) => ({ url, captureIds: [captureId], location: { kind: 'text' as const, quote: 'DemoBrand' } });

/** A qualified notice on the demo trademark: two listings, each with a verified capture and a location. */
function complete(overrides: Partial<CreateComplaintRequest> = {}): CreateComplaintRequest {
  return {
    principalId: null,
    rightId: trademark.id,
    reason: 'counterfeit',
    explanation: 'These bags carry our registered mark but were never made or sold by us.',
    goodFaith: true,
    accuracy: true,
    listings: [listing(TAOBAO, captures[0]!), listing(AMAZON, captures[1]!)],
    submit: true,
    ...overrides,
  };
}

async function capture(token: string, url: string, color: string): Promise<string> {
  const res = await upload(h, bearer(token), randomUUID(), { meta: sampleMeta({ url }), file: { bytes: await pngBytes(320, 240, color) } });
  expect(res.status).toBe(201);
  return ((await res.json()) as CaptureReceipt).id;
}

async function postRight(token: string, data: unknown): Promise<Right> {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  form.append('proof', new Blob([pdfBytes(JSON.stringify(data))], { type: 'application/pdf' }), 'certificate.pdf');
  const res = await h.app.request('/api/rights', { method: 'POST', headers: bearer(token), body: form });
  expect(res.status).toBe(201);
  return (await res.json()) as Right;
}

beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({
    trustProxy: true,
    mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 },
    // This file makes far more writes per minute than a person would.
    writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 },
  });
  owner = await loginBearer(h, 'owner@demo.test');
  monitor = await loginBearer(h, 'monitor@demo.test');
  admin = await loginBearer(h, 'admin@demo.test');
  reviewer = await loginBearer(h, 'reviewer@demo.test');
  seller = await loginBearer(h, 'seller@demo.test');
  const rights = ((await (await h.app.request('/api/rights', { headers: bearer(owner) })).json()) as RightList).items;
  trademark = rights.find((right) => right.registrationNumber === 'TM-DEMO-0001')!;
  copyright = rights.find((right) => right.registrationNumber === 'CR-DEMO-0002')!;
  for (const [url, color] of [
    [TAOBAO, '#aa0000'],
    [AMAZON, '#00aa00'],
    ['https://item.taobao.com/item.htm?id=700000000001', '#0000aa'],
  ] as const) {
    captures.push(await capture(owner, url, color));
  }

  // An agency whose identity staff have not verified yet, with a principal staff have approved.
  agency = await registerAndSignIn(h, inbox, { tenantKind: 'agency' });
  agencyCapture = await capture(agency.token, TAOBAO, '#aaaa00');
  agencyRight = await postRight(agency.token, { type: 'trademark', registrationNumber: 'TM-AGENCY-1', territories: ['CN'], niceClasses: [25], validFrom: '2020-01-01', validUntil: '2035-12-31' });
  const form = new FormData();
  form.append('data', JSON.stringify({ entityKind: 'company', legalName: 'Principal Brand GmbH', country: 'DE', registrationNumber: 'HRB 4242' }));
  form.append('authority', new Blob([pdfBytes('authority')], { type: 'application/pdf' }), 'authority.pdf');
  const added = await h.app.request('/api/principals', { method: 'POST', headers: bearer(agency.token), body: form });
  expect(added.status).toBe(201);
  agencyPrincipal = (await added.json()) as PrincipalInfo;
  expect((await h.app.request(`/api/admin/principals/${agencyPrincipal.id}/verification`, jsonPost({ decision: 'approve' }, bearer(admin)))).status).toBe(200);
  principalRight = await postRight(agency.token, {
    type: 'trademark',
    registrationNumber: 'TM-PRINCIPAL-1',
    territories: ['DE'],
    niceClasses: [25],
    principalId: agencyPrincipal.id,
    validFrom: '2020-01-01',
    validUntil: '2035-12-31',
  });
});
afterAll(async () => {
  await h.close();
  await inbox.close();
});

describe('GET /api/complaints/context', () => {
  it('gives the complainant as filed now, the rights with their status, and server time', async () => {
    const res = await get(owner, '/context');
    expect(res.status).toBe(200);
    const context = (await res.json()) as ComplaintContext;
    expect(context).toMatchObject({
      tenantKind: 'rights_holder',
      identityVerified: true,
      complainant: { legalName: 'Demo Brand Co.', email: 'owner@demo.test', phone: null, postalAddress: null },
      principals: [],
    });
    expect(context.rights).toEqual([
      { id: trademark.id, type: 'trademark', status: 'verified', validFrom: '2020-01-01', validUntil: '2035-12-31', territories: ['CN', 'US'], registrationNumber: 'TM-DEMO-0001', principalId: null },
      { id: copyright.id, type: 'copyright', status: 'pending', validFrom: '2024-01-01', validUntil: '2074-12-31', territories: ['WW'], registrationNumber: 'CR-DEMO-0002', principalId: null },
    ]);
    expect(Math.abs(Date.parse(context.serverTime) - Date.now())).toBeLessThan(60_000);
    // The monitor files with its own contact details.
    expect(((await (await get(monitor, '/context')).json()) as ComplaintContext).complainant?.email).toBe('monitor@demo.test');
  });

  it("offers an agency its approved principals and says filing is closed until its identity is verified", async () => {
    const context = (await (await get(agency.token, '/context')).json()) as ComplaintContext;
    expect(context.identityVerified).toBe(false);
    expect(context.principals).toEqual([{ id: agencyPrincipal.id, legalName: 'Principal Brand GmbH' }]);
    expect(context.rights.map((right) => [right.registrationNumber, right.principalId])).toEqual([
      ['TM-AGENCY-1', null],
      ['TM-PRINCIPAL-1', agencyPrincipal.id],
    ]);
  });

  it('is absent to sellers and refused to staff', async () => {
    expect((await problem(await get(seller, '/context'))).code).toBe('not_found');
    expect((await problem(await get(admin, '/context'))).code).toBe('forbidden');
  });
});

describe('POST /api/complaints/check', () => {
  it("gives exactly qualifyNotice's verdict on the server's facts, and writes nothing", async () => {
    const context = (await (await get(owner, '/context')).json()) as ComplaintContext;
    const facts = { rights: context.rights, complainant: context.complainant, verifiedCaptureIds: new Set(captures) };
    const { submit: _submit, ...qualified } = complete();
    const inputs: ComplaintInput[] = [
      { principalId: null, rightId: null, reason: null, explanation: '', goodFaith: false, accuracy: false, listings: [] },
      qualified,
      {
        ...qualified,
        // A pending right, a reason of another right type, and listings with every kind of flaw.
        rightId: copyright.id,
        reason: 'counterfeit',
        explanation: 'Too short.',
        listings: [
          { url: 'https://m.tb.cn/h.abc', captureIds: ['no-such-capture', agencyCapture], location: null },
          { url: TAOBAO_MOBILE, captureIds: [], location: { kind: 'text', quote: '  ' } },
          { url: TAOBAO, captureIds: [captures[0]!], location: { kind: 'region', x: 0.1, y: 0.1, width: 0.2, height: 0.2 } },
          { url: 'not a url', captureIds: [captures[2]!], location: { kind: 'element', selector: '#title', excerpt: 'DemoBrand' } },
        ],
      },
      // Another tenant's right is simply not on offer.
      { ...qualified, rightId: agencyRight.id },
    ];
    for (const input of inputs) {
      const before = written();
      const res = await h.app.request('/api/complaints/check', jsonPost(input, bearer(owner)));
      expect(res.status).toBe(200);
      const { problems } = (await res.json()) as ComplaintCheck;
      expect(problems).toEqual(qualifyNotice(complaintDraftOf(input, facts), { now: new Date() }));
      expect(written()).toEqual(before);
    }
    // The verdicts differ, so the comparison above has teeth.
    const codes = (input: ComplaintInput) => qualifyNotice(complaintDraftOf(input, facts), { now: new Date() }).map((p) => p.code);
    expect(codes(qualified)).toEqual([]);
    expect(codes(inputs[2]!)).toEqual(
      expect.arrayContaining(['right_not_verified', 'reason_mismatch', 'listing_url_short_link', 'listing_evidence_unverified', 'listing_duplicate', 'listing_url_invalid', 'listing_evidence_missing', 'explanation_too_short']),
    );
    expect(codes(inputs[3]!)).toEqual(['right_missing']);
  });

  it('refuses a body that is not a ComplaintInput', async () => {
    const res = await h.app.request('/api/complaints/check', jsonPost({ ...complete() }, bearer(owner)));
    expect(res.status).toBe(400);
    expect((await problem(res)).code).toBe('validation_failed');
  });
});

describe('POST /api/complaints', () => {
  let filed: Complaint;

  it('files a qualified notice: 201, submitted, listings canonicalised, creation and submission recorded', async () => {
    const before = written();
    const key = randomUUID();
    const res = await create(owner, complete({ listings: [listing(TAOBAO_MOBILE, captures[0]!), listing(AMAZON, captures[1]!)] }), key);
    expect(res.status).toBe(201);
    filed = (await res.json()) as Complaint;
    expect(filed).toMatchObject({
      state: 'submitted',
      principal: null,
      right: { id: trademark.id, type: 'trademark', registrationNumber: 'TM-DEMO-0001' },
      reason: 'counterfeit',
      goodFaith: true,
      accuracy: true,
      complainant: { legalName: 'Demo Brand Co.', email: 'owner@demo.test', phone: null, postalAddress: null },
    });
    expect(filed.submittedAt).toBe(filed.createdAt);
    expect(filed.listings).toEqual([
      {
        id: expect.any(String),
        position: 1,
        url: TAOBAO_MOBILE,
        canonicalUrl: TAOBAO,
        marketplace: 'taobao',
        listingId: '612345678901',
        shopId: null,
        jurisdiction: 'CN',
        captureIds: [captures[0]],
        location: { kind: 'text', quote: 'DemoBrand' },
        outcome: 'pending',
      },
      {
        id: expect.any(String),
        position: 2,
        url: AMAZON,
        canonicalUrl: AMAZON,
        marketplace: 'amazon',
        listingId: 'B0DEMO0001',
        shopId: null,
        jurisdiction: 'US',
        captureIds: [captures[1]],
        location: { kind: 'text', quote: 'DemoBrand' },
        outcome: 'pending',
      },
    ]);
    const actor = { id: expect.any(String), email: 'owner@demo.test' };
    expect(filed.transitions).toEqual([
      { from: null, to: 'draft', event: null, actor, at: filed.createdAt },
      { from: 'draft', to: 'submitted', event: 'submit', actor, at: filed.createdAt },
    ]);
    expect(written()).toEqual({
      complaints: before.complaints + 1,
      listings: before.listings + 2,
      transitions: before.transitions + 2,
      idempotencyKeys: before.idempotencyKeys + 1,
    });
    expect(h.db.rows('select canonical_url, tenant_id = ? as own from complaint_listings where complaint_id = ? order by position', filed.tenantId, filed.id)).toEqual([
      { canonical_url: TAOBAO, own: 1 },
      { canonical_url: AMAZON, own: 1 },
    ]);
    expect(await (await get(owner, `/${filed.id}`)).json()).toEqual(filed);

    // The same key and body again: the same answer, 200, nothing new.
    const after = written();
    const again = await create(owner, complete({ listings: [listing(TAOBAO_MOBILE, captures[0]!), listing(AMAZON, captures[1]!)] }), key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(filed);
    // The same key with another body is a reuse.
    const reused = await create(owner, complete(), key);
    expect(reused.status).toBe(422);
    expect((await problem(reused)).code).toBe('idempotency_key_reused');
    expect(written()).toEqual(after);
  });

  it('needs an Idempotency-Key', async () => {
    const before = written();
    const missing = await h.app.request('/api/complaints', jsonPost(complete(), bearer(owner)));
    expect(missing.status).toBe(400);
    expect((await problem(missing)).code).toBe('missing_idempotency_key');
    const invalid = await create(owner, complete(), 'not-a-uuid');
    expect(invalid.status).toBe(400);
    expect((await problem(invalid)).code).toBe('invalid_idempotency_key');
    expect(written()).toEqual(before);
  });

  it('files a batch of 300 listings in one complaint, every one canonicalised', async () => {
    const batch = Array.from({ length: 300 }, (_, i) =>
      listing(`https://m.intl.taobao.com/detail/detail.html?id=${900_000_000_000 + i}&spm=a2141.1`, captures[i % captures.length]!),
    );
    const res = await create(owner, complete({ listings: batch }));
    expect(res.status).toBe(201);
    const filed = (await res.json()) as Complaint;
    expect(filed.state).toBe('submitted');
    expect(filed.listings).toHaveLength(300);
    expect(filed.listings[299]).toMatchObject({ position: 300, canonicalUrl: 'https://item.taobao.com/item.htm?id=900000000299', jurisdiction: 'CN' });
    expect(h.db.count('complaint_listings', 'complaint_id = ?', filed.id)).toBe(300);
  });

  it('refuses bad input, each with its own code and nothing written', async () => {
    const tooMany = Array.from({ length: 301 }, (_, i) => listing(`https://item.taobao.com/item.htm?id=${800_000_000_000 + i}`, captures[0]!));
    const cases: Array<[label: string, token: string, body: unknown, status: number, code: string, errors?: ProblemBody['errors']]> = [
      ['unknown field', owner, { ...complete(), complainant: { legalName: 'X' } }, 400, 'validation_failed'],
      ['reason not a reason code', owner, { ...complete(), reason: 'because' }, 400, 'validation_failed'],
      ['principal named by a rights holder', owner, complete({ principalId: agencyPrincipal.id }), 404, 'principal_not_found'],
      ["another agency's principal (or none)", agency.token, complete({ principalId: 'no-such-principal', rightId: null, listings: [] }), 404, 'principal_not_found'],
      ['unknown right', owner, complete({ rightId: 'no-such-right' }), 404, 'right_not_found'],
      ["another tenant's right", owner, complete({ rightId: agencyRight.id }), 404, 'right_not_found'],
      ["a principal's right filed without that principal", agency.token, complete({ rightId: principalRight.id, listings: [] }), 404, 'right_not_found'],
      ["the agency's own right filed for a principal", agency.token, complete({ principalId: agencyPrincipal.id, rightId: agencyRight.id, listings: [] }), 404, 'right_not_found'],
      // The right is checked before the captures.
      ['unknown right and unknown capture', owner, complete({ rightId: 'no-such-right', listings: [listing(TAOBAO, 'no-such-capture')] }), 404, 'right_not_found'],
      [
        'unknown capture',
        owner,
        complete({ listings: [listing(TAOBAO, captures[0]!), { ...listing(AMAZON, captures[1]!), captureIds: [captures[1]!, 'no-such-capture'] }] }),
        404,
        'capture_not_found',
        [{ path: 'listings.1.captureIds.1', code: 'capture_not_found', message: expect.any(String) }],
      ],
      ["another tenant's capture", owner, complete({ listings: [listing(TAOBAO, agencyCapture)] }), 404, 'capture_not_found'],
      ['301 listings', owner, complete({ listings: tooMany }), 422, 'too_many_listings'],
      [
        'the same listing twice, spelled differently',
        owner,
        complete({ listings: [listing(TAOBAO, captures[0]!), listing(AMAZON, captures[1]!), listing(TAOBAO_MOBILE, captures[2]!)] }),
        422,
        'duplicate_listing',
        [{ path: 'listings.2.url', code: 'duplicate_listing', message: expect.any(String), params: { listing: 3, first: 1 } }],
      ],
      ['a copyright reason on a trademark', owner, complete({ reason: 'image_copied' }), 422, 'reason_not_for_right'],
      ['a draft with a copyright reason on a trademark', owner, complete({ reason: 'image_copied', submit: false }), 422, 'reason_not_for_right'],
      // Identity is checked before qualification: this one would not qualify either.
      ['an unverified tenant filing', agency.token, complete({ rightId: agencyRight.id, listings: [listing(TAOBAO, agencyCapture)] }), 403, 'identity_not_verified'],
      ['a seller', seller, complete(), 404, 'not_found'],
      ['platform staff', admin, complete(), 403, 'forbidden'],
      // Who may file is settled before the body is looked at.
      ['platform staff with a bad body', admin, { nonsense: true }, 403, 'forbidden'],
    ];
    for (const [label, token, body, status, code, errors] of cases) {
      const before = written();
      const res = await create(token, body);
      expect(res.status, label).toBe(status);
      const body_ = await problem(res);
      expect(body_.code, label).toBe(code);
      if (errors) expect(body_.errors, label).toEqual(errors);
      expect(written(), label).toEqual(before);
    }
  });

  it('refuses an unqualified notice with every problem, its English text and params', async () => {
    const before = written();
    const res = await create(owner, complete({ explanation: 'too short', goodFaith: false, listings: [{ ...listing(TAOBAO, captures[0]!), location: null }] }));
    expect(res.status).toBe(422);
    const body = await problem(res);
    expect(body.code).toBe('notice_not_qualified');
    expect(body.errors).toEqual([
      {
        path: 'listings.0.location',
        code: 'listing_location_missing',
        message: 'Listing 1: mark where the infringing content is: a region or element on the capture, or a quoted text.',
        params: { listing: 1 },
      },
      {
        path: 'explanation',
        code: 'explanation_too_short',
        message: 'The explanation is too short (9 characters). Write at least 20 characters explaining why the listings infringe.',
        params: { min: 20, length: 9 },
      },
      { path: 'goodFaith', code: 'good_faith_missing', message: 'Declare that you file this complaint in good faith.' },
    ]);
    const pending = await create(owner, complete({ rightId: copyright.id, reason: 'image_copied' }));
    expect((await problem(pending)).errors?.map((error) => error.code)).toEqual(['right_not_verified']);
    expect(written()).toEqual(before);
  });

  it('lets an agency file for its approved principal only with that principal’s right (as a draft while unverified)', async () => {
    const res = await create(agency.token, complete({ principalId: agencyPrincipal.id, rightId: principalRight.id, listings: [listing(TAOBAO, agencyCapture)], submit: false }));
    expect(res.status).toBe(201);
    const draft = (await res.json()) as Complaint;
    expect(draft).toMatchObject({ state: 'draft', principal: { id: agencyPrincipal.id, legalName: 'Principal Brand GmbH' }, complainant: null, submittedAt: null });
    expect((await problem(await submit(agency.token, draft.id))).code).toBe('identity_not_verified');
  });
});

describe('drafts: save, edit, submit', () => {
  let draft: Complaint;

  it('saves an incomplete draft, replaces it with PUT, and refuses bad edits writing nothing', async () => {
    const res = await create(owner, { principalId: null, rightId: null, reason: null, explanation: '', goodFaith: false, accuracy: false, listings: [{ url: 'not a url yet', captureIds: [], location: null }], submit: false });
    expect(res.status).toBe(201);
    draft = (await res.json()) as Complaint;
    expect(draft).toMatchObject({ state: 'draft', right: null, complainant: null, submittedAt: null });
    expect(draft.listings[0]).toMatchObject({ url: 'not a url yet', canonicalUrl: 'not a url yet', listingId: null, jurisdiction: null });
    expect(h.db.rows('select canonical_url, marketplace from complaint_listings where complaint_id = ?', draft.id)).toEqual([{ canonical_url: null, marketplace: null }]);
    expect(draft.transitions.map((t) => [t.from, t.to, t.event])).toEqual([[null, 'draft', null]]);

    const { submit: _s, ...input } = complete({ explanation: 'Short.' });
    for (const [label, body, status, code] of [
      ['unknown capture', { ...input, listings: [listing(TAOBAO, 'no-such-capture')] }, 404, 'capture_not_found'],
      ['duplicate', { ...input, listings: [listing(TAOBAO, captures[0]!), listing(TAOBAO_MOBILE, captures[0]!)] }, 422, 'duplicate_listing'],
      ['submit flag', { ...input, submit: true }, 400, 'validation_failed'],
    ] as const) {
      const before = written();
      const refused = await put(owner, draft.id, body);
      expect(refused.status, label).toBe(status);
      expect((await problem(refused)).code, label).toBe(code);
      expect(written(), label).toEqual(before);
    }
    expect(h.db.rows('select url from complaint_listings where complaint_id = ?', draft.id)).toEqual([{ url: 'not a url yet' }]);

    const saved = await put(monitor, draft.id, input);
    expect(saved.status).toBe(200);
    const edited = (await saved.json()) as Complaint;
    expect(edited).toMatchObject({ id: draft.id, state: 'draft', explanation: 'Short.', right: { id: trademark.id } });
    expect(edited.listings.map((l) => [l.position, l.canonicalUrl])).toEqual([
      [1, TAOBAO],
      [2, AMAZON],
    ]);
    expect(h.db.count('complaint_listings', 'complaint_id = ?', draft.id)).toBe(2);
    expect(edited.transitions).toHaveLength(1);
  });

  it('submits only once it qualifies; the replay answers the same; edits and re-submission are then 409', async () => {
    const before = written();
    const refused = await submit(owner, draft.id);
    expect(refused.status).toBe(422);
    const body = await problem(refused);
    expect(body.code).toBe('notice_not_qualified');
    expect(body.errors?.map((error) => error.code)).toEqual(['explanation_too_short']);
    expect(written()).toEqual(before);
    const missingKey = await h.app.request(`/api/complaints/${draft.id}/submit`, { method: 'POST', headers: bearer(owner) });
    expect((await problem(missingKey)).code).toBe('missing_idempotency_key');

    const { submit: _s, ...input } = complete();
    expect((await put(owner, draft.id, input)).status).toBe(200);
    const key = randomUUID();
    const res = await submit(monitor, draft.id, key);
    expect(res.status).toBe(200);
    const filed = (await res.json()) as Complaint;
    expect(filed).toMatchObject({ state: 'submitted', complainant: { legalName: 'Demo Brand Co.', email: 'monitor@demo.test' } });
    expect(filed.transitions.map((t) => [t.from, t.to, t.event, t.actor.email])).toEqual([
      [null, 'draft', null, 'owner@demo.test'],
      ['draft', 'submitted', 'submit', 'monitor@demo.test'],
    ]);
    expect(filed.submittedAt).toBe(filed.transitions[1]!.at);
    expect(written()).toEqual({ ...before, transitions: before.transitions + 1, idempotencyKeys: before.idempotencyKeys + 1 });

    const after = written();
    // Clients may send an empty JSON body; the replay answers the same either way.
    const replay = await h.app.request(`/api/complaints/${draft.id}/submit`, jsonPost({}, keyed(monitor, key)));
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(filed);
    const again = await submit(monitor, draft.id);
    expect(again.status).toBe(409);
    expect((await problem(again)).code).toBe('invalid_transition');
    const edit = await put(owner, draft.id, input);
    expect(edit.status).toBe(409);
    expect((await problem(edit)).code).toBe('invalid_transition');
    expect(written()).toEqual(after);
  });
});

describe('tenancy and staff', () => {
  let theirs: Complaint;

  beforeAll(async () => {
    const res = await create(agency.token, complete({ rightId: agencyRight.id, listings: [listing(TAOBAO, agencyCapture)], submit: false }));
    expect(res.status).toBe(201);
    theirs = (await res.json()) as Complaint;
  });

  it("keeps another tenant's complaint a 404 for every route", async () => {
    const before = written();
    const { submit: _s, ...input } = complete();
    for (const res of [
      await get(owner, `/${theirs.id}`),
      await put(owner, theirs.id, input),
      await submit(owner, theirs.id),
      await withdraw(bearer(owner), theirs.id),
      await get(owner, '/no-such-complaint'),
    ]) {
      expect(res.status).toBe(404);
      expect((await problem(res)).code).toBe('not_found');
    }
    const list = (await (await get(owner, '')).json()) as ComplaintList;
    expect(list.items.some((item) => item.id === theirs.id)).toBe(false);
    expect(written()).toEqual(before);
  });

  it("lets staff read every tenant's complaints, never move them; sellers have none", async () => {
    for (const token of [admin, reviewer]) {
      const list = (await (await get(token, '?limit=100')).json()) as ComplaintList;
      expect(list.items.map((item) => item.id)).toContain(theirs.id);
      expect(new Set(h.db.rows<{ tenant_id: string }>('select tenant_id from complaints').map((row) => row.tenant_id)).size).toBe(2);
      expect(list.items).toHaveLength(h.db.count('complaints'));
      expect(await (await get(token, `/${theirs.id}`)).json()).toEqual(theirs);
    }
    const before = written();
    const refused = await withdraw(bearer(admin), theirs.id);
    expect(refused.status).toBe(403);
    expect((await problem(refused)).code).toBe('forbidden');
    expect((await problem(await get(seller, ''))).code).toBe('not_found');
    expect((await problem(await get(seller, `/${theirs.id}`))).code).toBe('not_found');
    expect(written()).toEqual(before);
  });
});

describe('GET /api/complaints', () => {
  it('lists newest first with a keyset cursor and a state filter', async () => {
    const ids = h.db
      .rows<{ id: string }>(
        "select id from complaints where tenant_id = (select tenant_id from users where email = 'owner@demo.test') order by created_at desc, id desc",
      )
      .map((row) => row.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await (await get(owner, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json()) as ComplaintList;
      expect(page.items).toHaveLength(1);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);

    const submitted = (await (await get(owner, '?state=submitted')).json()) as ComplaintList;
    expect(submitted.items.length).toBeGreaterThan(0);
    expect(submitted.items.every((item) => item.state === 'submitted')).toBe(true);
    expect(submitted.items[0]).toMatchObject({ right: { registrationNumber: 'TM-DEMO-0001' }, principal: null, listingCount: 2 });

    for (const query of ['?state=archived', '?cursor=nonsense', '?limit=0']) {
      const res = await get(owner, query);
      expect(res.status, query).toBe(400);
      expect((await problem(res)).code, query).toBe('validation_failed');
    }
  });
});

describe('withdrawal', () => {
  it('withdraws an open complaint over a cookie session with CSRF, records the note, and then refuses with 409', async () => {
    const res = await create(owner, complete({ listings: [listing('https://item.taobao.com/item.htm?id=700000000001', captures[2]!)] }));
    const filed = (await res.json()) as Complaint;
    const session = await loginCookie(h, 'monitor@demo.test');

    const before = written();
    const noCsrf = await withdraw(cookieHeaders(session, false), filed.id, { note: 'Settled with the seller.' });
    expect(noCsrf.status).toBe(403);
    expect((await problem(noCsrf)).code).toBe('csrf_failed');
    expect(written()).toEqual(before);

    const ok = await withdraw(cookieHeaders(session), filed.id, { note: 'Settled with the seller.' });
    expect(ok.status).toBe(200);
    const withdrawn = (await ok.json()) as Complaint;
    expect(withdrawn.state).toBe('withdrawn');
    expect(withdrawn.transitions.at(-1)).toMatchObject({ from: 'submitted', to: 'withdrawn', event: 'withdraw', actor: { email: 'monitor@demo.test' } });
    expect(h.db.rows('select note from complaint_transitions where complaint_id = ? and event = ?', filed.id, 'withdraw')).toEqual([{ note: 'Settled with the seller.' }]);

    const after = written();
    const twice = await withdraw(bearer(owner), filed.id);
    expect(twice.status).toBe(409);
    expect((await problem(twice)).code).toBe('invalid_transition');
    expect(written()).toEqual(after);
  });

  it('withdraws a draft without a body', async () => {
    const draft = (await (await create(owner, complete({ submit: false }))).json()) as Complaint;
    const res = await withdraw(bearer(owner), draft.id);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Complaint).transitions.map((t) => [t.from, t.to])).toEqual([
      [null, 'draft'],
      ['draft', 'withdrawn'],
    ]);
  });
});

describe('GET /api/complaints/lookup', () => {
  it("finds the tenant's open complaints for any spelling of the listing, and nothing else", async () => {
    const open = h.db.rows<{ id: string }>(
      `select distinct c.id from complaints c join complaint_listings l on l.complaint_id = c.id
       where l.canonical_url = ? and c.tenant_id = (select tenant_id from users where email = 'owner@demo.test')
       and c.state in ('draft', 'submitted', 'in_review', 'needs_info') order by c.created_at desc, c.id desc`,
      TAOBAO,
    );
    expect(open.length).toBeGreaterThan(0);
    const res = await get(owner, `/lookup?url=${encodeURIComponent(TAOBAO_MOBILE)}`);
    expect(res.status).toBe(200);
    const lookup = (await res.json()) as ListingLookup;
    expect(lookup.canonicalUrl).toBe(TAOBAO);
    expect(lookup.reports.map((report) => report.complaintId)).toEqual(open.map((row) => row.id));

    // The withdrawn complaint's listing is no longer "already reported".
    const withdrawnOnly = (await (await get(owner, `/lookup?url=${encodeURIComponent('https://item.taobao.com/item.htm?id=700000000001&spm=x')}`)).json()) as ListingLookup;
    expect(withdrawnOnly).toEqual({ canonicalUrl: 'https://item.taobao.com/item.htm?id=700000000001', reports: [] });
    // Another tenant sees only its own.
    const agencyView = (await (await get(agency.token, `/lookup?url=${encodeURIComponent(TAOBAO)}`)).json()) as ListingLookup;
    expect(agencyView.reports.every((report) => h.db.count('complaints', 'id = ? and tenant_id = ?', report.complaintId, agency.tenantId) === 1)).toBe(true);
    expect(agencyView.reports.map((report) => report.complaintId)).not.toContain(open[0]!.id);
    expect(await (await get(owner, '/lookup?url=not%20a%20url')).json()).toEqual({ canonicalUrl: null, reports: [] });
    expect((await problem(await get(owner, '/lookup'))).code).toBe('validation_failed');
  });
});

describe('the OpenAPI document', () => {
  it('describes every complaint route from the shared schemas', async () => {
    const doc = (await (await h.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/api/complaints')).sort()).toEqual([
      '/api/complaints',
      '/api/complaints/check',
      '/api/complaints/context',
      '/api/complaints/lookup',
      '/api/complaints/stats',
      '/api/complaints/{id}',
      '/api/complaints/{id}/counter-notices',
      '/api/complaints/{id}/info-documents/{documentId}',
      '/api/complaints/{id}/info-requests',
      '/api/complaints/{id}/info-response',
      '/api/complaints/{id}/submit',
      '/api/complaints/{id}/timeline',
      '/api/complaints/{id}/withdraw',
    ]);
    expect(Object.keys(doc.paths['/api/complaints']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/complaints/{id}']!).sort()).toEqual(['get', 'put']);
    const create = JSON.stringify(doc.paths['/api/complaints']!.post);
    expect(create).toContain('"idempotency-key"');
    expect(create).toContain('notice_not_qualified');
    expect(create).toContain('"goodFaith"');
    expect(JSON.stringify(doc.paths['/api/complaints/{id}/submit']!.post)).toContain('"idempotency-key"');
  });
});

describe('GET /api/complaints/stats', () => {
  it("counts the tenant's record from its complaints, decisions included", async () => {
    const before = (await (await get(owner, '/stats')).json()) as ComplainantStats;
    const filed = (await (await create(owner, complete())).json()) as Complaint;
    const staff = await authenticate(h.runtime.store, reviewer, 'bearer');
    await startReview(h.runtime.store, staff, filed.id, Date.parse(filed.submittedAt!) + 60 * 60 * 1000);
    const decided = await decideComplaint(h.runtime.store, staff, filed.id, ['upheld', 'rejected'], Date.parse(filed.submittedAt!) + 6 * 60 * 60 * 1000);
    expect(decided.listings.map((l) => l.outcome)).toEqual(['upheld', 'rejected']);

    const res = await get(owner, '/stats');
    expect(res.status).toBe(200);
    const stats = (await res.json()) as ComplainantStats;
    expect(stats).toEqual({
      complaints: { ...before.complaints, submitted: before.complaints.submitted + 1, decided: before.complaints.decided + 1 },
      listings: { ...before.listings, upheld: before.listings.upheld + 1, rejected: before.listings.rejected + 1 },
      medianHoursToDecision: 6,
    });
    expect(before.complaints.decided).toBe(0);
    expect(before.complaints.submitted).toBe(before.complaints.open + before.complaints.withdrawn);
    expect((await problem(await get(seller, '/stats'))).code).toBe('not_found');
  });
});
