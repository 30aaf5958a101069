/**
 * Full-page capture geometry (issue #7, part 1). Browsers only screenshot the
 * visible part of a tab, so a full page is taken as a series of frames, one
 * per scroll position, and stitched. This module decides, without touching a
 * browser, where to scroll, which rows of each frame to keep and where they go
 * in the stitched image, so the plan can be tested to the pixel.
 *
 * Units: page and viewport measures are CSS pixels (what the page reports);
 * frame rows and the stitched image are device pixels (what the screenshot
 * holds). A page row y lands on device row round(y × dpr), and every device
 * measure below is the difference of two such roundings, so neighbouring
 * pieces neither overlap nor leave a gap at fractional ratios such as 1.25.
 */

/**
 * Safe limits for one stitched canvas, in device pixels.
 *
 * Browsers refuse larger canvases outright (Chrome and Firefox: 32767 px a
 * side; Chrome: 268,435,456 px in area). We stay well inside them because
 * - the backend refuses to decode more than 16384 × 16384 px (its
 *   decompression-bomb guard, LIMITS.imageMaxPixels), and some GPU texture
 *   paths cap a side at 16384 as well;
 * - a canvas of maxArea pixels already holds 256 MiB of RGBA in the
 *   extension's worker, which keeps one tile in memory at a time.
 * A page taller than one tile is split into several tiles, never refused.
 */
export const FULL_PAGE_LIMITS = {
  maxSide: 16_384,
  maxArea: 2 ** 26,
} as const;

export interface CanvasLimits {
  /** Largest width or height of one tile, in device pixels. */
  maxSide: number;
  /** Largest width × height of one tile, in device pixels. */
  maxArea: number;
}

export interface FullPageInput {
  /** The document's scroll height, in CSS px. Shorter than the viewport counts as one viewport. */
  pageHeight: number;
  /** The viewport (window.innerWidth / innerHeight, scrollbars included, as the screenshot shows), in CSS px. */
  viewportWidth: number;
  viewportHeight: number;
  devicePixelRatio: number;
  /** Height of the fixed or sticky band at the top of the viewport (bottom edge of its lowest element), in CSS px. */
  stickyTop?: number;
  /** Height of the fixed band at the bottom of the viewport, in CSS px. */
  stickyBottom?: number;
  limits?: CanvasLimits;
  /**
   * The capturer hides the bands after the first frame (the top band in every
   * later frame, the bottom band in all but the true last), so later frames
   * show the content under them and keep the whole viewport: a page needs
   * fewer frames, each worth half a second. Without it, later frames crop the bands.
   */
  bandsHidden?: boolean;
  /**
   * Plan frames only for the first `maxTiles` tiles, e.g. 1 when only one
   * image can be kept: taking frames that would be dropped wastes half a
   * second each. The plan then says how much of the page it covers.
   */
  maxTiles?: number;
}

/** Rows of one frame copied into one tile, all in device px. */
export interface TileDraw {
  tile: number;
  /** First row in the frame. */
  sourceY: number;
  height: number;
  /** First row in the tile. */
  destY: number;
}

export interface FramePlan {
  /** window.scrollY to set before taking the frame, in CSS px. */
  scrollY: number;
  /** The page rows this frame contributes, in CSS px: [top, bottom). */
  top: number;
  bottom: number;
  /** Usually one draw; two when the frame's rows straddle a tile boundary. */
  draws: TileDraw[];
  /**
   * With `bandsHidden`: whether this frame must show the bottom band (frame 0,
   * taken before anything is hidden, and the frame at the true bottom of the
   * page, which keeps it as the page shows it there). Others hide it.
   */
  showsBottomBand: boolean;
}

export interface TilePlan {
  /** First row of the tile in the stitched page, in device px. */
  y: number;
  height: number;
}

export interface FullPagePlan {
  /** Width of every tile, in device px. */
  width: number;
  /** Height of the whole page, in device px. */
  pageHeight: number;
  /** Height covered by `tiles` (less than pageHeight only when maxTiles cut the plan), in device px. */
  coveredHeight: number;
  /** Tiles the whole page needs; more than tiles.length when maxTiles cut the plan. */
  totalTiles: number;
  tiles: TilePlan[];
  frames: FramePlan[];
  /** The bands actually cropped (after the sanity clamp below), in CSS px. */
  stickyTop: number;
  stickyBottom: number;
}

export class FullPageGeometryError extends Error {
  constructor(readonly reason: 'invalid_input' | 'too_wide') {
    super(reason);
    this.name = 'FullPageGeometryError';
  }
}

const positive = (value: number) => Number.isFinite(value) && value > 0;

/** Device row of a CSS row. */
function deviceRow(y: number, dpr: number): number {
  return Math.round(y * dpr);
}

/** Largest tile height for this width within the limits, in device px. */
export function maxTileHeight(width: number, limits: CanvasLimits = FULL_PAGE_LIMITS): number {
  if (width > limits.maxSide) throw new FullPageGeometryError('too_wide');
  return Math.min(limits.maxSide, Math.floor(limits.maxArea / width));
}

