import { browser } from 'wxt/browser';
import { createTranslator, currentLocale } from './locale';
import { countUnsynced, onQueueChange, type QueueEntry } from './queue';
import { getActiveSession, openInfoRequestsItem, unreadMessagesItem, type OpenInfoRequests, type UnreadMessages } from './storage';

/**
 * The toolbar button speaks of four things:
 * - per tab, "already reported" (issue #4, part 6): a red '!' on a tab whose
 *   listing is in one of the tenant's open complaints (lib/already-reported.ts);
 * - for the whole browser, how many captures are not receipted yet (issue #7,
 *   part 8): a number on purple;
 * - for the whole browser, how many complaints wait for more material from
 *   the user (issue #5, part 5): a number on amber;
 * - for the whole browser, how many in-site messages are unread (issue #6,
 *   part 4): a number on blue.
 * The last two are learnt by their own polls and by every complete down-sync
 * pull (lib/down-sync.ts), so whatever the inbox page shows as needing action
 * is on the badge too (issue #7, part 7). The lifecycle has no other state
 * that waits on the complainant: needs_info is the request for material.
 * A capture started from the context menu or the keyboard shortcut also
 * flashes a short answer on its tab (lib/capture-trigger.ts), since no popup
 * is open to show one.
 *
 * Precedence:
 * 1. Chrome shows a tab's own badge text where it has one and the global text
 *    everywhere else, so the per-tab "already reported" (and a flash) wins on
 *    its tab and the global number shows on every other tab. The page the
 *    user is looking at matters more right there; the number is back as soon
 *    as they move on, and the popup shows it either way.
 * 2. There is one global badge, so of the three counts it shows the unsynced
 *    captures while there are any, then the open requests for material, then
 *    the unread messages; the colour tells which. Unsynced captures come
 *    first because they are the only news that exists nowhere but in this
 *    browser: requests and messages wait safely on the server, while a user
 *    who closes the browser or wipes the profile believing a capture went up
 *    has lost that evidence. The count is also what a signed-out user must
 *    see to know that signing in is still needed, so it counts every entry of
 *    this browser's queue that has no receipt (waiting, uploading, held for
 *    sign-in or the agreement, failed), whoever is signed in: it is a number
 *    only, and the popup lists them. A request has a deadline after which the
 *    complaint closes, and the reviewer's request itself arrives as an unread
 *    message, so a sum would count the same news twice. The title (tooltip)
 *    names every count, and the popup lists them.
 *
 * Consequences:
 * - Clearing a tab's badge removes its own text (text omitted) instead of
 *   setting '': an empty tab text would hide the global number on that tab.
 * - A tab's title and colour cannot be unset (Chrome requires a value), so a
 *   cleared tab takes the global ones, and a change of the global badge
 *   re-titles and re-colours every tab not showing '!'.
 * - The global badge is repainted after changes of the queue, so a long
 *   sync repaints coalesced: changes within QUEUE_REPAINT_DELAY_MS share one
 *   paint, and a paint already waiting covers later calls. The unsynced
 *   number is an index count, never a read of the whole queue.
 */

export const ALREADY_REPORTED_BADGE = '!';
export const ALREADY_REPORTED_COLOR = '#b3261e';
export const UNSYNCED_COLOR = '#6b3fa0';
export const INFO_REQUESTS_COLOR = '#a15c00';
export const UNREAD_MESSAGES_COLOR = '#1a5fb4';
/**
 * The flash after a capture from the menu or the shortcut. A refusal is not
 * '!': that one means "already reported" on a tab, and a paint leaves it be.
 */
export const CAPTURED_BADGE = '✓';
export const CAPTURED_COLOR = '#1e7d32';
export const REFUSED_BADGE = '×';
export const REFUSED_COLOR = '#3c4043';
/** Long enough to notice; a refusal stays longer, for its title (tooltip) to be read. */
export const FLASH_MS = { captured: 2_000, refused: 6_000 } as const;

