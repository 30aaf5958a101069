import { describe, expect, it } from 'vitest';
import { deadlineInstant, defaultDeadlineDate, jurisdictionToday } from './deadline';

describe('the deadline of a request for material', () => {
  it('defaults to five business days on the complaint’s calendar, holidays and make-up days included', () => {
    // Friday 2025-09-26 in China: the National Day week (1–8 October) is off, Sunday 28 September and Saturday 11 October are worked.
    const friday = Date.parse('2025-09-26T03:00:00Z');
    expect(defaultDeadlineDate(friday, 'CN')).toBe('2025-10-10');
    // The same instant on the UTC default: weekends only.
    expect(defaultDeadlineDate(friday, null)).toBe('2025-10-03');
  });

  it('counts from the date where the complaint is handled, not where the reviewer sits', () => {
    // 20:00 UTC on a Monday is already Tuesday in China.
    const late = Date.parse('2025-03-10T20:00:00Z');
    expect(jurisdictionToday(late, 'CN')).toBe('2025-03-11');
    expect(jurisdictionToday(late, null)).toBe('2025-03-10');
  });

  it('ends with the chosen day there: the last millisecond of that local day', () => {
    expect(deadlineInstant('2025-03-14', 'CN')).toBe('2025-03-14T15:59:59.999Z');
    expect(deadlineInstant('2025-03-14', null)).toBe('2025-03-14T23:59:59.999Z');
    expect(deadlineInstant('2025-02-30', 'CN')).toBeUndefined();
    expect(deadlineInstant('', 'CN')).toBeUndefined();
  });
});
