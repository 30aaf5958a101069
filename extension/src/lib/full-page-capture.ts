import { browser } from 'wxt/browser';
import { FullPageGeometryError, planFullPage, type FullPagePlan, type TileDraw } from '@openipp/shared';
import { CaptureError } from './capture-error';
import { dataUrlToBytes, readPngSize } from './png';
import { createCanvasStitcher, type FrameStitcher, type StitchedTile } from './stitch';

/**
 * Full-page capture (issue #7, part 1): scroll, shoot, stitch, restore. The
 * geometry (where to scroll, what to crop, where to cut tiles) is the pure
 * planFullPage in shared; this file does what needs the browser.
 */

/** Chrome allows two captureVisibleTab calls a second; calls this far apart never hit the limit. */
export const FRAME_INTERVAL_MS = 510;

/** Lazy-loading is triggered for at most this many screens: an endless feed must not scroll forever. */
const PRELOAD_MAX_SCREENS = 40;
/**
 * Longest stay on one screen of the preload. It normally moves on after the
 * page has rendered that screen (two animation frames, about 33 ms); this only
 * bounds the wait where animation frames stall.
 */
const PRELOAD_STEP_MS = 100;
/** How long images started by the preload may take before the frames begin anyway. */
const SETTLE_MS = 1500;

export type CaptureProgress =
  | { tabId: number; phase: 'preparing' }
  | { tabId: number; phase: 'frame'; frame: number; frames: number }
  | { tabId: number; phase: 'stitching' }
  | { tabId: number; phase: 'finished' };

const PROGRESS_CHANNEL = 'openipp-capture-progress';

/**
 * Progress goes out on a BroadcastChannel rather than as messages: it is a
 * one-way stream to whichever extension pages are open, and nobody listening
 * (the popup closed meanwhile) is normal, not an error.
 */
export function announceProgress(progress: CaptureProgress): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(PROGRESS_CHANNEL);
  channel.postMessage(progress);
  channel.close();
}

export function onCaptureProgress(callback: (progress: CaptureProgress) => void, signal: AbortSignal): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(PROGRESS_CHANNEL);
  channel.addEventListener('message', (event: MessageEvent<CaptureProgress>) => callback(event.data));
  signal.addEventListener('abort', () => channel.close(), { once: true });
}

/** The page refuses script injection (the Web Store, another extension's page): it cannot be scrolled. */
export class PageNotScriptable extends Error {
  constructor() {
    super('page_not_scriptable');
    this.name = 'PageNotScriptable';
  }
}

let running: AbortController | undefined;

/** Whether a full-page capture is under way in this worker: it owns the tab's scroll position. */
export function fullPageCaptureRunning(): boolean {
  return running !== undefined;
}

/** Stops the running full-page capture before its next frame. False if none runs. */
export function cancelCapture(): boolean {
  if (!running) return false;
  running.abort();
  return true;
}

/* ---------- Functions run in the page (chrome.scripting): self-contained, no outside references ---------- */

/** Undoes what a capture did to the page: hidden fixed elements come back; optionally scrolls back. */
export function restorePage(position: { x: number; y: number } | null): void {
  for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-openipp-hidden]'))) {
    // [visibility, its priority, opacity, its priority] as the page had them.
    let saved: string[] = [];
    try {
      saved = JSON.parse(element.getAttribute('data-openipp-hidden') ?? '') as string[];
    } catch {
      // an attribute we did not write: just drop our override
    }
    for (const [index, property] of ['visibility', 'opacity'].entries()) {
      const value = saved[index * 2];
      if (value) element.style.setProperty(property, value, saved[index * 2 + 1] ?? '');
      else element.style.removeProperty(property);
    }
    element.removeAttribute('data-openipp-hidden');
    element.removeAttribute('data-openipp-bottom');
  }
  if (position) window.scrollTo({ left: position.x, top: position.y, behavior: 'instant' });
}

