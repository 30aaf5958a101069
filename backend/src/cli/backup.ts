/**
 * `npm run backup [-- <dir>]`: an online backup of DATA_DIR (database, the
 * evidence blobs it names, the signing key) into `<dir>`, by default
 * `backups/openipp-<time>` under the current directory. Safe beside a
 * running server. Exit 0 when written, 1 when refused, 2 on bad usage.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, createBackup } from '../services/backup';
import { cliConfig } from './cli-env';
import { formatBytes, totalRows } from '../services/backup-figures';

const USAGE = 'usage: npm run backup [-- <backup dir>]   (DATA_DIR names the data directory)';

function targetDir(): string {
  let positionals: string[];
  try {
    positionals = parseArgs({ args: process.argv.slice(2), options: {}, allowPositionals: true, strict: true }).positionals;
  } catch {
    console.error(USAGE);
    process.exit(2);
  }
  if (positionals.length > 1) {
    console.error(USAGE);
    process.exit(2);
  }
  return positionals[0] ?? path.join('backups', `openipp-${new Date().toISOString().replace(/[:.]/g, '-')}`);
}

const config = cliConfig();
const target = targetDir();
try {
  const report = await createBackup({ dataDir: config.dataDir, target });
  const { manifest } = report;
  const head = manifest.audit.head ? `${manifest.audit.head.seq}:${manifest.audit.head.hash}` : 'empty';
  console.log(`Backup of ${config.dataDir} written to ${report.dir} in ${Math.round(report.durationMs)} ms: ${formatBytes(report.bytes)}.`);
  console.log(
    `  database ${formatBytes(manifest.database.bytes)} (${manifest.database.pages} pages, ${report.restarts} restarts, migration ${manifest.migrations.latest ?? 'none'}), ` +
      `${Object.keys(manifest.counts).length} tables / ${totalRows(manifest.counts)} rows, ${manifest.blobs.count} blobs ${formatBytes(manifest.blobs.bytes)}, ` +
      `audit head ${head}, signing key ${manifest.signingKey ? `${manifest.signingKey.keyId} (file mode 0600)` : 'none in DATA_DIR'}.`,
  );
  if (manifest.signingKey) console.log('  The backup holds the private signing key: keep it where only the server operators can read it.');
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Backup refused: ${error.message}`);
  process.exitCode = 1;
}
