import { describe, expect, it } from 'vitest';
import type { ComplaintDraft } from '../schemas/complaint';
import { ListingLocationSchema } from '../schemas/complaint';
import { qualifyNotice } from './qualify';
import { MIN_REGION_PX, regionBetween, regionFromDrag, regionPercent, regionStyle, relativePoint, type Box, type Region } from './region';

// The capture drawn 800 × 400 px, 100 px from the left and 50 px from the top of the viewport.
const box: Box = { left: 100, top: 50, width: 800, height: 400 };
// A smaller picture: 400 × 200 px at the same place.
const small: Box = { left: 100, top: 50, width: 400, height: 200 };

/** Whether the wire schema and qualifyNotice both take the region as drawn. */
function accepted(region: Region): void {
  expect(ListingLocationSchema.safeParse(region).success).toBe(true);
  expect(region.x + region.width).toBeLessThanOrEqual(1);
  expect(region.y + region.height).toBeLessThanOrEqual(1);
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

describe('relativePoint', () => {
  it('maps viewport pixels to 0..1 of the drawn capture', () => {
    expect(relativePoint({ x: 100, y: 50 }, box)).toEqual({ x: 0, y: 0 });
    expect(relativePoint({ x: 500, y: 250 }, box)).toEqual({ x: 0.5, y: 0.5 });
    expect(relativePoint({ x: 900, y: 450 }, box)).toEqual({ x: 1, y: 1 });
    expect(relativePoint({ x: 300, y: 150 }, box)).toEqual({ x: 0.25, y: 0.25 });
  });

  it('sticks to the edge when the pointer overshoots the picture', () => {
    expect(relativePoint({ x: 40, y: 20 }, box)).toEqual({ x: 0, y: 0 });
    expect(relativePoint({ x: 2000, y: 1000 }, box)).toEqual({ x: 1, y: 1 });
    expect(relativePoint({ x: 500, y: -30 }, box)).toEqual({ x: 0.5, y: 0 });
  });

  it('rounds to four decimals, and gives the origin for a picture not laid out yet', () => {
    expect(relativePoint({ x: 100 + 800 / 3, y: 50 }, box)).toEqual({ x: 0.3333, y: 0 });
    expect(relativePoint({ x: 10, y: 10 }, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0, y: 0 });
  });
});

describe('regionBetween', () => {
  it('is the same rectangle whichever way the corners are given', () => {
    const corners = [
      [{ x: 0.2, y: 0.3 }, { x: 0.6, y: 0.7 }],
      [{ x: 0.6, y: 0.7 }, { x: 0.2, y: 0.3 }],
      [{ x: 0.6, y: 0.3 }, { x: 0.2, y: 0.7 }],
      [{ x: 0.2, y: 0.7 }, { x: 0.6, y: 0.3 }],
    ] as const;
    for (const [a, b] of corners) expect(regionBetween(a, b)).toEqual({ kind: 'region', x: 0.2, y: 0.3, width: 0.4, height: 0.4 });
  });

  it('takes a point or a line for no region, and anything with an area for one', () => {
    expect(regionBetween({ x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 })).toBeNull();
    expect(regionBetween({ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.5 })).toBeNull();
    // Below the rounding step is no area either.
    expect(regionBetween({ x: 0.5, y: 0.5 }, { x: 0.50004, y: 0.9 })).toBeNull();
    // How small a drag may be is decided on the screen (regionFromDrag), not here.
    expect(regionBetween({ x: 0.5, y: 0.5 }, { x: 0.5025, y: 0.9 })).toEqual({ kind: 'region', x: 0.5, y: 0.5, width: 0.0025, height: 0.4 });
  });

  it('clamps corners outside 0..1 and stays inside the capture', () => {
    const region = regionBetween({ x: 0.12345, y: 0.98765 }, { x: 0.99999, y: 0.00001 })!;
    expect(region).toEqual({ kind: 'region', x: 0.1235, y: 0, width: 0.8765, height: 0.9877 });
    accepted(region);
    expect(regionBetween({ x: -0.5, y: -2 }, { x: 3, y: 1.5 })).toEqual({ kind: 'region', x: 0, y: 0, width: 1, height: 1 });
  });
});

describe('regionFromDrag', () => {
  it('turns a drag in client pixels into 0..1 units of the picture', () => {
    expect(regionFromDrag({ x: 200, y: 100 }, { x: 300, y: 150 }, small)).toEqual({ kind: 'region', x: 0.25, y: 0.25, width: 0.25, height: 0.25 });
  });

  it('gives the same region whichever corner the drag starts from', () => {
    const forward = regionFromDrag({ x: 140, y: 70 }, { x: 420, y: 230 }, small);
    expect(regionFromDrag({ x: 420, y: 230 }, { x: 140, y: 70 }, small)).toEqual(forward);
    expect(regionFromDrag({ x: 140, y: 230 }, { x: 420, y: 70 }, small)).toEqual(forward);
    expect(forward).toEqual({ kind: 'region', x: 0.1, y: 0.1, width: 0.7, height: 0.8 });
  });

  it('clamps a drag that leaves the picture to its edges', () => {
    expect(regionFromDrag({ x: 20, y: -40 }, { x: 900, y: 700 }, small)).toEqual({ kind: 'region', x: 0, y: 0, width: 1, height: 1 });
    expect(regionFromDrag({ x: 400, y: 200 }, { x: 1_000, y: 1_000 }, small)).toEqual({ kind: 'region', x: 0.75, y: 0.75, width: 0.25, height: 0.25 });
    expect(regionFromDrag({ x: 0, y: 0 }, { x: 5000, y: 5000 }, box)).toEqual({ kind: 'region', x: 0, y: 0, width: 1, height: 1 });
  });

  it('takes a click, or a drag under MIN_REGION_PX across or down, for no region', () => {
    expect(regionFromDrag({ x: 200, y: 100 }, { x: 200, y: 100 }, small)).toBeNull();
    // A line.
    expect(regionFromDrag({ x: 180, y: 250 }, { x: 820, y: 250 }, box)).toBeNull();
    expect(regionFromDrag({ x: 200, y: 100 }, { x: 200 + MIN_REGION_PX - 1, y: 180 }, small)).toBeNull();
    expect(regionFromDrag({ x: 200, y: 100 }, { x: 300, y: 100 + MIN_REGION_PX - 1 }, small)).toBeNull();
    expect(regionFromDrag({ x: 200, y: 100 }, { x: 200 + MIN_REGION_PX, y: 100 + MIN_REGION_PX }, small)).toEqual({
      kind: 'region',
      x: 0.25,
      y: 0.25,
      width: 0.01,
      height: 0.02,
    });
    // Entirely outside: clamping leaves nothing.
    expect(regionFromDrag({ x: 0, y: 0 }, { x: 90, y: 40 }, small)).toBeNull();
    // Only the part within the picture counts: 2 px inside, 60 px outside.
    expect(regionFromDrag({ x: 40, y: 100 }, { x: 102, y: 200 }, small)).toBeNull();
  });

  it('measures the minimum on the screen: the same pixels make a region on a picture of any size', () => {
    const huge: Box = { left: 0, top: 0, width: 4000, height: 4000 };
    expect(regionFromDrag({ x: 1000, y: 1000 }, { x: 1000 + MIN_REGION_PX, y: 1000 + MIN_REGION_PX }, huge)).toEqual({
      kind: 'region',
      x: 0.25,
      y: 0.25,
      width: 0.001,
      height: 0.001,
    });
    const tiny: Box = { left: 0, top: 0, width: 100, height: 50 };
    expect(regionFromDrag({ x: 10, y: 10 }, { x: 10 + MIN_REGION_PX - 1, y: 40 }, tiny)).toBeNull();
  });

  it('gives no region on a picture without size', () => {
    expect(regionFromDrag({ x: 0, y: 0 }, { x: 50, y: 50 }, { left: 0, top: 0, width: 0, height: 100 })).toBeNull();
    expect(regionFromDrag({ x: 0, y: 0 }, { x: 50, y: 50 }, { left: 0, top: 0, width: 100, height: Number.NaN })).toBeNull();
  });

  it('rounds to four decimals and never lets the region run past the right or bottom edge', () => {
    const odd: Box = { left: 0, top: 0, width: 333, height: 777 };
    const drags = [
      [{ x: 1, y: 1 }, { x: 333, y: 777 }, odd],
      [{ x: 111, y: 259 }, { x: 400, y: 900 }, odd],
      [{ x: 332.6, y: 5 }, { x: 10, y: 776.9 }, odd],
      [{ x: 100 + 800 / 3, y: 50 + 400 / 7 }, { x: 900, y: 450 }, box],
      [{ x: 0, y: 0 }, { x: 5000, y: 5000 }, box],
    ] as const;
    for (const [a, b, on] of drags) {
      const region = regionFromDrag(a, b, on)!;
      expect(region).not.toBeNull();
      for (const value of [region.x, region.y, region.width, region.height]) {
        expect(Math.round(value * 10_000)).toBeCloseTo(value * 10_000, 6);
      }
      // What the wire contract and the qualification rules accept, so the server takes it as drawn.
      accepted(region);
    }
  });
});

describe('showing a region', () => {
  it('places it in percent of the picture, at any size it is drawn', () => {
    expect(regionStyle({ x: 0.1, y: 0.25, width: 0.333333, height: 0.5 })).toEqual({ left: '10%', top: '25%', width: '33.3333%', height: '50%' });
    expect(regionStyle({ x: 0.25, y: 0.1, width: 0.5, height: 0.333333 })).toEqual({ left: '25%', top: '10%', width: '50%', height: '33.3333%' });
  });

  it('says where it is in whole percent', () => {
    expect(regionPercent({ x: 0.104, y: 0.255, width: 0.333, height: 0.5 })).toEqual({ x: 10, y: 26, width: 33, height: 50 });
  });

  it('round-trips a drag: the drawn box lands where the pointer went', () => {
    const region = regionFromDrag({ x: 300, y: 150 }, { x: 700, y: 350 }, box)!;
    expect(region).toEqual(regionBetween(relativePoint({ x: 300, y: 150 }, box), relativePoint({ x: 700, y: 350 }, box)));
    const style = regionStyle(region);
    // Back to pixels on the same 800 × 400 picture.
    const px = (percent: string, size: number) => (parseFloat(percent) / 100) * size;
    expect([px(style.left, 800) + 100, px(style.top, 400) + 50, px(style.width, 800), px(style.height, 400)]).toEqual([300, 150, 400, 200]);
  });
});
