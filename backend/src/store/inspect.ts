/**
 * A read-only look at the database file, for tests that must assert what is
 * really stored (row counts, columns) independently of the store's own API.
 */
import Database from 'better-sqlite3';

export interface DbInspector {
  count(table: string, where?: string, ...params: unknown[]): number;
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  /** Only with `{ writable: true }`: lets a test move time (e.g. expire a session) without sleeping. */
  run(sql: string, ...params: unknown[]): number;
  close(): void;
}

export function inspectDatabase(file: string, options: { writable?: boolean } = {}): DbInspector {
  const db = new Database(file, { readonly: !options.writable, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    count(table, where, ...params) {
      if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
      const row = db.prepare(`select count(*) as n from ${table}${where ? ` where ${where}` : ''}`).get(...params) as { n: number };
      return row.n;
    },
    rows<T>(sql: string, ...params: unknown[]) {
      return db.prepare(sql).all(...params) as T[];
    },
    run(sql, ...params) {
      return db.prepare(sql).run(...params).changes;
    },
    close() {
      db.close();
    },
  };
}