/**
 * The scroll positions, crops and tiles for a full-page capture.
 *
 * Frame 0 is taken at the top and keeps the top band (the site's header, as
 * the user sees it). Every later frame crops the top band, so a sticky header
 * appears once, and is scrolled so that its first kept row continues exactly
 * where the previous frame stopped. Every frame but the last crops the bottom
 * band (a fixed "buy" bar); the last frame is scrolled to the very bottom and
 * keeps it, as the page shows it there.
 *
 * Bands that together cover more than half the viewport are not bars but
 * overlays (a cookie wall, a full-screen menu): cropping them would leave
 * frames too thin to be worth their half second, so they are not cropped.
 */
export function planFullPage(input: FullPageInput): FullPagePlan {
  const dpr = input.devicePixelRatio;
  const viewport = Math.round(input.viewportHeight);
  const limits = input.limits ?? FULL_PAGE_LIMITS;
  if (
    !positive(dpr) ||
    !positive(viewport) ||
    !positive(input.viewportWidth) ||
    !Number.isFinite(input.pageHeight) ||
    !positive(limits.maxSide) ||
    !positive(limits.maxArea) ||
    (input.maxTiles !== undefined && !(input.maxTiles >= 1))
  ) {
    throw new FullPageGeometryError('invalid_input');
  }
  const page = Math.max(viewport, Math.ceil(input.pageHeight));
  let top = Math.max(0, Math.ceil(input.stickyTop ?? 0));
  let bottom = Math.max(0, Math.ceil(input.stickyBottom ?? 0));
  if (top + bottom > viewport / 2) {
    top = 0;
    bottom = 0;
  }

  const width = deviceRow(input.viewportWidth, dpr);
  const tileHeight = maxTileHeight(width, limits);
  if (tileHeight < 1) throw new FullPageGeometryError('too_wide');
  const pageDevice = deviceRow(page, dpr);
  const totalTiles = Math.ceil(pageDevice / tileHeight);
  const tileCount = Math.min(totalTiles, Math.floor(input.maxTiles ?? totalTiles));
  const truncated = tileCount * tileHeight < pageDevice;
  // Where a cut plan ends: the last whole CSS row that fits the tiles.
  const end = truncated ? Math.floor((tileCount * tileHeight) / dpr) : page;
  const coveredDevice = deviceRow(end, dpr);
  if (end < 1) throw new FullPageGeometryError('invalid_input');

  const tiles: TilePlan[] = [];
  for (let i = 0; i < tileCount; i += 1) {
    const y = i * tileHeight;
    tiles.push({ y, height: Math.min(tileHeight, coveredDevice - y) });
  }

  const frames: FramePlan[] = [];
  const addFrame = (scrollY: number, from: number, to: number, showsBottomBand = false) => {
    frames.push({ scrollY, top: from, bottom: to, draws: drawsFor(scrollY, from, to, dpr, tileHeight, coveredDevice), showsBottomBand });
  };

  const maxScroll = page - viewport;
  // Frame 0: the top of the page, header included.
  const firstEnd = !truncated && page <= viewport ? page : Math.min(viewport - bottom, end);
  addFrame(0, 0, firstEnd, true);
  let cursor = firstEnd;
  if (input.bandsHidden) {
    // Later frames show what lies under the hidden bands: each keeps the whole viewport.
    while (cursor < end) {
      if (!truncated && cursor + viewport >= page) {
        addFrame(maxScroll, cursor, page, true);
        break;
      }
      if (truncated && cursor + viewport >= end) {
        addFrame(Math.min(maxScroll, end - viewport), cursor, end);
        break;
      }
      // The page's last `bottom` rows are left to the last frame, which shows the bar over them.
      const next = truncated ? cursor + viewport : Math.min(cursor + viewport, page - bottom);
      addFrame(cursor, cursor, next);
      cursor = next;
    }
    return { width, pageHeight: pageDevice, coveredHeight: coveredDevice, totalTiles, tiles, frames, stickyTop: top, stickyBottom: bottom };
  }
  while (cursor < end) {
    if (!truncated && cursor - top + viewport >= page) {
      // The true bottom of the page: scroll as far as it goes and keep the bottom band.
      addFrame(maxScroll, cursor, page, true);
      break;
    }
    if (truncated && (cursor - top + viewport - bottom >= end || cursor - top >= maxScroll)) {
      // Where the plan was cut: the bottom band still covers content here, so it stays cropped.
      const scrollY = Math.min(maxScroll, end - viewport + bottom);
      addFrame(scrollY, cursor, end);
      break;
    }
    const scrollY = cursor - top;
    const next = cursor + viewport - top - bottom;
    addFrame(scrollY, cursor, next);
    cursor = next;
  }

  return {
    width,
    pageHeight: pageDevice,
    coveredHeight: coveredDevice,
    totalTiles,
    tiles,
    frames,
    stickyTop: top,
    stickyBottom: bottom,
  };
}

/** The device rows of page rows [from, to) seen at scrollY, split at tile boundaries. */
function drawsFor(
  scrollY: number,
  from: number,
  to: number,
  dpr: number,
  tileHeight: number,
  coveredDevice: number,
): TileDraw[] {
  const origin = deviceRow(scrollY, dpr);
  const start = deviceRow(from, dpr);
  const stop = Math.min(deviceRow(to, dpr), coveredDevice);
  const draws: TileDraw[] = [];
  for (let row = start; row < stop; ) {
    const tile = Math.floor(row / tileHeight);
    const tileEnd = Math.min((tile + 1) * tileHeight, stop);
    draws.push({ tile, sourceY: row - origin, height: tileEnd - row, destY: row - tile * tileHeight });
    row = tileEnd;
  }
  return draws;
}
