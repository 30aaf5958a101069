import { browser } from 'wxt/browser';

type PagePath = Parameters<typeof browser.runtime.getURL>[0];

/** An extension page (`/complaint.html`, `/requests.html`): one tab of each is enough, so an open one is brought forward. */
export async function openExtensionPage(path: PagePath): Promise<void> {
  const url = browser.runtime.getURL(path);
  const open = (await browser.tabs.query({})).find((tab) => tab.url?.startsWith(url));
  if (open?.id !== undefined) {
    await browser.tabs.update(open.id, { active: true });
    if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true }).catch(() => undefined);
    return;
  }
  await browser.tabs.create({ url });
}

/** Where the popup's "N complaints need more material" leads (issue #5). */
export function openRequestsPage(): Promise<void> {
  return openExtensionPage('/requests.html');
}

export function requestsPageUrl(): string {
  return browser.runtime.getURL('/requests.html');
}
