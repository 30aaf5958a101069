import type { CounterNotice } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { formOf, json, problem } from '../test/http-double';
import { signedInApi } from '../test/signed-in-api';
import { ApiError } from './api';
import {
  checkCounterNotice,
  COUNTER_NOTICE_STATEMENT_MIN,
  counterNoticeFieldErrors,
  fileCounterNotice,
  proofProblem,
  submitProof,
  type CounterNoticeDraft,
  type PickedFiles,
} from './counter-notice';
import { checkDocument } from './documents';

const signedIn = signedInApi();

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

const DRAFT: CounterNoticeDraft = {
  statement: '  These bags are genuine goods, bought from the brand’s authorised distributor.  ',
  legalName: 'Hangzhou Demo Trading Co., Ltd.',
  registrationNumber: '91330100MA2DEMO01X',
  address: '1 Demo Road, Xihu District, Hangzhou',
  email: ' legal@seller-demo.test ',
  phone: '+86 571 0000 0000',
  declaration: true,
};

async function picked(...names: string[]): Promise<PickedFiles> {
  const files = names.map((name) => new File([PDF], name, { type: 'application/pdf' }));
  return { files, checks: await Promise.all(files.map((file) => checkDocument(file))) };
}

const FILED: CounterNotice = {
  id: 'cn1',
  complaintId: 'cp1',
  listingId: 'l1',
  statement: DRAFT.statement.trim(),
  identity: { legalName: DRAFT.legalName, registrationNumber: DRAFT.registrationNumber, address: DRAFT.address, email: 'legal@seller-demo.test', phone: DRAFT.phone },
  declaration: true,
  filedAt: '2026-12-01T02:00:00.000Z',
  deliveredAt: '2026-12-01T02:00:00.000Z',
  windowEndsAt: '2026-12-16T15:59:59.999Z',
  rule: { kind: 'natural_days', days: 15, basis: 'cn_ecommerce_law_art43' },
  state: 'window_open',
  evidence: [{ id: 'd1', fileName: 'invoice.pdf', mime: 'application/pdf', bytes: PDF.byteLength, sha256: 'a'.repeat(64), uploadedAt: '2026-12-01T02:00:00.000Z' }],
  proofs: [],
  decision: null,
};

