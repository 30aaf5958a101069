import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageReadSchema, type PageRead } from '@openipp/shared';
import { parseHTML } from 'linkedom';
import { resetProfile } from '@/test/reset';
import { TEST_USER, TINY_PNG_BASE64 } from '@/test/backend-double';
import { PAGE_READER_SCRIPT, captureTab } from './capture';
import { readListingPage } from './page-readers';
import { listEntries } from './queue';
import { sessionItem } from './storage';

const NOW = Date.parse('2026-03-04T05:06:07.000Z');
const URL_ = 'https://item.taobao.com/item.htm?id=42';

/** A listing page as the marketplace serves it, read by the real reader (what the injected file runs). */
function readFixture(): PageRead {
  const { document } = parseHTML(`<!doctype html><html><head>
    <meta property="og:title" content="DemoBrand Classic Tote Bag">
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"DemoBrand Classic Tote Bag",
      "offers":{"@type":"Offer","price":"159.00","priceCurrency":"CNY","seller":{"@type":"Organization","name":"Demo Store"}}}</script>
    </head><body><h1>DemoBrand Classic Tote Bag</h1></body></html>`);
  return readListingPage(document as unknown as Document, URL_);
}

const VIEWPORT = { width: 1280, height: 720, dpr: 2 };
let injected: unknown;

/** Chrome's executeScript: files run the bundled reader and answer its result; funcs measure the viewport. */
function fakeInjection(options: { readerFails?: boolean; funcFails?: boolean } = {}) {
  return vi.fn(async (injection: { files?: string[]; func?: unknown }) => {
    if (injection.files) {
      if (options.readerFails) throw new Error('Cannot access contents of the page');
      expect(injection.files).toEqual([PAGE_READER_SCRIPT]);
      return [{ frameId: 0, result: injected }];
    }
    if (options.funcFails) throw new Error('Cannot access contents of the page');
    return [{ frameId: 0, result: VIEWPORT }];
  });
}

const originalGet = fakeBrowser.tabs.get.bind(fakeBrowser.tabs);

/** The fake browser cannot make a created tab active; here the one tab opened is the visible one, as in Chrome. */
async function openTab(url: string) {
  const tab = await fakeBrowser.tabs.create({ url });
  fakeBrowser.tabs.get = (async (id: number) => {
    const found = await originalGet(id);
    return found && { ...found, active: found.id === tab.id, width: 1280, height: 720 };
  }) as never;
  return (await fakeBrowser.tabs.get(tab.id!))!;
}

beforeEach(async () => {
  await resetProfile();
  await sessionItem.setValue({ token: 't', expiresAt: new Date(NOW + 3600_000).toISOString(), user: TEST_USER });
  fakeBrowser.tabs.captureVisibleTab = vi.fn(async () => `data:image/png;base64,${TINY_PNG_BASE64}`) as never;
  injected = undefined;
});

afterEach(() => {
  fakeBrowser.tabs.get = originalGet;
});

describe('capture reads the listing page into the meta', () => {
  it('puts what the reader found into meta.pageRead, read before the screenshot', async () => {
    injected = readFixture();
    expect(PageReadSchema.parse(injected).title).toBe('DemoBrand Classic Tote Bag');
    const executeScript = fakeInjection();
    fakeBrowser.scripting.executeScript = executeScript as never;
    const shots = fakeBrowser.tabs.captureVisibleTab as unknown as ReturnType<typeof vi.fn>;
    const tab = await openTab(URL_);
    const entry = await captureTab(tab.id, { now: () => NOW });
    expect(entry.meta.pageRead).toEqual(injected);
    expect((await listEntries())[0]!.meta.pageRead).toEqual(injected);
    expect(executeScript.mock.invocationCallOrder[0]!).toBeLessThan(shots.mock.invocationCallOrder[0]!);
  });

  it('full-page mode reads too (here the page forbids the scroll scripts, so the visible area is kept)', async () => {
    injected = readFixture();
    fakeBrowser.scripting.executeScript = fakeInjection({ funcFails: true }) as never;
    const tab = await openTab(URL_);
    const outcome = await captureTab(tab.id, { mode: 'full', now: () => NOW });
    expect(outcome.visibleOnly).toBe(true);
    expect(outcome.meta.pageRead).toEqual(injected);
  });

  it.each([
    ['the page refuses the reader', { readerFails: true }, undefined],
    ['the reader answers something that is no page read', {}, { title: 42 }],
    ['the reader found nothing', {}, 'empty'],
  ] as const)('%s: the capture goes on without a read', async (_name, options, result) => {
    injected = result === 'empty' ? readListingPage(parseHTML('<html><body></body></html>').document as unknown as Document, URL_) : result;
    fakeBrowser.scripting.executeScript = fakeInjection(options) as never;
    const tab = await openTab(URL_);
    const entry = await captureTab(tab.id, { now: () => NOW });
    expect(entry.status).toBe('pending');
    expect(entry.meta).not.toHaveProperty('pageRead');
  });
});
