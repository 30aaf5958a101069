/**
 * Every captureVisibleTab call of the extension goes through here.
 *
 * Chrome allows two calls a second, counted in a fixed window that opens with
 * the first call and lasts one second: a refused call does not wait for a
 * token, it fails. Captures taken in quick succession (a monitor paging
 * through listings, the shortcut held down) used to meet that limit and fail
 * with a single retry 600 ms later, which can still land inside the same
 * window. So calls are spaced here, one after another, and a call the browser
 * still refuses for quota is retried once the window has certainly closed.
 *
 * The spacing lives in this worker's memory on purpose: it is pacing, not a
 * record. A worker that restarts has not called the API for far longer than
 * the window.
 */

/** Calls this far apart never take more than two places in one window of a second. */
export const SHOT_SPACING_MS = 510;
/** After a quota refusal: longer than the window, so the next try opens a new one. */
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
  let lastCall = Number.NEGATIVE_INFINITY;
  // Calls are chained so two captures asking at once still go out spaced.
  let queue: Promise<unknown> = Promise.resolve();

  async function waitForTurn(spacing: number) {
    // A loop, as timers may fire a millisecond early and the limit is counted by the browser's clock.
    for (let wait = lastCall + spacing - now(); wait > 0; wait = lastCall + spacing - now()) await sleep(wait);
    lastCall = now();
  }

  async function run(shoot: Shoot): Promise<string> {
    let quotaRefusals = 0;
    let otherRefusals = 0;
    let spacing = SHOT_SPACING_MS;
    for (;;) {
      await waitForTurn(spacing);
      try {
        return await shoot();
      } catch (error) {
        if (isQuotaError(error)) {
          if (++quotaRefusals > QUOTA_RETRIES) throw error;
          spacing = QUOTA_RETRY_MS;
        } else {
          if (++otherRefusals > 1) throw error;
          spacing = TRANSIENT_RETRY_MS;
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
