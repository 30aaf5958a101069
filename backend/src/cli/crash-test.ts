/**
 * `npm run crash-test [-- --kills 200 --minutes 10 --clients 6 --keep]`:
 * SIGKILLs the real backend at random moments while clients sync captures
 * and complaints, retrying with the same Idempotency-Key, then checks that
 * every write is stored exactly once, the database and the audit chain are
 * sound and every evidence file hashes to its name. Prints its figures.
 * Exit 0 when all holds, 1 on any durability failure, 2 on bad usage or when
 * the time bound came before the number of kills asked for.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, runCrashTest, type CrashTestOptions, type CrashTestReport } from '../crash/run';

const USAGE = 'usage: npm run crash-test [-- --kills <n> --minutes <m> --clients <n> --max-up-ms <ms> --keep]';

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    console.error(`--${name} must be a positive number\n${USAGE}`);
    process.exit(2);
  }
  return number;
}

function options(): CrashTestOptions {
  let values;
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      options: {
        kills: { type: 'string' },
        minutes: { type: 'string' },
        clients: { type: 'string' },
        'max-up-ms': { type: 'string' },
        keep: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const maxUpMs = positive(values['max-up-ms'], DEFAULT_OPTIONS.maxUpMs, 'max-up-ms');
  return {
    ...DEFAULT_OPTIONS,
    kills: Math.round(positive(values.kills, DEFAULT_OPTIONS.kills, 'kills')),
    timeLimitMs: positive(values.minutes, DEFAULT_OPTIONS.timeLimitMs / 60_000, 'minutes') * 60_000,
    clients: Math.round(positive(values.clients, DEFAULT_OPTIONS.clients, 'clients')),
    maxUpMs,
    minUpMs: Math.min(DEFAULT_OPTIONS.minUpMs, maxUpMs),
    keep: values.keep ?? false,
    log: (line) => console.log(line),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

function print(report: CrashTestReport, target: number): void {
  const { figures: f, verification: v } = report;
  const seconds = report.durationMs / 1000;
  const rows: Array<[string, string]> = [
    ['kills (SIGKILL)', `${report.kills} of ${target} asked (${report.startupKills} during start-up), ${(report.kills / (seconds / 60)).toFixed(1)} per minute`],
    ['writes sent', `${f.sent} (${f.captures} captures, ${f.complaints} complaints) in ${f.attempts} requests`],
    ['acknowledged', `${f.acknowledged} (${f.acknowledgedFirstTry} on the first try)`],
    ['retried', `${f.retried} unanswered when a kill came, retried with the same key: ${f.retriedCommittedBeforeCrash} had been committed (replayed 200), ${f.retriedCreatedOnRetry} were written by the retry (201)`],
    ['present once', `${v.presentOnce}`],
    ['duplicates', `${v.duplicates}`],
    ['lost', `${v.lost}`],
    ['refused / unanswered at the end', `${f.refused} / ${f.unresolved}`],
    ['integrity_check', `${v.integrity.join('; ')} (and ${report.midRunIntegrityChecks - report.midRunIntegrityFailures.length} of ${report.midRunIntegrityChecks} checks between kills)`],
    ['audit chain', `${v.audit.ok ? 'verified' : 'BROKEN'}, ${v.audit.entries} entries, ${v.audit.detail}`],
    [
      'evidence blobs',
      `${v.blobs.files} files hash to their names except ${v.blobs.damaged.length}; ${v.blobs.referenced} named by the database, ${v.blobs.missing.length} missing; ` +
        `left by kills: ${v.blobs.leftoverTemp} temp files, ${v.blobs.unreferenced} unreferenced blobs`,
    ],
    ['restart to healthy', `median ${median(report.startupMs)} ms, max ${Math.max(...report.startupMs)} ms`],
    ['duration', `${seconds.toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('');
  console.log('Crash test');
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  for (const problem of report.verification.problems.slice(0, 20)) {
    console.log(`  ${problem.kind.toUpperCase()}: ${problem.write.kind} ${problem.write.key} by ${problem.write.client} (${problem.write.marker}): ${problem.detail}`);
  }
  if (report.verification.problems.length > 20) console.log(`  … and ${report.verification.problems.length - 20} more problems`);
  if (report.fatal !== undefined) console.log(`  THE BACKEND DID NOT START AGAIN after kill ${report.kills}:\n${report.fatal}`);
  for (const failure of report.midRunIntegrityFailures) console.log(`  INTEGRITY: ${failure}`);
  for (const exit of report.unexpectedExits) console.log(`  BACKEND EXITED BY ITSELF; its last output:\n${exit}`);
  if (!report.drained) console.log('  The clients had not finished their retries when the last start ran out of time.');
  if (v.blobs.damaged.length > 0) console.log(`  DAMAGED BLOBS: ${v.blobs.damaged.slice(0, 10).join(', ')}`);
  if (v.blobs.missing.length > 0) console.log(`  MISSING BLOBS: ${v.blobs.missing.slice(0, 10).join(', ')}`);
  if (!report.ok) console.log(`  data kept for inspection in ${report.dataDir}`);
}

const chosen = options();
const report = await runCrashTest(chosen);
print(report, chosen.kills);
if (!report.ok) {
  console.log('FAILED');
  process.exitCode = 1;
} else if (report.shortfall > 0) {
  console.log(`PASSED, but only ${report.kills} of ${chosen.kills} kills fitted in the time bound: raise --minutes or lower --kills`);
  process.exitCode = 2;
} else {
  console.log('PASSED');
}
// The clients' keep-alive sockets are gone with the backend; nothing else should hold the process open.
process.exit();
