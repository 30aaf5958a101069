/**
 * Online backups (issue #8 part 4). A backup is a directory:
 *
 *   manifest.json               what was copied, written last (see BackupManifestSchema)
 *   openipp.sqlite              the database, copied with SQLite's backup API while the server writes
 *   blobs/ab/cd/<sha256>        every evidence blob that copy names, in the blob store's own layout
 *   evidence-signing-key.pem    the server's private signing key, mode 0600 (when DATA_DIR has one)
 *
 * The database is copied first and the blobs after, by the hashes the copy
 * names. Services store a blob before they commit the row that names it, so
 * every blob the copy names is already on disk by then; blobs written later
 * belong to rows the copy does not have and are left out.
 *
 * The directory holds the private key: whoever holds the backup can sign
 * receipts as this server. It is created owner-only (0700, the key 0600) and
 * belongs on storage kept as carefully as the server's own disk.
 */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { createFsBlobStore, openBlobStore, type BlobStore } from '../blobs';
import { SHA256_HEX } from '../blobs/blob-store';
import { describePublicKey, SIGNING_KEY_FILE } from '../lib/signing-key';
import { sha256Hex } from '../lib/crypto';
import { backupDatabase, checkDatabaseIntegrity, databaseFile, DATABASE_FILE_NAME, describeDatabase, openAuditView } from '../store';
import { APP_VERSION } from '../version';
import { verifyAuditChain, type AuditVerification } from './audit';

export const BACKUP_MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'openipp-backup/1';
/** The blob store's folder inside DATA_DIR and inside a backup. */
export const BLOBS_DIR = 'blobs';

const Sha256Schema = z.string().regex(SHA256_HEX);
const CountSchema = z.number().int().nonnegative();

export const BackupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  /** When the database copy was complete: the backup holds the data as of this moment. */
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  database: z.object({ file: z.literal(DATABASE_FILE_NAME), bytes: CountSchema, sha256: Sha256Schema, pages: CountSchema }),
  migrations: z.object({ applied: CountSchema, latest: z.string().nullable() }),
  /** Rows per table in the copied database. */
  counts: z.record(z.string(), CountSchema),
  /** The audit chain as verified in the copy; a restore must reach the same head. */
  audit: z.object({ entries: CountSchema, head: z.object({ seq: CountSchema, hash: Sha256Schema }).nullable() }),
  blobs: z.object({
    count: CountSchema,
    bytes: CountSchema,
    items: z.array(z.object({ sha256: Sha256Schema, bytes: CountSchema })),
  }),
  /** Null when DATA_DIR had no key yet (a database no server has run on). */
  signingKey: z.object({ file: z.literal(SIGNING_KEY_FILE), sha256: Sha256Schema, keyId: Sha256Schema }).nullable(),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/** A backup or restore that must not go ahead; the message says why, for the operator. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupReport {
  dir: string;
  manifest: BackupManifest;
  durationMs: number;
  /** Everything written: database, blobs, key and manifest. */
  bytes: number;
  /** Times SQLite started the database copy over because the server committed meanwhile. */
  restarts: number;
}

/** Streams the file through SHA-256: a database can be far larger than memory should hold. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function isMissingOrEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Removes `dir` if it is there; it must be empty (checked before), so nothing is lost. */
export async function removeEmptyDir(dir: string): Promise<void> {
  try {
    await fs.rmdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** The key's id as receipts name it: SHA-256 of its public half (SPKI DER). */
export function signingKeyId(pem: string): string {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
  return describePublicKey(createPublicKey(key)).keyId;
}

/**
 * Runs `fn` over `items`, `width` at a time: blob copies are I/O-bound, but
 * thousands at once would exhaust file handles. After a failure no new item
 * starts, and the error is thrown only once the running ones have settled,
 * so the caller can clean up a directory nothing is still writing to.
 */
export async function eachLimited<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      try {
        await fn(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(width, items.length) }, worker));
  const rejected = results.find((result) => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}

export function describeAuditFailure(result: AuditVerification): string {
  return result.ok ? 'intact' : `broken at entry ${result.firstBrokenSeq} (${result.reason}) after ${result.entries} intact entries`;
}

/** Verifies the chain of the database file in `dir` (named as in DATA_DIR). */
export async function verifyChainIn(dir: string, expectedHead?: { seq: number; hash: string }): Promise<AuditVerification> {
  const view = openAuditView(dir);
  if (view === undefined) return { ok: true, entries: 0, head: null };
  try {
    return await verifyAuditChain(view, expectedHead ? { expectedHead } : {});
  } finally {
    await view.close();
  }
}

/**
 * Copies every blob in `hashes` from `from` to `to`, checking on both sides
 * that the bytes hash to their name. Returns the size of each.
 */
async function copyBlobs(hashes: readonly string[], from: BlobStore, to: BlobStore): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  await eachLimited(hashes, 4, async (sha256) => {
    const bytes = await from.get(sha256);
    if (bytes === undefined) throw new BackupError(`blob ${sha256} is named by the database but missing from the blob store`);
    const actual = sha256Hex(bytes);
    if (actual !== sha256) throw new BackupError(`blob ${sha256} in the blob store is damaged: its bytes hash to ${actual}`);
    if ((await to.put(bytes)) !== sha256) throw new BackupError(`blob ${sha256} changed while being copied`);
    sizes.set(sha256, bytes.byteLength);
  });
  return sizes;
}

