/**
 * Retry timing for uploads that failed for a reason that may pass (network,
 * 5xx, 429): exponential from 1 s, doubling, capped at 30 s, with jitter so a
 * fleet of browsers coming back online does not hit the server in lock-step.
 */
export const BACKOFF = {
  baseMs: 1_000,
  factor: 2,
  capMs: 30_000,
  /** Each delay is drawn from [(1 − jitter) × nominal, nominal]. */
  jitter: 0.25,
  /** A server's Retry-After is honoured, but never parks evidence longer than this. */
  retryAfterMaxMs: 10 * 60_000,
} as const;

/** The un-jittered delay after the `attempt`-th failure (1-based). */
export function nominalDelay(attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(BACKOFF.capMs, BACKOFF.baseMs * BACKOFF.factor ** exponent);
}

export function backoffDelay(attempt: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const nominal = nominalDelay(attempt);
  const jittered = Math.round(nominal * (1 - BACKOFF.jitter * random()));
  if (retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, BACKOFF.retryAfterMaxMs));
}