export type PageMeasure = ReturnType<typeof measurePage>;

export function measurePage() {
  const root = document.documentElement;
  return {
    pageHeight: Math.max(root.scrollHeight, document.body ? document.body.scrollHeight : 0),
    width: window.innerWidth,
    height: window.innerHeight,
    dpr: window.devicePixelRatio,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
  };
}

/**
 * Scrolls through screens [firstScreen, maxScreens) of the page so lazy
 * loaders (IntersectionObserver, loading="lazy", scroll handlers) fetch what
 * the frames will show, and waits briefly for the images that started
 * loading. Screen 0 alone is the top of the page, loaded before frame 0; the
 * rest is loaded while the rate limit holds frame 1 back.
 *
 * Each screen is held until the page has rendered it rather than for a fixed
 * time: intersection observers and scroll events are run by the rendering
 * update that follows the scroll, so two animation frames later every loader
 * has seen the screen. A fixed 80 ms a screen spent most of a second on a page
 * ten screens tall (issue #7, benchmark) and was no surer.
 */
export async function preloadPage(firstScreen: number, maxScreens: number, stepMs: number, settleMs: number): Promise<void> {
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const rendered = () =>
    new Promise<void>((resolve) => {
      let settled = false;
      const done = () => {
        if (!settled) {
          settled = true;
          resolve();
        }
      };
      requestAnimationFrame(() => requestAnimationFrame(done));
      // rAF can stall in a window the OS considers hidden; never wait long for it.
      setTimeout(done, stepMs);
    });
  const root = document.documentElement;
  for (let screen = firstScreen; screen < maxScreens; screen += 1) {
    const bottom = root.scrollHeight - window.innerHeight;
    window.scrollTo({ top: Math.min(screen * window.innerHeight, bottom), behavior: 'instant' });
    await rendered();
    if (screen * window.innerHeight >= bottom) break;
  }
  // Only the top screen is loaded for frame 0: a lazy image further down is not even requested yet.
  const wanted = (image: HTMLImageElement) => {
    if (firstScreen > 0) return true;
    const rect = image.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight;
  };
  const pending = Array.from(document.images).filter((image) => !image.complete && (image.currentSrc || image.src) && wanted(image));
  await Promise.race([
    Promise.all(
      pending.map(
        (image) =>
          new Promise<void>((resolve) => {
            image.addEventListener('load', () => resolve(), { once: true });
            image.addEventListener('error', () => resolve(), { once: true });
          }),
      ),
    ),
    wait(settleMs),
  ]);
  // No pause after: the next frame waits for the page to paint (scrollForFrame).
}

/**
 * Scrolls to `y` and measures the fixed or sticky bands: `top`, the bottom
 * edge of elements stuck to the top of the viewport; `bottom`, the height of
 * fixed bars along its bottom. With `hide`, the top band and small floating
 * elements (chat buttons, "back to top") are hidden for this frame, so they
 * appear once, in the first frame, instead of over every screen of content.
 * With `hideBottom` the bottom band is hidden too (frames between the first
 * and the last); without it, a bottom band hidden for an earlier frame comes
 * back (the last frame shows it as the page does). Hidden means invisible
 * and transparent: a child that sets its own visibility stays hidden too.
 */
