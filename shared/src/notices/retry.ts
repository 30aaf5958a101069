import type { Instant } from '../review/due-date';
import { instantMs } from './instant';

/**
 * Retrying outbound notices (issue #6 part 4): e-mail and SMS attempts that
 * fail for a passing reason are tried again with exponential backoff and full
 * jitter; attempts are capped, and a permanent failure is recorded so staff
 * can fall back to another channel (paper).
 *
 * Deterministic: the jitter comes from a seed (say, the delivery record's id),
 * never from Math.random. Any backend process computes the same next attempt
 * for the same record, so the schedule can be stored and re-derived, and
 * different records still spread out instead of retrying in lockstep.
 */

export interface RetryPolicy {
  /** The backoff ceiling for the first retry; it doubles with each attempt… */
  baseMs: number;
  /** …up to this ceiling. */
  maxMs: number;
  /** Attempts in all, the first included: after this many failures the failure is permanent. */
  maxAttempts: number;
}

/**
 * Notices carry legal deadlines, so a dead address should surface within
 * hours, not after SMTP's customary four or five days: ceilings of 1, 2, 4, 8,
 * 16 and 32 minutes, then an hour; ten attempts end at most about four and a
 * half hours after the first.
 */
export const NOTICE_RETRY_POLICY: RetryPolicy = { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 10 };

/** A number in [0, 1) fixed by the seed and the attempt: FNV-1a over both, then a murmur3 finaliser. */
export function retryJitter(seed: string, attempt: number): number {
  let hash = 0x811c9dc5;
  const text = `${seed}\u0000${attempt}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // FNV-1a alone mixes the last characters poorly, and attempts differ only there.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}

export interface NextAttemptOptions extends RetryPolicy {
  /** Fixes the jitter: the same seed and attempt always give the same delay. */
  seed: string;
  /** Replaces `retryJitter`; must return a number in [0, 1). */
  jitter?: (seed: string, attempt: number) => number;
}

/**
 * When to try again after `attempt` failed attempts (1 after the first), the
 * last at `lastAttemptAt`: epoch ms, or null when the attempts are used up and
 * the failure is permanent. Full jitter: the delay is drawn uniformly from
 * [0, min(maxMs, baseMs · 2^(attempt−1))), which spreads a burst of failures
 * (an SMTP server down for everyone) better than a fixed or half-jittered
 * delay. A short draw only means the outbox's next sweep picks it up.
 */
export function nextAttemptAt(attempt: number, lastAttemptAt: Instant, options: NextAttemptOptions): number | null {
  const { baseMs, maxMs, maxAttempts } = options;
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer: ${attempt}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer: ${maxAttempts}`);
  if (!(baseMs > 0) || !(maxMs >= baseMs) || !Number.isFinite(maxMs)) {
    throw new RangeError(`need 0 < baseMs <= maxMs, finite: ${baseMs}, ${maxMs}`);
  }
  const last = instantMs(lastAttemptAt, 'lastAttemptAt');
  if (attempt >= maxAttempts) return null;
  const fraction = (options.jitter ?? retryJitter)(options.seed, attempt);
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`jitter must be in [0, 1): ${fraction}`);
  // 2 ** 1100 is Infinity, which min() turns into maxMs: no overflow to guard.
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return last + Math.floor(fraction * ceiling);
}

export type DeliveryFailureClass = 'retry' | 'permanent';

/** What a failed attempt reported; give whatever the channel knows. */
export interface DeliveryFailureSignal {
  /** The SMTP reply code, e.g. nodemailer's `responseCode`. */
  smtpCode?: number;
  /** The HTTP status an SMS provider answered with. */
  httpStatus?: number;
  /** No answer at all: connection refused or reset, DNS failure, timeout. */
  network?: boolean;
}

/**
 * Whether a failure may pass. SMTP says so itself (RFC 5321 §4.2.1): 4yz is a
 * transient negative reply, 5yz a permanent one. HTTP: 5xx, 429 (rate
 * limited) and 408 (request timeout, a network failure the server noticed
 * first) may pass; any other 4xx means the request itself is wrong — bad
 * number, bad credentials — and repeating it changes nothing. A network
 * failure is retried. Anything unrecognised is retried too: the attempt cap
 * still ends it, and giving up early on a notice with a legal deadline costs
 * more than a few extra tries.
 */
export function classifyDeliveryFailure(signal: DeliveryFailureSignal): DeliveryFailureClass {
  if (signal.network === true) return 'retry';
  const { smtpCode, httpStatus } = signal;
  if (smtpCode !== undefined) {
    if (smtpCode >= 500 && smtpCode < 600) return 'permanent';
    return 'retry';
  }
  if (httpStatus !== undefined) {
    if (httpStatus === 408 || httpStatus === 429) return 'retry';
    if (httpStatus >= 400 && httpStatus < 500) return 'permanent';
    return 'retry';
  }
  return 'retry';
}
