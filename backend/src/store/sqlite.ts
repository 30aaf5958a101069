/**
 * The better-sqlite3 adapter: one write connection whose transactions are
 * serialised by an async mutex, and a separate query-only read connection.
 * WAL lets readers proceed while a write transaction is open.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createAuditReader, createAuditWriter } from './audit-queries';
import { createComplaintReader, createComplaintWriter } from './complaint-queries';
import { createDeliveryReader, createDeliveryWriter } from './delivery-queries';
import { asUniqueConstraintError } from './errors';
import { runMigrations } from './migrate';
import { Mutex } from './mutex';
import { createReader, createWriter, type Db } from './queries';
import { createRequestReader, createRequestWriter } from './request-queries';
import { createReviewReader, createReviewWriter } from './review-queries';
import { createShopReader, createShopWriter } from './shop-queries';
import { createCounterNoticeReader, createCounterNoticeWriter } from './counter-notice-queries';
import { createNoticeReader, createNoticeWriter } from './notice-queries';
import * as schema from './schema';
import { createSyncReader } from './sync-queries';
import type { AuditReader, Store, StoreTransaction } from './types';

function openConnection(file: string, readOnly: boolean): Database.Database {
  const conn = new Database(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('busy_timeout = 5000');
  conn.pragma('foreign_keys = ON');
  // A receipt promises the capture is durably stored: fsync on every commit, even in WAL mode.
  conn.pragma('synchronous = FULL');
  if (readOnly) conn.pragma('query_only = ON');
  return conn;
}

export interface SqliteStoreOptions {
  /** Apply pending migrations before serving (default true). */
  migrate?: boolean;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const writeConn = openConnection(file, false);
  const writeDb: Db = drizzle({ client: writeConn, schema });
  if (options.migrate ?? true) runMigrations(writeDb);
  const readConn = openConnection(file, true);
  const readDb: Db = drizzle({ client: readConn, schema });

  const reader = { ...createReader(readDb), ...createComplaintReader(readDb), ...createAuditReader(readDb), ...createRequestReader(readDb), ...createReviewReader(readDb), ...createDeliveryReader(readDb), ...createShopReader(readDb), ...createCounterNoticeReader(readDb), ...createNoticeReader(readDb), ...createSyncReader(readDb) };
  // Reads inside a transaction go to the write connection, so they see its own writes.
  const writer: StoreTransaction = {
    ...createWriter(writeDb),
    ...createComplaintReader(writeDb),
    ...createComplaintWriter(writeDb),
    ...createAuditReader(writeDb),
    ...createAuditWriter(writeDb),
    ...createRequestReader(writeDb),
    ...createRequestWriter(writeDb),
    ...createReviewReader(writeDb),
    ...createReviewWriter(writeDb),
    ...createShopReader(writeDb),
    ...createShopWriter(writeDb),
    ...createDeliveryReader(writeDb),
    ...createDeliveryWriter(writeDb),
    ...createCounterNoticeReader(writeDb),
    ...createCounterNoticeWriter(writeDb),
    ...createNoticeReader(writeDb),
    ...createNoticeWriter(writeDb),
  };
  const mutex = new Mutex();
  let closed = false;

  return {
    ...reader,
    transaction(fn) {
      return mutex.runExclusive(async () => {
        if (closed) throw new Error('store is closed');
        writeConn.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(writer);
          writeConn.exec('COMMIT');
          return result;
        } catch (error) {
          if (writeConn.inTransaction) writeConn.exec('ROLLBACK');
          throw asUniqueConstraintError(error) ?? error;
        }
      });
    },
    async close() {
      // Wait for the transaction in flight, then refuse new ones.
      await mutex.runExclusive(async () => {
        closed = true;
      });
      readConn.close();
      writeConn.close();
    },
  };
}

export interface AuditLogView extends AuditReader {
  close(): Promise<void>;
}

/**
 * The audit trail of an existing database file, read-only: verifying a
 * database must neither migrate nor write it (nor create it when the path is
 * wrong). Undefined when the database predates the audit log.
 */
export function openSqliteAuditView(file: string): AuditLogView | undefined {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  conn.pragma('busy_timeout = 5000');
  if (conn.prepare("select 1 from sqlite_master where type = 'table' and name = 'audit_log'").get() === undefined) {
    conn.close();
    return undefined;
  }
  const db: Db = drizzle({ client: conn, schema });
  return {
    ...createAuditReader(db),
    async close() {
      conn.close();
    },
  };
}
