import { expect, test, type Page } from '@playwright/test';
import fc from 'fast-check';
import { REASON_CODES, type ComplaintInput, type QualificationProblem } from '@openipp/shared';
import { acceptedToken, fileRights } from '../support/demo-rights';
import { captureListings, marketplaceJourney, signInThroughPopup } from '../support/marketplace-journey';

/**
 * The same qualification rules judge a draft in two places: live, inside the
 * built extension's complaint page in Chromium, and on the server. Random
 * drafts, built from real rights and captures of every kind, must get exactly
 * the same problem list from both.
 */

const journey = marketplaceJourney();

type Verdict = [string, string][];

function verdictOf(problems: readonly QualificationProblem[]): Verdict {
  return problems.map((problem) => [problem.code, problem.path]);
}

async function pageVerdict(page: Page): Promise<Verdict> {
  return page
    .getByTestId('problem')
    .evaluateAll((items) => items.map((item) => [item.getAttribute('data-code') ?? '', item.getAttribute('data-path') ?? ''] as [string, string]));
}

async function storeDraft(page: Page, input: ComplaintInput): Promise<void> {
  await page.evaluate(async (draft) => {
    // The extension page's own storage API, as the builder itself writes it.
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
    await chrome.storage.local.set({ complaintDraft: draft });
  }, input);
}

/** Waits until the page has judged exactly this draft, then reads its verdict. */
async function judgedVerdict(page: Page, draft: ComplaintInput): Promise<Verdict> {
  const verdict = page.getByTestId('verdict');
  await expect
    .poll(async () => {
      if ((await verdict.getAttribute('data-ready')) !== 'true') return null;
      return JSON.parse((await verdict.getAttribute('data-judged')) ?? 'null') as unknown;
    })
    .toEqual(draft);
  return pageVerdict(page);
}

