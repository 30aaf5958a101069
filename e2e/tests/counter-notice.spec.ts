import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { ComplainantStats, Complaint, CounterNoticeList, DisclosureList, MessageList, NoticeList } from '@openipp/shared';
import { AgreementGate } from '../pages/agreement-gate';
import { ConsolePage } from '../pages/console';
import { ReviewDesk } from '../pages/review';
import { launchBrowser, samplePdf } from '../support/browser';
import { captureIdsByUrl, fileComplaint } from '../support/complaint-filing';
import { acceptedToken } from '../support/demo-rights';
import { captureListings, marketplaceJourney, signInThroughPopup } from '../support/marketplace-journey';
import { repoRoot } from '../support/paths';

const PASSWORD = 'demo-password-1';
const DAY = 86_400_000;
const REGION = { kind: 'region', x: 0.1, y: 0.2, width: 0.4, height: 0.3 } as const;
/** The Taobao shop the demo seller holds a verified claim on (see the demo seed). */
const SELLER_SHOP = '58800001';
/** A shop no seller on the platform has claimed. */
const OTHER_SHOP = '58800999';

const UPHOLD_COUNTERFEIT = [
  'DemoBrand',
  'TM-DEMO-0001',
  'bags and leather goods in Nice class 18',
  'today',
  'the DemoBrand logo stamped on the bag and on its dust cover',
  'a price of 59 CNY, a tenth of the genuine bag, from a seller the rights holder never authorised',
];
const CN_STATEMENT = 'These bags are genuine DemoBrand goods, bought from the brand’s authorised distributor in Hangzhou; the invoice is attached.';
const IDENTITY = {
  legalName: 'Hangzhou Demo Trading Co., Ltd.',
  registrationNumber: '91330100MA2DEMO01X',
  address: '1 Demo Road, Xihu District, Hangzhou',
  email: 'legal@seller-demo.test',
  phone: '+86 571 0000 0000',
};
const noticeTexts = (lang: 'en' | 'zh-CN') =>
  (JSON.parse(readFileSync(join(repoRoot, 'locales', lang, 'notices.json'), 'utf8')) as { kinds: Record<string, { sms: string }> }).kinds;
const SELLER_PHONE = '+86 138 0000 0001';
const RESTORE_STATEMENT =
  'The counter-notice window ended without proof that the complainant complained to the authorities or sued, so the listing is restored.';

/** A console of its own (its own cookies) for each party, signed in; `gate` when the user has not yet accepted version 2. */
async function consoleAs(browser: Browser, baseUrl: string, email: string, gate = true): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const consolePage = new ConsolePage(page, baseUrl);
  await consolePage.submitLogin(email, PASSWORD);
  if (gate) {
    // The demo users accepted agreement version 1; version 2 is current.
    const agreement = new AgreementGate(page);
    await agreement.expectShown(2);
    await agreement.accept();
  }
  await expect(page.getByTestId('user-email')).toContainText(email);
  return page;
}

const journey = marketplaceJourney({ mail: true, sms: true, testClock: true });

