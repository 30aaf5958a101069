import { describe, expect, it } from 'vitest';
import {
  ComplaintDraftSchema,
  EXPLANATION_MIN_LENGTH,
  MAX_LISTINGS_PER_COMPLAINT,
  QUALIFICATION_CODES,
  type ComplaintDraft,
  type ComplaintListing,
  type QualificationCode,
} from '../schemas/complaint';
import { isQualified, qualifyNotice, type QualifyContext } from './qualify';

const context: QualifyContext = { now: '2026-03-15T10:00:00Z' };

function listing(url: string, n: number): ComplaintListing {
  return {
    url,
    captureIds: [`cap-${n}`],
    verifiedCaptureIds: [`cap-${n}`],
    location: { kind: 'region', x: 0.1, y: 0.2, width: 0.5, height: 0.3 },
  };
}

function qualified(): ComplaintDraft {
  return {
    principalId: null,
    right: {
      id: 'right-1',
      type: 'trademark',
      status: 'verified',
      validFrom: '2020-01-01',
      validUntil: '2030-12-31',
      territories: ['CN', 'US'],
    },
    reason: 'counterfeit',
    explanation: 'The listing sells bags bearing our registered mark without authorisation.',
    goodFaith: true,
    accuracy: true,
    complainant: {
      legalName: 'Demo Brand Co.',
      email: 'legal@demo.test',
      phone: null,
      postalAddress: null,
    },
    listings: [
      listing('https://item.taobao.com/item.htm?id=612345678901', 1),
      { ...listing('https://www.amazon.com/dp/B0C1234567', 2), location: { kind: 'text', quote: 'Genuine DemoBrand bag' } },
      {
        ...listing('https://www.ebay.com/itm/123456789012', 3),
        location: { kind: 'element', selector: '#main-image', excerpt: '' },
      },
    ],
  };
}

function codes(draft: ComplaintDraft, ctx = context): QualificationCode[] {
  return qualifyNotice(draft, ctx).map((p) => p.code);
}

type Case = [QualificationCode, (d: ComplaintDraft) => void, string, Record<string, string | number>?];

const l0 = (d: ComplaintDraft) => d.listings[0]!;

// Each case changes exactly one element of a qualified draft.
const CASES: Case[] = [
  ['listings_missing', (d) => void (d.listings = []), 'listings'],
  [
    'listings_too_many',
    (d) =>
      void (d.listings = Array.from({ length: MAX_LISTINGS_PER_COMPLAINT + 1 }, (_, i) =>
        listing(`https://item.taobao.com/item.htm?id=${700000000000 + i}`, i),
      )),
    'listings',
    { count: MAX_LISTINGS_PER_COMPLAINT + 1, max: MAX_LISTINGS_PER_COMPLAINT },
  ],
  [
    'listing_duplicate',
    (d) => void (d.listings[2] = listing('https://item.taobao.com/item.htm?spm=a1z10.1&id=612345678901', 3)),
    'listings.2.url',
    { listing: 3, first: 1 },
  ],
  ['listing_url_invalid', (d) => void (l0(d).url = 'item.taobao.com/item.htm?id=612345678901'), 'listings.0.url', { listing: 1 }],
  ['listing_url_short_link', (d) => void (l0(d).url = 'https://amzn.to/3xYzAbC'), 'listings.0.url', { listing: 1 }],
  [
    'listing_url_not_listing',
    (d) => void (l0(d).url = 'https://www.ebay.com/str/demoshop'),
    'listings.0.url',
    { listing: 1 },
  ],
  ['listing_location_missing', (d) => void (l0(d).location = null), 'listings.0.location', { listing: 1 }],
  [
    'listing_location_invalid',
    (d) => void (l0(d).location = { kind: 'region', x: 0.8, y: 0.2, width: 0.5, height: 0.3 }),
    'listings.0.location',
    { listing: 1 },
  ],
  [
    'listing_evidence_missing',
    (d) => {
      l0(d).captureIds = [];
      l0(d).verifiedCaptureIds = [];
    },
    'listings.0.captureIds',
    { listing: 1 },
  ],
  ['listing_evidence_unverified', (d) => void (l0(d).verifiedCaptureIds = []), 'listings.0.captureIds.0', { listing: 1 }],
  ['right_missing', (d) => void (d.right = null), 'right'],
  ['right_not_verified', (d) => void (d.right!.status = 'pending'), 'right.status'],
  ['right_rejected', (d) => void (d.right!.status = 'rejected'), 'right.status'],
  ['right_expired', (d) => void (d.right!.validUntil = '2026-03-14'), 'right.validUntil', { validUntil: '2026-03-14' }],
  ['right_not_yet_valid', (d) => void (d.right!.validFrom = '2026-03-16'), 'right.validFrom', { validFrom: '2026-03-16' }],
  [
    'right_territory_mismatch',
    (d) => void (d.right!.territories = ['US', 'DE']),
    'listings.0.url',
    { listing: 1, jurisdiction: 'CN', territories: 'US, DE' },
  ],
  ['reason_missing', (d) => void (d.reason = null), 'reason'],
  ['reason_mismatch', (d) => void (d.reason = 'image_copied'), 'reason', { reason: 'image_copied', rightType: 'trademark' }],
  ['explanation_missing', (d) => void (d.explanation = '   \n '), 'explanation'],
  [
    'explanation_too_short',
    (d) => void (d.explanation = '  Fake bags, sold.  '),
    'explanation',
    { min: EXPLANATION_MIN_LENGTH, length: 16 },
  ],
  ['good_faith_missing', (d) => void (d.goodFaith = false), 'goodFaith'],
  ['accuracy_missing', (d) => void (d.accuracy = false), 'accuracy'],
  ['complainant_missing', (d) => void (d.complainant = null), 'complainant'],
  ['complainant_name_missing', (d) => void (d.complainant!.legalName = ' '), 'complainant.legalName'],
  ['complainant_email_missing', (d) => void (d.complainant!.email = ''), 'complainant.email'],
  ['complainant_email_invalid', (d) => void (d.complainant!.email = 'legal at demo.test'), 'complainant.email'],
];

