/**
 * The periodic jobs, in one place for the server's timer and the test clock.
 * Each claims its rows in the database, so a missed tick is harmless and two
 * processes never act twice on one row.
 */
import type { Logger } from '../lib/logger';
import type { Store } from '../store';
import { markRestoreDue } from './counter-notices';
import { expireInfoRequests } from './info-requests';
import { remindExpiringRights } from './rights';

export interface SweepResult {
  /** Counter-notices whose window ended without proof: restoring is due. */
  restoreDue: number;
  /** Requests for material left unanswered past their deadline; their complaints close. */
  requestsClosed: number;
}

/** Runs every job even when one fails; a failure is logged and counted as nothing done. */
export async function runSweeps(store: Store, logger: Logger, now = Date.now()): Promise<SweepResult> {
  const guarded = async <T>(job: string, run: () => Promise<T>, none: T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      logger.error({ err: error, job }, 'sweep failed');
      return none;
    }
  };
  const [requestsClosed, restoreDue] = await Promise.all([
    guarded('close overdue requests for material', () => expireInfoRequests(store, now), 0),
    guarded('mark counter-notices restore due', async () => (await markRestoreDue(store, now)).length, 0),
  ]);
  return { requestsClosed, restoreDue };
}

/** Expiry reminders, hourly: a right's reminder is days ahead, so a slower rhythm is enough. */
export async function runReminders(store: Store, logger: Logger, now = Date.now()): Promise<number> {
  try {
    return await remindExpiringRights(store, now);
  } catch (error) {
    logger.error({ err: error }, 'right expiry reminders failed');
    return 0;
  }
}
