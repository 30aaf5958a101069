/**
 * A wall clock that end-to-end tests can move forward (TEST_CLOCK=true, never
 * in production). Deadlines here run for days — a counter-notice window is 15
 * natural days — and an end-to-end test must watch one close without waiting.
 *
 * Moving the clock means every `Date.now()` and argument-less `new Date()` in
 * the process answers the real time plus an offset, the way fake-timer
 * libraries do it in unit tests; timers keep real time, so the server's own
 * loops and the test's waits are unaffected. The offset lives in this process:
 * a test clock is a single-process test fixture, not application state.
 */
const RealDate = Date;
let offsetMs = 0;
let installed = false;

function shiftedNow(): number {
  return RealDate.now() + offsetMs;
}

/** Replaces the global Date with one that honours the offset. Idempotent. */
export function installTestClock(): void {
  if (installed) return;
  // A function, not a subclass, so `Date()` called without `new` keeps returning a string.
  const Shifted = function (this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new RealDate(shiftedNow()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [shiftedNow()] : args, new.target);
  } as unknown as DateConstructor;
  Object.setPrototypeOf(Shifted, RealDate);
  // The same prototype: `instanceof Date` and every Date method hold unchanged.
  Object.defineProperty(Shifted, 'prototype', { value: RealDate.prototype });
  Object.defineProperty(Shifted, 'now', { value: shiftedNow, writable: true, configurable: true });
  globalThis.Date = Shifted;
  installed = true;
}

/** Puts the real Date back and forgets the offset (unit tests clean up with this). */
export function uninstallTestClock(): void {
  globalThis.Date = RealDate;
  offsetMs = 0;
  installed = false;
}

export function testClockInstalled(): boolean {
  return installed;
}

/** Moves the clock forward (never back: deadlines and audit order assume time only grows). Returns the new now. */
export function advanceTestClock(ms: number): number {
  if (!installed) throw new Error('the test clock is not installed');
  if (!Number.isFinite(ms) || ms < 0) throw new Error('the test clock only moves forward');
  offsetMs += ms;
  return shiftedNow();
}
