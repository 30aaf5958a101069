/**
 * Marking the infringing region on a capture (issue #4): a rectangle dragged
 * with the mouse over the displayed image becomes a region in 0..1 units of
 * the capture, so it means the same area whatever size the image was shown at
 * (and on the original screenshot the server keeps).
 */

export interface Region {
  kind: 'region';
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The image's box in the same (client) pixels as the pointer positions. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A smaller drag is a click, not a region. */
export const MIN_REGION_PX = 4;

/** Four decimals: a tenth of a pixel on a 1,000-pixel-wide capture. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The region spanned by a drag from `a` to `b`, in either direction, clamped
 * to the image; null when the box has no size or the drag is too small.
 */
export function regionFromDrag(a: Point, b: Point, box: Box): Region | null {
  if (!(box.width > 0) || !(box.height > 0)) return null;
  const left = clamp(Math.min(a.x, b.x), box.left, box.left + box.width);
  const right = clamp(Math.max(a.x, b.x), box.left, box.left + box.width);
  const top = clamp(Math.min(a.y, b.y), box.top, box.top + box.height);
  const bottom = clamp(Math.max(a.y, b.y), box.top, box.top + box.height);
  if (right - left < MIN_REGION_PX || bottom - top < MIN_REGION_PX) return null;
  const x = round((left - box.left) / box.width);
  const y = round((top - box.top) / box.height);
  // Rounding the far edges, not the sizes, keeps x + width ≤ 1 exactly.
  const width = round(round((right - box.left) / box.width) - x);
  const height = round(round((bottom - box.top) / box.height) - y);
  if (width <= 0 || height <= 0) return null;
  return { kind: 'region', x, y, width: Math.min(width, round(1 - x)), height: Math.min(height, round(1 - y)) };
}

/** CSS for an overlay showing `region` on an element as large as the image. */
export function regionStyle(region: Pick<Region, 'x' | 'y' | 'width' | 'height'>): {
  left: string;
  top: string;
  width: string;
  height: string;
} {
  const pct = (value: number) => `${round(value * 100)}%`;
  return { left: pct(region.x), top: pct(region.y), width: pct(region.width), height: pct(region.height) };
}
