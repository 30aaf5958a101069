import { describe, expect, it } from 'vitest';
import { NOTICE_RETRY_POLICY, classifyDeliveryFailure, nextAttemptAt, retryJitter } from './retry';

const T0 = Date.parse('2025-03-10T02:00:00Z');
const policy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 5 };

describe('nextAttemptAt', () => {
  it('draws the delay from [0, base·2^(attempt−1)), capped at maxMs', () => {
    const half = () => 0.5;
    expect(nextAttemptAt(1, T0, { ...policy, seed: 'd1', jitter: half })).toBe(T0 + 500);
    expect(nextAttemptAt(2, T0, { ...policy, seed: 'd1', jitter: half })).toBe(T0 + 1_000);
    expect(nextAttemptAt(4, T0, { ...policy, seed: 'd1', jitter: half })).toBe(T0 + 4_000);
    const almostOne = () => 0.999_999;
    expect(nextAttemptAt(4, T0, { ...policy, maxAttempts: 100, seed: 'd1', jitter: almostOne })).toBe(T0 + 7_999);
    // 2^19 seconds would be six days: the ceiling holds it to a minute, even at absurd attempt counts.
    expect(nextAttemptAt(20, T0, { ...policy, maxAttempts: 100, seed: 'd1', jitter: almostOne })).toBe(T0 + 59_999);
    expect(nextAttemptAt(2_000, T0, { ...policy, maxAttempts: 10_000, seed: 'd1', jitter: almostOne })).toBe(T0 + 59_999);
    expect(nextAttemptAt(3, T0, { ...policy, seed: 'd1', jitter: () => 0 })).toBe(T0);
  });

  it('gives up once the attempts are used: null means a permanent failure', () => {
    expect(nextAttemptAt(4, T0, { ...policy, seed: 'd1' })).not.toBeNull();
    expect(nextAttemptAt(5, T0, { ...policy, seed: 'd1' })).toBeNull();
    expect(nextAttemptAt(6, T0, { ...policy, seed: 'd1' })).toBeNull();
    expect(nextAttemptAt(1, T0, { ...policy, maxAttempts: 1, seed: 'd1' })).toBeNull();
  });

  it('is deterministic per seed and attempt, and spreads different seeds', () => {
    const at = (seed: string, attempt: number) => nextAttemptAt(attempt, T0, { ...NOTICE_RETRY_POLICY, seed });
    expect(at('delivery-42', 3)).toBe(at('delivery-42', 3));
    expect(nextAttemptAt(3, '2025-03-10T10:00:00+08:00', { ...NOTICE_RETRY_POLICY, seed: 'delivery-42' })).toBe(at('delivery-42', 3));
    const delays = new Set(Array.from({ length: 50 }, (_, i) => at(`delivery-${i}`, 6)! - T0));
    expect(delays.size).toBeGreaterThan(45);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(32 * 60_000);
    }
  });

  it('refuses nonsense', () => {
    expect(() => nextAttemptAt(0, T0, { ...policy, seed: 's' })).toThrow(RangeError);
    expect(() => nextAttemptAt(1.5, T0, { ...policy, seed: 's' })).toThrow(RangeError);
    expect(() => nextAttemptAt(1, T0, { ...policy, baseMs: 0, seed: 's' })).toThrow(RangeError);
    expect(() => nextAttemptAt(1, T0, { ...policy, maxMs: 10, seed: 's' })).toThrow(RangeError);
    expect(() => nextAttemptAt(1, T0, { ...policy, seed: 's', jitter: () => 1 })).toThrow(RangeError);
    expect(() => nextAttemptAt(1, '2025-03-10 10:00', { ...policy, seed: 's' })).toThrow(RangeError);
  });
});

describe('retryJitter', () => {
  it('stays in [0, 1), roughly uniform, and differs by attempt', () => {
    const values = Array.from({ length: 4_000 }, (_, i) => retryJitter(`n${i}`, 1));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const quarters = [0, 0, 0, 0];
    for (const value of values) quarters[Math.floor(value * 4)]!++;
    for (const count of quarters) expect(count).toBeGreaterThan(850); // 1000 expected each
    expect(retryJitter('n1', 1)).not.toBe(retryJitter('n1', 2));
  });
});

describe('classifyDeliveryFailure', () => {
  it.each([
    [{ smtpCode: 421 }, 'retry'],
    [{ smtpCode: 450 }, 'retry'],
    [{ smtpCode: 452 }, 'retry'],
    [{ smtpCode: 550 }, 'permanent'],
    [{ smtpCode: 553 }, 'permanent'],
    [{ httpStatus: 500 }, 'retry'],
    [{ httpStatus: 503 }, 'retry'],
    [{ httpStatus: 429 }, 'retry'],
    [{ httpStatus: 408 }, 'retry'],
    [{ httpStatus: 400 }, 'permanent'],
    [{ httpStatus: 401 }, 'permanent'],
    [{ httpStatus: 404 }, 'permanent'],
    [{ httpStatus: 422 }, 'permanent'],
    [{ network: true }, 'retry'],
    [{ network: true, httpStatus: 400 }, 'retry'],
    [{}, 'retry'],
  ] as const)('%o → %s', (signal, expected) => {
    expect(classifyDeliveryFailure(signal)).toBe(expected);
  });
});
