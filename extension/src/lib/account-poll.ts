import { browser } from 'wxt/browser';
import { getActiveSession, sessionItem } from './storage';

/**
 * A count the background keeps current for the signed-in account by asking
 * the server on an alarm (the MV3 worker sleeps, so no timers): open requests
 * for material, unread messages. What was last heard is kept in extension
 * storage with the account it belongs to and when it was asked.
 */
export interface AccountPoll {
  alarm: string;
  periodMinutes: number;
  refresh(signal: AbortSignal): Promise<unknown>;
  remembered(): Promise<{ userId: string; checkedAt: string } | null>;
  /** Drops what is stored (a sign-out, another account) and repaints the badge. */
  forget(): Promise<void>;
  /** Repaints the badge from what is stored. */
  paint(): Promise<unknown>;
}

async function ensureAlarm(poll: AccountPoll): Promise<void> {
  // Re-creating an alarm restarts its period, so only create it when missing.
  if (!(await browser.alarms.get(poll.alarm))) await browser.alarms.create(poll.alarm, { periodInMinutes: poll.periodMinutes });
}

export function isStale(known: { userId: string; checkedAt: string } | null, userId: string, now: number, periodMinutes: number): boolean {
  return known?.userId !== userId || now - Date.parse(known.checkedAt) >= periodMinutes * 60_000;
}

/**
 * Wires the alarm, sign-in and sign-out; aborting `signal` unwires them.
 * `start` handles the worker's start: the badge repainted (Chrome does not
 * keep a badge across browser restarts) and, only if what is stored is older
 * than the period, asked afresh, since a worker wakes far more often than that.
 */
export function watchAccountPoll(signal: AbortSignal, poll: AccountPoll): { start: () => Promise<void> } {
  const quietly = () => void poll.refresh(signal).catch(() => undefined);
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === poll.alarm) quietly();
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  const unwatchSession = sessionItem.watch((session, previous) => {
    // Only a change of account counts: the session is rewritten whenever /api/me is asked.
    if (session?.user.id === previous?.user.id) return;
    if (session) {
      void ensureAlarm(poll).catch(() => undefined);
      quietly();
    } else {
      void browser.alarms.clear(poll.alarm).catch(() => false);
      void poll.forget().catch(() => undefined);
    }
  });
  signal.addEventListener(
    'abort',
    () => {
      browser.alarms.onAlarm.removeListener(onAlarm);
      unwatchSession();
    },
    { once: true },
  );

  const start = async () => {
    const session = await getActiveSession();
    if (!session) {
      await browser.alarms.clear(poll.alarm);
      await poll.forget();
      return;
    }
    await ensureAlarm(poll);
    await poll.paint();
    if (isStale(await poll.remembered(), session.user.id, Date.now(), poll.periodMinutes)) await poll.refresh(signal).catch(() => null);
  };
  return { start: () => start().catch(() => undefined) };
}
