/**
 * Throughput of qualifyNotice in process (issue #4 goal: ≥ 20,000 drafts of
 * 10 listings per second). A script, not a test: timings depend on the
 * machine, so nothing here passes or fails.
 *
 *   cd shared && ../backend/node_modules/.bin/tsx src/complaints/qualify.bench.ts
 *
 * (tsx is a dependency of the backend, not of this package.)
 */
import type { ComplaintDraft, ComplaintListing, ListingLocation, ReasonCode, RightType } from '../schemas/complaint';
import { qualifyNotice } from './qualify';

// shared/ compiles without Node or DOM typings; the runtime has both globals.
declare const console: { log(...values: unknown[]): void };

const LISTINGS_PER_DRAFT = 10;
const POOL_SIZE = 256;
const WARMUP_MS = 1_000;
const RUN_MS = 3_000;

const URL_SHAPES: ((n: number) => string)[] = [
  (n) => `https://item.taobao.com/item.htm?id=${600000000000 + n}&spm=a21bo.jianhua.201876.1`,
  (n) => `https://detail.tmall.com/item.htm?id=${610000000000 + n}&skuId=4${n}`,
  (n) => `https://detail.1688.com/offer/${620000000000 + n}.html?spm=a26352.13672862`,
  (n) => `https://www.aliexpress.com/item/${1005000000000000 + n}.html?utm_source=feed`,
  (n) => `https://www.alibaba.com/product-detail/Demo-Bag_${1600000000000 + n}.html`,
  (n) => `https://www.amazon.com/Demo-Bag/dp/B0${String(10000000 + n).slice(0, 8)}?ref=sr_1_${n % 9}`,
  (n) => `https://www.amazon.de/gp/product/B0${String(20000000 + n).slice(0, 8)}`,
  (n) => `https://www.ebay.com/itm/${130000000000 + n}?hash=item1e`,
  (n) => `https://shop.example.com/products/bag-${n}?utm_campaign=spring&utm_medium=email`,
  (n) => (n % 7 === 0 ? 'https://amzn.to/3xYzAbC' : `https://m.intl.taobao.com/detail/detail.html?id=${630000000000 + n}`),
];

const LOCATIONS: (ListingLocation | null)[] = [
  { kind: 'region', x: 0.1, y: 0.2, width: 0.4, height: 0.3 },
  { kind: 'element', selector: '#main-image', excerpt: 'DemoBrand bag' },
  { kind: 'text', quote: 'Genuine DemoBrand leather bag' },
  null,
];

const RIGHTS: [RightType, ReasonCode][] = [
  ['trademark', 'counterfeit'],
  ['copyright', 'image_copied'],
  ['design_patent', 'design_copied'],
  ['utility_patent', 'patent_infringement'],
  ['trademark', 'image_copied'],
];

function makeDraft(seed: number): ComplaintDraft {
  // Three drafts in four are fully qualified; the rest carry a few problems.
  const flawed = seed % 4 === 3;
  const listings: ComplaintListing[] = [];
  for (let i = 0; i < LISTINGS_PER_DRAFT; i++) {
    const n = seed * LISTINGS_PER_DRAFT + i;
    const captureId = `cap-${n}`;
    listings.push({
      url: URL_SHAPES[(seed + i) % URL_SHAPES.length]!(flawed ? n : n * 7 + 1),
      captureIds: [captureId],
      verifiedCaptureIds: flawed && i === 2 ? [] : [captureId],
      location: LOCATIONS[flawed ? i % LOCATIONS.length : i % 3]!,
    });
  }
  const [type, reason] = RIGHTS[flawed ? seed % RIGHTS.length : seed % 4]!;
  return {
    principalId: null,
    right: {
      id: `right-${seed}`,
      type,
      status: 'verified',
      validFrom: '2020-01-01',
      validUntil: flawed && seed % 8 === 7 ? '2025-12-31' : '2030-12-31',
      territories: seed % 3 === 0 ? ['WW'] : ['US', 'DE', 'CN'],
    },
    reason,
    explanation: flawed ? 'Fake.' : 'The listing copies our registered product and sells it without any licence.',
    goodFaith: true,
    accuracy: !flawed,
    complainant: { legalName: 'Demo Brand Co.', email: 'legal@demo.test', phone: null, postalAddress: null },
    listings,
  };
}

const pool = Array.from({ length: POOL_SIZE }, (_, seed) => makeDraft(seed));
const context = { now: new Date('2026-03-15T10:00:00Z') };

function run(durationMs: number): { drafts: number; problems: number; qualified: number; ms: number } {
  let drafts = 0;
  let problems = 0;
  let qualified = 0;
  const start = Date.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    // Read the clock once per pool pass so timing costs nothing per draft.
    for (const draft of pool) {
      const found = qualifyNotice(draft, context).length;
      problems += found;
      if (found === 0) qualified++;
    }
    drafts += pool.length;
    elapsed = Date.now() - start;
  }
  return { drafts, problems, qualified, ms: elapsed };
}

run(WARMUP_MS);
const result = run(RUN_MS);
const perSecond = (result.drafts / result.ms) * 1_000;
console.log(
  `qualifyNotice: ${Math.round(perSecond).toLocaleString('en')} drafts/s, ` +
    `${Math.round(perSecond * LISTINGS_PER_DRAFT).toLocaleString('en')} listings/s ` +
    `(${result.drafts.toLocaleString('en')} drafts of ${LISTINGS_PER_DRAFT} listings in ${result.ms} ms; ` +
    `${Math.round((result.qualified / result.drafts) * 100)}% qualified, ${result.problems.toLocaleString('en')} problems found)`,
);
