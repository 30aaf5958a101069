import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { chromiumPath, extensionDir } from './paths';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The user-data-dir; relaunchWithExtension reopens the browser on it. */
  profileDir: string;
  /** keepProfile: leave the user-data-dir on disk, to reopen it. */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Chromium `--host-resolver-rules`, e.g. from MarketplaceFixtures: real
   * marketplace host names answered by loopback fixture servers. Their
   * self-signed certificate is then accepted too.
   */
  hostResolverRules?: string;
  /** An existing user-data-dir to open instead of a fresh one (a browser restart on the same profile). */
  profileDir?: string;
}

/** Real Chromium with the real built extension, on a throw-away profile. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`extension is not built at ${extensionDir}: run pnpm --filter @openipp/extension build`);
  }
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'openipp-profile-'));
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
    profileDir: profile,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
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

/**
 * Closes the browser and opens it again on the same profile, as a user
 * restarting Chrome would: the extension's storage and IndexedDB survive.
 */
export async function relaunchWithExtension(previous: ExtensionBrowser, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  await previous.close({ keepProfile: true });
  return launchWithExtension({ ...options, profileDir: previous.profileDir });
}

interface WorkerVersion {
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

/**
 * Stops the extension's MV3 service worker the way Chrome does when it is idle
 * (CDP ServiceWorker.stopAllWorkers), taking its timers and in-flight fetches
 * with it. Resolves once Chrome reports the worker stopped; the command is
 * repeated if no report comes, since Chrome may still be settling the worker.
 */
export async function stopServiceWorker(browser: ExtensionBrowser): Promise<void> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const script = `chrome-extension://${browser.extensionId}/`;
  const seen: string[] = [];
  let stopSent = false;
  let onStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (onStopped = resolve));
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: WorkerVersion[] }) => {
    const ours = versions.filter((version) => version.scriptURL.startsWith(script));
    if (ours.length === 0) return;
    seen.push(ours.map((version) => version.runningStatus).join('+'));
    if (stopSent && ours.every((version) => version.runningStatus === 'stopped')) onStopped();
  });
  try {
    await cdp.send('ServiceWorker.enable');
    // Enabling reports the current state first; a stop is only believed after the command went out.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let attempt = 0; attempt < 4; attempt++) {
      stopSent = true;
      if (seen.at(-1) === 'stopped') return;
      await cdp.send('ServiceWorker.stopAllWorkers');
      const done = await Promise.race([stopped.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000))]);
      if (done) return;
    }
    throw new Error(`the service worker did not stop; Chrome reported: ${seen.join(' → ') || 'nothing'}`);
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

/** A reply of the background's typed messaging (extension/src/lib/messaging.ts `Result`). */
export type BackgroundResult<T> = { ok: true; value: T } | { ok: false; code: string; status?: number; detail?: string };

/**
 * Sends a message to the background exactly as the popup does
 * (@webext-core/messaging's envelope), from an extension page.
 */
export async function sendToBackground<T>(extensionPage: Page, type: string, data?: unknown): Promise<BackgroundResult<T>> {
  const reply = await extensionPage.evaluate(
    async ({ type, data }) => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
      return chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() });
    },
    { type, data },
  );
  const { res, err } = (reply ?? {}) as { res?: BackgroundResult<T>; err?: unknown };
  if (err !== undefined || res === undefined) throw new Error(`background message ${type}: ${JSON.stringify(err ?? reply)}`);
  return res;
}

/** One entry of the extension's capture queue as stored in IndexedDB (extension/src/lib/queue.ts). */
export interface StoredQueueEntry {
  id: string;
  status: string;
  sha256?: string;
  attempts: number;
  receipt?: { id: string; sha256: string };
  archive?: string;
  archiveDetail?: string;
}

/**
 * The capture queue read straight from the extension's IndexedDB, from an
 * extension page: every entry, and the ids each other object store holds a
 * record for (the screenshot bytes, the previews).
 */
export async function readQueueDb(extensionPage: Page): Promise<{ entries: StoredQueueEntry[]; keysByStore: Record<string, string[]> }> {
  return extensionPage.evaluate(async () => {
    const open = indexedDB.open('openipp-queue');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const names = Array.from(db.objectStoreNames);
      // Callbacks rather than helper functions: this body runs in the page, as written.
      const tx = db.transaction(names, 'readonly');
      let entries: StoredQueueEntry[] = [];
      const keysByStore: Record<string, string[]> = {};
      const all = tx.objectStore('entries').getAll();
      all.onsuccess = () => (entries = all.result as StoredQueueEntry[]);
      for (const name of names.filter((n) => n !== 'entries')) {
        const keys = tx.objectStore(name).getAllKeys();
        keys.onsuccess = () => (keysByStore[name] = keys.result.map(String));
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      return { entries, keysByStore };
    } finally {
      db.close();
    }
  });
}
