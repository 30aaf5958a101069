import { browser } from 'wxt/browser';
import { CaptureError, findTargetTab, type CaptureMode } from './capture';
import { isSupportedPage } from './capture-trigger';
import { createTranslator, currentLocale } from './locale';
import { MARKER_SCRIPT, MARKER_START_GLOBAL, type MarkedPage, type MarkerStart } from './marks';
import { onMessage, type Result } from './messaging';
import { agreementHoldItem, getActiveSession } from './storage';

/**
 * Marking the infringing content before the capture (issue #7, part 3). The
 * popup asks for the overlay; the user marks on the live page; the overlay's
 * Done asks for the capture, which places the marks on the screenshot as it
 * is taken. Marking comes first so marks and screenshot show the same page,
 * scrolled the same way, and the overlay is never in the evidence.
 *
 * Nothing is kept in the worker between the two messages (it may be stopped
 * while the user marks): the mode travels to the overlay and back.
 */

/** The capture path of the popup's button, with the marks (lib/background-services.ts hands it in). */
export type MarkedCaptureRun = (tabId: number, mode: CaptureMode, page: MarkedPage) => Promise<Result<{ id: string; marks: number }>>;

/** Sets the overlay's start values in the extension's isolated world of the page; never in the page's own. */
function leaveStart(name: string, start: MarkerStart): void {
  (globalThis as Record<string, unknown>)[name] = start;
}

/**
 * Injects the overlay into the tab. Refuses what a capture would refuse
 * anyway (an unsupported page, signed out, agreement pending) before the
 * user spends time marking.
 */
export async function startMarking(tabId: number | undefined, mode: CaptureMode, now: () => number = Date.now): Promise<void> {
  const tab = await findTargetTab(tabId);
  if (!isSupportedPage(tab.url)) throw new CaptureError('unsupported_page');
  const session = await getActiveSession(now());
  if (!session) throw new CaptureError('unauthenticated');
  if ((await agreementHoldItem.getValue())?.userId === session.user.id) throw new CaptureError('agreement_acceptance_required');
  const t = await createTranslator(await currentLocale());
  const texts = t('marks', { returnObjects: true }) as unknown as Record<string, string>;
  const target = { tabId: tab.id! };
  try {
    await browser.scripting.executeScript({ target, func: leaveStart, args: [MARKER_START_GLOBAL, { mode, texts }] });
    await browser.scripting.executeScript({ target, files: [MARKER_SCRIPT] } as never);
  } catch {
    // The page refuses extension scripts (another extension's page, a store).
    throw new CaptureError('unsupported_page');
  }
  // The capture shoots the visible tab: the one being marked must be it.
  if (!tab.active) await browser.tabs.update(tab.id!, { active: true });
}

/** Wires the two messages; removed with the worker's other listeners. */
export function watchMarking(capture: MarkedCaptureRun, attempt: <T>(work: () => Promise<T>) => Promise<Result<T>>): void {
  onMessage('startMarking', ({ data }) => attempt(async () => (await startMarking(data.tabId, data.mode ?? 'full'), null)));
  onMessage('captureMarked', ({ data, sender }) => {
    const tabId = sender.tab?.id;
    // Only an overlay in a tab may ask: the marks were measured on that tab's page.
    if (tabId === undefined) return { ok: false, code: 'no_target_tab' };
    return capture(tabId, data.mode, data.page);
  });
}
