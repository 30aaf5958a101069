import { defineContentScript } from 'wxt/utils/define-content-script';
import { readListingPage } from '@/lib/page-readers';

/**
 * The listing page reader (issue #7, part 4). Not in the manifest: the worker
 * injects it into the tab being captured (lib/capture.ts), just before the
 * frames are taken, and takes what `main` returns as the injection's result.
 * It only reads the DOM; it changes nothing on the page and stays nowhere.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  main() {
    return readListingPage(document, location.href);
  },
});
