import { useEffect, useState } from 'react';
import { browser, type Browser } from 'wxt/browser';

/**
 * The tab the popup was opened over. When popup.html runs in a tab of its own
 * (opened directly, as automated tests do), that tab is the extension page, so
 * the most recently used other web tab is meant instead; `?tabId=` names one
 * explicitly.
 */
export async function resolveTargetTab(search: string): Promise<Browser.tabs.Tab | undefined> {
  const explicit = Number(new URLSearchParams(search).get('tabId'));
  if (Number.isInteger(explicit) && explicit >= 0 && new URLSearchParams(search).has('tabId')) {
    return browser.tabs.get(explicit).catch(() => undefined);
  }
  const self = await browser.tabs.getCurrent();
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!self || active?.id !== self.id) return active;
  const others = (await browser.tabs.query({})).filter((tab) => tab.id !== self.id && tab.url?.startsWith('http'));
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0];
}

/**
 * Re-resolved whenever tabs change: a popup running in a tab stays open while
 * the user moves between pages, and its Capture button must follow.
 */
export function useTargetTab(): { tab: Browser.tabs.Tab | undefined; loaded: boolean } {
  const [state, setState] = useState<{ tab: Browser.tabs.Tab | undefined; loaded: boolean }>({
    tab: undefined,
    loaded: false,
  });
  useEffect(() => {
    const controller = new AbortController();
    const refresh = () =>
      void resolveTargetTab(location.search)
        .catch(() => undefined)
        .then((tab) => !controller.signal.aborted && setState({ tab, loaded: true }));
    refresh();
    const events = [browser.tabs.onActivated, browser.tabs.onUpdated, browser.tabs.onRemoved] as const;
    for (const event of events) event.addListener(refresh);
    controller.signal.addEventListener('abort', () => {
      for (const event of events) event.removeListener(refresh);
    });
    return () => controller.abort();
  }, []);
  return state;
}
