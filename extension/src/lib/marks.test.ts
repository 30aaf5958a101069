import { describe, expect, it } from 'vitest';
import { CaptureMetaSchema, type CaptureMark, type ComplaintContext } from '@openipp/shared';
import { defaultComplaintContext, TEST_USER, tinyPng } from '@/test/backend-double';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { addCaptures, captureRefOf, factsOf, judgeDraft } from './complaint-draft';
import { addEntryToDraft } from './complaint-page';
import { fill, frameOf, placeMarks, type MarkedPage } from './marks';
import { enqueue, getEntry } from './queue';
import { complaintDraftItem, sessionItem } from './storage';
import { createSyncer } from './sync';

const testbed = useBackgroundTestbed();
const NOW = new Date('2026-05-01T12:00:00.000Z');
const taobao = (id: number) => `https://item.taobao.com/item.htm?id=${id}`;

/** Marks made on a page scrolled 1,600 px down, in a 1,000 × 800 viewport. */
const page: MarkedPage = {
  scrollX: 0,
  scrollY: 1_600,
  marks: [
    { kind: 'region', box: { x: 100, y: 1_800, width: 300, height: 200 } },
    { kind: 'element', box: { x: 500, y: 200, width: 100, height: 40 }, selector: '#title', excerpt: 'Brand bag' },
    { kind: 'text', quote: 'replica of the original' },
  ],
};

describe('placing the marks on the capture taken', () => {
  it('a visible-area capture at DPR 2: relative to the viewport at its scroll position', () => {
    const marks = placeMarks(page, { viewport: { width: 1_000, height: 800 }, devicePixelRatio: 2 });
    expect(marks).toEqual([
      { kind: 'region', x: 0.1, y: 0.25, width: 0.3, height: 0.25 },
      // Above the viewport when the capture was taken: it keeps its selector, without a box.
      { kind: 'element', selector: '#title', excerpt: 'Brand bag' },
      { kind: 'text', quote: 'replica of the original' },
    ]);
  });

  it('a full-page capture at DPR 2: relative to the whole stitched image, whatever the scroll', () => {
    const shot = { viewport: { width: 1_000, height: 800 }, devicePixelRatio: 2, fullImageHeight: 8_000 };
    expect(frameOf(page, shot)).toEqual({ kind: 'full', scrollX: 0, viewportWidth: 1_000, devicePixelRatio: 2, imageHeight: 8_000 });
    expect(placeMarks(page, shot).slice(0, 2)).toEqual([
      { kind: 'region', x: 0.1, y: 0.45, width: 0.3, height: 0.05 },
      { kind: 'element', selector: '#title', excerpt: 'Brand bag', x: 0.5, y: 0.05, width: 0.1, height: 0.01 },
    ]);
  });

  it('fills the overlay texts', () => {
    expect(fill('Marks: {{count}} {{other}}', { count: 3 })).toBe('Marks: 3 {{other}}');
  });
});

describe('a marked capture in the complaint builder', () => {
  const region: CaptureMark = { kind: 'region', x: 0.1, y: 0.25, width: 0.3, height: 0.25 };

  it('locates a new listing from its first region or element mark', () => {
    const { input } = addCaptures(
      { principalId: null, rightId: null, reason: null, explanation: '', goodFaith: false, accuracy: false, listings: [] },
      [
        { id: 'a', url: taobao(1), location: { kind: 'region', x: 0.1, y: 0.25, width: 0.3, height: 0.25 } },
        { id: 'b', url: taobao(2) },
      ],
    );
    expect(input.listings.map((listing) => listing.location)).toEqual([{ kind: 'region', x: 0.1, y: 0.25, width: 0.3, height: 0.25 }, null]);
  });

  it('keeps a location the user set, and takes no region from a capture that is not the listing’s first', () => {
    const base = {
      principalId: null,
      rightId: null,
      reason: null,
      explanation: '',
      goodFaith: false,
      accuracy: false,
      listings: [
        { url: taobao(1), captureIds: ['a'], location: { kind: 'text' as const, quote: 'mine' } },
        { url: taobao(2), captureIds: ['b'], location: null },
        { url: taobao(3), captureIds: ['c'], location: null },
      ],
    };
    const { input } = addCaptures(base, [
      { id: 'a2', url: taobao(1), location: { kind: 'element', selector: '#x', excerpt: '' } },
      { id: 'b2', url: taobao(2), location: { ...region } },
      { id: 'c2', url: taobao(3), location: { kind: 'element', selector: '#price', excerpt: '¥ 9' } },
    ]);
    expect(input.listings.map((listing) => listing.location)).toEqual([
      { kind: 'text', quote: 'mine' },
      null,
      { kind: 'element', selector: '#price', excerpt: '¥ 9' },
    ]);
  });

  it('"Add to complaint" on a marked capture satisfies the location rule without marking again, and the marks reach the server', async () => {
    await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
    const meta = CaptureMetaSchema.parse({ ...sampleMeta(21), marks: [{ kind: 'text', quote: 'fake' }, region] });
    const entry = await enqueue({ meta, png: tinyPng(), ownerId: TEST_USER.id });
    expect(captureRefOf((await getEntry(entry.id))!).location).toEqual(region);
    expect(await addEntryToDraft(entry.id)).toBe(true);
    const draft = (await complaintDraftItem.getValue())!;
    expect(draft.listings[0]?.location).toEqual(region);
    const context: ComplaintContext = { ...defaultComplaintContext(), serverTime: NOW.toISOString() };
    const problems = judgeDraft(draft, factsOf(context, new Set()), NOW).map((problem) => problem.code);
    expect(problems).not.toContain('listing_location_missing');
    expect(problems).not.toContain('listing_location_invalid');

    const syncer = createSyncer();
    await syncer.run();
    syncer.dispose();
    expect((testbed.backend.uploads.at(-1)?.meta as { marks?: unknown } | undefined)?.marks).toEqual([{ kind: 'text', quote: 'fake' }, region]);
  });
});
