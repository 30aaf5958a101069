/**
 * Every captureVisibleTab call of the extension goes through here.
 *
 * Chrome allows two calls a second, counted in a fixed window that opens with
 * the first call and lasts one second: a refused call does not wait for a
 * token, it fails. Captures taken in quick succession (a monitor paging
 * through listings, the shortcut held down) used to meet that limit and fail
 * with a single retry 600 ms later, which can still land inside the same
 * window. So calls are spaced here, one after another, and a call the browser
 * still refuses for quota (the call went out late, or arrived early, by a
 * few milliseconds) is retried once the window has certainly closed.
 *
 * The spacing lives in this worker's memory on purpose: it is pacing, not a
 * record. A worker that restarts has not called the API for far longer than
 * the window.
 */

/** Calls this far apart never take more than two places in one window of a second. */
export const SHOT_SPACING_MS = 510;
/** The browser's counting window. */
export const WINDOW_MS = 1_000;
/** Past the window's end by this much, for timers that fire early and clocks read a moment apart. */
export const WINDOW_MARGIN_MS = 15;
/** After a quota refusal whose window cannot be told: longer than the window, so the next try opens a new one. */
export const QUOTA_RETRY_MS = 1_050;
/** Quota refusals in a row before the capture gives up (another extension may be calling too). */
export const QUOTA_RETRIES = 3;
/** Other refusals (e.g. the compositor had no frame yet right after a navigation) are tried once more after this. */
export const TRANSIENT_RETRY_MS = 300;

export interface ShotPacerOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type Shoot = () => Promise<string>;

export function isQuotaError(error: unknown): boolean {
  return String(error instanceof Error ? error.message : error).includes('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A pacer: `paced(shoot)` runs `shoot` no sooner than SHOT_SPACING_MS after
 * the previous call began, one call at a time, with the retries above.
 */
export function createShotPacer(options: ShotPacerOptions = {}) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  let notBefore = Number.NEGATIVE_INFINITY;
  // When the last two calls that took a token came back: the browser counted each before it answered.
  const answered: number[] = [];
  // Calls are chained so two captures asking at once still go out spaced.
  let queue: Promise<unknown> = Promise.resolve();

  async function waitForTurn() {
    // A loop, as timers may fire a millisecond early and the limit is counted by the browser's clock.
    for (let wait = notBefore - now(); wait > 0; wait = notBefore - now()) await sleep(wait);
  }

  /**
   * After a quota refusal: the full window is two calls old, and it opened no
   * later than the older of them was answered, so it has certainly closed a
   * second after that — usually far sooner than a whole second from now.
   * A second refusal in a row means someone else takes tokens too: then wait
   * the whole window.
   */
  function afterQuotaRefusal(refusalsInARow: number): number {
    const older = answered.length === 2 ? answered[0]! : undefined;
    if (refusalsInARow > 1 || older === undefined) return now() + QUOTA_RETRY_MS;
    return Math.max(now(), older + WINDOW_MS + WINDOW_MARGIN_MS);
  }

  async function run(shoot: Shoot): Promise<string> {
    let quotaRefusals = 0;
    let otherRefusals = 0;
    for (;;) {
      await waitForTurn();
      notBefore = now() + SHOT_SPACING_MS;
      try {
        const shot = await shoot();
        answered.push(now());
        if (answered.length > 2) answered.shift();
        return shot;
      } catch (error) {
        if (isQuotaError(error)) {
          if (++quotaRefusals > QUOTA_RETRIES) throw error;
          notBefore = afterQuotaRefusal(quotaRefusals);
        } else {
          if (++otherRefusals > 1) throw error;
          notBefore = now() + TRANSIENT_RETRY_MS;
        }
      }
    }
  }

  return function paced(shoot: Shoot): Promise<string> {
    const turn = queue.then(() => run(shoot));
    queue = turn.catch(() => undefined);
    return turn;
  };
}
