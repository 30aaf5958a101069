import type { ListingLocation } from '@openipp/shared';

/** A marked region on a capture, in 0..1 of its width and height (the wire form). */
export type Region = Extract<ListingLocation, { kind: 'region' }>;

/** A point on the capture, in 0..1 of its width and height. */
export interface RelativePoint {
  x: number;
  y: number;
}

/** Where the capture image is drawn on screen, as getBoundingClientRect() gives it. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Regions narrower or lower than this (0.5 % of the capture) are taken for a
 * click, not a drag: nobody marks infringing content that small on purpose.
 */
export const MIN_REGION_SIZE = 0.005;

// Four decimals are a tenth of a pixel on a 4K capture: enough for any reviewer,
// and they keep the stored numbers readable.
const round = (value: number): number => Math.round(value * 10_000) / 10_000;
const clamp = (value: number): number => Math.min(1, Math.max(0, value));

/**
 * A pointer position on the drawn image, relative to the capture. Positions
 * outside the image (a drag that overshoots the edge) stick to the edge.
 */
export function relativePoint(clientX: number, clientY: number, box: Box): RelativePoint {
  if (box.width <= 0 || box.height <= 0) return { x: 0, y: 0 };
  return { x: round(clamp((clientX - box.left) / box.width)), y: round(clamp((clientY - box.top) / box.height)) };
}

/**
 * The region spanned by two corners, in whichever direction the user dragged;
 * null for a click or a line. Inside the capture by construction: both corners
 * are clamped to 0..1 before the size is taken.
 */
export function regionBetween(a: RelativePoint, b: RelativePoint): Region | null {
  const left = round(clamp(Math.min(a.x, b.x)));
  const top = round(clamp(Math.min(a.y, b.y)));
  const right = round(clamp(Math.max(a.x, b.x)));
  const bottom = round(clamp(Math.max(a.y, b.y)));
  const width = round(right - left);
  const height = round(bottom - top);
  if (width < MIN_REGION_SIZE || height < MIN_REGION_SIZE) return null;
  // Rounding the size separately could push the far edge past 1 by a rounding step.
  return { kind: 'region', x: left, y: top, width: Math.min(width, round(1 - left)), height: Math.min(height, round(1 - top)) };
}

/** CSS placing the region over the capture image, whatever size the image is shown at. */
export function regionStyle(region: Pick<Region, 'x' | 'y' | 'width' | 'height'>): {
  left: string;
  top: string;
  width: string;
  height: string;
} {
  const percent = (value: number) => `${round(value * 100)}%`;
  return { left: percent(region.x), top: percent(region.y), width: percent(region.width), height: percent(region.height) };
}

/** The region in whole percent, for a line of text beside the picture. */
export function regionPercent(region: Pick<Region, 'x' | 'y' | 'width' | 'height'>): { x: number; y: number; width: number; height: number } {
  const whole = (value: number) => Math.round(value * 100);
  return { x: whole(region.x), y: whole(region.y), width: whole(region.width), height: whole(region.height) };
}
