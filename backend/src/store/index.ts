/** The one door to persistence. Only this folder imports drizzle-orm or better-sqlite3. */
import path from 'node:path';
import { openSqliteAuditView, openSqliteStore, type AuditLogView } from './sqlite';
import type { Store } from './types';

export type * from './types';
export { openSqliteStore, type AuditLogView } from './sqlite';
export { UniqueConstraintError } from './errors';
export { backupDatabase, checkDatabaseIntegrity, describeDatabase, type DatabaseCopy, type DatabaseDescription, type MigrationLevel } from './backup';
export type { LinkPurpose, MailStatus } from './schema/enums';
export type { AuditKind } from './schema/audit-log';

export const DATABASE_FILE_NAME = 'openipp.sqlite';

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

/** Opens (and migrates) the database that lives in `dataDir`. */
export function openStore(dataDir: string): Store {
  return openSqliteStore(databaseFile(dataDir));
}

/** The audit trail of the database in `dataDir`, read-only; undefined when that database has no audit log yet. */
export function openAuditView(dataDir: string): AuditLogView | undefined {
  return openSqliteAuditView(databaseFile(dataDir));
}
