import { expect, test } from '@playwright/test';
import { acceptedToken } from '../support/demo-rights';
import { badgeText, globalBadgeText, tabIdOf } from '../support/extension';
import { captureListings, marketplaceJourney, signInThroughPopup } from '../support/marketplace-journey';
import { ComplaintBuilderPage } from '../pages/complaint-builder';
import { ConsolePage } from '../pages/console';

interface ComplaintBody {
  id: string;
  state: string;
  listings: { canonicalUrl: string; marketplace: string; jurisdiction: string | null; captureIds: string[]; location: { kind: string } | null }[];
  transitions: { from: string | null; to: string; actor: { email: string } }[];
}

const journey = marketplaceJourney();

test('two listings captured on marketplace hosts become one qualified complaint, then "already reported"', async () => {
  test.setTimeout(240_000);
  const { backend, fixtures, browser } = journey;
  const { context, extensionId } = browser;

  const popup = await signInThroughPopup(journey, 'monitor@demo.test', 'demo-password-1');
  await expect(popup.page.getByTestId('user-email')).toContainText('monitor@demo.test');

  // Real host names on loopback: Taobao over http with a tracking parameter, Amazon over https.
  const taobao = fixtures.taobaoItem('612345678901', '&spm=a21bo.jianhua.201876.1');
  const amazon = fixtures.amazonItem('B0DEMO0001');
  await captureListings(popup, [taobao, amazon]);

  // The popup opens the builder in a tab of its own.
  const [page] = await Promise.all([context.waitForEvent('page'), popup.page.getByTestId('build-complaint').click()]);
  await page.waitForLoadState();
  expect(page.url()).toBe(`chrome-extension://${extensionId}/complaint.html`);
  const builder = new ComplaintBuilderPage(page);
  const empty = await builder.problemCount();
  expect(await builder.codes()).toContain('listings_missing');

  // Both captures in one batch.
  const options = page.getByTestId('capture-option');
  await expect(options).toHaveCount(2);
  await options.nth(0).check();
  await options.nth(1).check();
  await page.getByTestId('add-captures').click();
  await expect(page.getByTestId('listing')).toHaveCount(2);
  // A listing without a marked location is a problem of its own: the list grows by one net.
  await expect.poll(() => builder.problemCount()).toBe(empty + 1);
  expect(await builder.codes()).toEqual(expect.arrayContaining(['listing_location_missing']));
  expect(await builder.codes()).not.toContain('listings_missing');

  // Each element filled takes its problem off the list.
  let count = await builder.problemCount();
  const rightId = await page
    .getByTestId('right-select')
    .locator('option[data-status="verified"]')
    .first()
    .getAttribute('value');
  await page.getByTestId('right-select').selectOption(rightId!);
  count = await builder.expectFewerThan(count);
  await page.getByTestId('reason-select').selectOption('counterfeit');
  count = await builder.expectFewerThan(count);
  await page.getByTestId('explanation').fill('These bags carry our registered DemoBrand mark; we never made, sold or licensed them.');
  count = await builder.expectFewerThan(count);
  await page.getByTestId('good-faith').check();
  count = await builder.expectFewerThan(count);
  await page.getByTestId('accuracy').check();
  count = await builder.expectFewerThan(count);
  await builder.markRegion(0);
  count = await builder.expectFewerThan(count);
  await builder.listing(1).getByTestId('quote-input').fill('DemoBrand Classic Tote Bag');
  count = await builder.expectFewerThan(count);
  expect(count).toBe(0);
  await expect(page.getByTestId('qualified')).toBeVisible();

  await page.getByTestId('submit').click();
  const complaintId = (await page.getByTestId('complaint-id').textContent())!.trim();
  expect(complaintId).not.toBe('');

  // The server filed exactly this, canonicalised.
  const monitor = await acceptedToken(backend, 'monitor@demo.test');
  const filed = await backend.api<ComplaintBody>(`/api/complaints/${complaintId}`, monitor);
  expect(filed.state).toBe('submitted');
  // In the order the builder listed them (the picker shows the newest capture first).
  expect(filed.listings.map((l) => l.location?.kind)).toEqual(['region', 'text']);
  expect(filed.listings.map((l) => [l.marketplace, l.canonicalUrl, l.jurisdiction]).sort()).toEqual([
    ['amazon', 'https://www.amazon.com/dp/B0DEMO0001', 'US'],
    ['taobao', 'https://item.taobao.com/item.htm?id=612345678901', 'CN'],
  ]);
  expect(filed.listings.every((l) => l.captureIds.length === 1)).toBe(true);
  expect(filed.transitions.map((t) => [t.from, t.to, t.actor.email])).toEqual([
    [null, 'draft', 'monitor@demo.test'],
    ['draft', 'submitted', 'monitor@demo.test'],
  ]);
  // Exactly one complaint (the demo's own upheld one aside), with its two listings.
  expect(backend.rows<{ n: number }>("SELECT count(*) AS n FROM complaints c JOIN users u ON u.id = c.created_by WHERE u.email = 'monitor@demo.test'")[0]!.n).toBe(1);
  expect(backend.rows<{ n: number }>('SELECT count(*) AS n FROM complaint_listings WHERE complaint_id = ?', complaintId)[0]!.n).toBe(2);

  // The console shows it as submitted.
  const consolePage = new ConsolePage(await context.newPage(), backend.url);
  await consolePage.login('monitor@demo.test', 'demo-password-1');
  await consolePage.page.goto(`${backend.url}/#/complaints/${complaintId}`);
  await expect(consolePage.page.getByTestId('complaint-state')).toHaveAttribute('data-state', 'submitted');

  // Back on the Taobao listing, reached another way: the extension says it is already reported.
  const again = await context.newPage();
  await again.goto(fixtures.taobaoItem('612345678901', '&spm=a1z10.5-c.w4002.3'));
  await again.bringToFront();
  const tabId = await tabIdOf(browser, again.url());
  // The tab's own mark wins over the unread count the other tabs show.
  await expect.poll(() => badgeText(browser, tabId), { timeout: 15_000 }).toBe('!');

  await popup.page.reload();
  await expect(popup.page.getByTestId('already-reported')).toBeVisible();
  await expect(popup.page.getByTestId('already-reported-link')).toHaveAttribute('href', new RegExp(`#/complaints/${complaintId}$`));
  // Capturing it again still works (more evidence is welcome); the notice stays.
  const id = await popup.capture();
  await expect(popup.item(id)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 });
  await expect(popup.page.getByTestId('already-reported')).toBeVisible();

  // A listing on a page nobody has reported shows no badge.
  const fresh = await context.newPage();
  await fresh.goto(fixtures.amazonItem('B0DEMO0999'));
  await fresh.bringToFront();
  const freshTab = await tabIdOf(browser, fresh.url());
  await popup.page.reload();
  await expect(popup.page.getByTestId('queue-list')).toHaveAttribute('data-loaded', 'true');
  await expect(popup.page.getByTestId('already-reported')).toHaveCount(0);
  // A listing nobody has reported shows what every other tab shows: the unread in-site messages
  // (at least the notice of agreement version 2), as many as the server counts.
  const { unread } = await backend.api<{ unread: number }>('/api/messages', monitor);
  expect(unread).toBeGreaterThan(0);
  await expect.poll(() => globalBadgeText(browser), { timeout: 15_000 }).toBe(unread > 99 ? '99+' : String(unread));
  expect(await badgeText(browser, freshTab)).toBe(await globalBadgeText(browser));
});
