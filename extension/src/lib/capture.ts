import { browser, type Browser } from 'wxt/browser';
import {
  ARTEFACT_MAX_BYTES,
  ARTEFACT_MIME,
  CaptureMetaSchema,
  LIMITS,
  MAX_DECLARED_ARTEFACTS,
  PAGE_READ_FIELDS,
  PageReadSchema,
  isCapturableUrl,
  looksLikeMhtml,
  sniffFileKind,
  type CaptureMeta,
  type DeclaredArtefact,
  type PageRead,
} from '@openipp/shared';
import { readCaptureClient } from './capture-client';
import { makePreview } from './capture-preview';
import { CaptureError } from './capture-error';
import { captureFullPage, fullPageCaptureRunning, PageNotScriptable, type FullPageCapture, type FullPageCaptureOptions } from './full-page-capture';
import { dataUrlToBytes, readPngSize } from './png';
import { placeMarks, type MarkedPage } from './marks';
import { createShotPacer } from './shot-pacer';
import { enqueue, sha256Hex, type ArchiveOutcome, type QueueEntry } from './queue';
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

const paced = createShotPacer();

/** Tries at saving the page archive before the capture goes ahead without it. */
const ARCHIVE_ATTEMPTS = 3;

/** The visible area of the window, within the browser's limit on how often it may be taken (lib/shot-pacer.ts). */
function captureVisible(windowId: number): Promise<string> {
  return paced(() => browser.tabs.captureVisibleTab(windowId, { format: 'png' }));
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

/** The bundled reader entrypoint (entrypoints/page-reader.content): it imports shared code, so it is injected as a file. */
export const PAGE_READER_SCRIPT = '/content-scripts/page-reader.js';

/**
 * What the listing page says about itself (issue #7 part 4), read before any
 * frame hides a header, so it describes the page they show. A suggestion for the user to
 * correct, never evidence: a page that forbids scripts, a reader that fails,
 * or a page with nothing to read gives no read, and the capture goes on.
 */
async function readListing(tabId: number): Promise<PageRead | undefined> {
  try {
    const [injection] = (await browser.scripting.executeScript({ target: { tabId }, files: [PAGE_READER_SCRIPT] })) as Array<{ result?: unknown }>;
    const parsed = PageReadSchema.safeParse(injection?.result);
    if (!parsed.success) return undefined;
    return PAGE_READ_FIELDS.some((field) => parsed.data[field] !== null) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page as MHTML (issue #7 part 2), one more artefact of the capture.
 * Chrome only: where chrome.pageCapture is missing (Firefox) or fails, the
 * capture goes ahead without it and the queue entry says why.
 */
async function savePageArchive(tabId: number): Promise<{ outcome: ArchiveOutcome; bytes?: ArrayBuffer; detail?: string }> {
  const pageCapture = (browser as { pageCapture?: typeof browser.pageCapture }).pageCapture;
  if (typeof pageCapture?.saveAsMHTML !== 'function') return { outcome: 'unsupported' };
  let detail = '';
  for (let attempt = 1; attempt <= ARCHIVE_ATTEMPTS; attempt++) {
    try {
      const blob = await pageCapture.saveAsMHTML({ tabId });
      if (!blob || blob.size === 0) return { outcome: 'failed', detail: 'empty archive' };
      if (blob.size > ARTEFACT_MAX_BYTES.page_archive) return { outcome: 'too_large' };
      const bytes = await blob.arrayBuffer();
      // The server checks the head too; refusing here keeps a capture that could never be receipted out of the queue.
      return looksLikeMhtml(new Uint8Array(bytes)) ? { outcome: 'saved', bytes } : { outcome: 'failed', detail: 'not MHTML' };
    } catch (error) {
      // The blob is backed by a temporary file the browser may delete before a service worker has read it
      // (NotFoundError on arrayBuffer); saving the page again gives a fresh one.
      detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      console.warn(`[openipp] page archive attempt ${attempt} failed: ${detail}`);
    }
  }
  return { outcome: 'failed', detail };
}

/** The screenshot is the top tile; every tile of a taller page follows it as an artefact, top to bottom. */
async function declareArtefacts(tiles: readonly ArrayBuffer[], archive: ArrayBuffer | undefined) {
  const declared: DeclaredArtefact[] = [];
  const bytes = new Map<string, ArrayBuffer>();
  for (const [sequence, png] of tiles.entries()) {
    const sha256 = await sha256Hex(png);
    declared.push({ kind: 'tile', sha256, bytes: png.byteLength, mime: ARTEFACT_MIME.tile, sequence });
    bytes.set(sha256, png);
  }
  if (archive) {
    const sha256 = await sha256Hex(archive);
    declared.push({ kind: 'page_archive', sha256, bytes: archive.byteLength, mime: ARTEFACT_MIME.page_archive });
    bytes.set(sha256, archive);
  }
  return { declared, bytes };
}

/** 'visible': what the window shows. 'full': the whole page, scrolled and stitched (issue #7). */
export type CaptureMode = 'visible' | 'full';

export interface CaptureOptions {
  /** Default 'visible'. */
  mode?: CaptureMode;
  /** Where full-page frames are stitched; the OffscreenCanvas stitcher by default. */
  createStitcher?: FullPageCaptureOptions['createStitcher'];
  now?: () => number;
  /** Marks made on the page just before (lib/marking.ts): placed on the screenshot and carried in the meta. */
  marks?: MarkedPage;
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
  // The manifest names when the capture began as well as when it ended (capturedAt): a full page takes seconds.
  const startedAt = new Date(now()).toISOString();

  // captureVisibleTab shoots whatever its window shows, so the target must be the visible tab.
  if (!tab.active) {
    await browser.tabs.update(tab.id, { active: true });
    await sleep(250);
  }

  // Read while the full-page capture prepares the page; it never rejects, and is done before anything is hidden.
  const reading = readListing(tab.id);

  let full: FullPageCapture | undefined;
  let visibleOnly = false;
  let archiving: ReturnType<typeof savePageArchive> | undefined;
  if (options.mode === 'full') {
    try {
      full = await captureFullPage(tab.id, {
        shoot: () => captureVisible(tab.windowId),
        // Every tile is kept; one place is left for the page archive among the artefacts a capture may declare.
        maxTiles: MAX_DECLARED_ARTEFACTS - 1,
        maxTileBytes: LIMITS.screenshotMaxBytes,
        ...(options.createStitcher ? { createStitcher: options.createStitcher } : {}),
        // The readers and the archive see the page as the user left it, lazy content loaded, during the first
        // frame: no header hidden for the frames shows in what they read or save. savePageArchive never rejects.
        whilePageIntact: () => Promise.all([reading, (archiving = savePageArchive(tab.id))]),
        now,
      });
    } catch (error) {
      if (!(error instanceof PageNotScriptable)) throw error;
      visibleOnly = true;
    }
  }
  const pageRead = await reading;

  let png: ArrayBuffer;
  if (full) {
    png = full.tiles[0]!.png;
  } else {
    try {
      png = dataUrlToBytes(await captureVisible(tab.windowId));
    } catch (error) {
      throw new CaptureError('capture_failed', error);
    }
  }
  // The preview is made from the bytes alone: it overlaps the archive, the checks and the hashing.
  const previewing = makePreview(png);
  const archive = await (archiving ?? savePageArchive(tab.id));
  const capturedAt = new Date(now()).toISOString();
  // Checked after the archive too: both must show the page its URL claims.
  const after = await browser.tabs.get(tab.id).catch(() => undefined);
  // Evidence must show the page its URL claims: refuse if it navigated or lost focus meanwhile.
  if (!after?.active || after.url !== tab.url) throw new CaptureError('page_changed');

  if (sniffFileKind(new Uint8Array(png)) !== 'image/png') throw new CaptureError('capture_failed');
  if (png.byteLength > LIMITS.screenshotMaxBytes) throw new CaptureError('screenshot_too_large');

  // A page cut into halves for size may still give more tiles than a capture may declare: the rest is not kept.
  const tiles = full && full.tiles.length > 1 ? full.tiles.slice(0, MAX_DECLARED_ARTEFACTS - 1) : [];
  const artefacts = await declareArtefacts(
    tiles.map((tile) => tile.png),
    archive.bytes,
  );
  const shot = full ? { viewport: full.viewport, devicePixelRatio: full.devicePixelRatio } : await readViewport(tab, png);
  const client = await readCaptureClient();
  const parsed = CaptureMetaSchema.safeParse({
    url: tab.url,
    title: (after.title ?? tab.title ?? '').slice(0, LIMITS.titleMaxLength),
    capturedAt,
    ...shot,
    ...(artefacts.declared.length > 0 ? { artefacts: artefacts.declared } : {}),
    ...(pageRead ? { pageRead } : {}),
    ...(client ? { client: { ...client, startedAt } } : {}),
    ...(options.marks ? { marks: placeMarks(options.marks, { ...shot, ...(full ? { fullImageHeight: full.tiles[0]!.height } : {}) }) } : {}),
  });
  if (!parsed.success) throw new CaptureError('capture_failed');
  const preview = await previewing;
  const entry = await enqueue({
    meta: parsed.data,
    png,
    ownerId: session.user.id,
    now: now(),
    artefacts: artefacts.bytes,
    archive: archive.outcome,
    ...(archive.detail ? { archiveDetail: archive.detail } : {}),
    ...(preview ? { preview } : {}),
  });
  const last = tiles.at(-1) ?? full?.tiles[0];
  const savedHeight = last ? last.y + last.height : 0;
  if (full && savedHeight < full.pageHeight) {
    // Not silently: the caller tells the user how much of the page the capture holds.
    return { ...entry, partial: { savedHeight, pageHeight: full.pageHeight } };
  }
  return visibleOnly ? { ...entry, visibleOnly } : entry;
}
