import { describe, expect, it } from 'vitest';
import { isoToZonedInput, zonedInputToIso } from './local-time';

describe('wall-clock times in a named zone', () => {
  it('reads what was typed in the zone given, not in UTC or the zone the tests run in', () => {
    expect(zonedInputToIso('2026-12-01T10:30', 'Asia/Shanghai')).toBe('2026-12-01T02:30:00.000Z');
    expect(zonedInputToIso('2026-12-01T10:30', 'America/New_York')).toBe('2026-12-01T15:30:00.000Z');
    expect(zonedInputToIso('2026-12-01T00:05', 'UTC')).toBe('2026-12-01T00:05:00.000Z');
  });

  it('takes the offset in force at that instant, across a daylight-saving change', () => {
    expect(zonedInputToIso('2026-03-28T12:00', 'Europe/Berlin')).toBe('2026-03-28T11:00:00.000Z');
    expect(zonedInputToIso('2026-03-30T12:00', 'Europe/Berlin')).toBe('2026-03-30T10:00:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    expect(zonedInputToIso('', 'Asia/Shanghai')).toBeUndefined();
    expect(zonedInputToIso('2026-11-31T10:00', 'Asia/Shanghai')).toBeUndefined();
    expect(zonedInputToIso('2026-12-01 10:00', 'Asia/Shanghai')).toBeUndefined();
  });

  it('gives the starting value of the field in the same zone', () => {
    expect(isoToZonedInput('2026-12-01T02:30:59.000Z', 'Asia/Shanghai')).toBe('2026-12-01T10:30');
    expect(zonedInputToIso(isoToZonedInput('2026-07-01T09:15:00.000Z', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-07-01T09:15:00.000Z');
  });
});
