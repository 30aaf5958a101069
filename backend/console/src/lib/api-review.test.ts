import { InfoResponseDataSchema, type QueueItem } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_INPUT, complaintOf } from '../test/fixtures';
import { formOf, json, problem } from '../test/http-double';
import { apiRejection, signedInApi } from '../test/signed-in-api';
import { answerData, answerProblem } from './info-response';
import { findNextComplaint } from './review-next';

const signedIn = signedInApi();

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');

const item = (id: string, claimedBy: string | null = null): QueueItem => ({
  id,
  tenant: { id: 't1', name: 'Lantern Footwear Co., Ltd.' },
  state: 'submitted',
  reason: 'counterfeit',
  rightType: 'trademark',
  marketplaces: ['taobao'],
  listingCount: 1,
  submittedAt: '2026-11-29T09:00:00.000Z',
  dueAt: '2026-12-03T15:59:59.999Z',
  overdue: false,
  ageHours: 20,
  risk: 'low',
  claim:
    claimedBy === null
      ? null
      : { complaintId: id, reviewer: { id: claimedBy, email: `${claimedBy}@platform.example` }, claimedAt: '2026-11-30T09:00:00.000Z', expiresAt: '2026-11-30T09:15:00.000Z' },
  updatedAt: '2026-11-30T08:00:00.000Z',
});

describe('the complainant’s answer to a request for material', () => {
  it('goes as multipart: the `data` part the route parses, and each document as a `document` file with its name and bytes', async () => {
    signedIn.server.routes['POST /api/complaints/cp1/info-response'] = () => json(200, complaintOf(COMPLAINT_INPUT, { state: 'in_review' }));
    const draft = { message: '  The certificate and two new captures.  ', captureIds: ['c7', 'c9', 'c7'], documents: [] };
    expect(answerProblem(draft)).toBeNull();
    const files = [new File([PDF], 'certificate.pdf', { type: 'application/pdf' }), new File([PNG], '商标.png', { type: 'image/png' })];
    const result = await signedIn.api.answerInfoRequest('cp1', answerData(draft), files);
    expect(result.state).toBe('in_review');

    const seen = signedIn.server.last();
    expect([seen.method, seen.url, seen.headers['x-csrf-token']]).toEqual(['POST', '/api/complaints/cp1/info-response', 'csrf-1']);
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formOf(seen);
    const data = JSON.parse(String(form.get('data')));
    expect(data).toEqual({ message: 'The certificate and two new captures.', captureIds: ['c7', 'c9'] });
    expect(InfoResponseDataSchema.safeParse(data).success).toBe(true);
    const documents = form.getAll('document') as File[];
    expect(documents.map((file) => file.name)).toEqual(['certificate.pdf', '商标.png']);
    expect(new Uint8Array(await documents[1]!.arrayBuffer())).toEqual(PNG);
    expect([...form.keys()].sort()).toEqual(['data', 'document', 'document']);
  });

  it('may carry no document at all', async () => {
    signedIn.server.routes['POST /api/complaints/cp1/info-response'] = () => json(200, complaintOf(COMPLAINT_INPUT, { state: 'in_review' }));
    await signedIn.api.answerInfoRequest('cp1', answerData({ message: 'See the listing again.', captureIds: [] }), []);
    const form = await formOf(signedIn.server.last());
    expect(form.getAll('document')).toEqual([]);
    expect(JSON.parse(String(form.get('data')))).toEqual({ message: 'See the listing again.', captureIds: [] });
  });

  it('is held back without a message, with more than five documents, or with a refused one', () => {
    expect(answerProblem({ message: '   ', captureIds: ['c1'], documents: [] })).toBe('message');
    expect(answerProblem({ message: 'Here.', captureIds: [], documents: Array.from({ length: 6 }, (_, index) => ({ name: `${index}.pdf`, kind: 'application/pdf' as const })) })).toBe(
      'too_many_documents',
    );
    expect(answerProblem({ message: 'Here.', captureIds: [], documents: [{ name: 'scan.docx', problem: 'unsupported' }] })).toBe('refused_documents');
  });
});

