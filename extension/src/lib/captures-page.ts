import { browser } from 'wxt/browser';
import { openExtensionPage } from './extension-page';

/** Where the popup's "All captures" leads (issue #7 part 6). */
export function openCapturesPage(): Promise<void> {
  return openExtensionPage('/captures.html');
}

export function capturesPageUrl(): string {
  return browser.runtime.getURL('/captures.html');
}
