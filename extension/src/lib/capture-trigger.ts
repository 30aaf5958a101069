import type { TFunction } from 'i18next';
import { browser, type Browser } from 'wxt/browser';
import { isCapturableUrl } from '@openipp/shared';
import { CaptureError, findTargetTab } from './capture';
import { createTranslator, currentLocale } from './locale';
import type { Result } from './messaging';
import { flashTabBadge, type FlashOptions } from './toolbar-badge';

/**
 * Captures started without the popup (issue #7, part 8): the context menu's
 * "Capture this listing" and the keyboard shortcut. Both run the very capture
 * the popup's button asks the worker for (lib/background-services.ts hands it
 * in), and answer on the toolbar instead of in a popup:
 * - a short '✓' on the tab when the capture is in the queue, '×' with the
 *   reason as the button's title when it is not (lib/toolbar-badge.ts). A
 *   system notification would need the `notifications` permission and is
 *   easily missed or muted; the badge is where the user looks for OpenIPP.
 * - the visible area is taken, not the whole page (the popup's default):
 *   a shortcut should shoot what the user sees at once, and a full-page
 *   capture scrolls the page for seconds with its progress and its Cancel
 *   button only in the popup.
 * - signed out, or the agreement not yet accepted: the popup opens as well,
 *   because only it can sign in or show the agreement, and the user asked for
 *   a capture just now. Where the browser refuses to open it (no focused
 *   window, an older Chrome), it opens in a tab, still aimed at the page.
 */

/** Capture with the popup's own path: queue, then sync. The error codes are the popup's. */
export type CaptureRun = (tabId?: number) => Promise<Result<{ id: string }>>;

/**
 * http(s), yet closed to every extension: the browsers' own add-on stores
 * refuse screenshots and scripts, so a capture there could only fail late,
 * with a less helpful message.
 */
const STORE_PAGES: readonly { host: string; path?: string }[] = [
  { host: 'chromewebstore.google.com' },
  { host: 'chrome.google.com', path: '/webstore' },
  { host: 'microsoftedge.microsoft.com', path: '/addons' },
  { host: 'addons.mozilla.org' },
];

/**
 * Whether a capture of this page can work: an http(s) address without
 * credentials (the shared rule, so never chrome://, about:, view-source:,
 * file:// and the like), and not an add-on store.
 */
export function isSupportedPage(url: string | undefined): url is string {
  if (!isCapturableUrl(url)) return false;
  const { hostname, pathname } = new URL(url!);
  return !STORE_PAGES.some(
    (store) =>
      hostname === store.host &&
      (store.path === undefined || pathname === store.path || pathname.startsWith(`${store.path}/`)),
  );
}

/** Refuses, before anything is taken or queued, a page no capture can work on. */
export async function assertSupportedPage(tabId?: number): Promise<void> {
  const tab = await findTargetTab(tabId);
  if (!isSupportedPage(tab.url)) throw new CaptureError('unsupported_page');
}

/** Codes after which only the popup can help: signing in, or the agreement gate. */
const NEEDS_POPUP = new Set(['unauthenticated', 'agreement_acceptance_required']);

export interface TriggerOutcome {
  /** The capture's queue id, or why nothing was queued. */
  result: Result<{ id: string }>;
  /** Settles when the badge flash is over (tests wait for it; the worker does not). */
  flashed: Promise<void>;
}

/** `signal`: the feature's; `hold`: how the flash waits (tests hand in their own). */
export type TriggerOptions = FlashOptions;

/**
 * Captures `tab` (the one the menu was opened on or the shortcut pressed
 * over; else the active tab of the last-focused window) and answers on its
 * badge. Never throws.
 */
export async function triggerCapture(
  tab: Browser.tabs.Tab | undefined,
  capture: CaptureRun,
  options: TriggerOptions = {},
): Promise<TriggerOutcome> {
  const target = tab?.id !== undefined ? tab : await findTargetTab().catch(() => undefined);
  const t = await createTranslator(await currentLocale());
  const flash = (kind: 'captured' | 'refused', title: string) =>
    target?.id === undefined ? Promise.resolve() : flashTabBadge(target.id, kind, title, options);

  let result: Result<{ id: string }>;
  if (target?.id === undefined) result = { ok: false, code: 'no_target_tab' };
  else if (!isSupportedPage(target.url)) result = { ok: false, code: 'unsupported_page' };
  else result = await capture(target.id).catch((): Result<{ id: string }> => ({ ok: false, code: 'capture_failed' }));

  if (result.ok) return { result, flashed: flash('captured', t('shortcuts.captured')) };
  const title =
    result.code === 'unsupported_page'
      ? t('shortcuts.unsupportedPage')
      : t('shortcuts.captureFailed', { reason: reasonText(t, result.code) });
  const flashed = flash('refused', title);
  if (NEEDS_POPUP.has(result.code)) await openPopup(target?.id);
  return { result, flashed };
}

/** A refusal's text, from where the popup finds it: capture errors, then those of the full-page capture. */
function reasonText(t: TFunction, code: string): string {
  const unknown = t('shortcuts.unknownReason');
  return t(`errors.${code}`, { defaultValue: t(`fullPage.errors.${code}`, { defaultValue: unknown }) });
}

/** The toolbar popup, else popup.html in a tab aimed at the page (the popup reads `?tabId=`). */
async function openPopup(tabId: number | undefined): Promise<void> {
  try {
    await browser.action.openPopup();
    return;
  } catch {
    // Refused or unsupported here: a tab does the same job.
  }
  const path = tabId === undefined ? '/popup.html' : `/popup.html?tabId=${tabId}`;
  await browser.tabs.create({ url: browser.runtime.getURL(path as '/popup.html') }).catch(() => undefined);
}
