/**
 * `npm run restore -- <backup dir> [--data-dir <dir>] [--replace]`: rebuilds
 * a data directory (default DATA_DIR) from a backup, after checking every
 * blob's hash, the database's integrity and hash, its row counts against the
 * manifest and the audit chain up to the recorded head. A non-empty target
 * is refused unless --replace, which moves it aside. Stop the server first.
 * Exit 0 when restored, 1 when refused, 2 on bad usage.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatBytes, totalRows } from '../services/backup-figures';
import { BackupError } from '../services/backup';
import { restoreBackup } from '../services/backup-restore';
import { cliConfig } from './cli-env';

const USAGE = 'usage: npm run restore -- <backup dir> [--data-dir <dir>] [--replace]';

function parse(): { backupDir: string; dataDir: string | undefined; replace: boolean } {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { 'data-dir': { type: 'string' }, replace: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new Error('one backup directory');
    return { backupDir: positionals[0]!, dataDir: values['data-dir'], replace: values.replace };
  } catch {
    console.error(USAGE);
    process.exit(2);
  }
}

const args = parse();
// --data-dir wins over DATA_DIR, so restoring beside a configured server never needs its environment changed.
const dataDir = args.dataDir !== undefined ? path.resolve(args.dataDir) : cliConfig().dataDir;
try {
  const report = await restoreBackup({ backupDir: args.backupDir, dataDir, replace: args.replace });
  const { manifest } = report;
  const head = manifest.audit.head ? `${manifest.audit.head.seq}:${manifest.audit.head.hash}` : 'empty';
  console.log(`Restored the backup of ${manifest.createdAt} into ${report.dataDir} in ${Math.round(report.durationMs)} ms: ${formatBytes(report.bytes)}.`);
  console.log(
    `  integrity ok, ${Object.keys(manifest.counts).length} tables / ${totalRows(manifest.counts)} rows as in the manifest, migration ${manifest.migrations.latest ?? 'none'}, ` +
      `audit chain verified to ${head}, ${manifest.blobs.count} blobs (${formatBytes(manifest.blobs.bytes)}) hash-checked, ` +
      `signing key ${manifest.signingKey ? manifest.signingKey.keyId : 'none in the backup (the server will make a new one)'}.`,
  );
  if (report.movedAside) console.log(`  The directory that was there is now ${report.movedAside}.`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Restore refused: ${error.message}`);
  process.exitCode = 1;
}
