import { browser, type Browser } from 'wxt/browser';
import { CaptureMetaSchema, LIMITS, isCapturableUrl, sniffFileKind, type CaptureMeta } from '@openipp/shared';
import { makePreview } from './capture-preview';
import { CaptureError } from './capture-error';
import { captureFullPage, fullPageCaptureRunning, PageNotScriptable, type FullPageCapture } from './full-page-capture';
import { dataUrlToBytes, readPngSize } from './png';
import { enqueue, type QueueEntry } from './queue';
import { agreementHoldItem, getActiveSession } from './storage';

export { CAPTURE_ERROR_CODES, CaptureError, FULL_PAGE_ERROR_CODES, isFullPageErrorCode } from './capture-error';
export type { CaptureErrorCode } from './capture-error';
export { dataUrlToBytes, readPngSize } from './png';
export { cancelCapture } from './full-page-capture';

/**
 * The tab to capture: the one the popup was opened over when it tells us, else
 * the active tab of the last-focused normal browser window.
 */
export async function findTargetTab(tabId?: number): Promise<Browser.tabs.Tab> {
  let tab: Browser.tabs.Tab | undefined;
  if (tabId !== undefined) {
    tab = await browser.tabs.get(tabId).catch(() => undefined);
  } else {
    [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' });
  }
  if (tab?.id === undefined || tab.windowId === undefined) throw new CaptureError('no_target_tab');
  return tab;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Chrome allows two captureVisibleTab calls per second; a quick double-click retries once. */
async function captureVisible(windowId: number): Promise<string> {
  try {
    return await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  } catch (error) {
    if (!String(error).includes('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND')) throw error;
    await sleep(600);
    return browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  }
}

/**
 * Viewport in CSS pixels and the device pixel ratio, read from the page itself.
 * Pages that forbid script injection (e.g. the Chrome Web Store) fall back to
 * the tab's CSS size and the screenshot's real pixel size, which measure the
 * same two things.
 */
async function readViewport(
  tab: Browser.tabs.Tab & { id: number },
  png: ArrayBuffer,
): Promise<Pick<CaptureMeta, 'viewport' | 'devicePixelRatio'>> {
  try {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: () => ({ width: window.innerWidth, height: window.innerHeight, dpr: window.devicePixelRatio }),
    });
    const result = injection?.result;
    if (result && result.width > 0 && result.height > 0 && result.dpr > 0) {
      return { viewport: { width: result.width, height: result.height }, devicePixelRatio: result.dpr };
    }
  } catch {
    // fall through to the measurement below
  }
  const size = readPngSize(png);
  if (!size || !tab.width || !tab.height) throw new CaptureError('capture_failed');
  return { viewport: { width: tab.width, height: tab.height }, devicePixelRatio: size.width / tab.width };
}

/** 'visible': what the window shows. 'full': the whole page, scrolled and stitched (issue #7). */
export type CaptureMode = 'visible' | 'full';

export interface CaptureOptions {
  /** Default 'visible'. */
  mode?: CaptureMode;
  now?: () => number;
}

/** A full-page capture that kept less than the whole page; heights in device px. */
export interface PartialPage {
  savedHeight: number;
  pageHeight: number;
}

export type CaptureOutcome = QueueEntry & {
  /** Set when the page was taller than one image can hold: only its top `savedHeight` rows were saved. */
  partial?: PartialPage;
  /** Set when a full page was asked for but the page forbids scripts (e.g. the Web Store): the visible area was saved. */
  visibleOnly?: boolean;
};

/**
 * Takes a screenshot (the visible area, or the whole page) with its URL,
 * title and time and writes it to the local queue. Uploading is the sync's
 * job; nothing here touches the network. The popup, the context menu and the
 * keyboard shortcut all come through here.
 */
export async function captureTab(tabId?: number, options: CaptureOptions = {}): Promise<CaptureOutcome> {
  const now = options.now ?? Date.now;
  const target = await findTargetTab(tabId);
  if (!isCapturableUrl(target.url)) throw new CaptureError('unsupported_page');
  const session = await getActiveSession(now());
  if (!session) throw new CaptureError('unauthenticated');
  // Nothing but the gate until the current agreement is accepted (MISSION item 17).
  if ((await agreementHoldItem.getValue())?.userId === session.user.id) {
    throw new CaptureError('agreement_acceptance_required');
  }
  // A full-page capture is scrolling some tab: a screenshot now would catch it mid-way.
  if (fullPageCaptureRunning()) throw new CaptureError('capture_busy');
  const tab = target as Browser.tabs.Tab & { id: number; windowId: number };

  // captureVisibleTab shoots whatever its window shows, so the target must be the visible tab.
  if (!tab.active) {
    await browser.tabs.update(tab.id, { active: true });
    await sleep(250);
  }

  let full: FullPageCapture | undefined;
  let visibleOnly = false;
  if (options.mode === 'full') {
    try {
      full = await captureFullPage(tab.id, {
        shoot: () => captureVisible(tab.windowId),
        // The queue carries one image per capture: frames below the first tile would be thrown away.
        maxTiles: 1,
        maxTileBytes: LIMITS.screenshotMaxBytes,
        now,
      });
    } catch (error) {
      if (!(error instanceof PageNotScriptable)) throw error;
      visibleOnly = true;
    }
  }

  let png: ArrayBuffer;
  if (full) {
    png = full.tiles[0]!.png;
  } else {
    try {
      png = dataUrlToBytes(await captureVisible(tab.windowId));
    } catch {
      throw new CaptureError('capture_failed');
    }
  }
  const capturedAt = new Date(now()).toISOString();
  const after = await browser.tabs.get(tab.id).catch(() => undefined);
  // Evidence must show the page its URL claims: refuse if it navigated or lost focus meanwhile.
  if (!after?.active || after.url !== tab.url) throw new CaptureError('page_changed');

  if (sniffFileKind(new Uint8Array(png)) !== 'image/png') throw new CaptureError('capture_failed');
  if (png.byteLength > LIMITS.screenshotMaxBytes) throw new CaptureError('screenshot_too_large');

  const parsed = CaptureMetaSchema.safeParse({
    url: tab.url,
    title: (after.title ?? tab.title ?? '').slice(0, LIMITS.titleMaxLength),
    capturedAt,
    ...(full ? { viewport: full.viewport, devicePixelRatio: full.devicePixelRatio } : await readViewport(tab, png)),
  });
  if (!parsed.success) throw new CaptureError('capture_failed');
  const preview = await makePreview(png);
  const entry = await enqueue({ meta: parsed.data, png, ownerId: session.user.id, now: now(), ...(preview ? { preview } : {}) });
  const first = full?.tiles[0];
  if (full && first && first.height < full.pageHeight) {
    // Not silently: the caller tells the user how much of the page the capture holds.
    return { ...entry, partial: { savedHeight: first.height, pageHeight: full.pageHeight } };
  }
  return visibleOnly ? { ...entry, visibleOnly } : entry;
}
