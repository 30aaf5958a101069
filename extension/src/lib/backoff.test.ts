import { describe, expect, it } from 'vitest';
import { BACKOFF, backoffDelay, nominalDelay } from './backoff';

describe('backoff', () => {
  it('starts at about one second and doubles up to the 30 s cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(nominalDelay)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('grows with the attempt number for the same random draw', () => {
    for (const r of [0, 0.5, 1]) {
      const delays = [1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, () => r));
      for (let i = 1; i < delays.length; i += 1) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
    }
  });

  it('keeps jitter within [75 %, 100 %] of the nominal delay and never above the cap', () => {
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const nominal = nominalDelay(attempt);
      expect(backoffDelay(attempt, () => 0)).toBe(nominal);
      expect(backoffDelay(attempt, () => 0.999999)).toBe(Math.round(nominal * (1 - BACKOFF.jitter * 0.999999)));
      for (let i = 0; i < 50; i += 1) {
        const delay = backoffDelay(attempt);
        expect(delay).toBeGreaterThanOrEqual(nominal * 0.75);
        expect(delay).toBeLessThanOrEqual(Math.min(nominal, BACKOFF.capMs));
      }
    }
  });

  it('actually varies between draws', () => {
    const draws = new Set(Array.from({ length: 20 }, () => backoffDelay(5)));
    expect(draws.size).toBeGreaterThan(1);
  });

  it("honours a server's Retry-After, bounded to ten minutes", () => {
    expect(backoffDelay(1, () => 0, 5_000)).toBe(5_000);
    expect(backoffDelay(6, () => 0, 5_000)).toBe(30_000);
    expect(backoffDelay(1, () => 0, 3_600_000)).toBe(600_000);
  });
});
