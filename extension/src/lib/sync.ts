import { browser } from 'wxt/browser';
import { ApiError, NETWORK_STATUS, uploadCapture } from './api';
import { applyAccountProblem } from './account-state';
import { backoffDelay } from './backoff';
import { adoptReceiptInDraft } from './complaint-draft';
import {
  claimForUpload,
  deferPending,
  getScreenshot,
  markAgreementRequired,
  markAuthRequired,
  markFailed,
  markRetry,
  markSynced,
  nextDue,
  nextWakeAt,
  type QueueEntry,
} from './queue';
import { agreementHoldItem, getActiveSession, getBackendUrl } from './storage';

/**
 * MV3 kills an idle service worker after ~30 s, taking its timers with it. The
 * alarm (Chrome's minimum period is 30 s) wakes a fresh worker to carry on.
 */
export const SYNC_ALARM = 'openipp-sync';
export const SYNC_ALARM_PERIOD_MINUTES = 0.5;

/** Retrying may help: the server was unreachable, overloaded or throttling us. */
export function isRetryable(error: ApiError): boolean {
  return error.status === NETWORK_STATUS || error.status === 429 || error.status >= 500;
}

export interface SyncerOptions {
  now?: () => number;
  random?: () => number;
}

export interface Syncer {
  /** Uploads every due entry, one at a time, then schedules the next wake-up. */
  run(): Promise<void>;
  dispose(): void;
}

export function createSyncer({ now = Date.now, random = Math.random }: SyncerOptions = {}): Syncer {
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  async function uploadOne(entry: QueueEntry): Promise<void> {
    const session = await getActiveSession(now());
    if (!session) {
      await markAuthRequired(entry.id, 'unauthenticated');
      return;
    }
    // Evidence is filed under the account that captured it, never another.
    if (entry.ownerId !== null && entry.ownerId !== session.user.id) {
      await markAuthRequired(entry.id, 'other_user');
      return;
    }
    // Uploads pause while the agreement gate is up: the server would refuse each one anyway.
    if ((await agreementHoldItem.getValue())?.userId === session.user.id) {
      await markAgreementRequired(entry.id);
      return;
    }
    const claimed = await claimForUpload(entry.id);
    if (!claimed) return;
    const png = await getScreenshot(entry.id);
    if (!png) {
      await markFailed(entry.id, 'missing_file');
      return;
    }
    let receiptId: string;
    try {
      const { receipt } = await uploadCapture(
        { baseUrl: await getBackendUrl(), token: session.token },
        { idempotencyKey: entry.id, meta: entry.meta, png },
      );
      await markSynced(entry.id, receipt);
      receiptId = receipt.id;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(NETWORK_STATUS, 'network_error');
      // Settle this entry first; the account-level reaction then parks or holds the rest of the queue.
      if (apiError.status === 403 && apiError.code === 'agreement_acceptance_required') {
        await markAgreementRequired(entry.id);
      } else if (apiError.status === 401) {
        await markAuthRequired(entry.id, apiError.code);
      } else if (isRetryable(apiError)) {
        const delay = backoffDelay(claimed.attempts + 1, random, apiError.retryAfterMs);
        await markRetry(entry.id, apiError.code, now() + delay);
        // Maintenance stops every write, not just this one: the whole queue waits out the Retry-After.
        if (apiError.code === 'maintenance') await deferPending(now() + delay);
      } else {
        await markFailed(entry.id, apiError.code);
      }
      await applyAccountProblem(apiError, session);
      return;
    }
    // A complaint draft may name this capture by its queue id; from now on it goes by the server's (issue #4).
    await adoptReceiptInDraft(entry.id, receiptId).catch(() => undefined);
  }

  async function schedule(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const wake = disposed ? undefined : await nextWakeAt();
    if (wake === undefined) {
      await browser.alarms.clear(SYNC_ALARM);
      return;
    }
    timer = setTimeout(() => void run(), Math.max(0, wake - now()));
    // Re-creating an alarm restarts its period, so only create it when missing.
    if (!(await browser.alarms.get(SYNC_ALARM))) {
      await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_ALARM_PERIOD_MINUTES });
    }
  }

  async function pass(): Promise<void> {
    const seen = new Set<string>();
    for (;;) {
      if (disposed) break;
      const entry = await nextDue(now());
      if (!entry || seen.has(entry.id)) break;
      seen.add(entry.id);
      await uploadOne(entry);
    }
    await schedule();
  }

  function run(): Promise<void> {
    if (running) {
      // Something new became due while a pass runs: do one more pass after it.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && !disposed);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  function dispose(): void {
    disposed = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  return { run, dispose };
}
