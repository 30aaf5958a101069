import { browser, type Browser } from 'wxt/browser';
import { triggerCapture, type CaptureRun, type TriggerOptions } from './capture-trigger';
import { createTranslator, currentLocale } from './locale';
import { localeOverrideItem } from './storage';

/**
 * "Capture this listing" on the page's context menu (issue #7, part 8). The
 * title comes from locales/ like every other text, so it follows the
 * language picked in the popup rather than the browser's: the item is made
 * afresh in that language at every worker start and whenever the choice
 * changes. (chrome.i18n could only follow the browser's language.)
 */

export const CAPTURE_MENU_ID = 'openipp-capture-listing';
/** Offered only where a capture can work; other pages (about:, file://, …) get no item at all. */
export const CAPTURE_MENU_PAGES = ['http://*/*', 'https://*/*'];

type Menus = typeof browser.contextMenus;

/** Menus outlive the worker in Chrome, so every (re)creation removes the old item first; one at a time, or two starts would clash. */
let menuWork: Promise<void> = Promise.resolve();

/** Makes the menu item in the user's current language. Never throws. */
export function createCaptureMenu(): Promise<void> {
  const run = async () => {
    const menus: Menus | undefined = browser.contextMenus;
    if (!menus) return;
    const t = await createTranslator(await currentLocale());
    await Promise.resolve()
      .then(() => menus.remove(CAPTURE_MENU_ID))
      .catch(() => undefined);
    await new Promise<void>((resolve) => {
      menus.create(
        { id: CAPTURE_MENU_ID, title: t('shortcuts.menuTitle'), contexts: ['page'], documentUrlPatterns: CAPTURE_MENU_PAGES },
        () => {
          // Read, so Chrome does not report an unchecked error; the item is simply missing then.
          void browser.runtime.lastError;
          resolve();
        },
      );
    });
  };
  menuWork = menuWork.then(run).catch(() => undefined);
  return menuWork;
}

/**
 * Wires the menu item to `capture` and re-words it on a change of language;
 * aborting `signal` unwires both. Browsers without menus (Firefox for
 * Android) simply get none.
 */
export function watchContextMenu(signal: AbortSignal, capture: CaptureRun, options: Omit<TriggerOptions, 'signal'> = {}): void {
  const onClicked = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    if (info.menuItemId === CAPTURE_MENU_ID) void triggerCapture(tab, capture, { ...options, signal });
  };
  try {
    browser.contextMenus.onClicked.addListener(onClicked);
  } catch {
    return;
  }
  const unwatch = localeOverrideItem.watch(() => void createCaptureMenu());
  void createCaptureMenu();
  signal.addEventListener(
    'abort',
    () => {
      unwatch();
      try {
        browser.contextMenus.onClicked.removeListener(onClicked);
      } catch {
        // never added
      }
    },
    { once: true },
  );
}
