import { z } from 'zod';

/**
 * Marks on a capture (issue #7, part 3): what the user pointed at on the live
 * page before the screenshot was taken, stored relative to the screenshot
 * (0..1 of its width and height) so they fit any size it is drawn at, like a
 * listing's marked region (shared/src/complaints/region.ts).
 *
 * - region: a rectangle dragged over the page;
 * - element: an element clicked on, with a CSS selector that finds it again
 *   on the page and the start of its text;
 * - text: a quoted selection.
 *
 * An element or a quote that lies outside the captured image (a visible-area
 * capture of a page scrolled elsewhere) keeps its selector or quote, which
 * still point at the content, but has no box to draw. A region always has one.
 */

/** Relative coordinates on the capture: 0..1 of its width and height. */
const unit = z.number().min(0).max(1);

/** Longest text excerpt of a clicked element, in characters. */
export const MARK_EXCERPT_MAX = 300;
/** Longest quote and selector; the same bound as a listing's location (schemas/complaint.ts). */
export const MARK_TEXT_MAX = 2_000;
/** Marks one capture can carry: plenty for a listing, and a bound on the meta field's size. */
export const MARKS_PER_CAPTURE_MAX = 50;

const boxFields = { x: unit, y: unit, width: unit, height: unit };
const optionalBoxFields = { x: unit.optional(), y: unit.optional(), width: unit.optional(), height: unit.optional() };

type MaybeBox = { x?: number; y?: number; width?: number; height?: number };

/** A box has an area and lies inside the capture (a rounding step of slack, as for regions). */
function boxInside(box: MaybeBox): boolean {
  const { x, y, width, height } = box;
  if (x === undefined && y === undefined && width === undefined && height === undefined) return true;
  if (x === undefined || y === undefined || width === undefined || height === undefined) return false;
  return width > 0 && height > 0 && x + width <= 1 + 1e-9 && y + height <= 1 + 1e-9;
}
const boxMessage = { message: 'a box must have all four sides, an area, and lie inside the capture' };

export const CaptureMarkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('region'), ...boxFields }).refine(boxInside, boxMessage),
  z
    .strictObject({
      kind: z.literal('element'),
      selector: z.string().trim().min(1).max(MARK_TEXT_MAX),
      excerpt: z.string().max(MARK_EXCERPT_MAX),
      ...optionalBoxFields,
    })
    .refine(boxInside, boxMessage),
  z
    .strictObject({ kind: z.literal('text'), quote: z.string().trim().min(1).max(MARK_TEXT_MAX), ...optionalBoxFields })
    .refine(boxInside, boxMessage),
]);
export type CaptureMark = z.infer<typeof CaptureMarkSchema>;

export const CaptureMarksSchema = z.array(CaptureMarkSchema).max(MARKS_PER_CAPTURE_MAX);

/** The part of a mark drawn on the capture, in 0..1 units. */
export interface MarkBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The mark's box on the capture, if it has one. */
export function markBox(mark: CaptureMark): MarkBox | null {
  const { x, y, width, height } = mark;
  if (x === undefined || y === undefined || width === undefined || height === undefined) return null;
  return { x, y, width, height };
}
