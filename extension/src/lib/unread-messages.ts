import type { MessageList } from '@openipp/shared';
import { watchAccountPoll } from './account-poll';
import { ApiError, listMessages, markMessageRead } from './api';
import { agreementHoldItem, getActiveSession, unreadMessagesItem, type UnreadMessages } from './storage';
import { paintGlobalBadge } from './toolbar-badge';
import { withSession } from './with-session';

/**
 * In-site messages, the worker's side (issue #6, part 4): it learns how many
 * of the user's messages are unread and the newest few of them, keeps that in
 * storage for the toolbar count and the popup, and marks a message read when
 * the user opens it from the popup. Pages never call the backend themselves.
 *
 * When it asks: on an alarm every minute while signed in, after a sign-in,
 * when the popup opens, and after the popup marked a message read. Notices
 * about a decision or a counter-notice are worth seeing within a minute, and
 * an alarm (unlike a timer) outlives the worker, which MV3 ends after ~30 s
 * idle.
 */

export const UNREAD_MESSAGES_ALARM = 'openipp-unread-messages';
export const UNREAD_MESSAGES_PERIOD_MINUTES = 1;
/** How many unread titles the popup lists; the console's inbox has the rest. */
export const LATEST_UNREAD_SHOWN = 3;

/** What is kept of the server's answer: the count, and the newest unread (the list comes newest first). */
export function summariseMessages(list: MessageList, userId: string, checkedAt: string): UnreadMessages {
  const latest = list.items
    .filter((message) => message.readAt === null)
    .slice(0, LATEST_UNREAD_SHOWN)
    .map(({ id, kind, title, createdAt }) => ({ id, kind, title, createdAt }));
  return { userId, checkedAt, unread: list.unread, latest };
}

let inflight: Promise<UnreadMessages | null> | undefined;

/**
 * Asks the server and stores the answer; concurrent callers share one round.
 * Signed out: forgets what was stored. While the agreement gate is up the
 * server refuses everything but the gate, so nothing is asked and the last
 * count stays.
 */
export function refreshUnreadMessages(signal?: AbortSignal): Promise<UnreadMessages | null> {
  inflight ??= (async () => {
    const session = await getActiveSession();
    if (!session) {
      if (!signal?.aborted) await forgetAll();
      return null;
    }
    if ((await agreementHoldItem.getValue())?.userId === session.user.id) {
      throw new ApiError(403, 'agreement_acceptance_required');
    }
    const list = await withSession((client) => listMessages(client));
    // Unloaded meanwhile, or another account signed in: this answer is nobody's now.
    if (signal?.aborted || (await getActiveSession())?.user.id !== session.user.id) return null;
    const known = summariseMessages(list, session.user.id, new Date().toISOString());
    await unreadMessagesItem.setValue(known);
    await paintGlobalBadge();
    return known;
  })().finally(() => {
    inflight = undefined;
  });
  return inflight;
}

async function forgetAll(): Promise<void> {
  await unreadMessagesItem.setValue(null);
  await paintGlobalBadge();
}

/**
 * POST /api/messages/{id}/read, then the count and the list afresh. The
 * message leaves the stored list at once, so the badge and the popup follow
 * the click even when the new answer is slow or never comes. A 404 (a message
 * that is not, or no longer, the user's) only means the list was stale.
 */
export async function readMessage(id: string): Promise<void> {
  try {
    await withSession((client) => markMessageRead(client, id));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  const known = await unreadMessagesItem.getValue();
  if (known?.latest.some((message) => message.id === id)) {
    await unreadMessagesItem.setValue({
      ...known,
      unread: Math.max(0, known.unread - 1),
      latest: known.latest.filter((message) => message.id !== id),
    });
    await paintGlobalBadge();
  }
  await refreshUnreadMessages().catch(() => null);
}

/**
 * Wires the alarm, sign-in and sign-out; aborting `signal` unwires them.
 * (The language watch that re-words the badge title is lib/info-requests.ts's:
 * one repaint covers both counts.)
 */
export function watchUnreadMessages(signal: AbortSignal): { start: () => Promise<void> } {
  return watchAccountPoll(signal, {
    alarm: UNREAD_MESSAGES_ALARM,
    periodMinutes: UNREAD_MESSAGES_PERIOD_MINUTES,
    refresh: refreshUnreadMessages,
    remembered: () => unreadMessagesItem.getValue(),
    forget: forgetAll,
    paint: paintGlobalBadge,
  });
}
