import { browser, type Browser } from 'wxt/browser';
import { CaptureMetaSchema, LIMITS, isCapturableUrl, sniffFileKind, type CaptureMeta } from '@openipp/shared';
import { makePreview } from './capture-preview';
import { enqueue, type QueueEntry } from './queue';
import { agreementHoldItem, getActiveSession } from './storage';

/** Why a capture was refused; each has a text under extension:errors.<code>. */
export const CAPTURE_ERROR_CODES = [
  'no_target_tab',
  'unsupported_page',
  'capture_failed',
  'page_changed',
  'screenshot_too_large',
  'unauthenticated',
  'agreement_acceptance_required',
] as const;
export type CaptureErrorCode = (typeof CAPTURE_ERROR_CODES)[number];

export class CaptureError extends Error {
  constructor(readonly code: CaptureErrorCode) {
    super(code);
    this.name = 'CaptureError';
  }
}

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

export function dataUrlToBytes(dataUrl: string): ArrayBuffer {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Width and height from the PNG IHDR chunk (always the first chunk). */
export function readPngSize(png: ArrayBuffer): { width: number; height: number } | undefined {
  if (png.byteLength < 24) return undefined;
  const view = new DataView(png);
  return { width: view.getUint32(16), height: view.getUint32(20) };
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

/**
 * Takes the visible-tab screenshot with its URL, title and time and writes it to
 * the local queue. Uploading is the sync's job; nothing here touches the network.
 */
export async function captureTab(tabId?: number, now: () => number = Date.now): Promise<QueueEntry> {
  const target = await findTargetTab(tabId);
  if (!isCapturableUrl(target.url)) throw new CaptureError('unsupported_page');
  const session = await getActiveSession(now());
  if (!session) throw new CaptureError('unauthenticated');
  // Nothing but the gate until the current agreement is accepted (MISSION item 17).
  if ((await agreementHoldItem.getValue())?.userId === session.user.id) {
    throw new CaptureError('agreement_acceptance_required');
  }
  const tab = target as Browser.tabs.Tab & { id: number; windowId: number };

  // captureVisibleTab shoots whatever its window shows, so the target must be the visible tab.
  if (!tab.active) {
    await browser.tabs.update(tab.id, { active: true });
    await sleep(250);
  }
  let dataUrl: string;
  try {
    dataUrl = await captureVisible(tab.windowId);
  } catch {
    throw new CaptureError('capture_failed');
  }
  const capturedAt = new Date(now()).toISOString();
  const after = await browser.tabs.get(tab.id).catch(() => undefined);
  // Evidence must show the page its URL claims: refuse if it navigated or lost focus meanwhile.
  if (!after?.active || after.url !== tab.url) throw new CaptureError('page_changed');

  const png = dataUrlToBytes(dataUrl);
  if (sniffFileKind(new Uint8Array(png)) !== 'image/png') throw new CaptureError('capture_failed');
  if (png.byteLength > LIMITS.screenshotMaxBytes) throw new CaptureError('screenshot_too_large');

  const parsed = CaptureMetaSchema.safeParse({
    url: tab.url,
    title: (after.title ?? tab.title ?? '').slice(0, LIMITS.titleMaxLength),
    capturedAt,
    ...(await readViewport(tab, png)),
  });
  if (!parsed.success) throw new CaptureError('capture_failed');
  const preview = await makePreview(png);
  return enqueue({ meta: parsed.data, png, ownerId: session.user.id, now: now(), ...(preview ? { preview } : {}) });
}
