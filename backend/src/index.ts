/** Serve only: read env, open (and migrate) storage, listen, shut down cleanly. */
import { serve } from '@hono/node-server';
import { createApp, openRuntime } from './app';
import { readEnv } from './env';
import { createLogger } from './lib/logger';
import { createMailer } from './services/mail';

const config = readEnv();
const logger = createLogger(config);
const runtime = openRuntime(config);
const mailer = createMailer({ store: runtime.store, config, logger });
const app = createApp({ config, ...runtime, logger, mailer });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info({ address: info.address, port: info.port, dataDir: config.dataDir }, 'listening');
  mailer.start();
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish, then close the database.
  server.close(() => {
    void mailer
      .stop()
      .then(() => runtime.store.close())
      .then(() => process.exit(0));
  });
  // Keep-alive connections must not hold the process open forever.
  setTimeout(() => process.exit(0), 5000).unref();
  if ('closeIdleConnections' in server) server.closeIdleConnections();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
