import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetProfile } from '@/test/reset';
import { TEST_USER, TINY_PNG_BASE64, tinyPng } from '@/test/backend-double';
import { CaptureError, captureTab, readPngSize } from './capture';
import { getScreenshot, listEntries } from './queue';
import { sessionItem } from './storage';

const NOW = Date.parse('2026-03-04T05:06:07.000Z');

let activeTabId: number | undefined;

/**
 * The fake browser cannot make a created tab active (only duplicate() sets it,
 * without storing the copy), so tabs.get/update here track the active tab the
 * way Chrome does.
 */
const originalGet = fakeBrowser.tabs.get;
const originalUpdate = fakeBrowser.tabs.update;

function trackActiveTab(): void {
  const get = originalGet.bind(fakeBrowser.tabs);
  const update = originalUpdate.bind(fakeBrowser.tabs);
  fakeBrowser.tabs.get = (async (id: number) => {
    const tab = await get(id);
    return tab && { ...tab, active: tab.id === activeTabId };
  }) as never;
  fakeBrowser.tabs.update = (async (id: number, info: { active?: boolean }) => {
    if (info.active) activeTabId = id;
    return update(id, info);
  }) as never;
}

async function openTab(url: string, extra: Record<string, unknown> = {}, active = true) {
  const tab = await fakeBrowser.tabs.create({ url });
  await fakeBrowser.tabs.update(tab.id!, { ...extra, active } as object);
  return (await fakeBrowser.tabs.get(tab.id!))!;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CaptureError);
  return (error as CaptureError).code;
}

let captureVisibleTab: ReturnType<typeof vi.fn>;
let executeScript: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  await resetProfile();
  await sessionItem.setValue({ token: 't', expiresAt: new Date(NOW + 3600_000).toISOString(), user: TEST_USER });
  // The fake browser has no screenshot or script-injection engine; stand in for Chrome's.
  captureVisibleTab = vi.fn(async () => `data:image/png;base64,${TINY_PNG_BASE64}`);
  executeScript = vi.fn(async () => [{ frameId: 0, result: { width: 1280, height: 720, dpr: 2 } }]);
  fakeBrowser.tabs.captureVisibleTab = captureVisibleTab as never;
  fakeBrowser.scripting.executeScript = executeScript as never;
  activeTabId = undefined;
  trackActiveTab();
});

afterEach(() => {
  fakeBrowser.tabs.get = originalGet;
  fakeBrowser.tabs.update = originalUpdate;
});

