import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Chrome answers runtime.sendMessage through a callback fed by the listener's
 * sendResponse; the fake browser only returns the listeners' return values.
 * @webext-core/messaging uses the callback form, so give the fake Chrome's.
 */
export function useChromeMessageCallbacks(): void {
  // The fake's placeholder lastError ({ message: '' }) would read as a failure.
  (fakeBrowser.runtime as { lastError?: unknown }).lastError = undefined;
  fakeBrowser.runtime.sendMessage = ((message: unknown, callback?: (response: unknown) => void) => {
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    void trigger(message, {}, (response: unknown) => callback?.(response));
  }) as never;
}
