/**
 * Rebuilds a data directory from a backup made by `createBackup`. Nothing is
 * trusted: the files are copied into a temporary directory beside the
 * target and checked there (database hash and integrity, migration level,
 * row counts, the audit chain up to the recorded head, every blob's hash,
 * the signing key's id) before the directory takes the target's name. A
 * backup that fails any check leaves the target untouched.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createFsBlobStore } from '../blobs';
import { sha256Hex } from '../lib/crypto';
import { SIGNING_KEY_FILE } from '../lib/signing-key';
import { checkDatabaseIntegrity, DATABASE_FILE_NAME, describeDatabase } from '../store';
import {
  BACKUP_MANIFEST_FILE,
  BLOBS_DIR,
  BackupError,
  BackupManifestSchema,
  describeAuditFailure,
  eachLimited,
  hashFile,
  isMissingOrEmptyDir,
  removeEmptyDir,
  signingKeyId,
  verifyChainIn,
  type BackupManifest,
} from './backup';

export interface RestoreReport {
  dataDir: string;
  /** Where the directory that was in the way went (only with `replace`). */
  movedAside: string | null;
  manifest: BackupManifest;
  durationMs: number;
  bytes: number;
}

export async function readBackupManifest(backupDir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(backupDir, BACKUP_MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupError(`${backupDir} is not a backup: it has no readable ${BACKUP_MANIFEST_FILE}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${BACKUP_MANIFEST_FILE} in ${backupDir} is not JSON`);
  }
  const parsed = BackupManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(`${BACKUP_MANIFEST_FILE} in ${backupDir} is not a backup manifest this release reads (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
  }
  return parsed.data;
}

function sameCounts(expected: Record<string, number>, actual: Record<string, number>): string | undefined {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const differing = tables.filter((table) => expected[table] !== actual[table]);
  if (differing.length === 0) return undefined;
  return differing
    .slice(0, 5)
    .map((table) => `${table}: manifest ${expected[table] ?? 'absent'}, database ${actual[table] ?? 'absent'}`)
    .join('; ');
}

/** Every check a restore makes, on the files already copied into `staging`. */
async function restoreInto(backupDir: string, staging: string, manifest: BackupManifest): Promise<number> {
  const databaseCopy = path.join(staging, DATABASE_FILE_NAME);
  await fs.copyFile(path.join(backupDir, manifest.database.file), databaseCopy, fs.constants.COPYFILE_EXCL);
  const databaseHash = await hashFile(databaseCopy);
  if (databaseHash !== manifest.database.sha256) throw new BackupError(`the database file is not the one the manifest names: it hashes to ${databaseHash}, the manifest says ${manifest.database.sha256}`);

  const integrity = checkDatabaseIntegrity(databaseCopy);
  if (integrity.join() !== 'ok') throw new BackupError(`the database fails its integrity check: ${integrity.slice(0, 5).join('; ')}`);
  const described = describeDatabase(databaseCopy);
  if (described.migrations.unknown > 0) throw new BackupError(`the database has ${described.migrations.unknown} migration(s) this release does not know: restore it with the release that made it`);
  const countsDiffer = sameCounts(manifest.counts, described.counts);
  if (countsDiffer) throw new BackupError(`row counts differ from the manifest: ${countsDiffer}`);

  const chain = await verifyChainIn(staging, manifest.audit.head ?? undefined);
  if (!chain.ok) throw new BackupError(`the audit chain is ${describeAuditFailure(chain)}`);
  if (chain.entries !== manifest.audit.entries) throw new BackupError(`the audit chain has ${chain.entries} entries, the manifest says ${manifest.audit.entries}`);

  const listed = new Set(manifest.blobs.items.map((item) => item.sha256));
  const unlisted = described.blobReferences.find((sha256) => !listed.has(sha256));
  if (unlisted !== undefined) throw new BackupError(`the database names blob ${unlisted}, which the backup does not hold`);

  const from = createFsBlobStore(path.join(backupDir, BLOBS_DIR));
  const to = createFsBlobStore(path.join(staging, BLOBS_DIR));
  await eachLimited(manifest.blobs.items, 4, async ({ sha256, bytes: size }) => {
    const bytes = await from.get(sha256);
    if (bytes === undefined) throw new BackupError(`blob ${sha256} is missing from the backup`);
    const actual = sha256Hex(bytes);
    if (actual !== sha256) throw new BackupError(`blob ${sha256} in the backup is damaged: its bytes hash to ${actual}`);
    if (bytes.byteLength !== size) throw new BackupError(`blob ${sha256} in the backup has ${bytes.byteLength} bytes, the manifest says ${size}`);
    await to.put(bytes);
  });

  let keyBytes = 0;
  if (manifest.signingKey) {
    const pem = await fs.readFile(path.join(backupDir, manifest.signingKey.file)).catch(() => {
      throw new BackupError(`the signing key ${manifest.signingKey!.file} is missing from the backup`);
    });
    if (sha256Hex(pem) !== manifest.signingKey.sha256) throw new BackupError('the signing key in the backup is not the one the manifest names');
    let keyId: string | undefined;
    try {
      keyId = signingKeyId(pem.toString('utf8'));
    } catch {
      keyId = undefined;
    }
    if (keyId !== manifest.signingKey.keyId) throw new BackupError('the signing key in the backup does not have the key id the manifest names');
    await fs.writeFile(path.join(staging, SIGNING_KEY_FILE), pem, { mode: 0o600, flag: 'wx' });
    keyBytes = pem.byteLength;
  }
  return manifest.database.bytes + manifest.blobs.bytes + keyBytes;
}

/**
 * Restores `backupDir` as `dataDir`. A `dataDir` that exists and is not
 * empty is refused unless `replace` is set; then it is renamed aside
 * (`<dataDir>.replaced-<time>`), never deleted. Stop the server first: it
 * keeps the old database open.
 */
export async function restoreBackup(options: { backupDir: string; dataDir: string; replace?: boolean; now?: Date }): Promise<RestoreReport> {
  const started = performance.now();
  const backupDir = path.resolve(options.backupDir);
  const dataDir = path.resolve(options.dataDir);
  const manifest = await readBackupManifest(backupDir);
  const emptyTarget = await isMissingOrEmptyDir(dataDir);
  if (!emptyTarget && !options.replace) throw new BackupError(`${dataDir} is not empty; restore into a new directory, or pass --replace to move it aside`);

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const staging = await fs.mkdtemp(`${dataDir}.restoring-`);
  try {
    await fs.chmod(staging, 0o700);
    const bytes = await restoreInto(backupDir, staging, manifest);
    let movedAside: string | null = null;
    if (emptyTarget) {
      await removeEmptyDir(dataDir);
    } else {
      movedAside = `${dataDir}.replaced-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(dataDir, movedAside);
    }
    await fs.rename(staging, dataDir);
    return { dataDir, movedAside, manifest, durationMs: performance.now() - started, bytes };
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
}