export async function scrollForFrame(y: number, hide: boolean, hideBottom = false) {
  const painted = () =>
    new Promise<void>((resolve) => {
      let settled = false;
      const done = () => {
        if (!settled) {
          settled = true;
          resolve();
        }
      };
      requestAnimationFrame(() => requestAnimationFrame(done));
      // rAF can stall in a window the OS considers hidden; never wait long for it.
      setTimeout(done, 150);
    });
  window.scrollTo({ top: y, behavior: 'instant' });
  await painted();
  const viewportHeight = window.innerHeight;
  const viewportArea = window.innerWidth * viewportHeight;
  let top = 0;
  let bottom = 0;
  const toHide: HTMLElement[] = [];
  const bottomBars: HTMLElement[] = [];
  let restored = 0;
  if (!hideBottom) {
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-openipp-bottom]'))) {
      restored += 1;
      const saved = JSON.parse(element.getAttribute('data-openipp-hidden') ?? '[]') as string[];
      for (const [index, property] of ['visibility', 'opacity'].entries()) {
        const value = saved[index * 2];
        if (value) element.style.setProperty(property, value, saved[index * 2 + 1] ?? '');
        else element.style.removeProperty(property);
      }
      element.removeAttribute('data-openipp-hidden');
      element.removeAttribute('data-openipp-bottom');
    }
  }
  for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
    const style = getComputedStyle(element);
    if (style.position !== 'fixed' && style.position !== 'sticky') continue;
    if (style.visibility !== 'visible' || style.display === 'none') continue;
    const rect = element.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1 || rect.bottom <= 0 || rect.top >= viewportHeight) continue;
    if (style.position === 'sticky') {
      // Only a sticky element stuck to the top is a header; one in the flow further down is content.
      const stuckAt = Number.parseFloat(style.top);
      if (!(Number.isFinite(stuckAt) && Math.abs(rect.top - stuckAt) <= 1 && rect.top <= 1)) continue;
    }
    if (rect.top <= 1 && rect.bottom <= viewportHeight / 2) {
      top = Math.max(top, rect.bottom);
      toHide.push(element);
    } else if (style.position === 'fixed' && rect.bottom >= viewportHeight - 1 && rect.top >= viewportHeight / 2) {
      bottom = Math.max(bottom, viewportHeight - rect.top);
      bottomBars.push(element);
    } else if (style.position === 'fixed' && rect.width * rect.height <= viewportArea / 10) {
      toHide.push(element);
    }
    // Anything larger (a cookie wall, a modal) is what the page shows: left as it is.
  }
  const hiding = [...(hide ? toHide : []), ...(hide && hideBottom ? bottomBars : [])];
  if (hiding.length > 0) {
    for (const element of hiding) {
      if (element.hasAttribute('data-openipp-hidden')) continue;
      element.setAttribute(
        'data-openipp-hidden',
        JSON.stringify([
          element.style.getPropertyValue('visibility'),
          element.style.getPropertyPriority('visibility'),
          element.style.getPropertyValue('opacity'),
          element.style.getPropertyPriority('opacity'),
        ]),
      );
      if (bottomBars.includes(element)) element.setAttribute('data-openipp-bottom', '');
      element.style.setProperty('visibility', 'hidden', 'important');
      element.style.setProperty('opacity', '0', 'important');
    }
    await painted();
  } else if (restored > 0) {
    // A bar shown again must be painted before the frame.
    await painted();
  }
  return { scrollY: window.scrollY, top, bottom };
}

/* ---------- The orchestration, in the worker ---------- */

