import { CN_CALENDAR } from './holidays-cn';

/**
 * Business-day calendars per jurisdiction (issue #5 part 1). The review period
 * of MISSION item 10 runs in business days where the complaint is handled, so
 * each jurisdiction says which days are off: its weekend, its public holidays,
 * and — China's 调休 — weekend days that are working days in exchange.
 *
 * Calendars are plain data so that callers can extend or override them (a
 * marketplace closing an extra day, a jurisdiction we have not seeded) without
 * code: spread `CALENDARS` into a new table and pass it on.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface JurisdictionCalendar {
  /**
   * The jurisdiction's civil time as a fixed offset from UTC, in minutes.
   * Fixed rather than an IANA zone: the jurisdictions we seed keep no daylight
   * saving, and a fixed offset needs no Intl time-zone data, which browsers,
   * extension workers and Node builds ship unevenly. A multi-day period is not
   * meaningfully changed by an hour of DST where a caller chooses to approximate.
   */
  utcOffsetMinutes: number;
  /** Days off every week, e.g. Saturday and Sunday; Friday and Saturday in Saudi Arabia. */
  weekend: readonly Weekday[];
  /** Public holidays, local YYYY-MM-DD: days off even on a weekday. A holiday wins over a make-up working day. */
  holidays: readonly string[];
  /** Make-up working days, local YYYY-MM-DD: weekend days that are worked (China's 调休). */
  workdays: readonly string[];
  /**
   * Years whose holidays are completely listed. A period that touches any
   * other year is flagged provisional, because an unlisted holiday could still
   * move it — the reviewer UI says so rather than promising a date.
   */
  scheduleYears: readonly number[];
}

/** Calendars by ISO 3166-1 alpha-2 code (upper case). */
export type CalendarTable = Readonly<Record<string, JurisdictionCalendar>>;

const SAT_SUN: readonly Weekday[] = ['sat', 'sun'];

/**
 * Where no calendar is known — a cross-border storefront without one
 * jurisdiction (listingJurisdiction → null), or a country not seeded: UTC,
 * Saturday and Sunday off, no holidays. No year is complete, so every such
 * period is provisional.
 */
export const DEFAULT_CALENDAR: JurisdictionCalendar = {
  utcOffsetMinutes: 0,
  weekend: SAT_SUN,
  holidays: [],
  workdays: [],
  scheduleYears: [],
};

// Offsets only, for jurisdictions without daylight saving where marketplaces
// we recognise sell: days then begin and end at local midnight. Their holidays
// are not seeded (so their periods are provisional) until someone adds them.
// Zones with DST (US, EU) are left to the UTC default on purpose: one fixed
// offset would be wrong half of the year.
function offsetOnly(utcOffsetMinutes: number, weekend: readonly Weekday[] = SAT_SUN): JurisdictionCalendar {
  return { utcOffsetMinutes, weekend, holidays: [], workdays: [], scheduleYears: [] };
}

export const CALENDARS: CalendarTable = {
  CN: CN_CALENDAR,
  HK: offsetOnly(8 * 60),
  SG: offsetOnly(8 * 60),
  JP: offsetOnly(9 * 60),
  KR: offsetOnly(9 * 60),
  SA: offsetOnly(3 * 60, ['fri', 'sat']),
};

/** The calendar for a jurisdiction (case-insensitive), or the default when the table has none. */
export function calendarFor(jurisdiction: string | null, table: CalendarTable = CALENDARS): JurisdictionCalendar {
  if (jurisdiction === null) return DEFAULT_CALENDAR;
  return table[jurisdiction.toUpperCase()] ?? DEFAULT_CALENDAR;
}

/** A calendar with more holidays, make-up days or complete years; the base is left untouched. */
export function extendCalendar(
  base: JurisdictionCalendar,
  extra: Partial<Pick<JurisdictionCalendar, 'holidays' | 'workdays' | 'scheduleYears'>>,
): JurisdictionCalendar {
  return {
    ...base,
    holidays: [...new Set([...base.holidays, ...(extra.holidays ?? [])])].sort(),
    workdays: [...new Set([...base.workdays, ...(extra.workdays ?? [])])].sort(),
    scheduleYears: [...new Set([...base.scheduleYears, ...(extra.scheduleYears ?? [])])].sort((a, b) => a - b),
  };
}

export const DAY_MS = 86_400_000;

/**
 * More consecutive days off than this means the calendar is broken (say, every
 * weekday marked as weekend with a few make-up days long past): day loops stop
 * with a RangeError instead of spinning forever.
 */
export const MAX_DAYS_OFF = 366;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date; a RangeError for anything else (2025-02-30 included). */
export function toEpochDay(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Date.UTC rolls 02-30 over to 03-02; the round trip catches it.
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return ms / DAY_MS;
}

export function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfEpochDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** A calendar turned into integer lookups, so the day loop does no string or Date work. */
export interface CompiledCalendar {
  offsetMs: number;
  isBusinessDay(day: number): boolean;
  isScheduledYear(year: number): boolean;
}

// Compiled once per calendar object: the seeded tables are module constants,
// so the server compiles each a single time however many complaints it dates.
// A WeakMap, so calendars a caller builds per request are not kept alive.
const compiled = new WeakMap<JurisdictionCalendar, CompiledCalendar>();

export function compileCalendar(calendar: JurisdictionCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached !== undefined) return cached;
  let weekendMask = 0;
  for (const day of calendar.weekend) weekendMask |= 1 << WEEKDAYS.indexOf(day);
  if (weekendMask === 0b111_1111 && calendar.workdays.length === 0) {
    throw new RangeError('a calendar needs at least one working day');
  }
  const holidays = new Set(calendar.holidays.map(toEpochDay));
  const workdays = new Set(calendar.workdays.map(toEpochDay));
  const years = new Set(calendar.scheduleYears);
  const result: CompiledCalendar = {
    offsetMs: calendar.utcOffsetMinutes * 60_000,
    isBusinessDay(day) {
      if (holidays.has(day)) return false;
      if (workdays.has(day)) return true;
      // 1970-01-01 was a Thursday (index 4); the double modulo keeps days before 1970 in range.
      return (weekendMask & (1 << (((day + 4) % 7) + 7) % 7)) === 0;
    },
    isScheduledYear: (year) => years.has(year),
  };
  compiled.set(calendar, result);
  return result;
}

export function isBusinessDate(calendar: JurisdictionCalendar, date: string): boolean {
  return compileCalendar(calendar).isBusinessDay(toEpochDay(date));
}

/**
 * The `days`-th business day after `date` (which itself never counts), e.g.
 * for a deadline "within 5 business days". `days` must be a positive integer.
 */
export function addBusinessDays(calendar: JurisdictionCalendar, date: string, days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`business days must be a positive integer: ${days}`);
  const cal = compileCalendar(calendar);
  let day = toEpochDay(date);
  for (let left = days, off = 0; left > 0; ) {
    day++;
    if (cal.isBusinessDay(day)) {
      left--;
      off = 0;
    } else if (++off > MAX_DAYS_OFF) {
      throw new RangeError(`no business day within ${MAX_DAYS_OFF} days after ${fromEpochDay(day - off)}`);
    }
  }
  return fromEpochDay(day);
}
