#!/usr/bin/env node
// The two README commands, with nothing but Node and npm on the machine:
//   npm start → node .ci/workspace.mjs start
//   npm test  → node .ci/workspace.mjs test
// Only Node built-ins here: this runs before any dependency is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.4.2';
const isCI = process.env.CI === 'true' || process.env.CI === '1';

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} exited with ${status}`);
    process.exit(status);
  }
}

function pnpmVersion() {
  const result = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Pinned pnpm, then the workspace's dependencies. */
function ensureToolchain() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Node ${process.versions.node} is too old: OpenIPP needs Node 20.19 or newer.`);
    process.exit(1);
  }
  if (pnpmVersion() !== PNPM_VERSION) {
    console.log(`Installing pnpm ${PNPM_VERSION} …`);
    // corepack's signature check fails offline-ish registries; npm -g is reliable.
    must('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`]);
  }
  // better-sqlite3 compiles from source; point node-gyp at the local headers so it
  // does not try to download them.
  if (!process.env.npm_config_nodedir) {
    const nodedir = resolve(dirname(process.execPath), '..');
    if (existsSync(join(nodedir, 'include', 'node', 'node.h'))) process.env.npm_config_nodedir = nodedir;
  }
  must('pnpm', ['install', ...(isCI ? ['--frozen-lockfile'] : [])]);
}

function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

// ---------- npm start ----------
function start() {
  // The backend runs from backend/; anchor the data directory at the repository
  // root (or wherever the user pointed it) so `./data` means what the README says.
  process.env.DATA_DIR = resolve(root, process.env.DATA_DIR || 'data');
  ensureToolchain();
  must('pnpm', ['--filter', '@openipp/extension', 'build']);
  must('pnpm', ['--filter', '@openipp/backend', 'build:console']);
  // Hands over to the backend: migrate, seed the demo when empty, serve, print logins.
  process.exit(run('pnpm', ['--filter', '@openipp/backend', 'demo']));
}

// ---------- npm test ----------
const reportsDir = join(root, '.tmp', 'reports');

/** Each step is one runner or one check; runners report their own test counts. */
function steps() {
  const vitest = (pkg, dir, extra = []) => ({
    name: `unit tests: ${dir}`,
    cmd: 'pnpm',
    args: ['--filter', pkg, 'exec', 'vitest', 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile=${join(reportsDir, `${dir}.json`)}`],
    report: { kind: 'vitest', file: join(reportsDir, `${dir}.json`) },
  });
  return [
    { name: 'typecheck', cmd: 'pnpm', args: ['-r', '--workspace-concurrency=1', 'typecheck'] },
    vitest('@openipp/shared', 'shared'),
    vitest('@openipp/locales', 'locales'),
    vitest('@openipp/backend', 'backend'),
    vitest('@openipp/backend', 'console', ['--config', 'console/vitest.config.ts']),
    vitest('@openipp/extension', 'extension'),
    { name: 'build: extension', cmd: 'pnpm', args: ['--filter', '@openipp/extension', 'build'] },
    // The store packages for both browsers (issue #7): each step passes only if its zip is there afterwards.
    extensionZip('chrome', 'zip'),
    extensionZip('firefox', 'zip:firefox'),
    { name: 'build: console', cmd: 'pnpm', args: ['--filter', '@openipp/backend', 'build:console'] },
    {
      name: 'e2e (real Chromium + built extension)',
      cmd: 'pnpm',
      args: ['--filter', '@openipp/e2e', 'exec', 'playwright', 'test'],
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reportsDir, 'e2e.json') },
      report: { kind: 'playwright', file: join(reportsDir, 'e2e.json') },
    },
  ];
}

/** `wxt zip` for one browser; the zip's name follows extension/wxt.config.ts (zip.name) and package.json's version. */
function extensionZip(browser, script) {
  const { version } = JSON.parse(readFileSync(join(root, 'extension', 'package.json'), 'utf8'));
  return {
    name: `zip: extension (${browser})`,
    cmd: 'pnpm',
    args: ['--filter', '@openipp/extension', script],
    artifact: join(root, 'extension', '.output', `openipp-extension-${version}-${browser}.zip`),
  };
}

function countVitest(file) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: json.numPassedTests ?? 0, failed: json.numFailedTests ?? 0, skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0) };
}

function countPlaywright(file) {
  const stats = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
}

function test() {
  ensureToolchain();
  if (!existsSync(chromiumPath())) {
    console.error(`Chromium not found at ${chromiumPath()}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  rmSync(reportsDir, { recursive: true, force: true });
  mkdirSync(reportsDir, { recursive: true });

  const rows = [];
  for (const step of steps()) {
    console.log(`\n━━ ${step.name} ━━`);
    // A zip left by an earlier run must not stand in for this one.
    if (step.artifact) rmSync(step.artifact, { force: true });
    let status = run(step.cmd, step.args, { env: { ...process.env, ...step.env } });
    let note = '';
    if (step.artifact) {
      if (existsSync(step.artifact)) note = ` → ${relative(root, step.artifact)} (${(statSync(step.artifact).size / 1024).toFixed(1)} KiB)`;
      else {
        console.error(`✖ ${relative(root, step.artifact)} was not made`);
        status = 1;
      }
    }
    let counts = { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 };
    if (step.report) {
      try {
        counts = step.report.kind === 'vitest' ? countVitest(step.report.file) : countPlaywright(step.report.file);
        // A runner that crashed or exited non-zero without reporting a failed test
        // still failed: count it, so a broken run can never look green.
        if (status !== 0 && counts.failed === 0) counts.failed = 1;
      } catch {
        counts = { passed: 0, failed: 1, skipped: 0 };
      }
    }
    rows.push({ name: step.name, status, note, ...counts });
  }

  console.log('\n━━ summary ━━');
  for (const row of rows) {
    console.log(`${row.status === 0 ? '✔' : '✖'} ${row.name}: ${row.passed} passed, ${row.failed} failed${row.skipped ? `, ${row.skipped} skipped` : ''}${row.note}`);
  }
  const passed = rows.reduce((sum, r) => sum + r.passed, 0);
  const failed = rows.reduce((sum, r) => sum + r.failed, 0);
  const skipped = rows.reduce((sum, r) => sum + r.skipped, 0);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

const command = process.argv[2];
if (command === 'start') start();
else if (command === 'test') test();
else {
  console.error('usage: node .ci/workspace.mjs start|test');
  process.exit(2);
}