describe('filing a counter-notice', () => {
  it('refuses to send one without the declaration: nothing reaches the server', async () => {
    signedIn.server.routes['POST /api/seller/listings/l1/counter-notice'] = () => json(201, FILED);
    const result = await fileCounterNotice(signedIn.api, 'l1', { ...DRAFT, declaration: false }, await picked('invoice.pdf'));
    expect(result).toEqual({ status: 'refused', problems: ['declaration'], fieldErrors: { declaration: ['required'] } });
    expect(signedIn.server.seen.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /api/auth/login']);
  });

  it('sends the checked data, trimmed, with each evidence file, once the declaration is ticked', async () => {
    signedIn.server.routes['POST /api/seller/listings/l%2F1/counter-notice'] = () => json(201, FILED);
    const result = await fileCounterNotice(signedIn.api, 'l/1', DRAFT, await picked('invoice.pdf', 'licence.pdf'));
    expect(result).toEqual({ status: 'filed', counterNotice: FILED });
    const request = signedIn.server.last();
    expect(request.headers['x-csrf-token']).toBe('csrf-1');
    const form = await formOf(request);
    expect(JSON.parse(String(form.get('data')))).toEqual({
      statement: DRAFT.statement.trim(),
      identity: FILED.identity,
      declaration: true,
    });
    expect(form.getAll('evidence').map((file) => (file as File).name)).toEqual(['invoice.pdf', 'licence.pdf']);
  });

  it("keeps the server's refusal and its field errors, keyed by form field", async () => {
    signedIn.server.routes['POST /api/seller/listings/l1/counter-notice'] = () =>
      problem(400, 'validation_failed', {
        errors: [
          { path: 'data.identity.email', code: 'invalid_format', message: 'bad' },
          { path: 'evidence[1]', code: 'unsupported_media_type', message: 'no' },
        ],
      });
    const result = await fileCounterNotice(signedIn.api, 'l1', DRAFT, await picked('invoice.pdf'));
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect((result.error as ApiError).code).toBe('validation_failed');
    expect(result.fieldErrors).toEqual({ email: ['invalid_format'], evidence: ['unsupported_media_type'] });

    signedIn.server.routes['POST /api/seller/listings/l1/counter-notice'] = () => problem(409, 'already_decided');
    const twice = await fileCounterNotice(signedIn.api, 'l1', DRAFT, await picked('invoice.pdf'));
    expect(twice.status === 'failed' && [(twice.error as ApiError).code, twice.fieldErrors]).toEqual(['already_decided', {}]);
  });
});

describe('checking a counter-notice before it is sent', () => {
  it('says what is missing: a short statement, a bad e-mail, an empty identity field, the evidence', async () => {
    const evidence = (await picked('invoice.pdf')).checks;
    const short = checkCounterNotice({ ...DRAFT, statement: 'x'.repeat(COUNTER_NOTICE_STATEMENT_MIN - 1) }, evidence);
    expect(short).toEqual({ ok: false, problems: ['fields'], fieldErrors: { statement: ['too_small'] } });
    expect(checkCounterNotice({ ...DRAFT, statement: 'x'.repeat(COUNTER_NOTICE_STATEMENT_MIN) }, evidence).ok).toBe(true);

    const identity = checkCounterNotice({ ...DRAFT, email: 'not an address', address: '   ' }, evidence);
    expect(identity.ok === false && identity.fieldErrors).toEqual({ email: ['invalid_format'], address: ['too_small'] });

    const none = checkCounterNotice({ ...DRAFT, declaration: false }, []);
    expect(none.ok === false && none.problems).toEqual(['declaration', 'evidence_count']);
    const six = checkCounterNotice(DRAFT, (await picked('1.pdf', '2.pdf', '3.pdf', '4.pdf', '5.pdf', '6.pdf')).checks);
    expect(six.ok === false && six.problems).toEqual(['evidence_count']);
    const refused = checkCounterNotice(DRAFT, [{ name: 'letter.docx', problem: 'unsupported' }]);
    expect(refused.ok === false && refused.problems).toEqual(['refused_evidence']);
  });

  it('maps server paths to the form field they belong to', () => {
    expect(
      counterNoticeFieldErrors([
        { path: 'data.statement', code: 'too_small', message: '' },
        { path: 'data.identity.registrationNumber', code: 'too_big', message: '' },
        { path: 'data.declaration', code: 'invalid_value', message: '' },
      ]),
    ).toEqual({ statement: ['too_small'], registrationNumber: ['too_big'], declaration: ['invalid_value'] });
  });
});

describe("the complainant's proof of an action", () => {
  it('is held back without a note or documents', async () => {
    const one = (await picked('receipt.pdf')).checks;
    expect(proofProblem('  ', one)).toBe('note');
    expect(proofProblem('Hangzhou Internet Court, case 1234', [])).toBe('document_count');
    expect(proofProblem('Hangzhou Internet Court, case 1234', [{ name: 'x.doc', problem: 'unsupported' }])).toBe('refused_documents');
    expect(proofProblem('Hangzhou Internet Court, case 1234', one)).toBeNull();
  });

  it('is sent with the note trimmed and each document; after the window the 409 window_closed comes back as it is', async () => {
    const received: CounterNotice = { ...FILED, state: 'proof_received' };
    signedIn.server.routes['POST /api/counter-notices/cn1/proof'] = () => json(200, received);
    expect(await submitProof(signedIn.api, 'cn1', '  Hangzhou Internet Court, case 1234 ', await picked('receipt.pdf'))).toEqual({ status: 'sent', counterNotice: received });
    const form = await formOf(signedIn.server.last());
    expect([JSON.parse(String(form.get('data'))), form.getAll('document').map((file) => (file as File).name)]).toEqual([
      { note: 'Hangzhou Internet Court, case 1234' },
      ['receipt.pdf'],
    ]);

    signedIn.server.routes['POST /api/counter-notices/cn1/proof'] = () => problem(409, 'window_closed');
    const late = await submitProof(signedIn.api, 'cn1', 'Hangzhou Internet Court, case 1234', await picked('receipt.pdf'));
    expect(late.status === 'failed' && late.error instanceof ApiError && [late.error.status, late.error.code]).toEqual([409, 'window_closed']);

    const before = signedIn.server.seen.length;
    expect(await submitProof(signedIn.api, 'cn1', '', await picked('receipt.pdf'))).toEqual({ status: 'refused', problem: 'note' });
    expect(signedIn.server.seen).toHaveLength(before);
  });
});