test('random drafts get the same verdict in the extension as on the server', async () => {
  test.setTimeout(300_000);
  const { backend, fixtures, browser } = journey;
  const { context, extensionId } = browser;

  // Two real captures through the extension: verified on both sides.
  const popup = await signInThroughPopup(journey, 'monitor@demo.test', 'demo-password-1');
  const urls = [fixtures.taobaoItem('612345678901'), fixtures.amazonItem('B0DEMO0001')];
  await captureListings(popup, urls);
  const monitor = await acceptedToken(backend, 'monitor@demo.test');
  // The monitor's own two; the demo's capture by the owner is not part of this test.
  const captures = (await backend.api<{ items: { id: string; createdBy: { email: string } }[] }>('/api/captures', monitor)).items
    .filter((c) => c.createdBy.email === 'monitor@demo.test')
    .map((c) => c.id);
  expect(captures).toHaveLength(2);

  // Rights in every state a complaint can meet, besides the seeded verified and pending ones.
  const filed = await fileRights(backend, [
    { type: 'trademark', registrationNumber: 'TM-EXPIRED', territories: ['CN', 'US'], validFrom: '2010-01-01', validUntil: '2020-12-31', decision: 'approve' },
    { type: 'copyright', registrationNumber: 'CR-DE-ONLY', territories: ['DE'], validFrom: '2020-01-01', validUntil: '2035-12-31', decision: 'approve' },
    { type: 'design_patent', registrationNumber: 'DP-REJECTED', territories: ['WW'], validFrom: '2020-01-01', validUntil: '2035-12-31', decision: 'reject' },
  ]);
  const facts = await backend.api<{ rights: { id: string; registrationNumber: string; status: string }[] }>('/api/complaints/context', monitor);
  const rightIds = facts.rights.map((right) => right.id);
  expect(rightIds).toEqual(expect.arrayContaining(filed));
  const goodRight = facts.rights.find((right) => right.status === 'verified' && right.registrationNumber === 'TM-DEMO-0001');
  expect(goodRight).toBeDefined();

  const builder = await context.newPage();
  await builder.goto(`chrome-extension://${extensionId}/complaint.html`);

  const urlPool = [
    ...urls,
    fixtures.taobaoItem('612345678901', '&spm=a1z10.3'), // the same listing, another spelling
    'https://www.amazon.de/dp/B0DEMO0002',
    'https://detail.tmall.com/item.htm?id=623456789012',
    'https://www.aliexpress.com/item/1005004123456789.html',
    'https://s.taobao.com/search?q=bag',
    'https://m.tb.cn/h.5XyZabc',
    'https://brand-outlet.example.com/products/tote',
    'not a url',
  ];
  const location = fc.oneof(
    fc.constant(null),
    fc
      .record({ x: fc.double({ min: 0, max: 0.5, noNaN: true }), y: fc.double({ min: 0, max: 0.5, noNaN: true }), width: fc.double({ min: 0.01, max: 0.5, noNaN: true }), height: fc.double({ min: 0.01, max: 0.5, noNaN: true }) })
      .map((r) => ({ kind: 'region' as const, ...r })),
    fc.constantFrom('', '  ', 'DemoBrand', '演示品牌 经典手提包').map((quote) => ({ kind: 'text' as const, quote })),
    fc.constantFrom('', '#main-image').map((selector) => ({ kind: 'element' as const, selector, excerpt: '' })),
  );
  const anyDraft: fc.Arbitrary<ComplaintInput> = fc.record({
    principalId: fc.constantFrom(null, null, null, 'principal-unknown'),
    rightId: fc.constantFrom(null, 'right-unknown', ...rightIds),
    reason: fc.constantFrom(null, ...REASON_CODES),
    explanation: fc.constantFrom('', '   ', 'Fake bags.', '这些手提包使用了我们的注册商标，并非正品。我们从未授权该店铺销售。', 'The bags carry our registered mark and we never made or licensed them.'),
    goodFaith: fc.boolean(),
    accuracy: fc.boolean(),
    listings: fc.array(
      fc.record({
        url: fc.constantFrom(...urlPool),
        captureIds: fc.subarray([...captures, 'capture-unknown']),
        location,
      }),
      { maxLength: 4 },
    ),
  });
  // Drafts one or two slips away from qualifying, so that qualified verdicts
  // and single-element problems are compared too, not only wrecks.
  const goodListing = fc.record({
    url: fc.constantFrom(...urls, 'https://detail.tmall.com/item.htm?id=623456789012'),
    captureIds: fc.constantFrom([captures[0]!], [captures[1]!], captures, [captures[0]!, 'capture-unknown']),
    location: fc.constantFrom<ComplaintInput['listings'][number]['location']>(
      { kind: 'region', x: 0.1, y: 0.1, width: 0.4, height: 0.3 },
      { kind: 'text', quote: 'DemoBrand' },
      null,
    ),
  });
  const nearlyQualified: fc.Arbitrary<ComplaintInput> = fc.record({
    principalId: fc.constant(null),
    rightId: fc.constantFrom(goodRight!.id, goodRight!.id, goodRight!.id, ...rightIds),
    reason: fc.constantFrom<ComplaintInput['reason']>('counterfeit', 'trademark_misuse', 'counterfeit', 'image_copied'),
    explanation: fc.constantFrom('The bags carry our registered mark and we never made or licensed them.', 'Fake bags.'),
    goodFaith: fc.constantFrom(true, true, true, false),
    accuracy: fc.constantFrom(true, true, true, false),
    listings: fc.array(goodListing, { minLength: 1, maxLength: 3 }),
  });
  const input = fc.oneof(anyDraft, nearlyQualified);
  // Always compared, before the random ones: a qualified draft (an empty
  // verdict must be empty on both sides) and the same with one slip.
  const qualifiedDraft: ComplaintInput = {
    principalId: null,
    rightId: goodRight!.id,
    reason: 'counterfeit',
    explanation: 'The bags carry our registered mark and we never made or licensed them.',
    goodFaith: true,
    accuracy: true,
    listings: [
      { url: urls[0]!, captureIds: [captures[0]!], location: { kind: 'region', x: 0.1, y: 0.1, width: 0.4, height: 0.3 } },
      { url: urls[1]!, captureIds: [captures[1]!], location: { kind: 'text', quote: 'DemoBrand' } },
    ],
  };
  const examples: [ComplaintInput][] = [[qualifiedDraft], [{ ...qualifiedDraft, accuracy: false }]];

  let checked = 0;
  let qualified = 0;
  await fc.assert(
    fc.asyncProperty(input, async (draft) => {
      // The server's verdict first, then the page must show exactly that.
      const server = await backend.call<{ problems: QualificationProblem[] }>('POST', '/api/complaints/check', monitor, draft);
      expect(server.status).toBe(200);
      const expected = verdictOf(server.body.problems);

      await storeDraft(builder, draft);
      expect(await judgedVerdict(builder, draft)).toEqual(expected);
      checked++;
      if (expected.length === 0) qualified++;
    }),
    { numRuns: 100, examples },
  );
  // fast-check counts the examples among the runs.
  expect(checked).toBe(100);
  expect(qualified).toBeGreaterThanOrEqual(1);
  test.info().annotations.push({ type: 'drafts', description: `${checked} drafts compared, ${qualified} qualified` });
});
