import type { ListingLocation } from '../schemas/complaint';
import { CaptureMarksSchema, MARK_EXCERPT_MAX, MARK_TEXT_MAX, markBox, type CaptureMark, type MarkBox } from '../schemas/capture-marks';

/**
 * Marks taken on the live page, placed on the screenshot (issue #7, part 3).
 *
 * The overlay measures in page coordinates: CSS pixels from the top-left
 * corner of the document, so a mark stays put while the user scrolls. The
 * screenshot shows another window onto the same page:
 * - a visible-area capture is the viewport at the scroll position it was
 *   taken at: page x - scrollX across the viewport's width, likewise down;
 * - a full-page capture (capture/full-page.ts) is stitched from the top of
 *   the document: page row y lands on device row y × dpr of the image, whose
 *   first tile is `imageHeight` device rows tall (less than the page when the
 *   page needed more tiles than one image holds). Across, it shows the
 *   viewport at the horizontal scroll position of the capture.
 * Both are a linear map, so a box stays a box; the part of it outside the
 * image is cut off.
 */

/** A box in page coordinates: CSS px from the document's top-left corner. */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A mark as the overlay takes it, before it is placed on a capture. */
export type PageMark =
  | { kind: 'region'; box: PageBox }
  | { kind: 'element'; box: PageBox; selector: string; excerpt: string }
  | { kind: 'text'; quote: string; box?: PageBox };

/** Where the capture's image lies on the page. CSS px unless said otherwise. */
export type CaptureFrame =
  | { kind: 'visible'; scrollX: number; scrollY: number; viewportWidth: number; viewportHeight: number }
  | {
      kind: 'full';
      scrollX: number;
      viewportWidth: number;
      devicePixelRatio: number;
      /** Height of the (first) stitched image, in device px. */
      imageHeight: number;
    };

// Four decimals, as for regions (complaints/region.ts): a tenth of a pixel on a 1,000-pixel capture.
const round = (value: number): number => Math.round(value * 10_000) / 10_000;
const clamp = (value: number): number => Math.min(1, Math.max(0, value));
const finite = (...values: number[]) => values.every((value) => Number.isFinite(value));

/** The page rectangle the image shows, in CSS px. */
function shownArea(frame: CaptureFrame): PageBox | null {
  if (frame.kind === 'visible') {
    if (!finite(frame.scrollX, frame.scrollY) || !(frame.viewportWidth > 0) || !(frame.viewportHeight > 0)) return null;
    return { x: frame.scrollX, y: frame.scrollY, width: frame.viewportWidth, height: frame.viewportHeight };
  }
  if (!finite(frame.scrollX) || !(frame.viewportWidth > 0) || !(frame.devicePixelRatio > 0) || !(frame.imageHeight > 0)) {
    return null;
  }
  return { x: frame.scrollX, y: 0, width: frame.viewportWidth, height: frame.imageHeight / frame.devicePixelRatio };
}

/**
 * A page box on the capture in 0..1 units, cut to the image; null when none
 * of it (or only a sliver under a rounding step) is on the image.
 */
export function boxOnCapture(box: PageBox, frame: CaptureFrame): MarkBox | null {
  const area = shownArea(frame);
  if (!area || !finite(box.x, box.y, box.width, box.height) || !(box.width > 0) || !(box.height > 0)) return null;
  const left = round(clamp((box.x - area.x) / area.width));
  const top = round(clamp((box.y - area.y) / area.height));
  // The far edges are rounded, not the sizes, so that x + width stays within 1.
  const right = round(clamp((box.x + box.width - area.x) / area.width));
  const bottom = round(clamp((box.y + box.height - area.y) / area.height));
  const width = round(right - left);
  const height = round(bottom - top);
  if (width <= 0 || height <= 0) return null;
  return { x: left, y: top, width: Math.min(width, round(1 - left)), height: Math.min(height, round(1 - top)) };
}

/** Whitespace folded and the text cut to `max` characters (code points, so no half of a pair is left). */
export function excerptOf(text: string, max: number = MARK_EXCERPT_MAX): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  const points = Array.from(folded);
  return points.length <= max ? folded : points.slice(0, max).join('').trimEnd();
}

/**
 * The page's marks placed on the capture, in the order they were made.
 * A region off the image points at nothing the capture shows and is left
 * out; an element or a quote off the image keeps its selector or quote
 * without a box. Texts are bounded as the wire contract bounds them.
 */
export function marksOnCapture(marks: readonly PageMark[], frame: CaptureFrame): CaptureMark[] {
  const placed: CaptureMark[] = [];
  for (const mark of marks) {
    const box = mark.box ? boxOnCapture(mark.box, frame) : null;
    switch (mark.kind) {
      case 'region':
        if (box) placed.push({ kind: 'region', ...box });
        break;
      case 'element': {
        const selector = mark.selector.trim();
        if (selector === '' || selector.length > MARK_TEXT_MAX) break;
        placed.push({ kind: 'element', selector, excerpt: excerptOf(mark.excerpt), ...(box ?? {}) });
        break;
      }
      case 'text': {
        const quote = excerptOf(mark.quote, MARK_TEXT_MAX);
        if (quote !== '') placed.push({ kind: 'text', quote, ...(box ?? {}) });
        break;
      }
    }
  }
  return placed;
}

/**
 * The listing location a capture's marks give (MISSION item 7: the specific
 * location of the infringing information), so a capture marked on the page
 * qualifies without being marked again in the builder. The first region or
 * element wins, as the most exact pointer; otherwise the first quote; null
 * when the capture has no marks.
 *
 * An element becomes an element location (selector and excerpt), which
 * finds it again on the live page; its box stays drawn from the capture's
 * own marks.
 */
export function locationFromMarks(marks: readonly CaptureMark[] | undefined): ListingLocation | null {
  if (!marks) return null;
  for (const mark of marks) {
    if (mark.kind === 'region') return { kind: 'region', x: mark.x, y: mark.y, width: mark.width, height: mark.height };
    if (mark.kind === 'element') return { kind: 'element', selector: mark.selector, excerpt: mark.excerpt };
  }
  const quote = marks.find((mark) => mark.kind === 'text');
  return quote ? { kind: 'text', quote: quote.quote } : null;
}

/** The marks drawn as boxes on the capture, with where each sits; quotes without a box are listed instead. */
export function drawnMarks(marks: readonly CaptureMark[] | undefined): { mark: CaptureMark; box: MarkBox; index: number }[] {
  return (marks ?? []).flatMap((mark, index) => {
    const box = markBox(mark);
    return box ? [{ mark, box, index }] : [];
  });
}

/**
 * The marks a capture record carries, checked against the contract; none when
 * it carries none or they do not parse (a record from an older server).
 */
export function marksOf(record: object | null | undefined): CaptureMark[] {
  const parsed = CaptureMarksSchema.safeParse((record as { marks?: unknown } | null | undefined)?.marks);
  return parsed.success ? parsed.data : [];
}