describe('review calls', () => {
  it('asks for the queue with its filters, limit and cursor in the query', async () => {
    signedIn.server.routes['GET /api/review/queue'] = () => json(200, { items: [item('cp1')], nextCursor: 'k/2' });
    const page = await signedIn.api.reviewQueue({ reason: 'counterfeit', overdue: 'true', risk: 'high', limit: 50, cursor: 'k/1' });
    expect(page.items.map((found) => [found.id, found.updatedAt])).toEqual([['cp1', '2026-11-30T08:00:00.000Z']]);
    expect(signedIn.server.last().url).toBe('/api/review/queue?reason=counterfeit&overdue=true&risk=high&limit=50&cursor=k%2F1');
    await signedIn.api.reviewQueue();
    expect(signedIn.server.last().url).toBe('/api/review/queue');
  });

  it('claims, and reports a complaint held by another reviewer as already_claimed', async () => {
    signedIn.server.routes['POST /api/review/complaints/cp1/claim'] = () => problem(409, 'already_claimed');
    const error = await apiRejection(signedIn.api.claimComplaint('cp1'));
    expect([error.status, error.code]).toEqual([409, 'already_claimed']);
  });

  it('releases the claim as the page goes away with a request that outlives it, CSRF token included', async () => {
    let arrived: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    signedIn.server.routes['DELETE /api/review/complaints/cp1/claim'] = () => {
      arrived();
      return { status: 204 };
    };
    signedIn.api.releaseClaimOnUnload('cp1');
    await reached;
    const seen = signedIn.server.last();
    expect([seen.method, seen.url, seen.headers['x-csrf-token']]).toEqual(['DELETE', '/api/review/complaints/cp1/claim', 'csrf-1']);
  });

  it('sends a decision and translates the refusals by code', async () => {
    const request = { listings: [{ listingId: 'l1', outcome: 'upheld' as const, statement: 'The listing shows our mark DemoBrand on the bag.' }] };
    signedIn.server.routes['POST /api/review/complaints/cp1/decision'] = () => json(200, complaintOf(COMPLAINT_INPUT, { state: 'decided' }));
    expect((await signedIn.api.decideComplaint('cp1', request)).state).toBe('decided');
    expect(JSON.parse(signedIn.server.last().body)).toEqual(request);
    for (const [status, code] of [
      [422, 'placeholder_unfilled'],
      [409, 'lease_expired'],
      [409, 'claim_required'],
    ] as const) {
      signedIn.server.routes['POST /api/review/complaints/cp1/decision'] = () => problem(status, code);
      expect((await apiRejection(signedIn.api.decideComplaint('cp1', request))).code).toBe(code);
    }
  });

  it('rejects a selection in bulk with what each complaint looked like, all or nothing', async () => {
    signedIn.server.routes['POST /api/review/bulk'] = () => json(200, { decided: ['cp1'], proposed: ['cp2'] });
    const body = {
      action: 'reject_all' as const,
      statement: 'Already decided in complaint cp-0001.',
      selection: [
        { complaintId: 'cp1', seen: '2026-11-30T09:00:00.000Z' },
        { complaintId: 'cp2', seen: '2026-11-30T09:01:00.000Z' },
      ],
    };
    expect(await signedIn.api.bulkReview(body)).toEqual({ decided: ['cp1'], proposed: ['cp2'] });
    expect(JSON.parse(signedIn.server.last().body)).toEqual(body);
    signedIn.server.routes['POST /api/review/bulk'] = () => problem(409, 'stale_selection');
    expect((await apiRejection(signedIn.api.bulkReview(body))).code).toBe('stale_selection');
  });

  it('reads the timeline and refuses one that breaks the contract', async () => {
    const entry = { seq: 7, at: '2026-11-30T09:00:00.000Z', kind: 'complaint_transition', actor: null, payload: { from: 'in_review', to: 'closed' }, hash: 'a'.repeat(64), verified: false };
    signedIn.server.routes['GET /api/complaints/cp1/timeline'] = () => json(200, { items: [entry] });
    expect((await signedIn.api.complaintTimeline('cp1')).items).toEqual([entry]);
    signedIn.server.routes['GET /api/complaints/cp1/timeline'] = () => json(200, { items: [{ ...entry, verified: 'yes' }] });
    expect((await apiRejection(signedIn.api.complaintTimeline('cp1'))).code).toBe('unknown');
  });

  it('imposes and lifts sanctions with the reasons trimmed', async () => {
    const sanction = {
      id: 's1',
      kind: 'enhanced_review',
      reason: 'Three malicious marks this month.',
      imposedAt: '2026-11-30T09:00:00.000Z',
      imposedBy: { id: 'a1', email: 'admin@platform.example' },
      liftedAt: null,
      liftReason: null,
    };
    signedIn.server.routes['POST /api/admin/complainants/t1/sanctions'] = () => json(201, sanction);
    expect((await signedIn.api.imposeSanction('t1', { kind: 'enhanced_review', reason: '  Three malicious marks this month. ' })).id).toBe('s1');
    expect(JSON.parse(signedIn.server.last().body)).toEqual({ kind: 'enhanced_review', reason: 'Three malicious marks this month.' });
    signedIn.server.routes['POST /api/admin/complainants/t1/sanctions/s1/lift'] = () => json(200, { ...sanction, liftedAt: '2026-12-01T09:00:00.000Z' });
    await signedIn.api.liftSanction('t1', 's1', ' Explained and corrected. ');
    expect(JSON.parse(signedIn.server.last().body)).toEqual({ reason: 'Explained and corrected.' });
  });
});

describe('the next complaint ("Submit & Next", n)', () => {
  it('is the head of the same filtered queue once the current one has left it, skipping others’ claims', async () => {
    signedIn.server.routes['GET /api/review/queue'] = () => json(200, { items: [item('cp2', 'someone-else'), item('cp3'), item('cp4')] });
    expect(await findNextComplaint(signedIn.api, { reason: 'counterfeit', risk: 'high' }, { id: 'cp1', stillQueued: false }, 'u1')).toBe('cp3');
    const query = new URL(signedIn.server.last().url, 'http://x').searchParams;
    expect([query.get('reason'), query.get('risk')]).toEqual(['counterfeit', 'high']);
  });

  it('is the one after the current complaint when it stays queued, reading on through the pages and wrapping round', async () => {
    signedIn.server.routes['GET /api/review/queue'] = (request) =>
      new URL(request.url, 'http://x').searchParams.get('cursor') === 'p2'
        ? json(200, { items: [item('cp3', 'someone-else'), item('cp4', 'u1')] })
        : json(200, { items: [item('cp1'), item('cp2')], nextCursor: 'p2' });
    expect(await findNextComplaint(signedIn.api, {}, { id: 'cp2', stillQueued: true }, 'u1')).toBe('cp4');
    expect(await findNextComplaint(signedIn.api, {}, { id: 'cp4', stillQueued: true }, 'u1')).toBe('cp1');
  });

  it('is none when nothing else can be taken', async () => {
    signedIn.server.routes['GET /api/review/queue'] = () => json(200, { items: [item('cp1'), item('cp2', 'someone-else')] });
    expect(await findNextComplaint(signedIn.api, {}, { id: 'cp1', stillQueued: true }, 'u1')).toBeNull();
  });
});