async function inPage<Args extends unknown[], Result>(
  tabId: number,
  func: (...args: Args) => Result,
  ...args: Args
): Promise<Awaited<Result>> {
  const [injection] = await browser.scripting.executeScript({ target: { tabId }, func, args } as never);
  return (injection as { result?: unknown } | undefined)?.result as Awaited<Result>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FullPageCaptureOptions {
  /** Takes one screenshot of the tab's window as a PNG data URL. */
  shoot: () => Promise<string>;
  /** Plan only this many tiles (see planFullPage). */
  maxTiles?: number;
  /** Largest PNG per tile in bytes; bigger tiles are cut in halves. */
  maxTileBytes: number;
  /** Where the frames are stitched; the OffscreenCanvas stitcher by default. */
  createStitcher?: (plan: FullPagePlan, maxBytes: number) => FrameStitcher;
  /** Called between frames with every step, besides the broadcast. */
  onProgress?: (progress: CaptureProgress) => void;
  /**
   * Started once lazy content is loaded and the bands measured, while nothing
   * on the page is hidden yet, and runs alongside the first frame; the first
   * frame that hides elements waits for it to settle. The page archive is
   * saved here, so it costs no time of its own yet never shows the page with
   * its header hidden.
   */
  whilePageIntact?: () => Promise<unknown>;
  now?: () => number;
}

export interface FullPageCapture {
  tiles: StitchedTile[];
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  /** Device px: the whole page, and the part the tiles hold. */
  pageHeight: number;
  coveredHeight: number;
  /** Tiles the whole page would need. */
  totalTiles: number;
}

/**
 * Takes the whole page of `tabId` (which must be the visible tab of its
 * window). Throws CaptureError('capture_cancelled') when cancelCapture() is
 * called, CaptureError('capture_busy') when another full-page capture runs.
 * Whatever happens, the page gets its scroll position and its hidden
 * elements back.
 */
export async function captureFullPage(tabId: number, options: FullPageCaptureOptions): Promise<FullPageCapture> {
  if (running) throw new CaptureError('capture_busy');
  const controller = new AbortController();
  running = controller;
  const now = options.now ?? Date.now;
  const report = (progress: CaptureProgress) => {
    options.onProgress?.(progress);
    announceProgress(progress);
  };
  const checkCancelled = () => {
    if (controller.signal.aborted) throw new CaptureError('capture_cancelled');
  };
  let stitcher: FrameStitcher | undefined;
  let origin: { x: number; y: number } | null = null;
  try {
    report({ tabId, phase: 'preparing' });
    try {
      // Also clears leftovers of a capture whose worker was stopped half-way.
      await inPage(tabId, restorePage, null);
    } catch {
      throw new PageNotScriptable();
    }
    const before = await inPage(tabId, measurePage);
    if (!before || !(before.width > 0 && before.height > 0 && before.dpr > 0)) throw new CaptureError('capture_failed');
    origin = { x: before.scrollX, y: before.scrollY };
    const tall = before.pageHeight > before.height;
    if (tall) {
      // Frame 0 is taken first, so only the top screen's lazy content must be in before it (issue #7, benchmark).
      await inPage(tabId, preloadPage, 0, 1, PRELOAD_STEP_MS, SETTLE_MS);
      checkCancelled();
    }
    const bands = await inPage(tabId, scrollForFrame, 0, false);
    const planFor = (measured: PageMeasure): FullPagePlan => {
      try {
        return planFullPage({
          pageHeight: measured.pageHeight,
          viewportWidth: measured.width,
          viewportHeight: measured.height,
          devicePixelRatio: measured.dpr,
          stickyTop: bands?.top ?? 0,
          stickyBottom: bands?.bottom ?? 0,
          // Later frames hide the bands and keep the whole viewport: fewer frames, each worth half a second.
          bandsHidden: true,
          ...(options.maxTiles ? { maxTiles: options.maxTiles } : {}),
        });
      } catch (error) {
        if (error instanceof FullPageGeometryError && error.reason === 'too_wide') throw new CaptureError('page_too_wide');
        throw new CaptureError('capture_failed');
      }
    };
    let page = before;
    let plan = planFor(page);
    const frameHeight = Math.round(page.height * page.dpr);
    let lastShot = Number.NEGATIVE_INFINITY;
    const take = async (): Promise<{ png: ArrayBuffer; height: number }> => {
      // A loop, as timers may fire a millisecond early and the limit is counted by the browser's clock.
      for (let wait = lastShot + FRAME_INTERVAL_MS - now(); wait > 0; wait = lastShot + FRAME_INTERVAL_MS - now()) {
        await sleep(wait);
      }
      checkCancelled();
      lastShot = now();
      let png: ArrayBuffer;
      try {
        png = dataUrlToBytes(await options.shoot());
      } catch {
        throw new CaptureError('capture_failed');
      }
      const size = readPngSize(png);
      // A frame of another size than measured (zoom changed, window resized) cannot be stitched.
      if (!size || Math.abs(size.width - plan.width) > 2 || Math.abs(size.height - frameHeight) > 2) {
        throw new CaptureError('page_changed');
      }
      return { png, height: size.height };
    };

    checkCancelled();
    report({ tabId, phase: 'frame', frame: 1, frames: plan.frames.length });
    const first = await take();
    if (tall) {
      // The rest of the page's lazy content loads while the rate limit holds the next frame back anyway.
      await inPage(tabId, preloadPage, 1, PRELOAD_MAX_SCREENS, PRELOAD_STEP_MS, SETTLE_MS);
      checkCancelled();
      // Lazy content may have made the page taller; frame 0, at the top, is the same in the new plan.
      page = (await inPage(tabId, measurePage)) ?? before;
      if (page.width !== before.width || page.height !== before.height || page.dpr !== before.dpr) {
        throw new CaptureError('page_changed');
      }
      plan = planFor(page);
    }
    // Never rejects, so a capture that fails before awaiting it leaves nothing unhandled.
    const intact = Promise.resolve()
      .then(() => options.whilePageIntact?.())
      .catch(() => undefined);

    const frames = plan.frames.length;
    let single: ArrayBuffer | undefined;
    for (const [index, frame] of plan.frames.entries()) {
      let shot = first;
      let position = bands;
      if (index > 0) {
        checkCancelled();
        report({ tabId, phase: 'frame', frame: index + 1, frames });
        if (index === 1) await intact;
        position = await inPage(tabId, scrollForFrame, frame.scrollY, true, plan.stickyBottom > 0 && !frame.showsBottomBand);
        shot = await take();
      }
      const draws = shiftDraws(frame.draws, position?.scrollY ?? frame.scrollY, frame.scrollY, page.dpr, shot.height);
      if (frames === 1 && plan.tiles.length === 1 && covers(draws, shot.height, plan.tiles[0]!.height)) {
        // The page fits the viewport: the screenshot itself is the capture, byte for byte.
        single = shot.png;
        break;
      }
      stitcher ??= (options.createStitcher ?? createCanvasStitcher)(plan, options.maxTileBytes);
      // Decoded and drawn while the rate limit holds the next frame back.
      await stitcher.add(shot.png, draws);
    }
    await intact;
    report({ tabId, phase: 'stitching' });
    const tiles = single ? [{ png: single, y: 0, height: plan.tiles[0]!.height }] : await stitcher!.finish();
    stitcher = undefined;
    return {
      tiles,
      viewport: { width: page.width, height: page.height },
      devicePixelRatio: page.dpr,
      pageHeight: plan.pageHeight,
      coveredHeight: plan.coveredHeight,
      totalTiles: plan.totalTiles,
    };
  } finally {
    stitcher?.dispose();
    await inPage(tabId, restorePage, origin).catch(() => undefined);
    running = undefined;
    report({ tabId, phase: 'finished' });
  }
}

/** Whether the draws copy the whole frame onto the whole tile unchanged. */
function covers(draws: TileDraw[], frameHeight: number, tileHeight: number): boolean {
  const [draw] = draws;
  return draws.length === 1 && draw!.sourceY === 0 && draw!.destY === 0 && draw!.height === frameHeight && frameHeight === tileHeight;
}

/**
 * The page may not scroll exactly where the plan asked (it shrank, it snaps):
 * the rows wanted are then elsewhere in the frame, or not in it at all.
 */
function shiftDraws(draws: TileDraw[], actual: number, planned: number, dpr: number, frameHeight: number): TileDraw[] {
  const shift = Math.round(actual * dpr) - Math.round(planned * dpr);
  if (shift === 0) return draws;
  const moved = draws.map((draw) => ({ ...draw, sourceY: draw.sourceY - shift }));
  if (moved.some((draw) => draw.sourceY < 0 || draw.sourceY + draw.height > frameHeight)) throw new CaptureError('page_changed');
  return moved;
}
