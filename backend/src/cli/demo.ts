/**
 * `npm start`: migrate, seed an empty database, build the console on first
 * run, start a local SMTP capture server (its mail is shown in the console's
 * mailbox), serve, and print how to sign in and load the extension.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp, openRuntime } from '../app';
import { uuidv7 } from '../lib/crypto';
import { createLogger } from '../lib/logger';
import { startSmtpCapture } from '../lib/smtp-capture';
import { createMailer } from '../services/mail';
import { createSmsProvider, createSmsSender } from '../services/sms';
import { serverText } from '../lib/i18n';
import { BACKEND_ROOT, CONSOLE_DIST_DIR, REPO_ROOT } from '../paths';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../services/seed';
import { cliConfig, cliLocale } from './cli-env';

const envConfig = cliConfig();
const locale = cliLocale(envConfig);
const say = (key: Parameters<typeof serverText>[1], vars?: Record<string, string>) => serverText(locale, key, vars);

// The demo catches every mail it sends and shows it publicly: never in production.
if (envConfig.nodeEnv === 'production') {
  console.error(say('seed.refusedInProduction'));
  process.exit(1);
}

const runtime = openRuntime(envConfig);
if ((await seedDemo(runtime.store, envConfig.nodeEnv, { blobs: runtime.blobs, demoStory: true })) === 'created') console.log(say('demo.seeded'));

const smtp = await startSmtpCapture({
  port: envConfig.demoSmtpPort,
  fallbackToFreePort: true,
  onMail: (mail) =>
    runtime.store.transaction((tx) =>
      tx.insertDevMail({ id: uuidv7(mail.receivedAt), to: mail.to, subject: mail.subject, text: mail.text, receivedAt: mail.receivedAt }),
    ),
});
const config = { ...envConfig, mail: { ...envConfig.mail, smtpUrl: smtp.url }, demoMailbox: true };

if (!existsSync(path.join(CONSOLE_DIST_DIR, 'index.html'))) {
  console.log(say('demo.buildingConsole'));
  const build = spawnSync('pnpm', ['--filter', '@openipp/backend', 'build:console'], { cwd: BACKEND_ROOT, stdio: 'inherit' });
  if (build.status !== 0) console.error(say('demo.consoleBuildFailed'));
}

// The banner is the interface here; keep per-request logs to warnings.
const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
const mailer = createMailer({ store: runtime.store, config, logger });
// SMS_PROVIDER defaults to the log provider: the demo's text messages appear in its log.
const sms = createSmsSender({ store: runtime.store, provider: createSmsProvider(config, logger), logger });
const app = createApp({ config, ...runtime, logger, mailer });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  mailer.start();
  sms.start();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}`;
  const extensionDir = path.join(REPO_ROOT, 'extension', '.output', 'chrome-mv3');
  const width = Math.max(...DEMO_ACCOUNTS.map((account) => account.email.length));
  const lines = [
    '',
    '='.repeat(72),
    `  ${say('demo.ready', { url })}`,
    `  ${say('demo.docs', { url: `${url}/api/docs` })}`,
    `  ${say('demo.mailbox', { port: String(smtp.port), url: `${url}/#/mailbox` })}`,
    '',
    `  ${say('demo.logins', { password: DEMO_PASSWORD })}`,
    ...DEMO_ACCOUNTS.map((account) => `    ${account.email.padEnd(width)}  ${account.role.padEnd(8)}  ${account.tenant}`),
    '',
    `  ${say('demo.extensionTitle')}`,
    `  ${say('demo.extensionSteps')}`,
    `    ${extensionDir}`,
    ...(existsSync(path.join(extensionDir, 'manifest.json')) ? [] : [`    ${say('demo.extensionMissing')}`]),
    `  ${say('demo.backendUrl', { url, defaultUrl: 'http://127.0.0.1:8787' })}`,
    '',
    `  ${say('demo.stop')}`,
    '='.repeat(72),
    '',
  ];
  console.log(lines.join('\n'));
});

function shutdown(): void {
  server.close(
    () =>
      void Promise.all([mailer.stop(), sms.stop()])
        .then(() => smtp.close())
        .then(() => runtime.store.close())
        .then(() => process.exit(0)),
  );
  setTimeout(() => process.exit(0), 3000).unref();
  if ('closeIdleConnections' in server) server.closeIdleConnections();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