/**
 * Backs up `dataDir` into `target` (absent or an empty directory) while a
 * server may be writing to it. Everything is written under a temporary name
 * beside `target` and renamed into place when complete, so a directory under
 * the target's name is always a whole backup. Blobs are read through `blobs`
 * (default: DATA_DIR's filesystem store), so another blob adapter backs up
 * the same way.
 */
export async function createBackup(options: { dataDir: string; target: string; blobs?: BlobStore; pagesPerStep?: number }): Promise<BackupReport> {
  const started = performance.now();
  const source = databaseFile(options.dataDir);
  try {
    await fs.access(source);
  } catch {
    throw new BackupError(`no database at ${source}: is DATA_DIR right?`);
  }
  const target = path.resolve(options.target);
  if (!(await isMissingOrEmptyDir(target))) throw new BackupError(`${target} already exists and is not empty; name a new directory`);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const staging = await fs.mkdtemp(`${target}.partial-`);
  try {
    await fs.chmod(staging, 0o700);
    const copyFile = path.join(staging, DATABASE_FILE_NAME);
    const copy = await backupDatabase(source, copyFile, options.pagesPerStep === undefined ? {} : { pagesPerStep: options.pagesPerStep });
    const createdAt = new Date().toISOString();

    // Everything below reads the copy, so the manifest describes exactly what the backup holds.
    const integrity = checkDatabaseIntegrity(copyFile);
    if (integrity.join() !== 'ok') throw new BackupError(`the database fails its integrity check: ${integrity.slice(0, 5).join('; ')}`);
    const chain = await verifyChainIn(staging);
    if (!chain.ok) throw new BackupError(`the audit chain is ${describeAuditFailure(chain)}`);
    const described = describeDatabase(copyFile);
    const malformed = described.blobReferences.find((sha256) => !SHA256_HEX.test(sha256));
    if (malformed !== undefined) throw new BackupError(`the database names a blob by a malformed hash: ${JSON.stringify(malformed)}`);

    const sizes = await copyBlobs(described.blobReferences, options.blobs ?? openBlobStore(options.dataDir), createFsBlobStore(path.join(staging, BLOBS_DIR)));
    const items = described.blobReferences.map((sha256) => ({ sha256, bytes: sizes.get(sha256)! }));
    const blobBytes = items.reduce((sum, item) => sum + item.bytes, 0);

    let signingKey: BackupManifest['signingKey'] = null;
    let keyBytes = 0;
    const keyFile = path.join(options.dataDir, SIGNING_KEY_FILE);
    const pem = await fs.readFile(keyFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (pem !== undefined) {
      let keyId: string;
      try {
        keyId = signingKeyId(pem.toString('utf8'));
      } catch {
        throw new BackupError(`${keyFile} is not an Ed25519 private key`);
      }
      await fs.writeFile(path.join(staging, SIGNING_KEY_FILE), pem, { mode: 0o600, flag: 'wx' });
      signingKey = { file: SIGNING_KEY_FILE, sha256: sha256Hex(pem), keyId };
      keyBytes = pem.byteLength;
    }

    const databaseBytes = (await fs.stat(copyFile)).size;
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt,
      appVersion: APP_VERSION,
      database: { file: DATABASE_FILE_NAME, bytes: databaseBytes, sha256: await hashFile(copyFile), pages: copy.pages },
      migrations: { applied: described.migrations.applied, latest: described.migrations.latest },
      counts: described.counts,
      audit: { entries: chain.entries, head: chain.head },
      blobs: { count: items.length, bytes: blobBytes, items },
      signingKey,
    };
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    const manifestHandle = await fs.open(path.join(staging, BACKUP_MANIFEST_FILE), 'wx', 0o600);
    try {
      await manifestHandle.writeFile(manifestText);
      await manifestHandle.sync();
    } finally {
      await manifestHandle.close();
    }

    await removeEmptyDir(target);
    await fs.rename(staging, target);
    return {
      dir: target,
      manifest,
      durationMs: performance.now() - started,
      bytes: databaseBytes + blobBytes + keyBytes + Buffer.byteLength(manifestText),
      restarts: copy.restarts,
    };
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
}
