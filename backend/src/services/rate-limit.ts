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

/**
 * Counts one write for the user and refuses once the window's budget is spent.
 * The hit is committed even when refused, so hammering does not reset anything.
 */
export async function consumeWriteBudget(
  store: Store,
  userId: string,
  limits: { windowSeconds: number; maxPerWindow: number },
  now = Date.now(),
): Promise<void> {
  const window = currentWindow(now, limits.windowSeconds);
  const count = await store.transaction((tx) => tx.hitRateCounter(`write:${userId}`, window.start));
  if (count > limits.maxPerWindow) throw rateLimited(window.retryAfter);
}
