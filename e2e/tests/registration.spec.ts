import { expect, test, type Browser, type Page } from '@playwright/test';
import { AgreementGate } from '../pages/agreement-gate';
import { ConsolePage } from '../pages/console';
import { BackendProcess } from '../support/backend';
import { launchBrowser, samplePdf } from '../support/browser';
import { linkIn, MailCatcher } from '../support/mail-catcher';

const PASSWORD = 'demo-password-1';
const OWNER_PASSWORD = 'Lantern-river-2026';

let mails: MailCatcher;
let backend: BackendProcess;
let browser: Browser;

test.beforeAll(async () => {
  mails = await MailCatcher.start();
  backend = await BackendProcess.create({ smtpUrl: mails.url });
  browser = await launchBrowser();
});

test.afterAll(async () => {
  await browser?.close();
  await backend?.dispose();
  await mails?.close();
});

test.describe.configure({ mode: 'serial' });

interface Registration {
  legalName: string;
  registrationNumber: string;
  email: string;
}

async function register(page: Page, who: Registration): Promise<void> {
  await page.goto(`${backend.url}/`);
  await page.getByTestId('register-link').click();
  await page.getByTestId('register-tenant-kind').selectOption('rights_holder');
  await page.getByTestId('register-entity-kind').selectOption('company');
  await page.getByTestId('register-legal-name').fill(who.legalName);
  await page.getByTestId('register-country').fill('CN');
  await page.getByTestId('register-registration-number').fill(who.registrationNumber);
  await page.getByTestId('register-display-name').fill('Lin Wei');
  await page.getByTestId('register-email').fill(who.email);
  await page.getByTestId('register-password').fill(OWNER_PASSWORD);
  await page.getByTestId('register-phone').fill('+86 21 5555 0100');
  await page.getByTestId('register-address').fill('上海市 示例路 1 号');
  await page.getByTestId('register-proof').setInputFiles({ name: 'business-licence.pdf', mimeType: 'application/pdf', buffer: samplePdf('Business licence') });
  await page.getByTestId('register-submit').click();
}

const first: Registration = { legalName: 'Lantern Footwear Co., Ltd.', registrationNumber: '91310000MA1FL5X3Q', email: 'legal@lantern.example' };

test('a rights holder registers, verifies its e-mail from the received mail, is approved by an admin, and signs in past the gate', async () => {
  const page = await browser.newPage();
  await register(page, first);
  await expect(page.getByTestId('register-done')).toBeVisible();

  // Signing in before the e-mail is verified is refused, with the reason.
  const console = new ConsolePage(page, backend.url);
  await console.submitLogin(first.email, OWNER_PASSWORD);
  await expect(page.getByTestId('login-error')).toContainText(/verify your e-mail/i);

  // The link arrives by real SMTP; opening it verifies the address.
  const verification = await mails.waitFor(first.email, /verify-email/);
  await page.goto(linkIn(verification, 'verify-email'));
  await expect(page.getByTestId('verify-email-done')).toBeVisible();
  // The link is one-time.
  await page.goto(linkIn(verification, 'verify-email'));
  await expect(page.getByTestId('verify-email-error')).toBeVisible();

  // An admin reviews the identity and its proof, and approves it.
  const adminPage = await browser.newPage();
  const admin = new ConsolePage(adminPage, backend.url);
  await admin.submitLogin('admin@demo.test', PASSWORD);
  await new AgreementGate(adminPage).accept();
  await admin.open('admin');
  await adminPage.getByTestId('admin-tab-verifications').click();
  const row = adminPage.getByTestId('verification-tenant-row').filter({ hasText: first.legalName });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('verification-document').first()).toBeVisible();
  const mailsToOwner = () => mails.mails.filter((mail) => mail.to.includes(first.email)).length;
  const before = mailsToOwner();
  await row.getByTestId('verification-approve').click();
  await expect(row).toBeHidden();
  // The owner is told of the decision by e-mail.
  await expect.poll(mailsToOwner, { timeout: 30_000 }).toBeGreaterThan(before);
  await adminPage.close();

  // The new owner signs in, meets the agreement gate first, accepts, and is in.
  await console.submitLogin(first.email, OWNER_PASSWORD);
  const gate = new AgreementGate(page);
  await gate.expectShown();
  await gate.accept();
  await expect(page.getByTestId('user-email')).toContainText(first.email);
  await expect(page.getByTestId('identity-status')).toHaveAttribute('data-status', 'approved');
  await page.close();
});

test('a second registration of the same entity is refused with the translated reason, even typed differently', async () => {
  const page = await browser.newPage();
  const mailsBefore = mails.mails.length;
  // Same country, kind and number — in full-width characters with spaces.
  await register(page, { legalName: 'Lantern Footwear', registrationNumber: '９１３１ ００００ ｍａ１ＦＬ５Ｘ３Ｑ', email: 'other@lantern.example' });
  await expect(page.getByTestId('register-error')).toContainText(/one entity, one account/i);
  await expect(page.getByTestId('register-done')).toBeHidden();
  // Nothing was sent for the refused registration.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(mails.mails.length).toBe(mailsBefore);

  // The same in Chinese.
  const zh = await browser.newPage({ locale: 'zh-CN' });
  await zh.goto(`${backend.url}/`);
  await zh.getByTestId('language-select').selectOption('zh-CN');
  await register(zh, { legalName: 'Lantern Footwear', registrationNumber: '91310000ma1fl5x3q', email: 'third@lantern.example' });
  await expect(zh.getByTestId('register-error')).toContainText('一个主体只能注册一个账户');
  await page.close();
  await zh.close();
});
