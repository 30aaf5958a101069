import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resources } from '@openipp/locales';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { TEST_USER, TINY_PNG_BASE64 } from '@/test/backend-double';
import { trackShownBadges } from '@/test/chrome-badge';
import { useMenusAndCommands, type MenusAndCommands } from '@/test/chrome-menus';
import { startBackground } from './background-services';
import { isSupportedPage, triggerCapture } from './capture-trigger';
import { CAPTURE_COMMAND, CAPTURE_COMMAND_KEYS } from './commands';
import { CAPTURE_MENU_ID, CAPTURE_MENU_PAGES } from './context-menu';
import { sendMessage } from './messaging';
import { listEntries } from './queue';
import { localeOverrideItem, sessionItem } from './storage';
import { CAPTURED_BADGE, REFUSED_BADGE } from './toolbar-badge';

const en = resources.en.extension.shortcuts;
const zh = resources['zh-CN'].extension.shortcuts;
const LISTING = sampleMeta(42).url;

const testbed = useBackgroundTestbed();
let menus: MenusAndCommands;
let shownOn: (tabId: number) => Promise<string>;
let captureVisibleTab: ReturnType<typeof vi.fn>;
let activeTabId: number | undefined;

/** The fake browser cannot make a tab active (capture.test.ts has the same stand-in): get/update track it as Chrome does. */
const originalGet = fakeBrowser.tabs.get;
const originalUpdate = fakeBrowser.tabs.update;
const originalQuery = fakeBrowser.tabs.query;

async function openTab(url: string): Promise<Browser.tabs.Tab> {
  const tab = await fakeBrowser.tabs.create({ url });
  activeTabId = tab.id;
  return (await fakeBrowser.tabs.get(tab.id!)) as Browser.tabs.Tab;
}

async function signIn() {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: TEST_USER });
}

beforeEach(async () => {
  await localeOverrideItem.setValue('en');
  menus = useMenusAndCommands();
  shownOn = trackShownBadges();
  // The fake browser has no screenshot or script-injection engine; stand in for Chrome's.
  captureVisibleTab = vi.fn(async () => `data:image/png;base64,${TINY_PNG_BASE64}`);
  fakeBrowser.tabs.captureVisibleTab = captureVisibleTab as never;
  fakeBrowser.scripting.executeScript = vi.fn(async () => [{ frameId: 0, result: { width: 1280, height: 720, dpr: 1 } }]) as never;
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
});

afterEach(() => {
  fakeBrowser.tabs.get = originalGet;
  fakeBrowser.tabs.update = originalUpdate;
  fakeBrowser.tabs.query = originalQuery;
  activeTabId = undefined;
});

describe('supported pages', () => {
  it.each([
    ['https://item.taobao.com/item.htm?id=1', true],
    ['http://127.0.0.1:8080/listing', true],
    ['https://example.com/webstore', true],
    ['chrome://settings/', false],
    ['about:blank', false],
    ['view-source:https://item.taobao.com/item.htm?id=1', false],
    ['file:///home/user/listing.html', false],
    ['chrome-extension://abcdefghijklmnop/popup.html', false],
    ['https://chromewebstore.google.com/detail/some-extension/abcdefghijklmnop', false],
    ['https://chrome.google.com/webstore/detail/abcdefghijklmnop', false],
    ['https://microsoftedge.microsoft.com/addons/detail/abc', false],
    ['https://addons.mozilla.org/en-US/firefox/addon/some-addon/', false],
    [undefined, false],
  ])('%s → %s', (url, supported) => {
    expect(isSupportedPage(url)).toBe(supported);
  });
});

describe('context menu', () => {
  it('is created in the chosen language, only for http(s) pages, and re-worded when the language changes', async () => {
    await startBackground(testbed.signal);
    await vi.waitFor(() => expect(menus.items.get(CAPTURE_MENU_ID)?.title).toBe(en.menuTitle));
    expect(menus.items.get(CAPTURE_MENU_ID)).toMatchObject({ contexts: ['page'], documentUrlPatterns: CAPTURE_MENU_PAGES });

    await localeOverrideItem.setValue('zh-CN');
    await vi.waitFor(() => expect(menus.items.get(CAPTURE_MENU_ID)?.title).toBe(zh.menuTitle));
    expect(zh.menuTitle).not.toBe(en.menuTitle);
    expect([...menus.items.keys()]).toEqual([CAPTURE_MENU_ID]);
    expect(menus.createErrors).toEqual([]);
  });

  it('survives a worker restart without a duplicate item (Chrome keeps menus across restarts)', async () => {
    const first = new AbortController();
    await startBackground(first.signal);
    await vi.waitFor(() => expect(menus.items.size).toBe(1));
    first.abort();
    await startBackground(testbed.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...menus.items.keys()]).toEqual([CAPTURE_MENU_ID]);
    expect(menus.createErrors).toEqual([]);
  });

  it('captures the page it was opened on through the popup path: queued, uploaded, and a ✓ on the tab', async () => {
    await signIn();
    await startBackground(testbed.signal);
    const tab = await openTab(LISTING);
    menus.click(CAPTURE_MENU_ID, tab);
    await vi.waitFor(() => expect(testbed.backend.uploads).toHaveLength(1));
    const [entry] = await listEntries();
    expect(entry?.meta.url).toBe(LISTING);
    expect(testbed.backend.uploads[0]?.idempotencyKey).toBe(entry?.id);
    await vi.waitFor(async () => expect(await shownOn(tab.id!)).toBe(CAPTURED_BADGE));
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id! })).toBe(en.captured);
  });

  it('ignores menu items that are not its own', async () => {
    await signIn();
    await startBackground(testbed.signal);
    const tab = await openTab(LISTING);
    menus.click('someone-elses-item', tab);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(captureVisibleTab).not.toHaveBeenCalled();
    expect(await listEntries()).toEqual([]);
  });
});

