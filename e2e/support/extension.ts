import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type BrowserContext } from '@playwright/test';
import { chromiumPath, extensionDir } from './paths';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Chromium `--host-resolver-rules`, e.g. from MarketplaceFixtures: real
   * marketplace host names answered by loopback fixture servers. Their
   * self-signed certificate is then accepted too.
   */
  hostResolverRules?: string;
}

/** Real Chromium with the real built extension, on a throw-away profile. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`extension is not built at ${extensionDir}: run pnpm --filter @openipp/extension build`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'openipp-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    // A real window size rather than an emulated viewport, so the screenshot the
    // extension takes has the page's true dimensions.
    viewport: null,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--window-size=1280,900',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.hostResolverRules === undefined
        ? []
        : [`--host-resolver-rules=${options.hostResolverRules}`, '--ignore-certificate-errors']),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Points the extension at a backend through its options page, as a user would. */
export async function setBackendUrl(browser: ExtensionBrowser, url: string): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const field = options.getByTestId('backend-url');
  // The stored value loads asynchronously; wait for it, then replace it.
  await expect(field).not.toHaveValue('');
  await field.fill(url);
  await options.getByTestId('save-button').click();
  // Closing before the write lands would leave the old URL in place.
  await expect(options.getByTestId('save-status')).toBeVisible();
  await expect(field).toHaveValue(url);
  await options.close();
}

type ChromeApi = {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
};

/** The id of the tab showing `url`, asked of the extension's own service worker. */
export async function tabIdOf(browser: ExtensionBrowser, url: string): Promise<number> {
  const worker = browser.context.serviceWorkers()[0];
  if (!worker) throw new Error('the extension has no service worker');
  const id = await worker.evaluate(async (wanted) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    return (await chrome.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? -1;
  }, url);
  if (id < 0) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The toolbar badge text the extension set for a tab. */
export async function badgeText(browser: ExtensionBrowser, tabId: number): Promise<string> {
  const worker = browser.context.serviceWorkers()[0];
  if (!worker) throw new Error('the extension has no service worker');
  return worker.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    return chrome.action.getBadgeText({ tabId: id });
  }, tabId);
}

/** The toolbar badge text every tab without one of its own shows (e.g. the unread message count). */
export async function globalBadgeText(browser: ExtensionBrowser): Promise<string> {
  const worker = browser.context.serviceWorkers()[0];
  if (!worker) throw new Error('the extension has no service worker');
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } };
    return chrome.action.getBadgeText({});
  });
}
