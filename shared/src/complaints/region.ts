import type { ListingLocation } from '../schemas/complaint';

/**
 * Marking the infringing region on a capture (issue #4). The extension's
 * builder and the console's location editor both turn a mouse drag over the
 * drawn capture into a region in 0..1 units of the capture, so it means the
 * same area whatever size the picture was shown at (and on the original
 * screenshot the server keeps). One implementation, so a region drawn on
 * either side is stored, shown and judged alike.
 */

/** A marked region on a capture, in 0..1 of its width and height (the wire form). */
export type Region = Extract<ListingLocation, { kind: 'region' }>;

/** A pointer position in client pixels, or a position on the capture in 0..1 units. */
export interface Point {
  x: number;
  y: number;
}

/** Where the capture is drawn, in the same client pixels as the pointer (a DOMRect fits). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * A drag spanning fewer screen pixels than this, across or down, is a click,
 * not a region. Telling the two apart is about the hand on the pointer, so it
 * is measured on the screen rather than as a share of the capture: the same
 * capture is drawn small in the extension and large in the console, and a
 * share small enough for a deliberate box on the large picture would turn a
 * trembling click on the small one into a region.
 */
export const MIN_REGION_PX = 4;

// Four decimals are a tenth of a pixel on a 1,000-pixel-wide capture: enough
// for any reviewer, and they keep the stored numbers readable.
const round = (value: number): number => Math.round(value * 10_000) / 10_000;
const clamp = (value: number, min = 0, max = 1): number => Math.min(max, Math.max(min, value));

/**
 * A pointer position on the drawn capture, in 0..1 units of it. Positions
 * outside the picture (a drag that overshoots the edge) stick to the edge; a
 * picture not laid out yet gives the origin.
 */
export function relativePoint(point: Point, box: Box): Point {
  if (!(box.width > 0) || !(box.height > 0)) return { x: 0, y: 0 };
  return { x: round(clamp((point.x - box.left) / box.width)), y: round(clamp((point.y - box.top) / box.height)) };
}

/**
 * The region spanned by two corners in 0..1 units, in whichever direction
 * they were given; null when it has no area. Inside the capture by
 * construction: both corners are clamped to 0..1 before the size is taken.
 */
export function regionBetween(a: Point, b: Point): Region | null {
  const left = round(clamp(Math.min(a.x, b.x)));
  const top = round(clamp(Math.min(a.y, b.y)));
  // Rounding the far edges, not the sizes, keeps x + width within 1.
  const width = round(round(clamp(Math.max(a.x, b.x))) - left);
  const height = round(round(clamp(Math.max(a.y, b.y))) - top);
  if (width <= 0 || height <= 0) return null;
  // Subtracting rounded edges can still leave a rounding step past 1.
  return { kind: 'region', x: left, y: top, width: Math.min(width, round(1 - left)), height: Math.min(height, round(1 - top)) };
}

/**
 * The region dragged from `start` to `end` (client pixels) over the capture
 * drawn at `box`, in either direction and clamped to the picture; null when the
 * picture has no size or the drag, within the picture, is under
 * MIN_REGION_PX across or down.
 */
export function regionFromDrag(start: Point, end: Point, box: Box): Region | null {
  if (!(box.width > 0) || !(box.height > 0)) return null;
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  const across = Math.abs(clamp(start.x, box.left, right) - clamp(end.x, box.left, right));
  const down = Math.abs(clamp(start.y, box.top, bottom) - clamp(end.y, box.top, bottom));
  if (across < MIN_REGION_PX || down < MIN_REGION_PX) return null;
  return regionBetween(relativePoint(start, box), relativePoint(end, box));
}

type Placement = Pick<Region, 'x' | 'y' | 'width' | 'height'>;

/** CSS placing the region over the capture, whatever size the picture is shown at. */
export function regionStyle(region: Placement): { left: string; top: string; width: string; height: string } {
  const percent = (value: number) => `${round(value * 100)}%`;
  return { left: percent(region.x), top: percent(region.y), width: percent(region.width), height: percent(region.height) };
}

/** The region in whole percent, for a line of text beside the picture. */
export function regionPercent(region: Placement): { x: number; y: number; width: number; height: number } {
  const whole = (value: number) => Math.round(value * 100);
  return { x: whole(region.x), y: whole(region.y), width: whole(region.width), height: whole(region.height) };
}
