import { describe, expect, it } from 'vitest';
import { electronicCountsAsDeliveredAt, paperCountsAsDeliveredAt } from './delivery-time';

describe('paperCountsAsDeliveredAt', () => {
  it('is 00:00 Shanghai on the fifth natural day after the posting day', () => {
    // Posted Monday 2025-03-10 in Shanghai; the fifth day is Saturday 03-15.
    expect(paperCountsAsDeliveredAt('2025-03-10T10:00:00+08:00')).toBe('2025-03-14T16:00:00.000Z');
  });

  it('counts the posting day by its Shanghai date, whatever the hour', () => {
    // 23:59 on 01-31 and 00:00 on 02-01 are a minute apart but a day apart in the calendar.
    expect(paperCountsAsDeliveredAt('2025-01-31T23:59:00+08:00')).toBe('2025-02-04T16:00:00.000Z');
    expect(paperCountsAsDeliveredAt('2025-02-01T00:00:00+08:00')).toBe('2025-02-05T16:00:00.000Z');
    expect(paperCountsAsDeliveredAt('2025-01-31T00:00:00+08:00')).toBe('2025-02-04T16:00:00.000Z');
  });

  it('reads a UTC instant in the Shanghai calendar', () => {
    // 16:30 UTC on 03-09 is already 00:30 on 03-10 in Shanghai.
    expect(paperCountsAsDeliveredAt('2025-03-09T16:30:00Z')).toBe('2025-03-14T16:00:00.000Z');
    expect(paperCountsAsDeliveredAt('2025-03-09T15:59:59.999Z')).toBe('2025-03-13T16:00:00.000Z');
    expect(paperCountsAsDeliveredAt(Date.parse('2025-03-10T02:00:00Z'))).toBe('2025-03-14T16:00:00.000Z');
  });

  it('runs across month and year ends, leap years included', () => {
    expect(paperCountsAsDeliveredAt('2025-02-26T09:00:00+08:00')).toBe('2025-03-02T16:00:00.000Z'); // 03-03
    expect(paperCountsAsDeliveredAt('2024-02-26T09:00:00+08:00')).toBe('2024-03-01T16:00:00.000Z'); // 03-02
    expect(paperCountsAsDeliveredAt('2025-12-29T09:00:00+08:00')).toBe('2026-01-02T16:00:00.000Z'); // 2026-01-03
  });

  it('counts holidays: Spring Festival 2026 (02-15 to 02-23) does not move the day', () => {
    // Posted on the make-up working Saturday 02-14; the fifth day, 02-19, is mid-holiday.
    expect(paperCountsAsDeliveredAt('2026-02-14T17:00:00+08:00')).toBe('2026-02-18T16:00:00.000Z');
    // Posted on the last day off: delivered 02-28, itself a make-up working day.
    expect(paperCountsAsDeliveredAt('2026-02-23T08:00:00+08:00')).toBe('2026-02-27T16:00:00.000Z');
  });

  it('refuses an instant without an offset', () => {
    expect(() => paperCountsAsDeliveredAt('2025-03-10T10:00:00')).toThrow(RangeError);
    expect(() => paperCountsAsDeliveredAt(Number.NaN)).toThrow(RangeError);
  });
});

describe('electronicCountsAsDeliveredAt', () => {
  it('is the send time, normalised to UTC', () => {
    expect(electronicCountsAsDeliveredAt('2025-03-10T10:00:00.123+08:00')).toBe('2025-03-10T02:00:00.123Z');
    expect(electronicCountsAsDeliveredAt(Date.UTC(2025, 2, 10, 2))).toBe('2025-03-10T02:00:00.000Z');
    expect(() => electronicCountsAsDeliveredAt('yesterday')).toThrow(RangeError);
  });
});
