import {
  MARKS_PER_CAPTURE_MAX,
  marksOnCapture,
  type CaptureFrame,
  type CaptureMark,
  type PageMark,
} from '@openipp/shared';

/**
 * Marks made on the live page (issue #7, part 3), between the overlay in the
 * page (entrypoints/marker.content) and the capture in the worker.
 */

/** What the overlay hands over when the user is done: page-coordinate marks and where the page was scrolled. */
export interface MarkedPage {
  marks: PageMark[];
  scrollX: number;
  scrollY: number;
}

/** What the worker leaves for the overlay in its isolated world before injecting it. */
export interface MarkerStart {
  mode: 'visible' | 'full';
  /** extension:marks in the user's language. */
  texts: Record<string, string>;
}

/** The name of that hand-over in the content script's isolated world (never the page's). */
export const MARKER_START_GLOBAL = '__openippMarkerStart';

/** Where the overlay script lands in the build (WXT: content-scripts/<name>.js). */
export const MARKER_SCRIPT = '/content-scripts/marker.js';

export interface ShotGeometry {
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  /** For a full-page capture: the height of the image kept, in device px. */
  fullImageHeight?: number;
}

/** Where the capture's image lies on the page the marks were made on. */
export function frameOf(page: MarkedPage, shot: ShotGeometry): CaptureFrame {
  if (shot.fullImageHeight !== undefined) {
    return {
      kind: 'full',
      scrollX: page.scrollX,
      viewportWidth: shot.viewport.width,
      devicePixelRatio: shot.devicePixelRatio,
      imageHeight: shot.fullImageHeight,
    };
  }
  return { kind: 'visible', scrollX: page.scrollX, scrollY: page.scrollY, viewportWidth: shot.viewport.width, viewportHeight: shot.viewport.height };
}

/** The marks as the capture's meta carries them, relative to its image; at most MARKS_PER_CAPTURE_MAX. */
export function placeMarks(page: MarkedPage, shot: ShotGeometry): CaptureMark[] {
  return marksOnCapture(page.marks, frameOf(page, shot)).slice(0, MARKS_PER_CAPTURE_MAX);
}

/** `{{name}}` placeholders filled, for texts used outside i18next (the overlay). */
export function fill(text: string | undefined, values: Record<string, string | number> = {}): string {
  return (text ?? '').replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
