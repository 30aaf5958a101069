import { describe, expect, it } from 'vitest';
import { qualifyNotice } from '../complaints/qualify';
import { CaptureMarkSchema, CaptureMarksSchema, type CaptureMark } from '../schemas/capture-marks';
import { planFullPage } from './full-page';
import { boxOnCapture, drawnMarks, excerptOf, locationFromMarks, marksOf, marksOnCapture, type CaptureFrame, type PageMark } from './marks';

const visible = (scrollX: number, scrollY: number): CaptureFrame => ({
  kind: 'visible',
  scrollX,
  scrollY,
  viewportWidth: 1000,
  viewportHeight: 800,
});

describe('boxOnCapture: a visible-area capture', () => {
  it('places a box by the viewport, unscrolled', () => {
    expect(boxOnCapture({ x: 100, y: 200, width: 300, height: 80 }, visible(0, 0))).toEqual({ x: 0.1, y: 0.25, width: 0.3, height: 0.1 });
  });

  it('subtracts the scroll offset the capture was taken at', () => {
    // Page row 2,200 is row 200 of a viewport scrolled 2,000 down.
    expect(boxOnCapture({ x: 150, y: 2_200, width: 100, height: 400 }, visible(50, 2_000))).toEqual({
      x: 0.1,
      y: 0.25,
      width: 0.1,
      height: 0.5,
    });
  });

  it('does not depend on the device pixel ratio: the image is the viewport at any ratio', () => {
    // The same page box, whatever the screenshot's pixel size: relative units cancel the ratio.
    const box = boxOnCapture({ x: 250, y: 400, width: 500, height: 200 }, visible(0, 0));
    expect(box).toEqual({ x: 0.25, y: 0.5, width: 0.5, height: 0.25 });
  });

  it('cuts a box to the image and drops one wholly off it', () => {
    expect(boxOnCapture({ x: 900, y: 700, width: 300, height: 300 }, visible(0, 0))).toEqual({ x: 0.9, y: 0.875, width: 0.1, height: 0.125 });
    expect(boxOnCapture({ x: 10, y: 900, width: 50, height: 50 }, visible(0, 0))).toBeNull();
    expect(boxOnCapture({ x: 10, y: 10, width: 50, height: 50 }, visible(0, 100))).toBeNull();
  });

  it('refuses boxes without an area and frames without a size', () => {
    expect(boxOnCapture({ x: 10, y: 10, width: 0, height: 50 }, visible(0, 0))).toBeNull();
    expect(boxOnCapture({ x: 10, y: 10, width: Number.NaN, height: 50 }, visible(0, 0))).toBeNull();
    expect(boxOnCapture({ x: 10, y: 10, width: 5, height: 5 }, { ...visible(0, 0), viewportWidth: 0 } as CaptureFrame)).toBeNull();
  });
});

describe('boxOnCapture: a full-page capture', () => {
  it('measures down from the top of the document, at DPR 2, whatever the scroll at marking time', () => {
    // A page of 4,000 CSS px at DPR 2: one image of 8,000 device rows.
    const plan = planFullPage({ pageHeight: 4_000, viewportWidth: 1_000, viewportHeight: 800, devicePixelRatio: 2 });
    const frame: CaptureFrame = { kind: 'full', scrollX: 0, viewportWidth: 1_000, devicePixelRatio: 2, imageHeight: plan.coveredHeight };
    const box = boxOnCapture({ x: 100, y: 3_000, width: 200, height: 400 }, frame)!;
    expect(box).toEqual({ x: 0.1, y: 0.75, width: 0.2, height: 0.1 });
    // On the stitched image, the box's top edge is the very device row the plan put page row 3,000 on.
    expect(box.y * plan.coveredHeight).toBe(3_000 * 2);
  });

  it('keeps the horizontal scroll offset of the capture', () => {
    const frame: CaptureFrame = { kind: 'full', scrollX: 200, viewportWidth: 1_000, devicePixelRatio: 1, imageHeight: 5_000 };
    expect(boxOnCapture({ x: 300, y: 500, width: 100, height: 500 }, frame)).toEqual({ x: 0.1, y: 0.1, width: 0.1, height: 0.1 });
  });

  it('cuts at the bottom of a capture that kept only the first tile of a taller page', () => {
    // A very tall page at DPR 2 with small tiles: the image holds only the first 1,000 CSS px.
    const plan = planFullPage({
      pageHeight: 5_000,
      viewportWidth: 500,
      viewportHeight: 400,
      devicePixelRatio: 2,
      limits: { maxSide: 2_000, maxArea: 2_000 * 1_000 },
      maxTiles: 1,
    });
    expect(plan.coveredHeight).toBe(2_000);
    const frame: CaptureFrame = { kind: 'full', scrollX: 0, viewportWidth: 500, devicePixelRatio: 2, imageHeight: plan.coveredHeight };
    expect(boxOnCapture({ x: 0, y: 900, width: 250, height: 200 }, frame)).toEqual({ x: 0, y: 0.9, width: 0.5, height: 0.1 });
    expect(boxOnCapture({ x: 0, y: 1_200, width: 250, height: 200 }, frame)).toBeNull();
  });
});

