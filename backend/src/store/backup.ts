/**
 * The database half of backups (issue #8 part 4): an online copy through
 * SQLite's backup API, and read-only descriptions of a database file (its
 * integrity, migration level, row counts and the blobs it names) that the
 * backup manifest records and a restore checks again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from './migrate';

/** Pages per backup step: about 4 MB, so a large copy still yields to the event loop between steps. */
const PAGES_PER_STEP = 1000;

export interface DatabaseCopy {
  pages: number;
  /** How often a write by another connection made SQLite start the copy over. */
  restarts: number;
}

/**
 * Copies the database in `sourceFile` to `targetFile` (which must not exist)
 * while other connections, in this process or another, keep writing to it.
 * SQLite restarts a step-wise backup whenever another connection commits
 * between two steps, so under a steady write load a copy in small steps may
 * never finish: after the first restart the rest is copied in one step,
 * which holds a read snapshot for its whole length (in WAL mode writers are
 * not blocked by it). The copy is then switched to rollback-journal mode so
 * it is one self-contained file. `pagesPerStep` below the default lets a
 * test copy a small database in many steps, with writes landing between.
 */
export async function backupDatabase(sourceFile: string, targetFile: string, options: { pagesPerStep?: number } = {}): Promise<DatabaseCopy> {
  const pagesPerStep = options.pagesPerStep ?? PAGES_PER_STEP;
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  let restarts = 0;
  let lastRemaining = Number.POSITIVE_INFINITY;
  try {
    const { totalPages } = await source.backup(targetFile, {
      progress({ totalPages: total, remainingPages }) {
        // Without a restart every step shrinks what remains; a copy started over does not.
        if (remainingPages >= lastRemaining) restarts += 1;
        lastRemaining = remainingPages;
        return restarts > 0 ? total : pagesPerStep;
      },
    });
    const copy = new Database(targetFile, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return { pages: totalPages, restarts };
  } finally {
    source.close();
  }
}

/** `PRAGMA integrity_check` of a database file, read-only: `['ok']` when it is sound, otherwise SQLite's findings. */
export function checkDatabaseIntegrity(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
  } catch (error) {
    // A file that is not a database at all fails here rather than with findings.
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    db.close();
  }
}

export interface MigrationLevel {
  /** Migrations recorded as applied in the database. */
  applied: number;
  /** The tag of the newest applied migration this code knows (`0017_capture_client`), null when none. */
  latest: string | null;
  /** Applied migrations this code does not ship: the database comes from a newer release. */
  unknown: number;
}

export interface DatabaseDescription {
  migrations: MigrationLevel;
  /** Rows per table, every table of the file. */
  counts: Record<string, number>;
  /** Blob hashes the rows name (sorted, distinct); each must be in the blob store. */
  blobReferences: string[];
}

/**
 * Rows that name a blob which may not have arrived yet: a capture's declared
 * artefact is written before its bytes, and is missing until `received_at`
 * is set. Their hashes are not required of a backup.
 */
const PENDING_BLOB_ROWS: Record<string, string> = { capture_artefacts: 'received_at is not null' };

/**
 * Columns that hold a blob's hash, by our naming rule: `sha256` or
 * `<something>_sha256`. Other hash columns (`sha256_zh`, `hash`, token
 * hashes) hash text kept in the row itself and name no blob.
 */
const isBlobColumn = (column: string): boolean => column === 'sha256' || column.endsWith('_sha256');

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function knownMigrations(): Map<number, string> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number; tag: string }> };
  return new Map(journal.entries.map((entry) => [entry.when, entry.tag]));
}

/** What a database file holds, read-only (so it is safe on a backup that must stay byte-identical). */
export function describeDatabase(file: string): DatabaseDescription {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    const counts: Record<string, number> = {};
    const references = new Set<string>();
    for (const table of tables) {
      counts[table] = db.prepare(`select count(*) from ${quote(table)}`).pluck().get() as number;
      const columns = (db.prepare('select name from pragma_table_info(?)').pluck().all(table) as string[]).filter(isBlobColumn);
      const where = PENDING_BLOB_ROWS[table];
      for (const column of columns) {
        const sql = `select distinct ${quote(column)} from ${quote(table)} where ${quote(column)} is not null${where ? ` and ${where}` : ''}`;
        for (const value of db.prepare(sql).pluck().all()) references.add(String(value));
      }
    }
    // A receipted capture's frozen manifest is a blob named only by its audit entry.
    if (tables.includes('audit_log')) {
      const manifests = db.prepare("select distinct json_extract(payload, '$.manifestSha256') from audit_log where json_extract(payload, '$.manifestSha256') is not null").pluck().all();
      for (const value of manifests) references.add(String(value));
    }

    const known = knownMigrations();
    const applied = tables.includes('__drizzle_migrations')
      ? (db.prepare('select created_at from __drizzle_migrations order by created_at').pluck().all() as number[])
      : [];
    const tags = applied.map((when) => known.get(Number(when)));
    const knownTags = tags.filter((tag): tag is string => tag !== undefined);
    return {
      migrations: { applied: applied.length, latest: knownTags.at(-1) ?? null, unknown: tags.length - knownTags.length },
      counts,
      blobReferences: [...references].sort(),
    };
  } finally {
    db.close();
  }
}
