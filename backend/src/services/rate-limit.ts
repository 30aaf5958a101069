import { AppError } from '../lib/app-error';
import type { Store } from '../store';

export interface Window {
  start: number;
  /** Seconds until the window closes, at least 1: the Retry-After value. */
  retryAfter: number;
}

/** Fixed windows aligned to the epoch, so every process computes the same bucket. */
export function currentWindow(now: number, windowSeconds: number): Window {
  const size = windowSeconds * 1000;
  const start = Math.floor(now / size) * size;
  return { start, retryAfter: Math.max(1, Math.ceil((start + size - now) / 1000)) };
}

export function rateLimited(retryAfter: number): AppError {
  return new AppError('rate_limited', { headers: { 'Retry-After': String(retryAfter) } });
}

/** Counter rows older than this are dead weight: every window we use is far shorter. */
export const COUNTER_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * An office or a carrier's NAT puts many people behind one address, so the
 * per-address budget is a multiple of the per-user one unless set on its own.
 */
export const IP_BUDGET_FACTOR = 10;

export interface Budget {
  /** Counter key, e.g. `write:user:<id>` or `list:ip:<address>`. */
  key: string;
  max: number;
}

/**
 * Counts one request against every budget in one transaction and refuses
 * (429 rate_limited with Retry-After) once any of them is spent. The hits are
 * committed even when refused, so hammering does not reset anything. The
 * counters live in the store, so every process serving the same database
 * shares them.
 */
export async function consumeBudgets(store: Store, budgets: readonly Budget[], windowSeconds: number, now = Date.now()): Promise<void> {
  const window = currentWindow(now, windowSeconds);
  const over = await store.transaction(async (tx) => {
    let exceeded = false;
    let opened = false;
    for (const budget of budgets) {
      const count = await tx.hitRateCounter(budget.key, window.start);
      if (count > budget.max) exceeded = true;
      if (count === 1) opened = true;
    }
    // Once per key and window, not per request: old windows are swept as new ones open.
    if (opened) await tx.pruneRateCounters(now - COUNTER_RETENTION_MS);
    return exceeded;
  });
  if (over) throw rateLimited(window.retryAfter);
}
