import { ListingLocationSchema, qualifyNotice, type ComplaintDraft } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { MIN_REGION_SIZE, regionBetween, regionPercent, regionStyle, relativePoint } from './region';

// The capture drawn 800 × 400 px, 100 px from the left and 50 px from the top of the viewport.
const box = { left: 100, top: 50, width: 800, height: 400 };

describe('relativePoint', () => {
  it('maps viewport pixels to 0..1 of the drawn capture', () => {
    expect(relativePoint(100, 50, box)).toEqual({ x: 0, y: 0 });
    expect(relativePoint(500, 250, box)).toEqual({ x: 0.5, y: 0.5 });
    expect(relativePoint(900, 450, box)).toEqual({ x: 1, y: 1 });
    expect(relativePoint(300, 150, box)).toEqual({ x: 0.25, y: 0.25 });
  });

  it('sticks to the edge when the pointer overshoots the picture', () => {
    expect(relativePoint(40, 20, box)).toEqual({ x: 0, y: 0 });
    expect(relativePoint(2000, 1000, box)).toEqual({ x: 1, y: 1 });
    expect(relativePoint(500, -30, box)).toEqual({ x: 0.5, y: 0 });
  });

  it('rounds to four decimals, and gives the origin for a picture not laid out yet', () => {
    expect(relativePoint(100 + 800 / 3, 50, box)).toEqual({ x: 0.3333, y: 0 });
    expect(relativePoint(10, 10, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0, y: 0 });
  });
});

describe('regionBetween', () => {
  it('is the same rectangle whichever way the user dragged', () => {
    const corners = [
      [{ x: 0.2, y: 0.3 }, { x: 0.6, y: 0.7 }],
      [{ x: 0.6, y: 0.7 }, { x: 0.2, y: 0.3 }],
      [{ x: 0.6, y: 0.3 }, { x: 0.2, y: 0.7 }],
      [{ x: 0.2, y: 0.7 }, { x: 0.6, y: 0.3 }],
    ] as const;
    for (const [a, b] of corners) expect(regionBetween(a, b)).toEqual({ kind: 'region', x: 0.2, y: 0.3, width: 0.4, height: 0.4 });
  });

  it('takes a click or a line for no region', () => {
    expect(regionBetween({ x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 })).toBeNull();
    expect(regionBetween({ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.5 })).toBeNull();
    expect(regionBetween({ x: 0.5, y: 0.5 }, { x: 0.5 + MIN_REGION_SIZE / 2, y: 0.9 })).toBeNull();
    expect(regionBetween({ x: 0.5, y: 0.5 }, { x: 0.5 + MIN_REGION_SIZE, y: 0.5 + MIN_REGION_SIZE })).not.toBeNull();
  });

  it('stays inside the capture, so the wire schema and qualifyNotice accept it', () => {
    const drags = [
      [relativePoint(0, 0, box), relativePoint(5000, 5000, box)],
      [relativePoint(100 + 800 / 3, 50 + 400 / 7, box), relativePoint(900, 450, box)],
      [{ x: 0.12345, y: 0.98765 }, { x: 0.99999, y: 0.00001 }],
    ];
    for (const [a, b] of drags) {
      const region = regionBetween(a!, b!);
      expect(region).not.toBeNull();
      expect(ListingLocationSchema.safeParse(region).success).toBe(true);
      expect(region!.x + region!.width).toBeLessThanOrEqual(1 + 1e-9);
      expect(region!.y + region!.height).toBeLessThanOrEqual(1 + 1e-9);
      const draft: ComplaintDraft = {
        right: null,
        reason: null,
        explanation: '',
        goodFaith: false,
        accuracy: false,
        complainant: null,
        listings: [{ url: 'https://item.taobao.com/item.htm?id=680123456789', captureIds: ['c1'], verifiedCaptureIds: ['c1'], location: region }],
      };
      expect(qualifyNotice(draft, { now: '2026-11-29' }).filter((problem) => problem.path.startsWith('listings.0.location'))).toEqual([]);
    }
    expect(regionBetween(relativePoint(0, 0, box), relativePoint(5000, 5000, box))).toEqual({ kind: 'region', x: 0, y: 0, width: 1, height: 1 });
  });
});

describe('showing a region', () => {
  it('places it in percent of the picture, at any size it is drawn', () => {
    expect(regionStyle({ x: 0.1, y: 0.25, width: 0.333333, height: 0.5 })).toEqual({ left: '10%', top: '25%', width: '33.3333%', height: '50%' });
    expect(regionPercent({ x: 0.104, y: 0.255, width: 0.333, height: 0.5 })).toEqual({ x: 10, y: 26, width: 33, height: 50 });
  });

  it('round-trips a drag: the drawn box lands where the pointer went', () => {
    const region = regionBetween(relativePoint(300, 150, box), relativePoint(700, 350, box))!;
    const style = regionStyle(region);
    // Back to pixels on the same 800 × 400 picture.
    const px = (percent: string, size: number) => (parseFloat(percent) / 100) * size;
    expect([px(style.left, 800) + 100, px(style.top, 400) + 50, px(style.width, 800), px(style.height, 400)]).toEqual([300, 150, 400, 200]);
  });
});
