import {
  complaintDraftOf,
  emptyComplaintInput,
  qualifyNotice,
  type ComplaintFacts,
  type ComplaintInput,
  type ComplaintRightOption,
  type ProblemFieldError,
} from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { LiveVerdict, ProblemList, serverProblems } from './problem-list';

const NOW = new Date('2026-11-29T12:00:00Z');

const right = (overrides: Partial<ComplaintRightOption>): ComplaintRightOption => ({
  id: 'r-tm',
  type: 'trademark',
  status: 'verified',
  validFrom: '2020-01-01',
  validUntil: '2039-12-31',
  territories: ['CN'],
  registrationNumber: 'TM 1234567',
  principalId: null,
  ...overrides,
});

const facts: ComplaintFacts = {
  rights: [
    right({}),
    right({ id: 'r-pending', status: 'pending' }),
    right({ id: 'r-expired', validUntil: '2025-12-31' }),
    right({ id: 'r-copyright', type: 'copyright', territories: ['WW'] }),
    right({ id: 'r-principal', principalId: 'p1' }),
  ],
  complainant: { legalName: 'Lantern Footwear Co., Ltd.', email: 'legal@lantern.example', phone: null, postalAddress: null },
  verifiedCaptureIds: new Set(['c1', 'c2', 'c3']),
};

const TAOBAO = 'https://item.taobao.com/item.htm?id=680123456789';
const qualified: ComplaintInput = {
  principalId: null,
  rightId: 'r-tm',
  reason: 'counterfeit',
  explanation: 'The listing sells shoes bearing our registered word mark without our consent.',
  goodFaith: true,
  accuracy: true,
  listings: [{ url: TAOBAO, captureIds: ['c1'], location: { kind: 'region', x: 0.1, y: 0.2, width: 0.3, height: 0.4 } }],
};

/** Drafts in many states of completion, each failing (or passing) in different ways. */
const inputs: Array<[string, ComplaintInput, ComplaintFacts]> = [
  ['empty', emptyComplaintInput(), facts],
  ['qualified', qualified, facts],
  ['no complainant on file', qualified, { ...facts, complainant: null }],
  ['pending right, reason of another type', { ...qualified, rightId: 'r-pending', reason: 'image_copied' }, facts],
  ['expired right, short explanation', { ...qualified, rightId: 'r-expired', explanation: '假冒商标' }, facts],
  ["a principal's right picked without the principal", { ...qualified, rightId: 'r-principal' }, facts],
  [
    'listing problems of every kind',
    {
      ...qualified,
      listings: [
        { url: TAOBAO, captureIds: ['c1', 'c-foreign'], location: null },
        { url: 'https://item.taobao.com/item.htm?spm=a1&id=680123456789', captureIds: ['c2'], location: { kind: 'text', quote: '  ' } },
        { url: 'https://m.tb.cn/h.5XyZabc?tk=AbCd3Jk1QpR', captureIds: [], location: { kind: 'text', quote: 'Lantern® original' } },
        { url: 'https://www.amazon.com/dp/B08N5WRWNW', captureIds: ['c3'], location: { kind: 'region', x: 0.9, y: 0, width: 0.2, height: 0.1 } },
        { url: 'not a url', captureIds: ['c3'], location: { kind: 'element', selector: '#title', excerpt: 'Lantern' } },
      ],
    },
    facts,
  ],
  ['declarations missing', { ...qualified, goodFaith: false, accuracy: false }, facts],
];

describe('the live verdict', () => {
  it.each(inputs)('lists exactly what qualifyNotice finds, in order, translated with its params: %s', (_label, input, given) => {
    const i18n = testI18n('en');
    const html = renderHtml(<LiveVerdict input={input} facts={given} now={NOW} />, i18n);
    const expected = qualifyNotice(complaintDraftOf(input, given), { now: NOW });

    const shown = findByTestId(html, 'problem').map(({ attributes, text }) => ({ code: attributes['data-code'], path: attributes['data-path'], text }));
    expect(shown).toEqual(expected.map((problem) => ({ code: problem.code, path: problem.path, text: i18n.t(`qualification:${problem.code}`, problem.params ?? {}) })));
    expect(findByTestId(html, 'live-verdict')[0]?.attributes['data-problems']).toBe(String(expected.length));
    expect(findByTestId(html, 'verdict-qualified')).toHaveLength(expected.length === 0 ? 1 : 0);
  });

  it('names the listing and the values in each text, in both languages', () => {
    const input: ComplaintInput = { ...qualified, listings: [qualified.listings[0]!, { url: 'https://www.amazon.com/dp/B08N5WRWNW', captureIds: ['c1'], location: null }] };
    const texts = (lng: 'en' | 'zh-CN') => findByTestId(renderHtml(<LiveVerdict input={input} facts={facts} now={NOW} />, testI18n(lng)), 'problem').map((item) => item.text);
    expect(texts('en')).toEqual([
      'Listing 2: the chosen right covers CN, which does not include the jurisdiction this listing is offered in (US).',
      'Listing 2: mark where the infringing content is: a region or element on the capture, or a quoted text.',
    ]);
    expect(texts('zh-CN')[0]).toContain('第 2 个商品');
    expect(texts('zh-CN')[0]).toContain('US');
  });

  it('shrinks as the draft is completed, down to "qualified"', () => {
    const steps: ComplaintInput[] = [
      emptyComplaintInput(),
      { ...emptyComplaintInput(), rightId: 'r-tm' },
      { ...emptyComplaintInput(), rightId: 'r-tm', reason: 'counterfeit' },
      { ...qualified, goodFaith: false, accuracy: false, explanation: '' },
      { ...qualified, goodFaith: false, accuracy: false },
      { ...qualified, accuracy: false },
      qualified,
    ];
    const counts = steps.map((input) => findByTestId(renderHtml(<LiveVerdict input={input} facts={facts} now={NOW} />), 'problem').length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.at(-1)).toBe(0);
    expect(new Set(counts).size).toBe(counts.length);
  });
});

describe("the server's problem list", () => {
  it("translates a 422's errors[] from qualification with their params, and names an unknown code", () => {
    const errors: ProblemFieldError[] = [
      { path: 'listings.0.location', code: 'listing_location_missing', message: 'Listing 1: …', params: { listing: 1 } },
      { path: 'right.validUntil', code: 'right_expired', message: 'expired', params: { validUntil: '2025-12-31' } },
      { path: 'x', code: 'something_new', message: 'new' },
    ];
    const html = renderHtml(<ProblemList problems={serverProblems(errors)} testId="server-problem" />);
    const items = findByTestId(html, 'server-problem');
    expect(items.map((item) => [item.attributes['data-code'], item.attributes['data-path']])).toEqual(errors.map((error) => [error.code, error.path]));
    expect(items.map((item) => item.text)).toEqual([
      'Listing 1: mark where the infringing content is: a region or element on the capture, or a quoted text.',
      'The chosen right expired on 2025-12-31.',
      'Problem “something_new”',
    ]);
  });
});
