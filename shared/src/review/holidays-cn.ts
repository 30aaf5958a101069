import type { JurisdictionCalendar } from './calendar';

/**
 * Mainland China's public holidays as the State Council's General Office
 * announces them each year (关于…部分节假日安排的通知). Each entry copies one
 * line of the notice: the span off "放假调休，共 N 天" and the weekend days
 * worked in exchange ("…上班", 调休). Spans are written as in the notice
 * rather than as day lists so that each line can be checked against it; `days`
 * is the notice's own count, which the tests compare with the span.
 *
 * From 2025 the statutory holidays are 13 days: 全国年节及纪念日放假办法,
 * as amended in November 2024, added Spring Festival Eve and 2 May.
 */
export interface HolidaySpan {
  festival: string;
  /** First and last day off, inclusive, local dates. */
  from: string;
  to: string;
  /** The number of days off the notice states; equals the span's length. */
  days: number;
  /** Weekend days worked in exchange (调休上班). */
  workdays: readonly string[];
}

export const CN_HOLIDAY_SCHEDULE: { readonly [year: number]: readonly HolidaySpan[] } = {
  // Notice for 2025, published November 2024.
  2025: [
    { festival: '元旦', from: '2025-01-01', to: '2025-01-01', days: 1, workdays: [] },
    { festival: '春节', from: '2025-01-28', to: '2025-02-04', days: 8, workdays: ['2025-01-26', '2025-02-08'] },
    { festival: '清明节', from: '2025-04-04', to: '2025-04-06', days: 3, workdays: [] },
    { festival: '劳动节', from: '2025-05-01', to: '2025-05-05', days: 5, workdays: ['2025-04-27'] },
    { festival: '端午节', from: '2025-05-31', to: '2025-06-02', days: 3, workdays: [] },
    { festival: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', days: 8, workdays: ['2025-09-28', '2025-10-11'] },
  ],
  // Notice for 2026, published November 2025.
  2026: [
    { festival: '元旦', from: '2026-01-01', to: '2026-01-03', days: 3, workdays: ['2026-01-04'] },
    { festival: '春节', from: '2026-02-15', to: '2026-02-23', days: 9, workdays: ['2026-02-14', '2026-02-28'] },
    { festival: '清明节', from: '2026-04-04', to: '2026-04-06', days: 3, workdays: [] },
    { festival: '劳动节', from: '2026-05-01', to: '2026-05-05', days: 5, workdays: ['2026-05-09'] },
    { festival: '端午节', from: '2026-06-19', to: '2026-06-21', days: 3, workdays: [] },
    { festival: '中秋节', from: '2026-09-25', to: '2026-09-27', days: 3, workdays: [] },
    { festival: '国庆节', from: '2026-10-01', to: '2026-10-07', days: 7, workdays: ['2026-09-20', '2026-10-10'] },
  ],
  // The 2027 notice is not yet published (it usually comes out in November of
  // the year before). Seeded here are only the statutory days fixed to
  // Gregorian dates — 1 January, 1–2 May, 1–3 October — which hold whatever the
  // notice says. The lunar holidays (Spring Festival, Qingming, Dragon Boat,
  // Mid-Autumn) and every 调休 swap are left out rather than guessed, and 2027
  // stays out of `scheduleYears`, so any period reaching into 2027 is flagged
  // provisional.
  // When the State Council publishes the 2027 notice (usually in November), it replaces these
  // spans and 2027 joins `scheduleYears`.
  2027: [
    { festival: '元旦', from: '2027-01-01', to: '2027-01-01', days: 1, workdays: [] },
    { festival: '劳动节', from: '2027-05-01', to: '2027-05-02', days: 2, workdays: [] },
    { festival: '国庆节', from: '2027-10-01', to: '2027-10-03', days: 3, workdays: [] },
  ],
};

/** Years whose whole notice is seeded above. */
export const CN_SCHEDULE_YEARS: readonly number[] = [2025, 2026];

// Not imported from ./calendar: calendar.ts imports this module, and a value
// import back would read its constants before they are initialised.
const DAY_MS = 86_400_000;

// Expands "from … to" into single dates once, at module load.
function datesOf(span: HolidaySpan): string[] {
  const dates: string[] = [];
  const end = Date.parse(`${span.to}T00:00:00Z`);
  for (let ms = Date.parse(`${span.from}T00:00:00Z`); ms <= end; ms += DAY_MS) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}

const spans = Object.values(CN_HOLIDAY_SCHEDULE).flat();

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
export const CN_CALENDAR: JurisdictionCalendar = {
  utcOffsetMinutes: 8 * 60,
  weekend: ['sat', 'sun'],
  holidays: spans.flatMap(datesOf),
  workdays: spans.flatMap((span) => span.workdays),
  scheduleYears: CN_SCHEDULE_YEARS,
};
