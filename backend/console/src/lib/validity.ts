/** The owner is reminded this many days before a right expires; the portfolio flags it from then on too. */
export const EXPIRY_WARNING_DAYS = 30;

export type Validity = 'not_yet_valid' | 'valid' | 'expiring' | 'expired';

const DAY_MS = 86_400_000;

/**
 * Where a right stands on `today` (YYYY-MM-DD, UTC), judged by whole days as
 * the qualification rules judge it: both dates are inclusive.
 */
export function validityOn(right: { validFrom: string; validUntil: string }, today: string): Validity {
  if (today < right.validFrom) return 'not_yet_valid';
  if (today > right.validUntil) return 'expired';
  const daysLeft = Math.round((Date.parse(right.validUntil) - Date.parse(today)) / DAY_MS);
  return daysLeft <= EXPIRY_WARNING_DAYS ? 'expiring' : 'valid';
}

export const utcToday = (now: Date = new Date()): string => now.toISOString().slice(0, 10);
