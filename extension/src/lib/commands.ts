import { browser, type Browser } from 'wxt/browser';
import { triggerCapture, type CaptureRun, type TriggerOptions } from './capture-trigger';

/**
 * The keyboard shortcut (issue #7, part 8). Declared in wxt.config.ts under
 * `commands` with its suggested keys and a description from public/_locales
 * (the browser's shortcut settings page shows it, and only chrome.i18n can
 * word the manifest); users rebind it there.
 */

export const CAPTURE_COMMAND = 'capture-listing';
export const CAPTURE_COMMAND_KEYS = 'Alt+Shift+C';

/** Wires the shortcut to `capture`; aborting `signal` unwires it. Browsers without commands (Firefox for Android) get none. */
export function watchCommands(signal: AbortSignal, capture: CaptureRun, options: Omit<TriggerOptions, 'signal'> = {}): void {
  const onCommand = (command: string, tab?: Browser.tabs.Tab) => {
    if (command === CAPTURE_COMMAND) void triggerCapture(tab, capture, { ...options, signal });
  };
  try {
    browser.commands.onCommand.addListener(onCommand);
  } catch {
    return;
  }
  signal.addEventListener(
    'abort',
    () => {
      try {
        browser.commands.onCommand.removeListener(onCommand);
      } catch {
        // never added
      }
    },
    { once: true },
  );
}
