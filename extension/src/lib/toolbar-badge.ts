import { browser } from 'wxt/browser';
import { createTranslator, currentLocale } from './locale';
import { getActiveSession, openInfoRequestsItem, type OpenInfoRequests } from './storage';

/**
 * The toolbar button speaks of two things:
 * - per tab, "already reported" (issue #4, part 6): a red '!' on a tab whose
 *   listing is in one of the tenant's open complaints (lib/already-reported.ts);
 * - for the whole browser, how many complaints wait for more material from
 *   the user (issue #5, part 5): a number on amber.
 *
 * Chrome shows a tab's own badge text where it has one and the global text
 * everywhere else, so the per-tab "already reported" wins on its tab and the
 * count shows on every other tab. The page the user is looking at matters more
 * right there; the count is back as soon as they move on, and the popup's
 * notice shows it either way. Two consequences:
 * - Clearing a tab's badge removes its own text (text omitted) instead of
 *   setting '': an empty tab text would hide the count on that tab.
 * - A tab's title cannot be unset (Chrome requires a string), so a cleared
 *   tab takes the global title, and a change of the count re-titles every tab
 *   not showing '!'.
 */

export const ALREADY_REPORTED_BADGE = '!';
export const ALREADY_REPORTED_COLOR = '#b3261e';
export const INFO_REQUESTS_COLOR = '#a15c00';

/** Four characters fit on the badge. */
export function countBadgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** What the user `userId` is asked for, of what was last learnt: nothing when it was learnt for another account. */
export function openRequestsFor(known: OpenInfoRequests | null, userId: string | null): OpenInfoRequests['items'] {
  return userId !== null && known?.userId === userId ? known.items : [];
}

/** Open requests of the signed-in user, as last learnt; 0 when signed out. */
export async function openInfoRequestCount(): Promise<number> {
  const [session, known] = await Promise.all([getActiveSession(), openInfoRequestsItem.getValue()]);
  return openRequestsFor(known, session?.user.id ?? null).length;
}

/** The title every tab without its own news shows. */
export async function globalTitle(count?: number): Promise<string> {
  const t = await createTranslator(await currentLocale());
  const open = count ?? (await openInfoRequestCount());
  return open > 0 ? t('badge.infoRequests', { count: open }) : t('common:appName');
}

/** Drops a tab's own badge so it shows the global one again. */
export async function resetTabBadge(tabId: number): Promise<void> {
  await browser.action.setBadgeText({ tabId });
  await browser.action.setBadgeBackgroundColor({ tabId, color: INFO_REQUESTS_COLOR });
  await browser.action.setTitle({ tabId, title: await globalTitle() });
}

/**
 * Shows the current count on the global badge, and re-titles the tabs that
 * carry a title of their own but no '!'. Never throws: a badge is not worth
 * a broken worker.
 */
export async function paintGlobalBadge(): Promise<number> {
  try {
    const count = await openInfoRequestCount();
    const title = await globalTitle(count);
    await browser.action.setBadgeBackgroundColor({ color: INFO_REQUESTS_COLOR });
    await browser.action.setBadgeText({ text: countBadgeText(count) });
    await browser.action.setTitle({ title });
    const tabs = await browser.tabs.query({});
    await Promise.all(
      tabs.map(async (tab) => {
        if (tab.id === undefined) return;
        if ((await browser.action.getBadgeText({ tabId: tab.id })) === ALREADY_REPORTED_BADGE) return;
        await browser.action.setTitle({ tabId: tab.id, title });
      }),
    );
    return count;
  } catch {
    return 0;
  }
}
