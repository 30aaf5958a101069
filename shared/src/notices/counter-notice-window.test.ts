import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, extendCalendar, type CalendarTable } from '../review/calendar';
import {
  CN_ART43_RULE,
  COUNTER_NOTICE_RULES,
  CounterNoticeWindowSchema,
  DMCA_512G_RULE,
  counterNoticeRuleFor,
  counterNoticeWindow,
  isWithinCounterNoticeWindow,
  type CounterNoticeRule,
  type CounterNoticeRuleEntry,
} from './counter-notice-window';

const endDateOf = (deliveredAt: string | number, jurisdiction: string | null = 'CN', marketplace = 'taobao') =>
  counterNoticeWindow({ deliveredAt, marketplace, jurisdiction }).endDate;

describe('the default: 15 natural days (E-Commerce Law Art. 43)', () => {
  it('ends at the end of the 15th local day after the delivery day', () => {
    const window = counterNoticeWindow({ deliveredAt: '2025-03-10T10:00:00+08:00', marketplace: 'taobao', jurisdiction: 'CN' });
    expect(window).toEqual({
      deliveredAt: '2025-03-10T02:00:00.000Z',
      startsAt: '2025-03-10T16:00:00.000Z', // 03-11 00:00 Shanghai
      endsAt: '2025-03-25T15:59:59.999Z', // 03-25 23:59:59.999 Shanghai
      endDate: '2025-03-25',
      latestRestoreAt: null,
      rule: {
        kind: 'natural_days',
        days: 15,
        latestRestoreDays: null,
        basis: 'cn_ecommerce_law_art43',
        calendar: 'CN',
        utcOffsetMinutes: 480,
      },
      provisional: false,
    });
    expect(CounterNoticeWindowSchema.parse(window)).toEqual(window);
  });

  it('does not count the delivery day, whatever the hour', () => {
    expect(endDateOf('2025-03-10T00:00:00+08:00')).toBe('2025-03-25');
    expect(endDateOf('2025-03-10T23:59:59+08:00')).toBe('2025-03-25');
    expect(endDateOf('2025-03-11T00:00:00+08:00')).toBe('2025-03-26');
  });

  it('runs across month and year ends', () => {
    expect(endDateOf('2025-01-20T12:00:00+08:00')).toBe('2025-02-04');
    expect(endDateOf('2025-02-20T12:00:00+08:00')).toBe('2025-03-07');
    expect(endDateOf('2024-02-20T12:00:00+08:00')).toBe('2024-03-06');
    expect(endDateOf('2025-12-20T12:00:00+08:00')).toBe('2026-01-04');
  });

  it('counts weekends and holidays: Spring Festival 2026 does not stretch it', () => {
    const window = counterNoticeWindow({ deliveredAt: '2026-02-10T12:00:00+08:00', marketplace: 'tmall', jurisdiction: 'CN' });
    expect(window.endDate).toBe('2026-02-25');
    // Natural days do not depend on a holiday list, so even an unlisted year is exact.
    expect(counterNoticeWindow({ deliveredAt: '2027-02-10T12:00:00+08:00', marketplace: 'tmall', jurisdiction: 'CN' }).provisional).toBe(false);
  });

  it('counts days in the jurisdiction: 23:30 UTC is already the next day in Shanghai', () => {
    const shanghai = counterNoticeWindow({ deliveredAt: '2025-03-09T23:30:00Z', marketplace: 'taobao', jurisdiction: 'CN' });
    expect(shanghai.endDate).toBe('2025-03-25');
    expect(shanghai.endsAt).toBe('2025-03-25T15:59:59.999Z');
    // A cross-border storefront has no jurisdiction: the UTC default calendar, still the Art. 43 default rule.
    const crossBorder = counterNoticeWindow({ deliveredAt: '2025-03-09T23:30:00Z', marketplace: 'aliexpress', jurisdiction: null });
    expect(crossBorder.endDate).toBe('2025-03-24');
    expect(crossBorder.endsAt).toBe('2025-03-24T23:59:59.999Z');
    expect(crossBorder.rule).toMatchObject({ kind: 'natural_days', days: 15, calendar: null, utcOffsetMinutes: 0 });
  });

  it('takes epoch milliseconds and refuses a local time without an offset', () => {
    expect(endDateOf(Date.parse('2025-03-10T02:00:00Z'))).toBe('2025-03-25');
    expect(() => endDateOf('2025-03-10T10:00:00')).toThrow(RangeError);
  });
});