describe('keyboard shortcut', () => {
  it('captures the tab it was pressed over, through the popup path', async () => {
    expect(CAPTURE_COMMAND_KEYS).toBe('Alt+Shift+C');
    await signIn();
    await startBackground(testbed.signal);
    const tab = await openTab(LISTING);
    menus.press('some-other-command', tab);
    menus.press(CAPTURE_COMMAND, tab);
    await vi.waitFor(() => expect(testbed.backend.uploads).toHaveLength(1));
    expect((await listEntries()).map((entry) => entry.meta.url)).toEqual([LISTING]);
    await vi.waitFor(async () => expect(await shownOn(tab.id!)).toBe(CAPTURED_BADGE));
  });

  it('captures the active tab when the browser names none', async () => {
    await signIn();
    await startBackground(testbed.signal);
    const tab = await openTab(LISTING);
    fakeBrowser.tabs.query = (async () => [await fakeBrowser.tabs.get(tab.id!)]) as never;
    menus.press(CAPTURE_COMMAND);
    await vi.waitFor(async () => expect((await listEntries()).map((entry) => entry.meta.url)).toEqual([LISTING]));
  });
});

describe('unsupported pages', () => {
  it.each([
    'chrome://settings/',
    'about:blank',
    'view-source:https://item.taobao.com/item.htm?id=1',
    'file:///home/user/listing.html',
    'https://chromewebstore.google.com/detail/some-extension/abcdefghijklmnop',
  ])('%s: the shortcut and the menu queue nothing and say why on the tab', async (url) => {
    await signIn();
    await startBackground(testbed.signal);
    const tab = await openTab(url);
    menus.press(CAPTURE_COMMAND, tab);
    await vi.waitFor(async () => expect(await shownOn(tab.id!)).toBe(REFUSED_BADGE));
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id! })).toBe(en.unsupportedPage);
    menus.click(CAPTURE_MENU_ID, tab);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(captureVisibleTab).not.toHaveBeenCalled();
    expect(await listEntries()).toEqual([]);
  });

  it('the popup button gets the same refusal for an add-on store page, which is http(s)', async () => {
    await signIn();
    await startBackground(testbed.signal);
    const tab = await openTab('https://chromewebstore.google.com/detail/some-extension/abcdefghijklmnop');
    expect(await sendMessage('capture', { tabId: tab.id })).toEqual({ ok: false, code: 'unsupported_page' });
    expect(captureVisibleTab).not.toHaveBeenCalled();
    expect(await listEntries()).toEqual([]);
  });

  it('says so in Chinese when that is the chosen language', async () => {
    await localeOverrideItem.setValue('zh-CN');
    const tab = await openTab('chrome://extensions/');
    const capture = vi.fn();
    const outcome = await triggerCapture(tab, capture, { hold: async () => undefined });
    await outcome.flashed;
    expect(outcome.result).toEqual({ ok: false, code: 'unsupported_page' });
    expect(capture).not.toHaveBeenCalled();
    expect(zh.unsupportedPage).not.toBe(en.unsupportedPage);
    // After the flash the tab is back on the global badge.
    expect(await shownOn(tab.id!)).toBe('');
  });
});

describe('refusals', () => {
  it('name the reason the popup would give, the full-page capture\'s included, and open no popup', async () => {
    const tab = await openTab(LISTING);
    for (const [code, reason] of [
      ['page_changed', resources.en.extension.errors.page_changed],
      ['capture_busy', resources.en.extension.fullPage.errors.capture_busy],
      ['internal_error', en.unknownReason],
    ] as const) {
      let shown: string | undefined;
      const hold = async () => void (shown = await fakeBrowser.action.getTitle({ tabId: tab.id! }));
      const outcome = await triggerCapture(tab, async () => ({ ok: false, code }), { hold });
      await outcome.flashed;
      expect(outcome.result).toEqual({ ok: false, code });
      expect(shown).toBe(`OpenIPP: not captured — ${reason}`);
    }
    expect((await fakeBrowser.tabs.query({})).filter((t) => t.url?.includes('popup.html'))).toEqual([]);
  });
});

describe('without a session', () => {
  it('queues nothing, names the reason on the tab, and opens the popup aimed at the page to sign in', async () => {
    await startBackground(testbed.signal);
    const tab = await openTab(LISTING);
    menus.press(CAPTURE_COMMAND, tab);
    await vi.waitFor(async () => expect(await shownOn(tab.id!)).toBe(REFUSED_BADGE));
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id! })).toBe(
      'OpenIPP: not captured — Please sign in first.',
    );
    // The fake browser cannot open the toolbar popup, as an older Chrome cannot: the popup comes in a tab.
    await vi.waitFor(async () => {
      const urls = (await fakeBrowser.tabs.query({})).map((t) => t.url);
      expect(urls).toContain(fakeBrowser.runtime.getURL(`/popup.html?tabId=${tab.id}` as '/popup.html'));
    });
    expect(captureVisibleTab).not.toHaveBeenCalled();
    expect(await listEntries()).toEqual([]);
  });
});
