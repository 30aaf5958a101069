import { ListingLocationSchema } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { MIN_REGION_PX, regionFromDrag, regionStyle } from './region';

// An image shown 400 × 200 px, 100 px from the left and 50 px from the top of the page.
const box = { left: 100, top: 50, width: 400, height: 200 };

describe('region picker maths', () => {
  it('turns a drag in client pixels into 0..1 units of the image', () => {
    expect(regionFromDrag({ x: 200, y: 100 }, { x: 300, y: 150 }, box)).toEqual({
      kind: 'region',
      x: 0.25,
      y: 0.25,
      width: 0.25,
      height: 0.25,
    });
  });

  it('gives the same region whichever corner the drag starts from', () => {
    const forward = regionFromDrag({ x: 140, y: 70 }, { x: 420, y: 230 }, box);
    expect(regionFromDrag({ x: 420, y: 230 }, { x: 140, y: 70 }, box)).toEqual(forward);
    expect(regionFromDrag({ x: 140, y: 230 }, { x: 420, y: 70 }, box)).toEqual(forward);
    expect(forward).toEqual({ kind: 'region', x: 0.1, y: 0.1, width: 0.7, height: 0.8 });
  });

  it('clamps a drag that leaves the image to its edges', () => {
    expect(regionFromDrag({ x: 20, y: -40 }, { x: 900, y: 700 }, box)).toEqual({
      kind: 'region',
      x: 0,
      y: 0,
      width: 1,
      height: 1,
    });
    expect(regionFromDrag({ x: 400, y: 200 }, { x: 1_000, y: 1_000 }, box)).toEqual({
      kind: 'region',
      x: 0.75,
      y: 0.75,
      width: 0.25,
      height: 0.25,
    });
  });

  it('ignores a click or a drag thinner than the minimum, and a box without size', () => {
    expect(regionFromDrag({ x: 200, y: 100 }, { x: 200, y: 100 }, box)).toBeNull();
    expect(regionFromDrag({ x: 200, y: 100 }, { x: 200 + MIN_REGION_PX - 1, y: 180 }, box)).toBeNull();
    expect(regionFromDrag({ x: 200, y: 100 }, { x: 300, y: 100 + MIN_REGION_PX - 1 }, box)).toBeNull();
    // Entirely outside: clamping leaves nothing.
    expect(regionFromDrag({ x: 0, y: 0 }, { x: 90, y: 40 }, box)).toBeNull();
    expect(regionFromDrag({ x: 0, y: 0 }, { x: 50, y: 50 }, { left: 0, top: 0, width: 0, height: 100 })).toBeNull();
  });

  it('rounds to four decimals and never lets the region run past the right or bottom edge', () => {
    const odd = { left: 0, top: 0, width: 333, height: 777 };
    for (const [a, b] of [
      [{ x: 1, y: 1 }, { x: 333, y: 777 }],
      [{ x: 111, y: 259 }, { x: 400, y: 900 }],
      [{ x: 332.6, y: 5 }, { x: 10, y: 776.9 }],
    ] as const) {
      const region = regionFromDrag(a, b, odd)!;
      expect(region.x + region.width).toBeLessThanOrEqual(1);
      expect(region.y + region.height).toBeLessThanOrEqual(1);
      for (const value of [region.x, region.y, region.width, region.height]) {
        expect(Math.round(value * 10_000)).toBeCloseTo(value * 10_000, 6);
      }
      // What the wire contract accepts, so the server takes it as drawn.
      expect(ListingLocationSchema.safeParse(region).success).toBe(true);
    }
  });

  it('places the overlay with percentages of the image', () => {
    expect(regionStyle({ x: 0.25, y: 0.1, width: 0.5, height: 0.333333 })).toEqual({
      left: '25%',
      top: '10%',
      width: '50%',
      height: '33.3333%',
    });
  });
});