describe('DMCA §512(g): business days in the US', () => {
  // Friday 2025-06-27, 15:00 UTC. The seeded US calendar is the UTC default: weekends only.
  const deliveredAt = '2025-06-27T15:00:00Z';

  it('ends after 10 business days, skipping weekends, with restoration due by the 14th', () => {
    const window = counterNoticeWindow({ deliveredAt, marketplace: 'amazon', jurisdiction: 'US' });
    // Mon 06-30 is business day 1, Fri 07-11 day 10, Thu 07-17 day 14.
    expect(window.endDate).toBe('2025-07-11');
    expect(window.endsAt).toBe('2025-07-11T23:59:59.999Z');
    expect(window.latestRestoreAt).toBe('2025-07-17T23:59:59.999Z');
    expect(window.rule).toEqual({
      kind: 'business_days',
      days: 10,
      latestRestoreDays: 14,
      basis: 'dmca_512g',
      calendar: null,
      utcOffsetMinutes: 0,
    });
    // No US holidays are seeded, so the date is only as good as that gap.
    expect(window.provisional).toBe(true);
  });

  it('gives the same end for a delivery on the weekend before the first business day', () => {
    expect(counterNoticeWindow({ deliveredAt: '2025-06-28T10:00:00Z', marketplace: 'ebay', jurisdiction: 'US' }).endDate).toBe('2025-07-11');
    expect(counterNoticeWindow({ deliveredAt: '2025-06-29T23:00:00Z', marketplace: 'ebay', jurisdiction: 'US' }).endDate).toBe('2025-07-11');
    expect(counterNoticeWindow({ deliveredAt: '2025-06-30T00:00:00Z', marketplace: 'ebay', jurisdiction: 'US' }).endDate).toBe('2025-07-14');
  });

  it('skips a holiday from a caller-supplied calendar, in that calendar’s local time', () => {
    const calendars: CalendarTable = {
      US: { ...extendCalendar(DEFAULT_CALENDAR, { holidays: ['2025-07-04'], scheduleYears: [2025] }), utcOffsetMinutes: -240 },
    };
    // 02:00 UTC on Saturday is still Friday evening in New York: the Friday is the delivery day.
    const window = counterNoticeWindow({ deliveredAt: '2025-06-28T02:00:00Z', marketplace: 'amazon', jurisdiction: 'US' }, { calendars });
    expect(window.endDate).toBe('2025-07-14'); // Independence Day pushed it from 07-11
    expect(window.endsAt).toBe('2025-07-15T03:59:59.999Z'); // 23:59:59.999 EDT
    expect(window.latestRestoreAt).toBe('2025-07-19T03:59:59.999Z'); // Fri 07-18 EDT
    expect(window.startsAt).toBe('2025-06-28T04:00:00.000Z');
    expect(window.rule).toMatchObject({ calendar: 'US', utcOffsetMinutes: -240 });
    expect(window.provisional).toBe(false);
  });
});

describe('the rules table', () => {
  const twenty: CounterNoticeRule = { kind: 'natural_days', days: 20, basis: 'marketplace_policy' };
  const fourteen: CounterNoticeRule = { kind: 'business_days', days: 14, latestRestoreDays: null, basis: 'marketplace_policy' };

  it('seeds the US with §512(g) and everything else with Art. 43', () => {
    expect(counterNoticeRuleFor('amazon', 'us')).toBe(DMCA_512G_RULE);
    expect(counterNoticeRuleFor('amazon', 'GB')).toBe(CN_ART43_RULE);
    expect(counterNoticeRuleFor('generic', null)).toBe(CN_ART43_RULE);
  });

  it('prefers marketplace and jurisdiction, then marketplace, then jurisdiction; callers override by going first', () => {
    const rules: CounterNoticeRuleEntry[] = [
      { marketplace: 'eBay', rule: twenty },
      { marketplace: 'amazon', jurisdiction: 'US', rule: fourteen },
      ...COUNTER_NOTICE_RULES,
    ];
    expect(counterNoticeRuleFor('amazon', 'US', { rules })).toBe(fourteen);
    expect(counterNoticeRuleFor('ebay', 'US', { rules })).toBe(twenty);
    expect(counterNoticeRuleFor('amazon', 'JP', { rules })).toBe(CN_ART43_RULE);
    expect(counterNoticeRuleFor('amazon', 'JP', { rules, defaultRule: twenty })).toBe(twenty);
    const first: CounterNoticeRule = { ...twenty, days: 30 };
    expect(counterNoticeRuleFor('ebay', 'US', { rules: [{ marketplace: 'ebay', rule: first }, ...rules] })).toBe(first);

    const window = counterNoticeWindow({ deliveredAt: '2025-06-27T15:00:00Z', marketplace: 'amazon', jurisdiction: 'US' }, { rules });
    expect(window.endDate).toBe('2025-07-17');
    expect(window.latestRestoreAt).toBeNull();
    const ebay = counterNoticeWindow({ deliveredAt: '2025-06-27T15:00:00Z', marketplace: 'ebay', jurisdiction: 'US' }, { rules });
    expect(ebay.endDate).toBe('2025-07-17');
    expect(ebay.rule.kind).toBe('natural_days');
  });

  it('refuses a broken rule instead of computing a wrong date', () => {
    const broken = (rule: unknown) => () =>
      counterNoticeWindow(
        { deliveredAt: '2025-06-27T15:00:00Z', marketplace: 'amazon', jurisdiction: 'US' },
        { rules: [{ jurisdiction: 'US', rule: rule as CounterNoticeRule }] },
      );
    expect(broken({ kind: 'natural_days', days: 0, basis: 'x' })).toThrow(RangeError);
    expect(broken({ kind: 'natural_days', days: 1.5, basis: 'x' })).toThrow(RangeError);
    expect(broken({ kind: 'business_days', days: 14, latestRestoreDays: 10, basis: 'x' })).toThrow(RangeError);
  });
});

describe('isWithinCounterNoticeWindow', () => {
  const window = counterNoticeWindow({ deliveredAt: '2025-03-10T10:00:00+08:00', marketplace: 'taobao', jurisdiction: 'CN' });

  it('accepts proof up to the last millisecond of the last day, and not after', () => {
    expect(isWithinCounterNoticeWindow(window, '2025-03-25T23:59:59.999+08:00')).toBe(true);
    expect(isWithinCounterNoticeWindow(window, '2025-03-26T00:00:00+08:00')).toBe(false);
    expect(isWithinCounterNoticeWindow(window, '2025-03-10T11:00:00+08:00')).toBe(true);
  });
});
