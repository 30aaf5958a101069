import { browser } from 'wxt/browser';
import { isCapturableUrl, recognizeListing, type ListingLookup } from '@openipp/shared';
import { lookupReports } from './complaints';
import { createTranslator, currentLocale } from './locale';
import { getActiveSession, sessionItem } from './storage';
import { ALREADY_REPORTED_BADGE, ALREADY_REPORTED_COLOR, resetTabBadge } from './toolbar-badge';

/**
 * "Already reported" on the toolbar (issue #4, part 6): while the user is on
 * a listing that sits in one of the tenant's open complaints, the action badge
 * says so for that tab, over the global count (open requests for material,
 * else unread messages; lib/toolbar-badge.ts explains how they share the button). Every
 * listener swallows its own errors: a lookup that fails must never break tab
 * events, it only leaves the tab on the global badge.
 */

export { ALREADY_REPORTED_BADGE } from './toolbar-badge';

export type LookupFn = (url: string) => Promise<ListingLookup>;

/**
 * Only recognised marketplace listing pages are asked about. The badge runs
 * on every page load without the user asking; sending the address of every
 * page they visit to the server would report their browsing, and only
 * listings are what complaints name. (The popup, opened on purpose, asks
 * about any web page.)
 */
export function isLookupCandidate(url: string | undefined): url is string {
  return isCapturableUrl(url) && (recognizeListing(url!)?.listingId ?? null) !== null;
}

/** Back to the global badge (see lib/toolbar-badge.ts). */
export function clearBadge(tabId: number): Promise<void> {
  return resetTabBadge(tabId);
}

async function showBadge(tabId: number, count: number): Promise<void> {
  const t = await createTranslator(await currentLocale());
  await browser.action.setBadgeBackgroundColor({ tabId, color: ALREADY_REPORTED_COLOR });
  await browser.action.setBadgeText({ tabId, text: ALREADY_REPORTED_BADGE });
  await browser.action.setTitle({ tabId, title: t('badge.alreadyReported', { count }) });
}

/**
 * Asks the server about the tab's page and sets or clears its badge. Returns
 * whether it is reported; never throws.
 */
export async function refreshTabBadge(tabId: number, url: string | undefined, lookup: LookupFn = lookupReports): Promise<boolean> {
  try {
    if (!isLookupCandidate(url) || !(await getActiveSession())) {
      await clearBadge(tabId);
      return false;
    }
    const answer = await lookup(url);
    // The tab may have moved on while we asked: an answer about its old page must not stick to the new one.
    const now = await browser.tabs.get(tabId).catch(() => undefined);
    if (now?.url !== url) return false;
    if (answer.reports.length > 0) {
      await showBadge(tabId, answer.reports.length);
      return true;
    }
    await clearBadge(tabId);
    return false;
  } catch {
    await clearBadge(tabId).catch(() => undefined);
    return false;
  }
}

/** Re-judges the visible tab of every window, e.g. after a complaint was filed or a login. */
export async function refreshActiveTabs(lookup: LookupFn = lookupReports): Promise<void> {
  try {
    const tabs = await browser.tabs.query({ active: true });
    await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : refreshTabBadge(tab.id, tab.url, lookup))));
  } catch {
    // Nothing to show is better than a broken worker.
  }
}

async function clearAllTabs(): Promise<void> {
  try {
    const tabs = await browser.tabs.query({});
    await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : clearBadge(tab.id).catch(() => undefined))));
  } catch {
    // as above
  }
}

/** Wires the tab and session events; aborting `signal` unwires them. */
export function watchAlreadyReported(signal: AbortSignal, lookup: LookupFn = lookupReports): void {
  const onActivated = ({ tabId }: { tabId: number }) =>
    browser.tabs
      .get(tabId)
      .then((tab) => refreshTabBadge(tabId, tab?.url, lookup))
      .catch(() => false);
  const onUpdated = (tabId: number, change: { status?: string; url?: string }, tab: { url?: string }) => {
    if (change.status === 'complete') return refreshTabBadge(tabId, tab.url, lookup);
    // A new page is loading: the old page's answer no longer holds.
    if (change.url !== undefined) return clearBadge(tabId).then(() => false, () => false);
    return Promise.resolve(false);
  };
  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  const unwatch = sessionItem.watch((session) => {
    void (session ? refreshActiveTabs(lookup) : clearAllTabs());
  });
  signal.addEventListener(
    'abort',
    () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      unwatch();
    },
    { once: true },
  );
}
