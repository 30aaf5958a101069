import { DAY_MS, addBusinessDays, calendarFor } from '@openipp/shared';

/** A request for material gives the complainant this many business days unless the reviewer sets another date. */
export const INFO_REQUEST_BUSINESS_DAYS = 5;

/** The calendar date at `now` where the complaint is handled (the jurisdiction's fixed offset). */
export function jurisdictionToday(now: number, jurisdiction: string | null): string {
  const offset = calendarFor(jurisdiction).utcOffsetMinutes * 60_000;
  return new Date(now + offset).toISOString().slice(0, 10);
}

/** The default deadline: five business days after today, on the jurisdiction's calendar with its holidays. */
export function defaultDeadlineDate(now: number, jurisdiction: string | null): string {
  return addBusinessDays(calendarFor(jurisdiction), jurisdictionToday(now, jurisdiction), INFO_REQUEST_BUSINESS_DAYS);
}

/**
 * The instant a deadline date ends: the last millisecond of that day in the
 * jurisdiction, so "by 3 March" holds all of 3 March there, as the due date does.
 * undefined for anything that is not a real YYYY-MM-DD date.
 */
export function deadlineInstant(date: string, jurisdiction: string | null): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(midnight) || new Date(midnight).toISOString().slice(0, 10) !== date) return undefined;
  const offset = calendarFor(jurisdiction).utcOffsetMinutes * 60_000;
  return new Date(midnight + DAY_MS - 1 - offset).toISOString();
}