/** Four characters fit on the badge. */
export function countBadgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** What the user `userId` is asked for, of what was last learnt: nothing when it was learnt for another account. */
export function openRequestsFor(known: OpenInfoRequests | null, userId: string | null): OpenInfoRequests['items'] {
  return userId !== null && known?.userId === userId ? known.items : [];
}

/** The unread count the user `userId` has, of what was last learnt: none when it was learnt for another account. */
export function unreadFor(known: UnreadMessages | null, userId: string | null): number {
  return userId !== null && known?.userId === userId ? known.unread : 0;
}

/** A capture whose evidence the server has not receipted yet, whatever it waits for. */
export function isUnsynced(entry: Pick<QueueEntry, 'status'>): boolean {
  return entry.status !== 'synced';
}

/** The global counts: unsynced captures of this browser; the rest those of the signed-in user as last learnt (0 when signed out). */
export interface GlobalCounts {
  /** Captures in this browser's queue without a receipt. */
  unsynced: number;
  /** Complaints waiting for material. */
  requests: number;
  /** Unread in-site messages. */
  unread: number;
}

export async function globalCounts(): Promise<GlobalCounts> {
  // An index count: a long queue is not read (and cloned) whole for one number.
  const [session, requests, messages, unsynced] = await Promise.all([
    getActiveSession(),
    openInfoRequestsItem.getValue(),
    unreadMessagesItem.getValue(),
    countUnsynced(),
  ]);
  const userId = session?.user.id ?? null;
  return {
    unsynced,
    requests: openRequestsFor(requests, userId).length,
    unread: unreadFor(messages, userId),
  };
}

/** The global badge for these counts: unsynced captures, then requests for material, then unread messages (see the top of this file). */
export function globalBadge(counts: GlobalCounts): { text: string; color: string } {
  if (counts.unsynced > 0) return { text: countBadgeText(counts.unsynced), color: UNSYNCED_COLOR };
  if (counts.requests > 0) return { text: countBadgeText(counts.requests), color: INFO_REQUESTS_COLOR };
  if (counts.unread > 0) return { text: countBadgeText(counts.unread), color: UNREAD_MESSAGES_COLOR };
  return { text: '', color: INFO_REQUESTS_COLOR };
}

/** The title every tab without its own news shows: every count, the one on the badge first. */
export async function globalTitle(counts?: GlobalCounts): Promise<string> {
  const t = await createTranslator(await currentLocale());
  const { unsynced, requests, unread } = counts ?? (await globalCounts());
  let title: string | undefined;
  if (unsynced > 0) title = t('shortcuts.unsyncedCaptures', { count: unsynced });
  if (requests > 0) {
    title = title === undefined ? t('badge.infoRequests', { count: requests }) : t('shortcuts.alsoInfoRequests', { title, count: requests });
  }
  if (unread > 0) {
    title = title === undefined ? t('badge.unreadMessages', { count: unread }) : t('badge.alsoUnreadMessages', { title, count: unread });
  }
  return title ?? t('common:appName');
}

/** Drops a tab's own badge so it shows the global one again. */
export async function resetTabBadge(tabId: number): Promise<void> {
  const counts = await globalCounts();
  await browser.action.setBadgeText({ tabId });
  await browser.action.setBadgeBackgroundColor({ tabId, color: globalBadge(counts).color });
  await browser.action.setTitle({ tabId, title: await globalTitle(counts) });
}

/**
 * Tabs showing a flash, with what to put back after it: a second flash on
 * the same tab restores what was there before the first. In memory only: a
 * worker that dies mid-flash leaves the mark, and the next tab event or
 * lookup replaces it.
 */
const flashing = new Map<number, { generation: number; reportedTitle: string | null }>();
let generations = 0;