describe('qualifyNotice', () => {
  it('finds nothing wrong with a qualified draft', () => {
    const draft = qualified();
    expect(ComplaintDraftSchema.parse(draft)).toEqual(draft);
    expect(qualifyNotice(draft, context)).toEqual([]);
    expect(isQualified(draft, context)).toBe(true);
  });

  it('has one case below for every problem code', () => {
    expect(CASES.map(([code]) => code).sort()).toEqual([...QUALIFICATION_CODES].sort());
  });

  it.each(CASES)('reports %s', (code, mutate, path, params) => {
    const draft = qualified();
    mutate(draft);
    const expected = params === undefined ? { code, path } : { code, path, params };
    expect(qualifyNotice(draft, context)).toEqual([expected]);
    expect(isQualified(draft, context)).toBe(false);
  });

  it('reports every problem of a bad draft, each at its path', () => {
    const draft = qualified();
    draft.reason = null;
    draft.goodFaith = false;
    draft.complainant!.email = '';
    l0(draft).location = null;
    draft.listings[2]!.captureIds = ['cap-3', 'cap-x'];
    draft.listings[1]!.url = 'https://item.taobao.com/item.htm?id=612345678901&utm_source=x';
    expect(qualifyNotice(draft, context)).toEqual([
      { code: 'reason_missing', path: 'reason' },
      { code: 'listing_location_missing', path: 'listings.0.location', params: { listing: 1 } },
      { code: 'listing_duplicate', path: 'listings.1.url', params: { listing: 2, first: 1 } },
      { code: 'listing_evidence_unverified', path: 'listings.2.captureIds.1', params: { listing: 3 } },
      { code: 'good_faith_missing', path: 'goodFaith' },
      { code: 'complainant_email_missing', path: 'complainant.email' },
    ]);
  });

  it('judges each listing separately', () => {
    const draft = qualified();
    for (const l of draft.listings) l.location = null;
    expect(qualifyNotice(draft, context).map((p) => p.path)).toEqual([
      'listings.0.location',
      'listings.1.location',
      'listings.2.location',
    ]);
  });

  it('treats the validity dates as whole days, both inclusive', () => {
    const draft = qualified();
    draft.right!.validFrom = '2026-03-15';
    draft.right!.validUntil = '2026-03-15';
    expect(codes(draft, { now: '2026-03-15T00:00:00Z' })).toEqual([]);
    expect(codes(draft, { now: new Date('2026-03-15T23:59:59.999Z') })).toEqual([]);
    expect(codes(draft, { now: '2026-03-16T00:00:00Z' })).toEqual(['right_expired']);
    expect(codes(draft, { now: '2026-03-14T23:59:59Z' })).toEqual(['right_not_yet_valid']);
  });

  it('lets a worldwide right cover any jurisdiction, regardless of letter case', () => {
    const draft = qualified();
    draft.right!.territories = ['ww'];
    draft.listings[0]!.url = 'https://www.amazon.com.br/dp/B0C7654321';
    expect(codes(draft)).toEqual([]);
  });

  it('judges territory per listing, against where each listing is offered', () => {
    const draft = qualified();
    // taobao (CN), amazon.com (US), ebay.com (US)
    draft.right!.territories = ['cn'];
    expect(qualifyNotice(draft, context).map((p) => [p.code, p.path, p.params?.jurisdiction])).toEqual([
      ['right_territory_mismatch', 'listings.1.url', 'US'],
      ['right_territory_mismatch', 'listings.2.url', 'US'],
    ]);
    draft.listings[1]!.url = 'https://www.amazon.de/dp/B0C1234567';
    draft.right!.territories = ['US', 'DE', 'CN'];
    expect(codes(draft)).toEqual([]);
  });

  it('does not judge territory where a listing names no single jurisdiction', () => {
    const draft = qualified();
    draft.right!.territories = ['FR'];
    draft.listings = [
      listing('https://www.aliexpress.com/item/1005004123456789.html', 1),
      listing('https://www.alibaba.com/product-detail/_1600123456789.html', 2),
      listing('https://brand-outlet.example.com/products/bag-7', 3),
    ];
    expect(codes(draft)).toEqual([]);
  });

  it('refuses marketplace pages that show no single listing', () => {
    const draft = qualified();
    draft.listings[0]!.url = 'https://s.taobao.com/search?q=bag';
    draft.listings[1]!.url = 'https://www.amazon.com/';
    expect(qualifyNotice(draft, context).map((p) => [p.code, p.path])).toEqual([
      ['listing_url_not_listing', 'listings.0.url'],
      ['listing_url_not_listing', 'listings.1.url'],
    ]);
  });

  it('fits each reason to the right type it belongs to', () => {
    const draft = qualified();
    draft.right!.type = 'design_patent';
    draft.reason = 'design_copied';
    expect(codes(draft)).toEqual([]);
    draft.reason = 'patent_infringement';
    expect(codes(draft)).toEqual([]);
    draft.right!.type = 'utility_patent';
    expect(codes(draft)).toEqual([]);
    draft.reason = 'design_copied';
    expect(codes(draft)).toEqual(['reason_mismatch']);
    draft.right!.type = 'copyright';
    draft.reason = 'counterfeit';
    expect(codes(draft)).toEqual(['reason_mismatch']);
  });

  it('does not fit a reason when there is no right to fit it to', () => {
    const draft = qualified();
    draft.right = null;
    draft.reason = 'design_copied';
    expect(codes(draft)).toEqual(['right_missing']);
  });

  it('counts a Chinese explanation by its characters', () => {
    const draft = qualified();
    draft.explanation = '该商品使用我方注册商标，属于假冒商品，请删除该链接。'; // 26 characters
    expect(codes(draft)).toEqual([]);
    draft.explanation = '该商品为假冒商品。'; // 9 characters
    expect(qualifyNotice(draft, context)).toEqual([
      { code: 'explanation_too_short', path: 'explanation', params: { min: EXPLANATION_MIN_LENGTH, length: 9 } },
    ]);
    draft.explanation = '𠀀'.repeat(EXPLANATION_MIN_LENGTH); // astral characters: two UTF-16 units each
    expect(codes(draft)).toEqual([]);
  });

  it('wants a quoted text or a selector that actually points somewhere', () => {
    const draft = qualified();
    draft.listings[1]!.location = { kind: 'text', quote: '  ' };
    draft.listings[2]!.location = { kind: 'element', selector: '', excerpt: 'Genuine bag' };
    expect(codes(draft)).toEqual(['listing_location_missing', 'listing_location_missing']);
  });

  it('does not change the draft it judges', () => {
    const draft = qualified();
    draft.listings[0]!.location = null;
    const before = JSON.parse(JSON.stringify(draft)) as ComplaintDraft;
    qualifyNotice(draft, context);
    expect(draft).toEqual(before);
  });
});
