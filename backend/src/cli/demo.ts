/**
 * `npm start`: migrate, seed an empty database, build the console on first
 * run, serve, and print how to sign in and load the extension.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp, openRuntime } from '../app';
import { createLogger } from '../lib/logger';
import { serverText } from '../lib/i18n';
import { BACKEND_ROOT, CONSOLE_DIST_DIR, REPO_ROOT } from '../paths';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../services/seed';
import { cliConfig, cliLocale } from './cli-env';

const config = cliConfig();
const locale = cliLocale(config);
const say = (key: Parameters<typeof serverText>[1], vars?: Record<string, string>) => serverText(locale, key, vars);

const runtime = openRuntime(config);
if ((await seedDemo(runtime.store, config.nodeEnv)) === 'created') console.log(say('demo.seeded'));

if (!existsSync(path.join(CONSOLE_DIST_DIR, 'index.html'))) {
  console.log(say('demo.buildingConsole'));
  const build = spawnSync('pnpm', ['--filter', '@openipp/backend', 'build:console'], { cwd: BACKEND_ROOT, stdio: 'inherit' });
  if (build.status !== 0) console.error(say('demo.consoleBuildFailed'));
}

// The banner is the interface here; keep per-request logs to warnings.
const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
const app = createApp({ config, ...runtime, logger });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}`;
  const extensionDir = path.join(REPO_ROOT, 'extension', '.output', 'chrome-mv3');
  const width = Math.max(...DEMO_ACCOUNTS.map((account) => account.email.length));
  const lines = [
    '',
    '='.repeat(72),
    `  ${say('demo.ready', { url })}`,
    `  ${say('demo.docs', { url: `${url}/api/docs` })}`,
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
  server.close(() => void runtime.store.close().then(() => process.exit(0)));
  setTimeout(() => process.exit(0), 3000).unref();
  if ('closeIdleConnections' in server) server.closeIdleConnections();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
