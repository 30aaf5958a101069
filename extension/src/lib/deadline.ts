/**
 * Time left until a reviewer's deadline (issue #5), in the largest unit that
 * still says something: days from two days out, then hours, then minutes.
 * Rounded down, so the time left is never overstated.
 */
export interface TimeLeft {
  overdue: boolean;
  /** Negative when overdue, for Intl.RelativeTimeFormat ("5 hours ago"). */
  value: number;
  unit: 'day' | 'hour' | 'minute';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function timeLeft(deadline: string, now: number): TimeLeft {
  const ms = Date.parse(deadline) - now;
  const overdue = ms <= 0;
  const span = Math.abs(ms);
  const [unit, size] = span >= 2 * DAY ? (['day', DAY] as const) : span >= HOUR ? (['hour', HOUR] as const) : (['minute', MINUTE] as const);
  const amount = Math.max(1, Math.floor(span / size));
  return { overdue, value: overdue ? -amount : amount, unit };
}

export function formatRelative(locale: string, left: TimeLeft): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(left.value, left.unit);
}
