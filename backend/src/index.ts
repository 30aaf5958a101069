/** Serve only: read env, open (and migrate) storage, listen, shut down cleanly. */
import { serve } from '@hono/node-server';
import { createApp, openRuntime } from './app';
import { readEnv } from './env';
import { createLogger } from './lib/logger';
import { createMailer } from './services/mail';
import { createSmsProvider, createSmsSender } from './services/sms';
import { runReminders, runSweeps } from './services/sweeps';
import { installTestClock } from './lib/test-clock';

const config = readEnv();
// Before anything reads the time: end-to-end tests move this clock (never in production; the environment refuses it).
if (config.testClock) installTestClock();
const logger = createLogger(config);
const runtime = openRuntime(config);
const mailer = createMailer({ store: runtime.store, config, logger });
const sms = createSmsSender({ store: runtime.store, provider: createSmsProvider(config, logger), logger });
const app = createApp({ config, ...runtime, logger, mailer });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info({ address: info.address, port: info.port, dataDir: config.dataDir }, 'listening');
  mailer.start();
  sms.start();
});

/**
 * There is no general scheduler, so expiry reminders run on a plain interval.
 * Every run is idempotent and claims its rights in the database, so a missed
 * tick is harmless and two processes never remind twice.
 */
const REMINDER_INTERVAL_MS = 60 * 60 * 1000;
const remind = () => void runReminders(runtime.store, logger);
const reminders = setInterval(remind, REMINDER_INTERVAL_MS);
reminders.unref();
remind();

/**
 * Requests for material left unanswered past their deadline close their
 * complaint. Like the reminders, each run claims its requests in the
 * database, so it is safe from any number of processes; it runs more often
 * because a complaint should not linger open long after its deadline.
 */
const SWEEP_INTERVAL_MS = 5 * 60 * 1000;
// Also: counter-notice windows that ended without proof make restoring due.
const sweep = () => void runSweeps(runtime.store, logger);
const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS);
sweeper.unref();
sweep();

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  clearInterval(reminders);
  clearInterval(sweeper);
  logger.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish, then close the database.
  server.close(() => {
    void Promise.all([mailer.stop(), sms.stop()])
      .then(() => runtime.store.close())
      .then(() => process.exit(0));
  });
  // Keep-alive connections must not hold the process open forever.
  setTimeout(() => process.exit(0), 5000).unref();
  if ('closeIdleConnections' in server) server.closeIdleConnections();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
