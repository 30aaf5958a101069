import { defineContentScript } from 'wxt/utils/define-content-script';
import { startMarker } from './overlay';

/**
 * The marking overlay (issue #7, part 3). Not in the manifest: the worker
 * injects it into one tab when the user asks to mark (lib/marking.ts), so
 * no page carries our code unasked. A second injection replaces the first:
 * WXT invalidates the older context, whose signal removes its overlay.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  main(ctx) {
    startMarker(ctx.signal);
  },
});