describe('marksOnCapture', () => {
  const page: PageMark[] = [
    { kind: 'region', box: { x: 0, y: 0, width: 500, height: 400 } },
    { kind: 'region', box: { x: 0, y: 5_000, width: 500, height: 400 } },
    { kind: 'element', box: { x: 0, y: 9_000, width: 10, height: 10 }, selector: ' #price ', excerpt: '  ¥ 99\n\n  only today  ' },
    { kind: 'text', quote: 'Genuine   brand\nitem', box: { x: 100, y: 80, width: 200, height: 40 } },
    { kind: 'text', quote: '   ' },
  ];

  it('places every mark and keeps what still points at the content when its box is off the image', () => {
    const marks = marksOnCapture(page, visible(0, 0));
    expect(marks).toEqual([
      { kind: 'region', x: 0, y: 0, width: 0.5, height: 0.5 },
      { kind: 'element', selector: '#price', excerpt: '¥ 99 only today' },
      { kind: 'text', quote: 'Genuine brand item', x: 0.1, y: 0.1, width: 0.2, height: 0.05 },
    ]);
    expect(CaptureMarksSchema.safeParse(marks).success).toBe(true);
  });

  it('bounds an element excerpt at 300 characters without splitting a character', () => {
    const [mark] = marksOnCapture(
      [{ kind: 'element', box: { x: 0, y: 0, width: 5, height: 5 }, selector: 'p', excerpt: '😀'.repeat(400) }],
      visible(0, 0),
    );
    expect(mark?.kind === 'element' && Array.from(mark.excerpt)).toHaveLength(300);
    expect(excerptOf('a😀b', 2)).toBe('a😀');
  });
});

describe('CaptureMarkSchema', () => {
  it('refuses a box off the capture, a partial box and an empty selector', () => {
    expect(CaptureMarkSchema.safeParse({ kind: 'region', x: 0.8, y: 0, width: 0.3, height: 0.1 }).success).toBe(false);
    expect(CaptureMarkSchema.safeParse({ kind: 'text', quote: 'q', x: 0.1 }).success).toBe(false);
    expect(CaptureMarkSchema.safeParse({ kind: 'element', selector: ' ', excerpt: '' }).success).toBe(false);
    expect(CaptureMarkSchema.safeParse({ kind: 'element', selector: '#a', excerpt: 'x'.repeat(301) }).success).toBe(false);
    expect(CaptureMarkSchema.safeParse({ kind: 'text', quote: 'fake' }).success).toBe(true);
  });
});

describe('locationFromMarks', () => {
  const region: CaptureMark = { kind: 'region', x: 0.1, y: 0.2, width: 0.3, height: 0.4 };
  const element: CaptureMark = { kind: 'element', selector: '#title', excerpt: 'Brand bag', x: 0, y: 0, width: 0.5, height: 0.1 };
  const text: CaptureMark = { kind: 'text', quote: 'official replica' };

  it('takes the first region or element, else the first quote', () => {
    expect(locationFromMarks([text, element, region])).toEqual({ kind: 'element', selector: '#title', excerpt: 'Brand bag' });
    expect(locationFromMarks([text, region, element])).toEqual({ kind: 'region', x: 0.1, y: 0.2, width: 0.3, height: 0.4 });
    expect(locationFromMarks([text])).toEqual({ kind: 'text', quote: 'official replica' });
    expect(locationFromMarks([])).toBeNull();
    expect(locationFromMarks(undefined)).toBeNull();
  });

  it('gives a location that satisfies the qualification rule on the location', () => {
    for (const marks of [[region], [element], [text]]) {
      const problems = qualifyNotice(
        {
          right: null,
          reason: null,
          explanation: '',
          goodFaith: false,
          accuracy: false,
          complainant: null,
          listings: [{ url: 'https://item.taobao.com/item.htm?id=1', captureIds: ['c1'], verifiedCaptureIds: ['c1'], location: locationFromMarks(marks) }],
        },
        { now: new Date('2026-01-01T00:00:00Z') },
      );
      expect(problems.filter((problem) => problem.code.startsWith('listing_location'))).toEqual([]);
    }
    const unmarked = qualifyNotice(
      {
        right: null,
        reason: null,
        explanation: '',
        goodFaith: false,
        accuracy: false,
        complainant: null,
        listings: [{ url: 'https://item.taobao.com/item.htm?id=1', captureIds: ['c1'], verifiedCaptureIds: ['c1'], location: locationFromMarks([]) }],
      },
      { now: new Date('2026-01-01T00:00:00Z') },
    );
    expect(unmarked.map((problem) => problem.code)).toContain('listing_location_missing');
  });
});

describe('drawnMarks', () => {
  it('lists the marks with a box, keeping their numbers', () => {
    const marks: CaptureMark[] = [{ kind: 'text', quote: 'q' }, { kind: 'region', x: 0, y: 0, width: 1, height: 1 }];
    expect(drawnMarks(marks)).toEqual([{ mark: marks[1], box: { x: 0, y: 0, width: 1, height: 1 }, index: 1 }]);
  });
});

describe('marksOf', () => {
  it('reads valid marks from a record and nothing from one without or with broken marks', () => {
    expect(marksOf({ id: 'c1', marks: [{ kind: 'text', quote: 'q' }] })).toEqual([{ kind: 'text', quote: 'q' }]);
    expect(marksOf({ id: 'c1' })).toEqual([]);
    expect(marksOf({ id: 'c1', marks: [{ kind: 'region', x: 2 }] })).toEqual([]);
    expect(marksOf(null)).toEqual([]);
  });
});
