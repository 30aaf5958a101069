import { describe, expect, it } from 'vitest';
import {
  CALENDARS,
  DEFAULT_CALENDAR,
  addBusinessDays,
  calendarFor,
  compileCalendar,
  extendCalendar,
  fromEpochDay,
  isBusinessDate,
  toEpochDay,
  type JurisdictionCalendar,
} from './calendar';
import { CN_CALENDAR, CN_HOLIDAY_SCHEDULE, CN_SCHEDULE_YEARS } from './holidays-cn';

const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('CN holiday data', () => {
  const spans = Object.entries(CN_HOLIDAY_SCHEDULE).flatMap(([year, list]) => list.map((span) => ({ year, span })));

  it.each(spans)('$year $span.festival: the span is as long as the notice says, inside its year', ({ year, span }) => {
    expect((toEpochDay(span.to) - toEpochDay(span.from) + 1)).toBe(span.days);
    expect(span.from.slice(0, 4)).toBe(year);
    expect(span.to.slice(0, 4)).toBe(year);
  });

  it.each(spans.filter(({ span }) => span.workdays.length > 0))(
    '$year $span.festival: every make-up working day is a Saturday or Sunday',
    ({ span }) => {
      for (const date of span.workdays) expect([0, 6]).toContain(weekdayOf(date));
    },
  );

  it('holds the notices’ yearly totals: 28 days off in 2025, 33 in 2026', () => {
    const daysIn = (year: string) => CN_CALENDAR.holidays.filter((date) => date.startsWith(year)).length;
    expect(daysIn('2025')).toBe(28);
    expect(daysIn('2026')).toBe(33);
    expect(CN_CALENDAR.workdays.filter((date) => date.startsWith('2025'))).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
    expect(CN_CALENDAR.workdays.filter((date) => date.startsWith('2026'))).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('seeds only the Gregorian-dated statutory days of 2027 and marks 2027 incomplete', () => {
    expect(CN_CALENDAR.holidays.filter((date) => date.startsWith('2027'))).toEqual([
      '2027-01-01',
      '2027-05-01',
      '2027-05-02',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    expect(CN_CALENDAR.workdays.filter((date) => date.startsWith('2027'))).toEqual([]);
    expect(CN_SCHEDULE_YEARS).toEqual([2025, 2026]);
  });

  it('is UTC+8 with Saturday and Sunday off', () => {
    expect(CN_CALENDAR.utcOffsetMinutes).toBe(480);
    expect(CN_CALENDAR.weekend).toEqual(['sat', 'sun']);
  });
});

describe('isBusinessDate', () => {
  it.each([
    ['2025-01-24', true, 'Friday before Spring Festival'],
    ['2025-01-26', true, 'make-up Sunday'],
    ['2025-01-28', false, 'Spring Festival Eve (Tuesday)'],
    ['2025-02-04', false, 'last day of Spring Festival (Tuesday)'],
    ['2025-02-05', true, 'first Wednesday back'],
    ['2025-02-08', true, 'make-up Saturday'],
    ['2025-02-09', false, 'ordinary Sunday'],
    ['2025-10-08', false, 'National Day, Wednesday'],
    ['2025-10-09', true, 'first Thursday back'],
    ['2025-10-11', true, 'make-up Saturday after National Day'],
    ['2026-01-02', false, 'New Year, Friday'],
    ['2026-01-04', true, 'make-up Sunday after New Year'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-23', false, 'Spring Festival, Monday'],
    ['2026-02-24', true, 'first Tuesday back'],
    ['2026-09-20', true, 'make-up Sunday before National Day'],
    ['2027-01-01', false, 'New Year 2027, Friday'],
  ] as [string, boolean, string][])('CN %s → %s (%s)', (date, expected) => {
    expect(isBusinessDate(CN_CALENDAR, date)).toBe(expected);
  });

  it('knows no holidays in the default calendar, only Saturday and Sunday', () => {
    expect(isBusinessDate(DEFAULT_CALENDAR, '2025-01-01')).toBe(true);
    expect(isBusinessDate(DEFAULT_CALENDAR, '2025-01-28')).toBe(true);
    expect(isBusinessDate(DEFAULT_CALENDAR, '2025-01-26')).toBe(false);
    expect(isBusinessDate(DEFAULT_CALENDAR, '2025-02-08')).toBe(false);
  });

  it('takes the weekend from the calendar: Friday and Saturday off in SA', () => {
    const sa = calendarFor('SA');
    expect(isBusinessDate(sa, '2025-03-13')).toBe(true); // Thursday
    expect(isBusinessDate(sa, '2025-03-14')).toBe(false); // Friday
    expect(isBusinessDate(sa, '2025-03-15')).toBe(false); // Saturday
    expect(isBusinessDate(sa, '2025-03-16')).toBe(true); // Sunday
  });

  it('is right on dates before 1970 too', () => {
    expect(isBusinessDate(DEFAULT_CALENDAR, '1969-12-31')).toBe(true); // Wednesday
    expect(isBusinessDate(DEFAULT_CALENDAR, '1969-12-28')).toBe(false); // Sunday
  });
});

describe('calendarFor and extendCalendar', () => {
  it('finds the seeded calendar case-insensitively and falls back to the UTC default', () => {
    expect(calendarFor('CN')).toBe(CN_CALENDAR);
    expect(calendarFor('cn')).toBe(CN_CALENDAR);
    expect(calendarFor('US')).toBe(DEFAULT_CALENDAR);
    expect(calendarFor(null)).toBe(DEFAULT_CALENDAR);
    expect(calendarFor('JP').utcOffsetMinutes).toBe(540);
  });

  it('looks in a caller’s table instead of the seeded one', () => {
    const us: JurisdictionCalendar = { ...DEFAULT_CALENDAR, utcOffsetMinutes: -300, holidays: ['2025-07-04'] };
    const table = { ...CALENDARS, US: us };
    expect(calendarFor('us', table)).toBe(us);
    expect(calendarFor('CN', table)).toBe(CN_CALENDAR);
    expect(isBusinessDate(us, '2025-07-04')).toBe(false);
  });

  it('adds holidays and make-up days without touching the base', () => {
    const before = [...CN_CALENDAR.holidays];
    const closed = extendCalendar(CN_CALENDAR, { holidays: ['2025-03-12'], scheduleYears: [2027, 2025] });
    expect(isBusinessDate(closed, '2025-03-12')).toBe(false);
    expect(isBusinessDate(CN_CALENDAR, '2025-03-12')).toBe(true);
    expect(CN_CALENDAR.holidays).toEqual(before);
    expect(closed.scheduleYears).toEqual([2025, 2026, 2027]);
    const worked = extendCalendar(DEFAULT_CALENDAR, { workdays: ['2025-03-15'] });
    expect(isBusinessDate(worked, '2025-03-15')).toBe(true);
  });

  it('lets a holiday win over a make-up working day on the same date', () => {
    const closed = extendCalendar(CN_CALENDAR, { holidays: ['2025-02-08'] });
    expect(isBusinessDate(closed, '2025-02-08')).toBe(false);
  });
});

describe('day numbers', () => {
  it('counts days from 1970-01-01 and back', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('2025-01-01')).toBe(20_089);
    expect(fromEpochDay(20_089)).toBe('2025-01-01');
    expect(fromEpochDay(toEpochDay('2028-02-29'))).toBe('2028-02-29');
  });

  it.each(['2025-02-30', '2025-2-3', '2025-02-03T00:00:00Z', ''])('rejects %j', (date) => {
    expect(() => toEpochDay(date)).toThrow(RangeError);
  });

  it('rejects a calendar with a malformed holiday when it is compiled', () => {
    expect(() => compileCalendar({ ...DEFAULT_CALENDAR, holidays: ['2025-13-01'] })).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['CN', '2025-01-27', 1, '2025-02-05'],
    ['CN', '2025-01-27', 4, '2025-02-08'],
    ['CN', '2025-12-31', 3, '2026-01-06'],
    ['US', '2025-12-31', 1, '2026-01-01'],
    ['US', '2025-03-14', 1, '2025-03-17'],
    ['US', '2025-03-15', 5, '2025-03-21'],
  ] as const)('%s: %s + %i business days → %s', (jurisdiction, date, days, expected) => {
    expect(addBusinessDays(calendarFor(jurisdiction), date, days)).toBe(expected);
  });

  it.each([0, -1, 1.5])('refuses %s days', (days) => {
    expect(() => addBusinessDays(DEFAULT_CALENDAR, '2025-03-10', days)).toThrow(RangeError);
  });

  it('stops on a calendar without working days instead of looping forever', () => {
    const allWeekend = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    expect(() => compileCalendar({ ...DEFAULT_CALENDAR, weekend: allWeekend })).toThrow(RangeError);
    const oneDay: JurisdictionCalendar = { ...DEFAULT_CALENDAR, weekend: allWeekend, workdays: ['2025-03-10'] };
    expect(addBusinessDays(oneDay, '2025-03-01', 1)).toBe('2025-03-10');
    expect(() => addBusinessDays(oneDay, '2025-03-01', 2)).toThrow(RangeError);
  });
});
