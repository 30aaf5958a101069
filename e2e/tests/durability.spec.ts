import { expect, test, type Page } from '@playwright/test';
import { BackendProcess, SlowProxy } from '../support/backend';
import {
  launchWithExtension,
  readQueueDb,
  relaunchWithExtension,
  sendToBackground,
  stopServiceWorker,
  tabIdOf,
  type ExtensionBrowser,
  type StoredQueueEntry,
} from '../support/extension';
import { FixtureServer } from '../support/fixture-server';
import { signInAt } from '../support/marketplace-journey';

const CAPTURES = 20;
/** The extension's uploads in flight at once (UPLOAD_CONCURRENCY in extension/src/lib/sync.ts). */
const UPLOADS_IN_FLIGHT = 3;

let backend: BackendProcess;
let proxy: SlowProxy;
let fixtures: FixtureServer;
let browser: ExtensionBrowser;

test.beforeAll(async () => {
  backend = await BackendProcess.create();
  proxy = await SlowProxy.start(backend.port);
  fixtures = await FixtureServer.start();
  browser = await launchWithExtension();
});

test.afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await fixtures?.close();
  await backend?.dispose();
});

const mine = (entries: StoredQueueEntry[], ids: readonly string[]) => entries.filter((entry) => ids.includes(entry.id));
const withStatus = (entries: StoredQueueEntry[], status: string) => entries.filter((entry) => entry.status === status);

async function extensionPage(b: ExtensionBrowser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  return page;
}

