import type { Logger } from '../lib/logger';

export interface DrainLoop {
  /** Asks for a drain soon; a no-op when not started. A kick during a drain asks for one more pass after it. */
  kick(): void;
  /** Drains now and then every `pollMs` (server processes only). */
  start(): void;
  /** Stops the timer and waits for the drain in flight. */
  stop(): Promise<void>;
}

/**
 * The background loop of an outbox sender (mail, SMS): never two drains of
 * one outbox at once in this process — the lease in the database keeps other
 * processes apart — and no kick lost while a drain runs.
 */
export function drainLoop({ drain, pollMs, logger, failure }: { drain: () => Promise<unknown>; pollMs: number; logger: Logger; failure: string }): DrainLoop {
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let again = false;

  function kick(): void {
    if (!started) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => logger.error({ err: error }, failure))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  return {
    kick,
    start() {
      if (started) return;
      started = true;
      timer = setInterval(kick, pollMs);
      timer.unref();
      kick();
    },
    async stop() {
      started = false;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
