import { expect, test } from '@playwright/test';
import { AgreementGate } from '../pages/agreement-gate';
import { ConsolePage } from '../pages/console';
import { PopupPage } from '../pages/popup';
import { BackendProcess } from '../support/backend';
import { launchWithExtension, setBackendUrl, type ExtensionBrowser } from '../support/extension';
import { FixtureServer } from '../support/fixture-server';

const PASSWORD = 'demo-password-1';

let backend: BackendProcess;
let fixtures: FixtureServer;
let browser: ExtensionBrowser;

test.beforeAll(async () => {
  backend = await BackendProcess.create();
  fixtures = await FixtureServer.start();
  browser = await launchWithExtension();
  await setBackendUrl(browser, backend.url);
});

test.afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await backend?.dispose();
});

// One story, in order: each step leaves the platform in the state the next one needs.
test.describe.configure({ mode: 'serial' });

test('the console shows the gate at login, with both texts and the Chinese-prevails note, until accepted', async () => {
  const console = new ConsolePage(await browser.context.newPage(), backend.url);
  await console.submitLogin('monitor@demo.test', PASSWORD);
  const gate = new AgreementGate(console.page);
  await gate.expectShown(2);
  const { zh, en } = await gate.readBothTexts();
  expect(zh).toMatch(/[\u4e00-\u9fff]{20,}/);
  expect(en).toMatch(/agreement/i);

  // The server enforces the gate too, not only the UI.
  const token = await backend.token('owner@demo.test');
  const blocked = await fetch(`${backend.url}/api/captures`, { headers: { authorization: `Bearer ${token}` } });
  expect(blocked.status).toBe(403);
  expect(((await blocked.json()) as { code: string }).code).toBe('agreement_acceptance_required');

  await gate.accept();
  await expect(console.page.getByTestId('user-email')).toContainText('monitor@demo.test');
  expect(backend.countRows('agreement_acceptances')).toBeGreaterThan(0);
  await console.page.close();
});

test('a newly published version closes the gate again, and the extension shows it on its next use', async () => {
  const popup = await PopupPage.open(await browser.context.newPage(), browser.extensionId);
  await popup.login('monitor@demo.test', PASSWORD);

  // The admin accepts version 2, then publishes version 3.
  const admin = new ConsolePage(await browser.context.newPage(), backend.url);
  await admin.submitLogin('admin@demo.test', PASSWORD);
  await new AgreementGate(admin.page).accept();
  await admin.open('admin');
  await admin.page.getByTestId('publish-body-zh').fill('# 用户协议（第三版）\n\n本版本调整了通知送达条款。中英文版本不一致时，以中文版本为准。');
  await admin.page.getByTestId('publish-body-en').fill('# User agreement (version 3)\n\nThis version changes the clause on delivery of notices. Where the versions differ, the Chinese text prevails.');
  await admin.page.getByTestId('publish-summary-zh').fill('调整通知送达条款。');
  await admin.page.getByTestId('publish-summary-en').fill('Changes the delivery-of-notices clause.');
  admin.page.once('dialog', (dialog) => void dialog.accept());
  await admin.page.getByTestId('publish-submit').click();
  // Publishing takes effect at once: the admin is the first to meet the new gate.
  await new AgreementGate(admin.page).expectShown(3);

  // The extension's next use shows the gate; the user accepts it from the popup.
  await popup.page.reload();
  const gate = new AgreementGate(popup.page);
  await gate.expectShown(3);
  await expect(popup.page.getByTestId('agreement-summary')).toContainText(/调整通知送达条款|delivery-of-notices/);
  await gate.accept();
  await expect(popup.page.getByTestId('capture-button')).toBeVisible();
  await admin.page.close();
});

test('reporting unauthorised use freezes the account: the extension token is refused on its next sync', async () => {
  const popup = await PopupPage.open(await browser.context.newPage(), browser.extensionId);
  await expect(popup.page.getByTestId('user-email')).toContainText('monitor@demo.test');
  // The demo holds captures of its own; count what this test adds.
  const capturesBefore = backend.countRows('captures');

  const console = new ConsolePage(await browser.context.newPage(), backend.url);
  await console.submitLogin('monitor@demo.test', PASSWORD);
  await expect(console.page.getByTestId('user-email')).toContainText('monitor@demo.test');
  await console.open('account');
  await console.page.getByTestId('report-compromise').click();
  await console.page.getByTestId('report-compromise-confirm').click();
  await expect(console.page.getByTestId('account-frozen-notice')).toBeVisible();

  // The popup, opened before the freeze, still holds its old token. Its next
  // call to the server is refused — here the "already reported" check of the
  // listing it now sits over, before any capture — and the popup says why and
  // offers no more capturing. (The queued-upload path meeting account_frozen is
  // covered by the extension's sync tests.)
  const listing = await browser.context.newPage();
  await listing.goto(fixtures.url('/listing.html'));
  await listing.bringToFront();
  await expect(popup.page.getByTestId('account-frozen')).toBeVisible({ timeout: 30_000 });
  await expect(popup.page.getByTestId('capture-button')).toHaveCount(0);
  // Nothing was stored for the frozen account, and a correct password no longer signs in.
  const login = await fetch(`${backend.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'monitor@demo.test', password: PASSWORD }),
  });
  expect(login.status).toBe(401);
  expect(((await login.json()) as { code: string }).code).toBe('account_frozen');
  expect(backend.countRows('captures')).toBe(capturesBefore);
});

test('maintenance mode: a banner everywhere, reads work, writes wait', async () => {
  const admin = new ConsolePage(await browser.context.newPage(), backend.url);
  await admin.submitLogin('admin@demo.test', PASSWORD);
  const gate = new AgreementGate(admin.page);
  await gate.accept();
  await admin.open('admin');
  await admin.page.getByTestId('maintenance-enabled').check();
  await admin.page.getByTestId('maintenance-message-zh').fill('系统维护中，预计一小时后恢复。');
  await admin.page.getByTestId('maintenance-message-en').fill('Scheduled maintenance, back within the hour.');
  await admin.page.getByTestId('maintenance-save').click();
  await expect(admin.page.getByTestId('maintenance-banner')).toBeVisible();

  const popup = await PopupPage.open(await browser.context.newPage(), browser.extensionId);
  await expect(popup.page.getByTestId('maintenance-banner')).toBeVisible();

  // The admin has accepted the current version, so only maintenance stands in the way.
  const token = await backend.token('admin@demo.test');
  const read = await fetch(`${backend.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(read.status).toBe(200);
  const write = await fetch(`${backend.url}/api/sessions/revoke-all`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  expect(write.status).toBe(503);
  expect(write.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(((await write.json()) as { code: string }).code).toBe('maintenance');

  await admin.page.getByTestId('maintenance-enabled').uncheck();
  await admin.page.getByTestId('maintenance-save').click();
  await expect(admin.page.getByTestId('maintenance-banner')).toBeHidden();
});