/** Resolves after `ms`, or at once when `signal` aborts. */
function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface FlashOptions {
  /** Aborted (the feature unloads): the flash ends without touching the badge again. */
  signal?: AbortSignal;
  /** How the flash waits; tests hand in their own. */
  hold?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Shows a capture's answer on its tab for a moment (the menu and the shortcut
 * have no popup to answer in), then gives the tab back its '!' or the global
 * badge. Unless something newer (a lookup's '!', another flash) took the tab
 * meanwhile. Never throws: the tab may be gone.
 */
export async function flashTabBadge(
  tabId: number,
  kind: keyof typeof FLASH_MS,
  title: string,
  { signal, hold = wait }: FlashOptions = {},
): Promise<void> {
  const text = kind === 'captured' ? CAPTURED_BADGE : REFUSED_BADGE;
  const generation = (generations += 1);
  try {
    let reportedTitle = flashing.get(tabId)?.reportedTitle;
    if (reportedTitle === undefined) {
      reportedTitle =
        (await browser.action.getBadgeText({ tabId })) === ALREADY_REPORTED_BADGE ? await browser.action.getTitle({ tabId }) : null;
    }
    flashing.set(tabId, { generation, reportedTitle });
    await browser.action.setBadgeBackgroundColor({ tabId, color: kind === 'captured' ? CAPTURED_COLOR : REFUSED_COLOR });
    await browser.action.setBadgeText({ tabId, text });
    await browser.action.setTitle({ tabId, title });
    await hold(FLASH_MS[kind], signal);
    if (flashing.get(tabId)?.generation !== generation) return;
    if (signal?.aborted) {
      flashing.delete(tabId);
      return;
    }
    flashing.delete(tabId);
    if ((await browser.action.getBadgeText({ tabId })) !== text) return;
    if (reportedTitle !== null) {
      await browser.action.setBadgeBackgroundColor({ tabId, color: ALREADY_REPORTED_COLOR });
      await browser.action.setBadgeText({ tabId, text: ALREADY_REPORTED_BADGE });
      await browser.action.setTitle({ tabId, title: reportedTitle });
    } else {
      await resetTabBadge(tabId);
    }
  } catch {
    if (flashing.get(tabId)?.generation === generation) flashing.delete(tabId);
  }
}

/** Paints run one after another, so a slow paint of older counts cannot land after a newer one. */
let painting: Promise<unknown> = Promise.resolve();
/** A paint queued behind the running one: it will read the counts afresh, so later callers can share it. */
let queued: Promise<GlobalCounts> | undefined;

/**
 * Shows the current counts on the global badge, and re-titles and re-colours
 * the tabs that carry values of their own but no '!' and no flash. Never
 * throws: a badge is not worth a broken worker. Returns the counts shown.
 */
export function paintGlobalBadge(): Promise<GlobalCounts> {
  if (queued) return queued;
  const start = () => {
    queued = undefined;
    return paint();
  };
  const next = painting.then(start, start);
  queued = next;
  painting = next;
  return next;
}

/**
 * How long queue changes gather before one repaint shows them all: a sync of a
 * long queue changes it several times per capture, and the badge need not
 * follow faster than the eye.
 */
export const QUEUE_REPAINT_DELAY_MS = 250;

/** Repaints whenever the queue changes (a capture added, uploaded, failed or deleted); aborting `signal` stops it. */
export function watchUnsyncedCaptures(signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  onQueueChange(() => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void paintGlobalBadge();
    }, QUEUE_REPAINT_DELAY_MS);
  }, signal);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}

async function paint(): Promise<GlobalCounts> {
  try {
    const counts = await globalCounts();
    const badge = globalBadge(counts);
    const title = await globalTitle(counts);
    await browser.action.setBadgeBackgroundColor({ color: badge.color });
    await browser.action.setBadgeText({ text: badge.text });
    await browser.action.setTitle({ title });
    const tabs = await browser.tabs.query({});
    await Promise.all(
      tabs.map(async (tab) => {
        if (tab.id === undefined || flashing.has(tab.id)) return;
        if ((await browser.action.getBadgeText({ tabId: tab.id })) === ALREADY_REPORTED_BADGE) return;
        await browser.action.setBadgeBackgroundColor({ tabId: tab.id, color: badge.color });
        await browser.action.setTitle({ tabId: tab.id, title });
      }),
    );
    return counts;
  } catch {
    return { unsynced: 0, requests: 0, unread: 0 };
  }
}