test('20 captures syncing survive the service worker being stopped, the browser restarting on the same profile and the backend being down: all arrive, once each, hashes intact', async () => {
  test.setTimeout(180_000);
  // The extension talks to the backend through the proxy, which stands for a slow, then broken, network.
  const capturesBefore = backend.countRows('captures');

  const popup = await signInAt(browser, proxy.url, 'monitor@demo.test', 'demo-password-1');
  await expect(popup.page.getByTestId('user-email')).toContainText('monitor@demo.test');
  // Nothing but the extension's own worker may drive the queue from here on.
  await popup.page.close();

  // Slow: every upload is committed by the backend at once, but its answer takes 4 s to come back.
  proxy.captureResponseDelayMs = 4_000;
  const listing = await browser.context.newPage();
  await listing.goto(fixtures.url('/listing.html?n=0'));
  const tabId = await tabIdOf(browser, fixtures.url('/listing.html?n=0'));
  const control = await extensionPage(browser);
  const queued: string[] = [];
  for (let n = 0; n < CAPTURES; n++) {
    if (n > 0) await listing.goto(fixtures.url(`/${n % 2 === 0 ? 'listing' : 'listing-2'}.html?n=${n}`));
    await listing.bringToFront();
    // The popup's own message; the background paces captureVisibleTab within Chrome's 2 per second.
    const result = await sendToBackground<{ id: string }>(control, 'capture', { tabId, mode: 'visible' });
    if (!result.ok) throw new Error(`capture ${n}: ${result.code} ${result.detail ?? ''}`);
    queued.push(result.value.id);
  }
  expect(new Set(queued).size).toBe(CAPTURES);

  // Mid-sync: the backend has stored an upload whose answer is still on its way; stop the worker right then.
  await expect.poll(() => proxy.heldAnswers, { timeout: 30_000, intervals: [50] }).toBeGreaterThan(0);
  await stopServiceWorker(browser);

  // The queue as the stopped worker left it, in IndexedDB: uploads the client never heard back about,
  // some receipted, the rest waiting. Every capture not yet receipted still has its screenshot bytes.
  const stopped = mine((await readQueueDb(control)).entries, queued);
  expect(stopped).toHaveLength(CAPTURES);
  const receiptedAtStop = withStatus(stopped, 'synced').length;
  // The worker uploads a few at a time (lib/sync.ts). Each upload the stop cut off is either still marked
  // uploading, or was already put back to wait for a retry (its request failed as the worker went down).
  const interrupted = stopped.filter((entry) => entry.status === 'uploading' || (entry.status === 'pending' && entry.attempts > 0));
  expect(interrupted.length).toBeGreaterThanOrEqual(1);
  expect(interrupted.length).toBeLessThanOrEqual(UPLOADS_IN_FLIGHT);
  expect(receiptedAtStop).toBeLessThan(CAPTURES - interrupted.length);
  expect(withStatus(stopped, 'pending').length + withStatus(stopped, 'uploading').length).toBe(CAPTURES - receiptedAtStop);
  // The server already committed at least one of those: it holds more than the client knows of.
  const heldByServer = backend.countRows('captures') - capturesBefore;
  const atStop = `at the stop: ${receiptedAtStop} receipted, ${interrupted.length} interrupted; the server held ${heldByServer}; status:attempts ${stopped.map((entry) => `${entry.status}:${entry.attempts}`).join(' ')}`;
  expect(heldByServer, atStop).toBeGreaterThan(receiptedAtStop);
  expect(heldByServer, atStop).toBeLessThanOrEqual(receiptedAtStop + interrupted.length);
  const { keysByStore } = await readQueueDb(control);
  for (const entry of stopped) {
    expect(keysByStore.screenshots ?? [], `screenshot bytes of ${entry.status} entry ${entry.id}`).toEqual(
      entry.status === 'synced' ? expect.not.arrayContaining([entry.id]) : expect.arrayContaining([entry.id]),
    );
  }

  // The backend goes down too, and the browser is closed and reopened on the same profile.
  await backend.stop();
  browser = await relaunchWithExtension(browser);
  const reopened = await extensionPage(browser);
  // The new worker resumes by itself (no popup, no click) and meets a dead server: the uploads back off.
  await expect
    .poll(async () => mine((await readQueueDb(reopened)).entries, queued).filter((entry) => entry.status !== 'synced' && entry.attempts > 0).length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);

  // Back up and fast: the queue drains on its own.
  proxy.captureResponseDelayMs = 0;
  await backend.start();
  await expect
    .poll(async () => withStatus(mine((await readQueueDb(reopened)).entries, queued), 'synced').length, { timeout: 90_000 })
    .toBe(CAPTURES);

  // None lost: every queued capture holds a receipt naming the bytes it hashed before upload.
  const drained = mine((await readQueueDb(reopened)).entries, queued);
  const receiptIds = drained.map((entry) => entry.receipt?.id);
  expect(new Set(receiptIds).size).toBe(CAPTURES);
  for (const entry of drained) expect(entry.receipt?.sha256).toBe(entry.sha256);

  // The server holds exactly these 20, each stored blob hashing to its receipt.
  expect(backend.countRows('captures')).toBe(capturesBefore + CAPTURES);
  const token = await backend.token('monitor@demo.test');
  const list = await backend.api<{ items: { id: string; createdBy: { email: string }; receipt: { sha256: string } }[] }>('/api/captures?limit=100', token);
  const onServer = list.items.filter((item) => item.createdBy.email === 'monitor@demo.test');
  expect(onServer.map((item) => item.id).sort()).toEqual([...receiptIds].sort());
  for (const item of onServer) expect(backend.hashStoredBlob(item.receipt.sha256).sha256).toBe(item.receipt.sha256);

  // None twice: one idempotency record per queued id, exactly 20 creations, and the upload cut off
  // mid-answer came back as a replay of the receipt the server had already issued.
  const [user] = backend.rows<{ id: string }>('SELECT id FROM users WHERE email = ?', 'monitor@demo.test');
  const keys = backend
    .rows<{ key: string }>(`SELECT key FROM idempotency_keys WHERE user_id = ? AND key IN (${queued.map(() => '?').join(',')})`, user!.id, ...queued)
    .map((row) => row.key);
  expect(keys.sort()).toEqual([...queued].sort());
  expect(proxy.captureStatuses.filter((status) => status === 201)).toHaveLength(CAPTURES);
  expect(proxy.captureStatuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
  expect(proxy.captureStatuses.every((status) => status === 200 || status === 201)).toBe(true);
});
