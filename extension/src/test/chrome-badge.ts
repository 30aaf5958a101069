import { onTestFinished } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * What Chrome shows on a tab: its own badge text if it has one ('' included),
 * else the global text. The fake browser answers a tab without a text of its
 * own with '' instead, so the tab texts set are tracked here from the moment
 * this is called until the test ends.
 */
export function trackShownBadges(): (tabId: number) => Promise<string> {
  const own = new Map<number, string>();
  const original = fakeBrowser.action.setBadgeText;
  fakeBrowser.action.setBadgeText = ((details: { tabId?: number; text?: string | null }) => {
    if (details.tabId !== undefined) {
      if (details.text === undefined || details.text === null) own.delete(details.tabId);
      else own.set(details.tabId, details.text);
    }
    return original.call(fakeBrowser.action, details as never);
  }) as typeof original;
  onTestFinished(() => {
    fakeBrowser.action.setBadgeText = original;
  });
  return async (tabId) => own.get(tabId) ?? (await fakeBrowser.action.getBadgeText({}));
}

/** A badge colour as the fake browser reports it (RGBA). */
export function rgba(hex: string): number[] {
  const value = parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, 255];
}
