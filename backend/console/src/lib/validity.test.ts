import { describe, expect, it } from 'vitest';
import { EXPIRY_WARNING_DAYS, utcToday, validityOn } from './validity';

describe('validityOn', () => {
  const right = { validFrom: '2020-01-01', validUntil: '2026-12-31' };

  it('judges whole days, both ends inclusive, as qualification does', () => {
    expect(validityOn(right, '2019-12-31')).toBe('not_yet_valid');
    expect(validityOn(right, '2020-01-01')).toBe('valid');
    expect(validityOn(right, '2026-12-31')).toBe('expiring');
    expect(validityOn(right, '2027-01-01')).toBe('expired');
  });

  it(`warns from ${EXPIRY_WARNING_DAYS} days before the last day`, () => {
    expect(validityOn(right, '2026-11-30')).toBe('valid');
    expect(validityOn(right, '2026-12-01')).toBe('expiring');
  });

  it('takes today in UTC', () => {
    expect(utcToday(new Date('2026-11-29T23:30:00-05:00'))).toBe('2026-11-30');
  });
});
