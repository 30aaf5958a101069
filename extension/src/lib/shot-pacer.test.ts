import { describe, expect, it } from 'vitest';
import { QUOTA_RETRIES, QUOTA_RETRY_MS, SHOT_SPACING_MS, TRANSIENT_RETRY_MS, WINDOW_MS, createShotPacer } from './shot-pacer';

/**
 * A browser that counts captureVisibleTab calls the way Chrome does: two
 * tokens in a fixed window that opens with a call and lasts a second. A call
 * with no token left fails with the quota message.
 */
function fakeBrowser(delays: { arrival?: (call: number) => number; answer?: number } = {}) {
  let clock = 0;
  let attempt = 0;
  let windowEnd = Number.NEGATIVE_INFINITY;
  let tokens = 0;
  const calls: number[] = [];
  const refusals: number[] = [];
  const shoot = async () => {
    // The call reaches the browser's counter a moment after it leaves, and the image comes back later still.
    const sent = clock;
    clock += delays.arrival?.(attempt++) ?? 0;
    if (clock > windowEnd) {
      windowEnd = clock + 1_000;
      tokens = 2;
    }
    if (tokens === 0) {
      refusals.push(clock);
      throw new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
    }
    tokens--;
    calls.push(clock);
    clock = Math.max(clock, sent + (delays.answer ?? 0));
    return `data:image/png;base64,${calls.length}`;
  };
  const pacer = createShotPacer({
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
  });
  return { shoot, pacer, calls, refusals, advance: (ms: number) => (clock += ms) };
}

describe('shot pacer', () => {
  it('spaces twenty captures asked for at once so that none meets the quota', async () => {
    const b = fakeBrowser();
    const shots = await Promise.all(Array.from({ length: 20 }, () => b.pacer(b.shoot)));
    expect(new Set(shots).size).toBe(20);
    expect(b.refusals).toEqual([]);
    for (let i = 1; i < b.calls.length; i++) expect(b.calls[i]! - b.calls[i - 1]!).toBeGreaterThanOrEqual(SHOT_SPACING_MS);
  });

  it('retries a quota refusal after the window has closed (someone else took the tokens)', async () => {
    const b = fakeBrowser();
    // Another caller outside the pacer spends the window's two tokens.
    await b.shoot();
    await b.shoot();
    const shot = await b.pacer(b.shoot);
    expect(shot).toMatch(/3$/);
    expect(b.refusals).toHaveLength(1);
    expect(b.calls.at(-1)! - b.refusals[0]!).toBeGreaterThanOrEqual(QUOTA_RETRY_MS);
  });

  it('gives up after repeated quota refusals, and the next capture still gets its turn', async () => {
    const b = fakeBrowser();
    const refusing = async () => {
      throw new Error('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');
    };
    await expect(b.pacer(refusing)).rejects.toThrow('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');
    await expect(b.pacer(b.shoot)).resolves.toMatch(/1$/);
    expect(QUOTA_RETRIES).toBeGreaterThan(0);
  });

  it('tries another failure once more, then lets it through', async () => {
    const b = fakeBrowser();
    let failures = 0;
    const flaky = async () => {
      if (failures++ === 0) throw new Error('Failed to capture tab: image readback failed');
      return b.shoot();
    };
    await expect(b.pacer(flaky)).resolves.toBeTruthy();
    const broken = async () => {
      throw new Error('No window with id: 7.');
    };
    let tries = 0;
    await expect(
      b.pacer(() => {
        tries++;
        return broken();
      }),
    ).rejects.toThrow('No window');
    expect(tries).toBe(2);
    expect(TRANSIENT_RETRY_MS).toBeLessThan(SHOT_SPACING_MS);
  });

  it('after a refusal caused by a late call, retries as soon as the window is certainly closed, not a whole second later', async () => {
    // The first call of a window reaches the counter 40 ms late; the third arrives on time and finds the window still open.
    const b = fakeBrowser({ arrival: (call) => (call === 0 ? 40 : 0), answer: 150 });
    await b.pacer(b.shoot);
    await b.pacer(b.shoot);
    const before = b.calls.length;
    await b.pacer(b.shoot);
    expect(b.refusals).toHaveLength(1);
    expect(b.calls).toHaveLength(before + 1);
    const retryDelay = b.calls.at(-1)! - b.refusals[0]!;
    // The window opened with the first call (at 40 ms, answered at 150 ms): closed by 1,150 ms.
    expect(b.calls.at(-1)!).toBeGreaterThan(40 + WINDOW_MS);
    expect(retryDelay).toBeLessThan(QUOTA_RETRY_MS / 2);
  });
});
