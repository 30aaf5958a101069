import { browser } from 'wxt/browser';
import { createTranslator, currentLocale } from './locale';
import { getActiveSession, openInfoRequestsItem, unreadMessagesItem, type OpenInfoRequests, type UnreadMessages } from './storage';

/**
 * The toolbar button speaks of three things:
 * - per tab, "already reported" (issue #4, part 6): a red '!' on a tab whose
 *   listing is in one of the tenant's open complaints (lib/already-reported.ts);
 * - for the whole browser, how many complaints wait for more material from
 *   the user (issue #5, part 5): a number on amber;
 * - for the whole browser, how many in-site messages are unread (issue #6,
 *   part 4): a number on blue.
 *
 * Precedence:
 * 1. Chrome shows a tab's own badge text where it has one and the global text
 *    everywhere else, so the per-tab "already reported" wins on its tab and
 *    the global number shows on every other tab. The page the user is looking
 *    at matters more right there; the number is back as soon as they move on,
 *    and the popup shows it either way.
 * 2. There is one global badge, so of the two counts it shows the open
 *    requests for material while there are any, and the unread messages
 *    otherwise; the colour tells which. A request has a deadline after which
 *    the complaint closes, and the reviewer's request itself arrives as an
 *    unread message, so a sum would count the same news twice. The title
 *    (tooltip) names both counts, and the popup lists both.
 *
 * Consequences:
 * - Clearing a tab's badge removes its own text (text omitted) instead of
 *   setting '': an empty tab text would hide the global number on that tab.
 * - A tab's title and colour cannot be unset (Chrome requires a value), so a
 *   cleared tab takes the global ones, and a change of the global badge
 *   re-titles and re-colours every tab not showing '!'.
 */

export const ALREADY_REPORTED_BADGE = '!';
export const ALREADY_REPORTED_COLOR = '#b3261e';
export const INFO_REQUESTS_COLOR = '#a15c00';
export const UNREAD_MESSAGES_COLOR = '#1a5fb4';

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

/** The two global counts of the signed-in user, as last learnt; both 0 when signed out. */
export interface GlobalCounts {
  /** Complaints waiting for material. */
  requests: number;
  /** Unread in-site messages. */
  unread: number;
}

export async function globalCounts(): Promise<GlobalCounts> {
  const [session, requests, messages] = await Promise.all([
    getActiveSession(),
    openInfoRequestsItem.getValue(),
    unreadMessagesItem.getValue(),
  ]);
  const userId = session?.user.id ?? null;
  return { requests: openRequestsFor(requests, userId).length, unread: unreadFor(messages, userId) };
}

/** The global badge for these counts: requests for material first, then unread messages (see the top of this file). */
export function globalBadge(counts: GlobalCounts): { text: string; color: string } {
  if (counts.requests > 0) return { text: countBadgeText(counts.requests), color: INFO_REQUESTS_COLOR };
  if (counts.unread > 0) return { text: countBadgeText(counts.unread), color: UNREAD_MESSAGES_COLOR };
  return { text: '', color: INFO_REQUESTS_COLOR };
}

/** The title every tab without its own news shows: both counts, whichever the badge shows. */
export async function globalTitle(counts?: GlobalCounts): Promise<string> {
  const t = await createTranslator(await currentLocale());
  const { requests, unread } = counts ?? (await globalCounts());
  if (requests > 0 && unread > 0) {
    return t('badge.alsoUnreadMessages', { title: t('badge.infoRequests', { count: requests }), count: unread });
  }
  if (requests > 0) return t('badge.infoRequests', { count: requests });
  if (unread > 0) return t('badge.unreadMessages', { count: unread });
  return t('common:appName');
}

/** Drops a tab's own badge so it shows the global one again. */
export async function resetTabBadge(tabId: number): Promise<void> {
  const counts = await globalCounts();
  await browser.action.setBadgeText({ tabId });
  await browser.action.setBadgeBackgroundColor({ tabId, color: globalBadge(counts).color });
  await browser.action.setTitle({ tabId, title: await globalTitle(counts) });
}

/** Paints run one after another, so a slow paint of older counts cannot land after a newer one. */
let painting: Promise<unknown> = Promise.resolve();

/**
 * Shows the current counts on the global badge, and re-titles and re-colours
 * the tabs that carry values of their own but no '!'. Never throws: a badge
 * is not worth a broken worker. Returns the counts shown.
 */
export function paintGlobalBadge(): Promise<GlobalCounts> {
  const next = painting.then(paint, paint);
  painting = next;
  return next;
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
        if (tab.id === undefined) return;
        if ((await browser.action.getBadgeText({ tabId: tab.id })) === ALREADY_REPORTED_BADGE) return;
        await browser.action.setBadgeBackgroundColor({ tabId: tab.id, color: badge.color });
        await browser.action.setTitle({ tabId: tab.id, title });
      }),
    );
    return counts;
  } catch {
    return { requests: 0, unread: 0 };
  }
}
