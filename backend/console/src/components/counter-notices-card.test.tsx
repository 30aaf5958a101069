import { resources } from '@openipp/locales';
import type { CounterNotice } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../lib/api';
import { proofProblem, submitProof } from '../lib/counter-notice';
import { checkDocument } from '../lib/documents';
import { COMPLAINT_INPUT, complaintOf } from '../test/fixtures';
import { problem } from '../test/http-double';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { signedInApi } from '../test/signed-in-api';
import { CounterNoticeItem, ProofFormView } from './counter-notices-card';

const signedIn = signedInApi();

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
const NOTE = 'Hangzhou Internet Court, case (2026) Zhe 0192 Min Chu 1234';

function proofForm(failure: unknown, lng: 'en' | 'zh-CN' = 'en', note = NOTE) {
  return renderHtml(
    <ProofFormView
      counterNoticeId="cn1"
      note={note}
      documents={{ files: [], checks: [{ name: 'receipt.pdf', kind: 'application/pdf' }] }}
      problem={proofProblem(note, [{ name: 'receipt.pdf', kind: 'application/pdf' }])}
      failure={failure}
      busy={false}
      onNote={() => undefined}
      onDocuments={() => undefined}
      onSubmit={() => undefined}
    />,
    testI18n(lng),
  );
}

describe('the proof form', () => {
  it('shows a proof refused after the window (409 window_closed) translated, in either language', async () => {
    signedIn.server.routes['POST /api/counter-notices/cn1/proof'] = () => problem(409, 'window_closed', { detail: 'the window ended at 2026-12-16T15:59:59.999Z' });
    const file = new File([PDF], 'receipt.pdf', { type: 'application/pdf' });
    const result = await submitProof(signedIn.api, 'cn1', NOTE, { files: [file], checks: [await checkDocument(file)] });
    expect(result.status).toBe('failed');
    const failure = result.status === 'failed' ? result.error : undefined;

    const [shown, ...more] = findByTestId(proofForm(failure), 'counter-notice-proof-error');
    expect(more).toEqual([]);
    expect([shown?.attributes['data-code'], shown?.text]).toEqual(['window_closed', resources.en.errors.window_closed]);
    expect(findByTestId(proofForm(failure, 'zh-CN'), 'counter-notice-proof-error')[0]?.text).toBe(resources['zh-CN'].errors.window_closed);
    expect(resources['zh-CN'].errors.window_closed).not.toBe(resources.en.errors.window_closed);
  });

  it('shows no error before a refusal, and names a missing note', () => {
    expect(findByTestId(proofForm(undefined), 'counter-notice-proof-error')).toEqual([]);
    expect(findByTestId(proofForm(undefined), 'counter-notice-proof-problem')).toEqual([]);
    const problemShown = findByTestId(proofForm(undefined, 'en', ' '), 'counter-notice-proof-problem')[0];
    expect([problemShown?.attributes['data-code'], problemShown?.text]).toEqual(['note', 'Name the authority or court, and the case number.']);
    expect(findByTestId(proofForm(new ApiError(0, 'network_error')), 'counter-notice-proof-error')[0]?.text).toBe(resources.en.errors.network_error);
  });
});

const COUNTER_NOTICE: CounterNotice = {
  id: 'cn1',
  complaintId: 'cp1',
  listingId: 'l1',
  statement: 'These bags are genuine goods, bought from the brand’s authorised distributor.',
  identity: { legalName: 'Hangzhou Demo Trading Co., Ltd.', registrationNumber: '91330100MA2DEMO01X', address: 'Hangzhou', email: 'legal@seller-demo.test', phone: '+86 571 0000 0000' },
  declaration: true,
  filedAt: '2026-12-01T02:00:00.000Z',
  deliveredAt: '2026-12-01T02:00:00.000Z',
  windowEndsAt: '2026-12-15T14:59:59.999Z',
  rule: { kind: 'business_days', days: 10, basis: 'dmca_512g' },
  state: 'window_open',
  evidence: [{ id: 'd1', fileName: 'invoice.pdf', mime: 'application/pdf', bytes: 2048, sha256: 'a'.repeat(64), uploadedAt: '2026-12-01T02:00:00.000Z' }],
  proofs: [],
  decision: null,
};

function item(counterNotice: CounterNotice) {
  const complaint = complaintOf(COMPLAINT_INPUT, { state: 'decided' });
  return renderHtml(<CounterNoticeItem api={createApiClient()} complaint={complaint} counterNotice={counterNotice} onChanged={() => undefined} />);
}

describe("a counter-notice on the complainant's complaint", () => {
  it('shows the listing, the statement, the identity, the evidence and the rule, and the proof form while the window is open', () => {
    const html = item(COUNTER_NOTICE);
    const [shown] = findByTestId(html, 'counter-notice-item');
    expect([shown?.attributes['data-state'], shown?.attributes['data-listing-id']]).toEqual(['window_open', 'l1']);
    expect(findByTestId(html, 'counter-notice-listing-url')[0]?.text).toBe(COMPLAINT_INPUT.listings[0]?.url);
    expect(findByTestId(html, 'counter-notice-statement-text')[0]?.text).toBe(COUNTER_NOTICE.statement);
    expect(findByTestId(html, 'counter-notice-identity-name')[0]?.text).toBe('Hangzhou Demo Trading Co., Ltd.');
    expect(findByTestId(html, 'counter-notice-evidence-link')[0]?.attributes.href).toBe('/api/counter-notices/cn1/evidence/d1');
    expect(findByTestId(html, 'counter-notice-rule')[0]?.text).toBe('10 business days from delivery · DMCA §512(g)');
    expect(findByTestId(html, 'counter-notice-proof-form')[0]?.attributes['data-counter-notice-id']).toBe('cn1');
  });

  it('takes no proof once decided, and shows the decision with its statement', () => {
    const html = item({
      ...COUNTER_NOTICE,
      state: 'restored',
      decision: { action: 'restore', statement: 'The window ended without proof of an action, so the listing is restored.', decidedAt: '2026-12-20T02:00:00.000Z' },
    });
    expect(findByTestId(html, 'counter-notice-proof-form')).toEqual([]);
    expect(findByTestId(html, 'counter-notice-state')[0]?.text).toBe('Listing restored');
    expect(findByTestId(html, 'counter-notice-decision')[0]?.attributes['data-action']).toBe('restore');
    expect(findByTestId(html, 'counter-notice-decision-statement')[0]?.text).toBe('The window ended without proof of an action, so the listing is restored.');
  });

  it('lists the proof already sent, each document a download', () => {
    const html = item({
      ...COUNTER_NOTICE,
      state: 'proof_received',
      proofs: [{ id: 'p1', fileName: 'receipt.pdf', mime: 'application/pdf', bytes: 1024, sha256: 'c'.repeat(64), uploadedAt: '2026-12-05T02:00:00.000Z', note: NOTE }],
    });
    expect(findByTestId(html, 'counter-notice-proof-form')).toEqual([]);
    expect(findByTestId(html, 'counter-notice-proof-link')[0]?.attributes.href).toBe('/api/counter-notices/cn1/proofs/p1');
  });
});
