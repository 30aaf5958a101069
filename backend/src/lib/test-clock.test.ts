import { afterEach, describe, expect, it } from 'vitest';
import { advanceTestClock, installTestClock, testClockInstalled, uninstallTestClock } from './test-clock';

const DAY = 86_400_000;

describe('test clock', () => {
  afterEach(() => uninstallTestClock());

  it('moves Date.now and new Date() forward together, and nothing else about Date', () => {
    installTestClock();
    const before = Date.now();
    const moved = advanceTestClock(16 * DAY);
    expect(moved - before).toBeGreaterThanOrEqual(16 * DAY);
    expect(moved - before).toBeLessThan(16 * DAY + 1_000);
    expect(Math.abs(new Date().getTime() - moved)).toBeLessThan(1_000);
    // Explicit times are untouched, and Date stays Date.
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date(2026, 0, 2).getFullYear()).toBe(2026);
    expect(Date.parse('2026-01-01T00:00:00Z')).toBe(1_767_225_600_000);
    expect(Date.UTC(2026, 0, 1)).toBe(1_767_225_600_000);
    expect(new Date()).toBeInstanceOf(Date);
    expect(typeof Date()).toBe('string');
    expect(new Date(Date()).getTime() - moved).toBeLessThan(2_000);
  });

  it('refuses to move back, or to move when it is not installed', () => {
    expect(() => advanceTestClock(DAY)).toThrow(/not installed/);
    installTestClock();
    expect(() => advanceTestClock(-1)).toThrow(/forward/);
  });

  it('puts the real clock back', () => {
    installTestClock();
    advanceTestClock(30 * DAY);
    uninstallTestClock();
    expect(testClockInstalled()).toBe(false);
    expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1_000);
    expect(Date.now() - performance.timeOrigin - performance.now()).toBeLessThan(DAY);
  });
});
