import { expect, test } from '@playwright/test';
import { BackendProcess } from '../support/backend';
import { launchWithExtension, setBackendUrl, type ExtensionBrowser } from '../support/extension';
import { FixtureServer } from '../support/fixture-server';
import { AgreementGate } from '../pages/agreement-gate';
import { ConsolePage } from '../pages/console';
import { PopupPage } from '../pages/popup';

interface CaptureItem {
  id: string;
  url: string;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  screenshot: { sha256: string; mime: string; width: number; height: number };
  receipt: { id: string; sha256: string; receivedAt: string };
  createdBy: { id: string; email: string };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

let backend: BackendProcess;
let fixtures: FixtureServer;
let browser: ExtensionBrowser;

test.beforeAll(async () => {
  backend = await BackendProcess.create();
  fixtures = await FixtureServer.start();
  browser = await launchWithExtension();
});

test.afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await backend?.dispose();
});

test('a capture travels from the extension to the backend and the console, and survives the backend being down', async () => {
  const { context, extensionId } = browser;

  await setBackendUrl(browser, backend.url);
  // The demo holds captures of its own; what this test adds is counted from here.
  const capturesBefore = backend.countRows('captures');

  const listing = await context.newPage();
  await listing.goto(fixtures.url('/listing.html'));
  const viewport = await listing.evaluate(() => ({ width: innerWidth, height: innerHeight, dpr: devicePixelRatio }));

  const popup = await PopupPage.open(await context.newPage(), extensionId);
  // The demo users accepted version 1; version 2 is current, so the gate comes first.
  await popup.submitLogin('monitor@demo.test', 'demo-password-1');
  const popupGate = new AgreementGate(popup.page);
  await popupGate.expectShown(2);
  await popupGate.accept();
  await expect(popup.page.getByTestId('user-email')).toContainText('monitor@demo.test');

  // The popup captures the tab it was opened over: make the listing the active tab.
  await listing.bringToFront();
  const firstId = await popup.capture();
  await expect(popup.item(firstId)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 });

  // The backend holds it, and the stored bytes hash to the receipt.
  const token = await backend.token('monitor@demo.test');
  const list = await backend.api<{ items: CaptureItem[] }>('/api/captures', token);
  // The tenant's list also holds the demo's own capture (by its owner); this monitor made one.
  const mine = list.items.filter((item) => item.createdBy.email === 'monitor@demo.test');
  expect(mine).toHaveLength(1);
  const [capture] = mine;
  expect(capture?.url).toBe(fixtures.url('/listing.html'));
  expect(capture?.receipt.sha256).toBe(capture?.screenshot.sha256);
  const stored = backend.hashStoredBlob(capture!.receipt.sha256);
  expect(stored.sha256).toBe(capture!.receipt.sha256);
  // A real PNG of the visible page: its pixel size is the viewport times the DPR.
  expect(capture?.screenshot.mime).toBe('image/png');
  expect(pngSize(stored.bytes)).toEqual({
    width: Math.round(viewport.width * viewport.dpr),
    height: Math.round(viewport.height * viewport.dpr),
  });
  expect(capture?.viewport).toEqual({ width: viewport.width, height: viewport.height });
  expect(backend.countRows('captures')).toBe(capturesBefore + 1);

  // The console shows it to the same tenant.
  const consolePage = new ConsolePage(await context.newPage(), backend.url);
  await consolePage.login('monitor@demo.test', 'demo-password-1');
  const row = consolePage.row(capture!.id);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('capture-sha256')).toContainText(capture!.receipt.sha256);
  const thumbnail = row.locator('img').first();
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  // Backend down: the capture waits in the local queue, visibly.
  await backend.stop();
  const second = await context.newPage();
  await second.goto(fixtures.url('/listing-2.html'));
  await second.bringToFront();
  await popup.page.reload();
  const secondId = await popup.capture();
  await expect(popup.item(secondId)).toHaveAttribute('data-status', 'pending');
  await expect(popup.item(secondId).getByTestId('queue-item-status')).toHaveText(/waiting to sync|等待同步/i);

  // Backend back: the entry syncs by itself, exactly once.
  await backend.start();
  await expect(popup.item(secondId)).toHaveAttribute('data-status', 'synced', { timeout: 90_000 });
  expect(backend.countRows('captures')).toBe(capturesBefore + 2);
  const after = (await backend.api<{ items: CaptureItem[] }>('/api/captures', await backend.token('monitor@demo.test'))).items.filter(
    (item) => item.createdBy.email === 'monitor@demo.test',
  );
  expect(after.map((item) => item.url).sort()).toEqual([fixtures.url('/listing-2.html'), fixtures.url('/listing.html')].sort());

  // Platform staff see every tenant's captures, read-only, with the tenant named.
  await consolePage.logout();
  await consolePage.submitLogin('reviewer@demo.test', 'demo-password-1');
  await new AgreementGate(consolePage.page).accept();
  await expect(consolePage.row(capture!.id).getByTestId('capture-tenant')).toHaveText('Demo Brand Co.');
  await expect(consolePage.page.getByTestId('staff-note')).toBeVisible();
});