test('a seller answers an upheld complaint with a counter-notice; the window passes without proof and the reviewer restores the listing', async () => {
  test.setTimeout(300_000);
  const { backend, fixtures, mail, sms } = journey;
  const plain = await launchBrowser();
  try {
    // ---------------------------------------------------------------- the complainant captures and files
    const popup = await signInThroughPopup(journey, 'monitor@demo.test', PASSWORD);
    const sellers = fixtures.taobaoItem('612345670001', `&shop_id=${SELLER_SHOP}`);
    const others = fixtures.taobaoItem('612345670002', `&shop_id=${OTHER_SHOP}`);
    await captureListings(popup, [sellers, others]);
    const monitor = await acceptedToken(backend, 'monitor@demo.test');
    const captures = await captureIdsByUrl(backend, monitor);
    const mine = await fileComplaint(backend, monitor, [{ url: sellers, captureId: captures.get(sellers)!, location: REGION }]);
    const foreign = await fileComplaint(backend, monitor, [{ url: others, captureId: captures.get(others)!, location: REGION }]);
    const listing = mine.listings[0]!;
    const reversedBefore = (await backend.api<ComplainantStats>('/api/complaints/stats', monitor)).listings.reversed;

    // ---------------------------------------------------------------- the reviewer upholds the listing
    const reviewerPage = await consoleAs(plain, backend.url, 'reviewer@demo.test');
    const desk = new ReviewDesk(reviewerPage);
    await reviewerPage.goto(`${backend.url}/#/review`);
    await expect(desk.queueRow(mine.id)).toBeVisible();
    await desk.moveTo(mine.id);
    await desk.press('o');
    await desk.expectWorking(mine.id);
    await desk.press('u');
    await desk.fillPlaceholders(desk.statement(listing.id), UPHOLD_COUNTERFEIT);
    await expect(desk.footer).toHaveAttribute('data-ready', 'true');
    await desk.press('Control+Enter');
    await expect.poll(async () => (await backend.api<Complaint>(`/api/complaints/${mine.id}`, monitor)).listings[0]!.outcome).toBe('upheld');

    // ---------------------------------------------------------------- the seller sees only its complaint and files a counter-notice
    const sellerPage = await consoleAs(plain, backend.url, 'seller@demo.test');
    await sellerPage.getByTestId('nav-sellerComplaints').click();
    await expect(sellerPage.locator(`[data-testid="seller-complaint-row"][data-complaint-id="${mine.id}"]`)).toBeVisible();
    await expect(sellerPage.locator(`[data-testid="seller-complaint-row"][data-complaint-id="${foreign.id}"]`)).toHaveCount(0);
    const seller = await acceptedToken(backend, 'seller@demo.test');
    // The seller gives a mobile number: from now on, notices that carry a deadline or a decision also go by SMS.
    const contacts = await backend.call('PUT', '/api/account/contacts', seller, { email: 'seller@demo.test', phone: SELLER_PHONE, postalAddress: null });
    expect(contacts.status).toBe(200);
    expect((await backend.call('GET', `/api/seller/complaints/${foreign.id}`, seller)).status).toBe(404);

    await sellerPage.locator(`[data-testid="seller-complaint-row"][data-complaint-id="${mine.id}"]`).getByRole('link').first().click();
    // What the seller needs to answer, and of the complainant only its name and contact e-mail.
    await expect(sellerPage.getByTestId('seller-complainant-name')).toContainText('Demo Brand Co.');
    await expect(sellerPage.getByTestId('seller-complainant-email')).toBeVisible();
    const form = sellerPage.getByTestId('counter-notice-form');
    await form.getByTestId('counter-notice-statement').fill(CN_STATEMENT);
    for (const [field, value] of Object.entries(IDENTITY)) await form.getByTestId(`counter-notice-identity-${field}`).fill(value);
    await form.getByTestId('counter-notice-evidence').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: samplePdf('Invoice DEMO-2026-001') });
    // The declaration must be ticked: without it nothing is sent.
    await form.getByTestId('counter-notice-submit').click();
    await expect(form.getByTestId('counter-notice-declaration-error')).toBeVisible();
    expect(backend.countRows('counter_notices')).toBe(0);
    await form.getByTestId('counter-notice-declaration').check();
    await form.getByTestId('counter-notice-submit').click();
    await expect(sellerPage.getByTestId('counter-notice-state')).toHaveAttribute('data-state', 'window_open');
    const [cn] = (await backend.api<CounterNoticeList>(`/api/complaints/${mine.id}/counter-notices`, monitor)).items;
    expect(cn).toMatchObject({ listingId: listing.id, state: 'window_open', statement: CN_STATEMENT, identity: IDENTITY });

    // ---------------------------------------------------------------- the complainant's e-mail, read from the SMTP server
    // To the monitor who filed the complaint, with the seller's statement and true identity.
    const forwarded = await mail.waitFor('monitor@demo.test', new RegExp(CN_STATEMENT.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'), 'u'));
    expect(forwarded.text).toContain(IDENTITY.legalName);
    expect(forwarded.text).toContain(mine.id);

    // The complainant's console shows it on the complaint, with the proof form open while the window runs.
    const complainantPage = await consoleAs(plain, backend.url, 'monitor@demo.test', false);
    await complainantPage.goto(`${backend.url}/#/complaints/${mine.id}`);
    const item = complainantPage.locator(`[data-testid="counter-notice-item"][data-counter-notice-id="${cn!.id}"]`);
    await expect(item).toHaveAttribute('data-state', 'window_open');
    await expect(item.getByTestId('counter-notice-statement-text')).toContainText(CN_STATEMENT);
    await expect(item.getByTestId('counter-notice-proof-form')).toBeVisible();

    // ---------------------------------------------------------------- the window passes without proof
    const windowEnds = Date.parse(cn!.windowEndsAt);
    const now = await backend.advanceClock(windowEnds - Date.now() + DAY);
    expect(now).toBeGreaterThan(windowEnds);
    await reviewerPage.goto(`${backend.url}/#/review`);
    const due = reviewerPage.locator(`[data-testid="restore-due-item"][data-counter-notice-id="${cn!.id}"]`);
    await expect(due).toBeVisible();

    // ---------------------------------------------------------------- the reviewer restores the listing
    await due.getByRole('button').first().click();
    await reviewerPage.getByTestId('restore-due-decide-restore').check();
    await reviewerPage.getByTestId('restore-due-statement').fill(RESTORE_STATEMENT);
    await reviewerPage.getByTestId('restore-due-submit').click();
    await expect(due).toHaveCount(0);
    const decided = (await backend.api<CounterNoticeList>(`/api/complaints/${mine.id}/counter-notices`, monitor)).items[0]!;
    expect(decided.state).toBe('restored');
    expect(decided.decision).toMatchObject({ action: 'restore', statement: RESTORE_STATEMENT });
    // In the complainant's record the listing now counts as reversed after a counter-notice.
    expect((await backend.api<ComplainantStats>('/api/complaints/stats', monitor)).listings.reversed).toBe(reversedBefore + 1);

    // ---------------------------------------------------------------- both parties are told, in-site and by e-mail
    for (const [email, token] of [['seller@demo.test', seller], ['monitor@demo.test', monitor]] as const) {
      const inbox = await backend.api<MessageList>('/api/messages', token);
      expect(inbox.items.some((message) => message.kind === 'counter_notice_decided' && message.body.en.includes(RESTORE_STATEMENT)), email).toBe(true);
    }
    await mail.waitFor('seller@demo.test', new RegExp(RESTORE_STATEMENT.slice(0, 30), 'u'));
    await mail.waitFor('monitor@demo.test', new RegExp(RESTORE_STATEMENT.slice(0, 30), 'u'));
    // And by SMS to the number on file, through the HTTP gateway on loopback.
    // (The number is looked up when an SMS is sent, so the earlier decision's SMS may reach it too.)
    const smsTemplates = (['en', 'zh-CN'] as const).map((lang) => noticeTexts(lang).counter_notice_restored!.sms.replace('{{complaintId}}', mine.id));
    const restoredSms = await sms.waitFor(SELLER_PHONE, new RegExp(smsTemplates.map((text) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|'), 'u'));
    expect(restoredSms.authorization).toBe('Bearer e2e-sms-token');
    const sellerInbox = await backend.api<MessageList>('/api/messages', seller);
    const restoredMessage = sellerInbox.items.find((message) => message.kind === 'counter_notice_decided')!;
    await sellerPage.goto(`${backend.url}/#/messages`);
    const entry = sellerPage.locator(`[data-testid="message-item"][data-message-id="${restoredMessage.id}"]`);
    await expect(entry).toHaveAttribute('data-read', 'false');
    await entry.getByRole('button').first().click();
    await expect(entry.getByTestId('message-body')).toContainText(RESTORE_STATEMENT);
    await expect(entry).toHaveAttribute('data-read', 'true');
    // The complainant's console shows the decision on the complaint.
    await complainantPage.reload();
    await expect(item).toHaveAttribute('data-state', 'restored');
    await expect(item.getByTestId('counter-notice-proof-form')).toHaveCount(0);

    // ---------------------------------------------------------------- the disclosure log holds the seller's view
    const admin = await acceptedToken(backend, 'admin@demo.test');
    // One notice to the seller about the restore, with a delivery record per channel, each sent.
    await expect
      .poll(async () => {
        const { items } = await backend.api<NoticeList>('/api/admin/notices?recipient=seller@demo.test', admin);
        const restoreNotice = items.find((notice) => notice.kind === 'counter_notice_restored' && notice.subjectId === cn!.id);
        return restoreNotice?.deliveries.map((delivery) => [delivery.channel, delivery.outcome, delivery.channel === 'in_site' ? '' : delivery.address]).sort();
      })
      .toEqual([
        ['email', 'sent', 'seller@demo.test'],
        ['in_site', 'sent', ''],
        ['sms', 'sent', SELLER_PHONE],
      ]);
    const disclosures = await backend.api<DisclosureList>(`/api/admin/disclosures?complainant=${mine.tenantId}`, admin);
    const sellersView = disclosures.items.filter((item) => item.complaintId === mine.id && item.user.email === 'seller@demo.test');
    expect(sellersView.length).toBeGreaterThan(0);
    for (const entry of sellersView) expect(entry.fields.sort()).toEqual(['email', 'legalName']);
    // And the admin reads the same log in the console.
    // acceptedToken accepted version 2 for the admin already.
    const adminPage = await consoleAs(plain, backend.url, 'admin@demo.test', false);
    await adminPage.goto(`${backend.url}/#/admin/complainants`);
    await adminPage.locator(`[data-testid="complainant-row"][data-tenant-id="${mine.tenantId}"]`).getByTestId('complainant-manage').click();
    await expect(adminPage.locator(`[data-testid="disclosure-row"][data-user-email="seller@demo.test"][data-complaint-id="${mine.id}"]`).first()).toBeVisible();
  } finally {
    await plain.close();
  }
});
