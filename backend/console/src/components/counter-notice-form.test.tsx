import { resources } from '@openipp/locales';
import type { SellerComplaint } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../lib/api';
import { checkCounterNotice, EMPTY_COUNTER_NOTICE_DRAFT, type CounterNoticeDraft } from '../lib/counter-notice';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { CounterNoticeFormView } from './counter-notice-form';
import { SellerListingCard } from './seller-complaint-detail';

/** A void element's attributes (findByTestId reads elements with content; inputs close themselves). */
function input(html: string, testId: string): Record<string, string> | undefined {
  const tag = new RegExp(`<input((?:\\s+[^\\s=>/]+="[^"]*")*)\\s*/>`, 'g');
  for (const [, raw = ''] of html.matchAll(tag)) {
    const attributes = Object.fromEntries([...raw.matchAll(/([^\s=]+)="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]));
    if (attributes['data-testid'] === testId) return attributes;
  }
  return undefined;
}

const DRAFT: CounterNoticeDraft = {
  statement: 'These bags are genuine goods, bought from the brand’s authorised distributor.',
  legalName: 'Hangzhou Demo Trading Co., Ltd.',
  registrationNumber: '91330100MA2DEMO01X',
  address: '1 Demo Road, Xihu District, Hangzhou',
  email: 'legal@seller-demo.test',
  phone: '+86 571 0000 0000',
  declaration: false,
};
const EVIDENCE = { files: [], checks: [{ name: 'invoice.pdf', kind: 'application/pdf' as const }] };

/** The form as it stands after the seller pressed "File": what the check still holds against it is shown. */
function attempted(draft: CounterNoticeDraft, lng: 'en' | 'zh-CN' = 'en') {
  const check = checkCounterNotice(draft, EVIDENCE.checks);
  return renderHtml(
    <CounterNoticeFormView
      listingId="l1"
      draft={draft}
      evidence={EVIDENCE}
      problems={check.ok ? [] : check.problems}
      fieldErrors={check.ok ? {} : check.fieldErrors}
      failure={undefined}
      busy={false}
      onDraft={() => undefined}
      onEvidence={() => undefined}
      onSubmit={() => undefined}
    />,
    testI18n(lng),
  );
}

describe('the counter-notice form', () => {
  it('holds the filing back while the declaration is not ticked, and says so in the seller’s language', () => {
    const html = attempted(DRAFT);
    expect(findByTestId(html, 'counter-notice-declaration-error').map((found) => found.text)).toEqual([resources.en.seller.counterNotice.form.problems.declaration]);
    expect(input(html, 'counter-notice-declaration')).toMatchObject({ type: 'checkbox' });
    expect(input(html, 'counter-notice-declaration')?.checked).toBeUndefined();
    expect(findByTestId(html, 'counter-notice-problem')).toEqual([]);
    expect(findByTestId(attempted(DRAFT, 'zh-CN'), 'counter-notice-declaration-error')[0]?.text).toBe('请勾选声明后再提交不侵权声明。');
  });

  it('has nothing against a complete form with the declaration ticked', () => {
    const html = attempted({ ...DRAFT, declaration: true });
    expect(findByTestId(html, 'counter-notice-declaration-error')).toEqual([]);
    expect(findByTestId(html, 'counter-notice-problem')).toEqual([]);
    expect(input(html, 'counter-notice-declaration')?.checked).toBe('');
    expect(findByTestId(html, 'counter-notice-submit')[0]?.attributes.disabled).toBeUndefined();
  });

  it('names each identity field left empty, and the missing evidence', () => {
    const check = checkCounterNotice({ ...EMPTY_COUNTER_NOTICE_DRAFT, declaration: true }, []);
    const html = renderHtml(
      <CounterNoticeFormView
        listingId="l1"
        draft={EMPTY_COUNTER_NOTICE_DRAFT}
        evidence={{ files: [], checks: [] }}
        problems={check.ok ? [] : check.problems}
        fieldErrors={check.ok ? {} : check.fieldErrors}
        failure={undefined}
        busy={false}
        onDraft={() => undefined}
        onEvidence={() => undefined}
        onSubmit={() => undefined}
      />,
    );
    expect(findByTestId(html, 'field-error').map((found) => found.attributes['data-field'])).toEqual(['statement', 'legalName', 'registrationNumber', 'address', 'email', 'phone']);
    expect(findByTestId(html, 'counter-notice-problem').map((found) => [found.attributes['data-code'], found.text])).toEqual([
      ['fields', 'Check the highlighted fields.'],
      ['evidence_count', 'Attach 1 to 5 evidence files.'],
    ]);
  });
});

const LISTING: SellerComplaint['listings'][number] = {
  id: 'l1',
  position: 1,
  marketplace: 'taobao',
  shopId: '58800001',
  canonicalUrl: 'https://item.taobao.com/item.htm?id=612345670001',
  outcome: 'upheld',
  statement: 'The listing shows the DemoBrand logo on a bag sold at a tenth of the genuine price.',
  decidedAt: '2026-12-01T01:00:00.000Z',
  measure: 'takedown_requested',
  counterNoticeAllowed: true,
  counterNotice: null,
  location: { kind: 'region', x: 0.1, y: 0.2, width: 0.4, height: 0.3 },
  evidence: [{ id: 'c1', url: 'https://item.taobao.com/item.htm?id=612345670001', title: 'Bag', capturedAt: '2026-11-30T08:00:00.000Z', receivedAt: '2026-11-30T08:00:01.000Z', sha256: 'b'.repeat(64), width: 1280, height: 800 }],
};
const SELLER = { id: 'u9', email: 'seller@demo.test', displayName: 'Seller', role: 'owner', locale: 'en', tenant: { id: 't9', name: 'Hangzhou Demo Trading Co., Ltd.', kind: 'seller', identityStatus: 'approved' } } as const;

function card(listing: SellerComplaint['listings'][number]) {
  return renderHtml(<SellerListingCard api={createApiClient()} user={SELLER} complaintId="cp1" listing={listing} onFiled={() => undefined} />);
}

describe("the seller's listing", () => {
  it('shows its evidence through the seller’s own image route with the region marked, and the form while a counter-notice may be filed', () => {
    const html = card(LISTING);
    expect(findByTestId(html, 'seller-evidence')[0]?.attributes['data-capture-id']).toBe('c1');
    expect(html).toContain('src="/api/seller/complaints/cp1/captures/c1/image"');
    expect(findByTestId(html, 'region-box')[0]?.attributes.style).toBe('left:10%;top:20%;width:40%;height:30%');
    expect(findByTestId(html, 'seller-listing-statement')[0]?.text).toBe(LISTING.statement);
    expect(findByTestId(html, 'counter-notice-form')[0]?.attributes['data-listing-id']).toBe('l1');
    // Started from the account's organisation and e-mail.
    expect(input(html, 'counter-notice-identity-legalName')?.value).toBe(SELLER.tenant.name);
    expect(input(html, 'counter-notice-identity-email')?.value).toBe(SELLER.email);
    expect(input(html, 'counter-notice-identity-phone')?.value).toBe('');
  });

  it('shows the filed counter-notice in place of the form: its state, window end and evidence downloads', () => {
    const { proofs: _proofs, ...rest } = {
      id: 'cn1',
      complaintId: 'cp1',
      listingId: 'l1',
      statement: 'These bags are genuine goods, bought from the brand’s authorised distributor.',
      identity: { legalName: 'Hangzhou Demo Trading Co., Ltd.', registrationNumber: '91330100MA2DEMO01X', address: 'Hangzhou', email: 'legal@seller-demo.test', phone: '+86 571 0000 0000' },
      declaration: true as const,
      filedAt: '2026-12-01T02:00:00.000Z',
      deliveredAt: '2026-12-01T02:00:00.000Z',
      windowEndsAt: '2026-12-16T15:59:59.999Z',
      rule: { kind: 'natural_days' as const, days: 15, basis: 'cn_ecommerce_law_art43' },
      state: 'window_open' as const,
      evidence: [{ id: 'd1', fileName: 'invoice.pdf', mime: 'application/pdf' as const, bytes: 2048, sha256: 'a'.repeat(64), uploadedAt: '2026-12-01T02:00:00.000Z' }],
      proofs: [],
      decision: null,
    };
    const html = card({ ...LISTING, counterNoticeAllowed: false, counterNotice: { ...rest, proofReceivedAt: null } });
    expect(findByTestId(html, 'counter-notice-form')).toEqual([]);
    expect(findByTestId(html, 'counter-notice-state')[0]?.attributes['data-state']).toBe('window_open');
    expect(findByTestId(html, 'counter-notice-window-ends')[0]?.attributes.dateTime).toBe('2026-12-16T15:59:59.999Z');
    expect(findByTestId(html, 'counter-notice-rule')[0]?.text).toBe('15 natural days from delivery · China E-Commerce Law, Art. 43');
    expect(findByTestId(html, 'counter-notice-evidence-link')[0]?.attributes.href).toBe('/api/counter-notices/cn1/evidence/d1');
    expect(findByTestId(html, 'counter-notice-decision')).toEqual([]);
  });
});
