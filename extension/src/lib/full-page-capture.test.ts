import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { planFullPage, type FullPagePlan, type TileDraw } from '@openipp/shared';
import { resetProfile } from '@/test/reset';
import { TEST_USER } from '@/test/backend-double';
import { CaptureError, captureTab } from './capture';
import {
  FRAME_INTERVAL_MS,
  cancelCapture,
  captureFullPage,
  measurePage,
  preloadPage,
  restorePage,
  scrollForFrame,
  type CaptureProgress,
} from './full-page-capture';
import type { FrameStitcher } from './stitch';
import { getArtefact, getScreenshot, sha256Hex, storedArtefacts } from './queue';
import { sessionItem } from './storage';

/** A PNG header of the given size: enough for the size checks, which read only IHDR. */
function pngOf(width: number, height: number): string {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return `data:image/png;base64,${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * A page as the worker sees it through chrome.scripting: the same functions
 * the extension injects are recognised by identity and answered from this
 * model, which scrolls, clamps and hides the way a page would.
 */
class FakePage {
  scrollY: number;
  hidden = false;
  scriptable = true;
  /** CSS px the page grows by when the rest of it is preloaded (lazy content below the first screen). */
  growOnPreload = 0;
  readonly log: string[] = [];
  constructor(
    public pageHeight: number,
    readonly header = 64,
    startY = 0,
    readonly viewport = { width: 1280, height: 720, dpr: 1 },
  ) {
    this.scrollY = startY;
  }

  executeScript = vi.fn(async ({ func, args = [] }: { func: unknown; args?: unknown[] }) => {
    if (!this.scriptable) throw new Error('Cannot access contents of the page');
    let result: unknown;
    if (func === restorePage) {
      const position = args[0] as { x: number; y: number } | null;
      this.hidden = false;
      if (position) this.scrollY = position.y;
      this.log.push(`restore(${position ? position.y : '-'})`);
    } else if (func === measurePage) {
      const { width, height, dpr } = this.viewport;
      result = { pageHeight: this.pageHeight, width, height, dpr, scrollX: 0, scrollY: this.scrollY };
      this.log.push('measure');
    } else if (func === preloadPage) {
      this.log.push(`preload(${String(args[0])})`);
      if (args[0] !== 0) this.pageHeight += this.growOnPreload;
    } else if (func === scrollForFrame) {
      const [y, hide] = args as [number, boolean];
      this.scrollY = Math.max(0, Math.min(y, this.pageHeight - this.viewport.height));
      if (hide) this.hidden = true;
      this.log.push(`scroll(${y},${hide})`);
      result = { scrollY: this.scrollY, top: this.header, bottom: 0 };
    } else {
      // The visible path's own viewport reader.
      const { width, height, dpr } = this.viewport;
      result = { width, height, dpr };
    }
    return [{ frameId: 0, result }];
  });

  /** Screenshots, with the time each was taken and what the page showed then. */
  readonly shots: { at: number; scrollY: number; headerShown: boolean }[] = [];
  shoot = vi.fn(async () => {
    this.shots.push({ at: performance.now(), scrollY: this.scrollY, headerShown: !this.hidden });
    this.log.push('shot');
    return pngOf(this.viewport.width * this.viewport.dpr, this.viewport.height * this.viewport.dpr);
  });
}

/** Records what it is asked to draw, as the canvas stitcher would receive it. */
function recordingStitcher() {
  const drawn: TileDraw[][] = [];
  let disposed = false;
  let plan: FullPagePlan | undefined;
  const create = (given: FullPagePlan): FrameStitcher => {
    plan = given;
    return {
      add: async (_frame, draws) => void drawn.push(draws),
      finish: async () => given.tiles.map((tile) => ({ png: new ArrayBuffer(8), y: tile.y, height: tile.height })),
      dispose: () => void (disposed = true),
    };
  };
  return { create, drawn, disposed: () => disposed, plan: () => plan };
}

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CaptureError);
  return (error as CaptureError).code;
};

beforeEach(async () => {
  await resetProfile();
});

afterEach(() => {
  cancelCapture();
});

describe('captureFullPage', () => {
  it('loads the top screen before frame 0 and the rest before frame 1, takes each planned frame at least 510 ms apart, hides the header after the first, and scrolls back', async () => {
    const page = new FakePage(2160, 64, 1234);
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    const stitcher = recordingStitcher();
    const progress: CaptureProgress[] = [];
    const result = await captureFullPage(7, {
      shoot: page.shoot,
      maxTileBytes: 1_000_000,
      createStitcher: stitcher.create,
      onProgress: (p) => progress.push(p),
    });

    const expected = planFullPage({ pageHeight: 2160, viewportWidth: 1280, viewportHeight: 720, devicePixelRatio: 1, stickyTop: 64, bandsHidden: true });
    expect(page.shots.map((s) => s.scrollY)).toEqual(expected.frames.map((f) => f.scrollY));
    // The header is hidden after frame 0, so later frames keep the whole viewport: three frames, not four.
    expect(page.shots.map((s) => s.headerShown)).toEqual([true, false, false]);
    for (let i = 1; i < page.shots.length; i += 1) {
      expect(page.shots[i]!.at - page.shots[i - 1]!.at).toBeGreaterThanOrEqual(FRAME_INTERVAL_MS - 1);
    }
    expect(stitcher.drawn).toEqual(expected.frames.map((f) => f.draws));
    expect(page.log.slice(0, 9)).toEqual([
      'restore(-)',
      'measure',
      'preload(0)',
      'scroll(0,false)',
      'shot',
      // The rest of the page loads while the rate limit holds frame 1 back, and is measured again.
      'preload(1)',
      'measure',
      `scroll(${expected.frames[1]!.scrollY},true)`,
      'shot',
    ]);
    expect(page.log.at(-1)).toBe('restore(1234)');
    expect(page.scrollY).toBe(1234);
    expect(page.hidden).toBe(false);
    expect(progress.filter((p) => p.phase === 'frame')).toEqual(
      [1, 2, 3].map((frame) => ({ tabId: 7, phase: 'frame', frame, frames: 3 })),
    );
    expect(progress.at(-1)).toEqual({ tabId: 7, phase: 'finished' });
    expect(result).toMatchObject({ viewport: { width: 1280, height: 720 }, devicePixelRatio: 1, pageHeight: 2160, coveredHeight: 2160 });
    expect(result.tiles).toEqual([{ png: expect.any(ArrayBuffer), y: 0, height: 2160 }]);
  });

  it('plans the frames after frame 0 for the page as lazy content left it, frame 0 included', async () => {
    const page = new FakePage(2160, 64);
    page.growOnPreload = 1000;
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    const stitcher = recordingStitcher();
    const result = await captureFullPage(7, { shoot: page.shoot, maxTileBytes: 1_000_000, createStitcher: stitcher.create });
    const grown = planFullPage({ pageHeight: 3160, viewportWidth: 1280, viewportHeight: 720, devicePixelRatio: 1, stickyTop: 64, bandsHidden: true });
    expect(page.shots.map((s) => s.scrollY)).toEqual(grown.frames.map((f) => f.scrollY));
    expect(stitcher.drawn).toEqual(grown.frames.map((f) => f.draws));
    expect(result).toMatchObject({ pageHeight: 3160, coveredHeight: 3160 });
  });

  it('runs the page-intact step after the preload with nothing hidden, and hides nothing until it is done', async () => {
    const page = new FakePage(2160, 64);
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    const seen: { hidden: boolean; log: string[] }[] = [];
    const whilePageIntact = vi.fn(async () => {
      seen.push({ hidden: page.hidden, log: [...page.log] });
      // Slower than the frame interval: frame 1 must wait for it.
      await new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS + 300));
      page.log.push('intact done');
    });
    await captureFullPage(7, { shoot: page.shoot, maxTileBytes: 1_000_000, createStitcher: recordingStitcher().create, whilePageIntact });
    expect(whilePageIntact).toHaveBeenCalledTimes(1);
    expect(seen[0]!.hidden).toBe(false);
    expect(seen[0]!.log.slice(-2)).toEqual(['preload(1)', 'measure']);
    const done = page.log.indexOf('intact done');
    const firstHide = page.log.findIndex((step) => step.endsWith(',true)'));
    expect(done).toBeGreaterThan(0);
    expect(firstHide).toBeGreaterThan(done);
  });

  it('stops between frames when cancelled, and gives the page back its scroll position and hidden elements', async () => {
    const page = new FakePage(7200, 64, 300);
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    const stitcher = recordingStitcher();
    const shoot = vi.fn(async () => {
      const shot = await page.shoot();
      if (page.shots.length === 2) expect(cancelCapture()).toBe(true);
      return shot;
    });
    expect(await codeOf(captureFullPage(7, { shoot, maxTileBytes: 1_000_000, createStitcher: stitcher.create }))).toBe('capture_cancelled');
    expect(page.shots).toHaveLength(2);
    expect(stitcher.disposed()).toBe(true);
    expect(page.scrollY).toBe(300);
    expect(page.hidden).toBe(false);
    expect(cancelCapture()).toBe(false);
  });

  it('restores the page when a screenshot fails mid-way', async () => {
    const page = new FakePage(3000, 0, 50);
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    const shoot = vi.fn(async () => {
      if (page.shots.length === 1) throw new Error('tab closed');
      return page.shoot();
    });
    expect(await codeOf(captureFullPage(7, { shoot, maxTileBytes: 1_000_000, createStitcher: recordingStitcher().create }))).toBe(
      'capture_failed',
    );
    expect(page.scrollY).toBe(50);
    expect(page.hidden).toBe(false);
  });

  it('refuses frames of another size than the page measured (zoom or window changed)', async () => {
    const page = new FakePage(3000);
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    const shoot = vi.fn(async () => pngOf(1000, 720));
    expect(await codeOf(captureFullPage(7, { shoot, maxTileBytes: 1_000_000, createStitcher: recordingStitcher().create }))).toBe(
      'page_changed',
    );
  });

  it('takes only the frames of the tiles it may keep', async () => {
    const viewport = { width: 3000, height: 1400, dpr: 2 };
    const page = new FakePage(40_000, 0, 0, viewport);
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    const result = await captureFullPage(7, { shoot: page.shoot, maxTiles: 1, maxTileBytes: 1_000_000, createStitcher: recordingStitcher().create });
    const input = { pageHeight: 40_000, viewportWidth: 3000, viewportHeight: 1400, devicePixelRatio: 2, stickyTop: 0, bandsHidden: true };
    const whole = planFullPage(input);
    const first = planFullPage({ ...input, maxTiles: 1 });
    expect(page.shots.map((s) => s.scrollY)).toEqual(first.frames.map((f) => f.scrollY));
    expect(page.shots.length).toBeLessThan(whole.frames.length / 2);
    expect(result).toMatchObject({ pageHeight: 80_000, coveredHeight: first.tiles[0]!.height, totalTiles: whole.tiles.length });
    expect(result.totalTiles).toBeGreaterThan(1);
  });

  it('refuses a second full-page capture while one runs', async () => {
    const page = new FakePage(2000);
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    const first = captureFullPage(7, { shoot: page.shoot, maxTileBytes: 1_000_000, createStitcher: recordingStitcher().create });
    expect(await codeOf(captureFullPage(8, { shoot: page.shoot, maxTileBytes: 1_000_000 }))).toBe('capture_busy');
    await first;
  });
});

describe('captureTab in full-page mode', () => {
  const NOW = Date.parse('2026-03-04T05:06:07.000Z');

  beforeEach(async () => {
    await sessionItem.setValue({ token: 't', expiresAt: new Date(NOW + 3600_000).toISOString(), user: TEST_USER });
  });
  // The fake browser has no pageCapture; the tests that stand one in take it away again.
  afterEach(() => {
    delete (fakeBrowser as unknown as { pageCapture?: unknown }).pageCapture;
  });

  async function activeTab(url: string) {
    const tab = await fakeBrowser.tabs.create({ url, active: true });
    const get = fakeBrowser.tabs.get.bind(fakeBrowser.tabs);
    fakeBrowser.tabs.get = (async (id: number) => ({ ...(await get(id)), active: true })) as never;
    return { ...tab, active: true };
  }

  it('queues a page that fits the window as the screenshot itself, byte for byte, as the visible capture would', async () => {
    const page = new FakePage(500, 0, 0, { width: 1280, height: 720, dpr: 2 });
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    fakeBrowser.tabs.captureVisibleTab = page.shoot as never;
    const tab = await activeTab('https://item.taobao.com/item.htm?id=1');
    const entry = await captureTab(tab.id, { mode: 'full', now: () => NOW });
    expect(page.shots).toHaveLength(1);
    expect(page.log.some((step) => step.startsWith('preload'))).toBe(false);
    expect(entry.meta).toMatchObject({ viewport: { width: 1280, height: 720 }, devicePixelRatio: 2 });
    expect(entry.partial).toBeUndefined();
    const stored = new Uint8Array((await getScreenshot(entry.id))!);
    expect(btoa(String.fromCharCode(...stored))).toBe(pngOf(2560, 1440).split(',')[1]);
  });

  /** Tiles with distinct PNG bytes (a PNG head of the tile's size, then the tile's index). */
  const distinctTiles = (width: number) => (plan: FullPagePlan): FrameStitcher => ({
    add: async () => undefined,
    finish: async () =>
      plan.tiles.map((tile, index) => {
        const head = Uint8Array.from(atob(pngOf(width, tile.height).split(',')[1]!), (c) => c.charCodeAt(0));
        const png = new Uint8Array(head.length + 1);
        png.set(head);
        png[head.length] = index;
        return { png: png.buffer, y: tile.y, height: tile.height };
      }),
    dispose: () => undefined,
  });
  const MHTML = 'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="b"\r\n\r\n--b\r\n\r\n<html></html>\r\n--b--\r\n';

  it('keeps every tile of a tall page and the MHTML archive, each declared with its hash and kept until receipted', async () => {
    // A tall window, so the page needs several tiles but only a few frames (each ≥ 510 ms apart).
    const viewport = { width: 3000, height: 6000, dpr: 2 };
    const page = new FakePage(30_000, 0, 0, viewport);
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    fakeBrowser.tabs.captureVisibleTab = page.shoot as never;
    // The archive is saved while the frames are taken, but never with the header hidden for them.
    const hiddenWhenArchived: boolean[] = [];
    const saveAsMHTML = vi.fn(async () => {
      hiddenWhenArchived.push(page.hidden);
      return new Blob([MHTML], { type: 'multipart/related' });
    });
    (fakeBrowser as unknown as { pageCapture: unknown }).pageCapture = { saveAsMHTML };
    const tab = await activeTab('https://item.taobao.com/item.htm?id=1');
    // The real clock: frames are spaced by it (and the session must be live by it).
    await sessionItem.setValue({ token: 't', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: TEST_USER });
    const entry = await captureTab(tab.id, { mode: 'full', createStitcher: distinctTiles(6000) });
    const plan = planFullPage({ pageHeight: 30_000, viewportWidth: 3000, viewportHeight: 6000, devicePixelRatio: 2, stickyTop: 0 });
    expect(plan.tiles.length).toBeGreaterThan(2);
    expect(saveAsMHTML).toHaveBeenCalledWith({ tabId: tab.id });
    expect(hiddenWhenArchived).toEqual([false]);
    expect(entry.partial).toBeUndefined();
    expect(entry.archive).toBe('saved');
    const declared = entry.meta.artefacts!;
    expect(declared.map((a) => [a.kind, a.kind === 'tile' ? a.sequence : null])).toEqual([
      ...plan.tiles.map((_, index) => ['tile', index]),
      ['page_archive', null],
    ]);
    expect(new Set(declared.map((a) => a.sha256)).size).toBe(declared.length);
    // The screenshot is the top tile; every artefact's bytes wait in the queue under their hash.
    expect(await sha256Hex((await getScreenshot(entry.id))!)).toBe(declared[0]!.sha256);
    expect((await storedArtefacts(entry.id)).sort()).toEqual(declared.map((a) => a.sha256).sort());
    const archive = await getArtefact(entry.id, declared.at(-1)!.sha256);
    expect(new TextDecoder().decode(archive)).toBe(MHTML);
  }, 20_000);

  it('captures without the archive, and says so, where the browser has no pageCapture or it fails', async () => {
    const page = new FakePage(500, 0, 0, { width: 1280, height: 720, dpr: 1 });
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    fakeBrowser.tabs.captureVisibleTab = page.shoot as never;
    const tab = await activeTab('https://item.taobao.com/item.htm?id=1');
    delete (fakeBrowser as unknown as { pageCapture?: unknown }).pageCapture;
    const firefox = await captureTab(tab.id, { now: () => NOW });
    expect(firefox.archive).toBe('unsupported');
    expect(firefox.meta.artefacts).toBeUndefined();
    (fakeBrowser as unknown as { pageCapture: unknown }).pageCapture = { saveAsMHTML: vi.fn(async () => Promise.reject(new Error('boom'))) };
    const failed = await captureTab(tab.id, { now: () => NOW });
    expect(failed.archive).toBe('failed');
    (fakeBrowser as unknown as { pageCapture: unknown }).pageCapture = { saveAsMHTML: vi.fn(async () => new Blob(['<html>not mhtml</html>'])) };
    expect((await captureTab(tab.id, { now: () => NOW })).archive).toBe('failed');
    expect(await storedArtefacts(failed.id)).toEqual([]);
  });

  it('saves the visible area, and says so, on a page that forbids scripts', async () => {
    const page = new FakePage(5000);
    page.scriptable = false;
    fakeBrowser.scripting.executeScript = page.executeScript as never;
    fakeBrowser.tabs.captureVisibleTab = page.shoot as never;
    const tab = await activeTab('https://shop.example/item/1');
    await fakeBrowser.tabs.update(tab.id!, { width: 1280, height: 720 } as object);
    const entry = await captureTab(tab.id, { mode: 'full', now: () => NOW });
    expect(entry.visibleOnly).toBe(true);
    expect(page.shots).toHaveLength(1);
  });
});

describe('full-page texts', () => {
  it('names every full-page refusal in both languages', async () => {
    const { resources } = await import('@openipp/locales');
    const { FULL_PAGE_ERROR_CODES } = await import('./capture-error');
    for (const lang of ['en', 'zh-CN'] as const) {
      const errors = (resources[lang].extension as { fullPage: { errors: Record<string, string> } }).fullPage.errors;
      for (const code of FULL_PAGE_ERROR_CODES) expect(errors[code]?.length).toBeGreaterThan(0);
    }
  });
});