describe('capture', () => {
  it.each([
    'chrome://extensions/',
    'chrome://newtab/',
    'about:blank',
    'file:///home/user/page.html',
    'chrome-extension://abcdefghijklmnop/popup.html',
    'https://user:secret@shop.example/item',
  ])('refuses %s with unsupported_page and stores nothing', async (url) => {
    const tab = await openTab(url);
    expect(await codeOf(captureTab(tab.id, { now: () => NOW }))).toBe('unsupported_page');
    expect(captureVisibleTab).not.toHaveBeenCalled();
    expect(await listEntries()).toEqual([]);
  });

  it('reports a tab that does not exist', async () => {
    expect(await codeOf(captureTab(4242, { now: () => NOW }))).toBe('no_target_tab');
  });

  it('refuses to capture while signed out', async () => {
    await sessionItem.setValue(null);
    const tab = await openTab('https://item.taobao.com/item.htm?id=1');
    expect(await codeOf(captureTab(tab.id, { now: () => NOW }))).toBe('unauthenticated');
  });

  it('queues the screenshot with URL, title, time, viewport and DPR before any upload', async () => {
    const tab = await openTab('https://item.taobao.com/item.htm?id=1', { title: 'Fake bag' });
    const entry = await captureTab(tab.id, { now: () => NOW });
    expect(captureVisibleTab).toHaveBeenCalledWith(tab.windowId, { format: 'png' });
    expect(executeScript).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: tab.id } }));
    expect(entry).toMatchObject({
      status: 'pending',
      attempts: 0,
      ownerId: TEST_USER.id,
      createdAt: NOW,
      meta: {
        url: 'https://item.taobao.com/item.htm?id=1',
        title: 'Fake bag',
        capturedAt: '2026-03-04T05:06:07.000Z',
        viewport: { width: 1280, height: 720 },
        devicePixelRatio: 2,
      },
    });
    expect(new Uint8Array((await getScreenshot(entry.id))!)).toEqual(new Uint8Array(tinyPng()));
    expect((await listEntries()).map((e) => e.id)).toEqual([entry.id]);
  });

  it('names the extension and browser that made the capture, and when it began, in its meta', async () => {
    const getManifest = fakeBrowser.runtime.getManifest;
    const runtime = fakeBrowser.runtime as typeof fakeBrowser.runtime & { getBrowserInfo?: unknown };
    const getBrowserInfo = runtime.getBrowserInfo;
    fakeBrowser.runtime.getManifest = (() => ({ manifest_version: 3, name: 'OpenIPP', version: '0.1.0' })) as never;
    runtime.getBrowserInfo = async () => ({ name: 'Firefox', vendor: 'Mozilla', version: '146.0', buildID: '1' });
    try {
      const tab = await openTab('https://item.taobao.com/item.htm?id=1', { title: 'Fake bag' });
      // A clock that moves on with every reading: the capture begins before it ends.
      let clock = NOW;
      const entry = await captureTab(tab.id, { now: () => (clock += 100) });
      const { startedAt, ...client } = entry.meta.client!;
      expect(client).toEqual({ extension: '0.1.0', browser: 'Firefox', browserVersion: '146.0' });
      expect(Date.parse(startedAt!)).toBeGreaterThan(NOW);
      expect(Date.parse(startedAt!)).toBeLessThan(Date.parse(entry.meta.capturedAt));
      expect((await listEntries())[0]!.meta.client).toEqual(entry.meta.client);
    } finally {
      fakeBrowser.runtime.getManifest = getManifest;
      runtime.getBrowserInfo = getBrowserInfo;
    }
  });

  it('measures DPR from the screenshot when the page forbids script injection', async () => {
    executeScript.mockRejectedValue(new Error('Cannot access contents of the page'));
    const tab = await openTab('https://chromewebstore.google.com/detail/x', { width: 1, height: 1 });
    const entry = await captureTab(tab.id, { now: () => NOW });
    // The PNG is 2 device pixels wide for a 1-CSS-pixel-wide tab.
    expect(entry.meta).toMatchObject({ viewport: { width: 1, height: 1 }, devicePixelRatio: 2 });
  });

  it('brings a background target tab to the front before shooting, as captureVisibleTab shoots what is visible', async () => {
    const tab = await openTab('https://item.taobao.com/item.htm?id=1', {}, false);
    await openTab('https://example.com/', {}, true);
    expect(tab.active).toBe(false);
    captureVisibleTab.mockImplementation(async () => {
      expect(activeTabId).toBe(tab.id);
      return `data:image/png;base64,${TINY_PNG_BASE64}`;
    });
    const entry = await captureTab(tab.id, { now: () => NOW });
    expect(entry.meta.url).toBe('https://item.taobao.com/item.htm?id=1');
  });

  it('refuses when the page navigated away during the capture', async () => {
    const tab = await openTab('https://item.taobao.com/item.htm?id=1');
    captureVisibleTab.mockImplementation(async () => {
      await fakeBrowser.tabs.update(tab.id, { url: 'https://item.taobao.com/item.htm?id=2' });
      return `data:image/png;base64,${TINY_PNG_BASE64}`;
    });
    expect(await codeOf(captureTab(tab.id, { now: () => NOW }))).toBe('page_changed');
    expect(await listEntries()).toEqual([]);
  });

  it('reads PNG dimensions from the IHDR chunk', () => {
    expect(readPngSize(tinyPng())).toEqual({ width: 2, height: 1 });
  });
});
