import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, openStore } from './index';
import { inspectDatabase } from './inspect';
import { MIGRATIONS_DIR } from './migrate';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'openipp-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database as the first release left it: only 0000 applied. */
function databaseAtFirstRelease(file: string): void {
  const only0000 = path.join(dir, 'migrations-0000');
  mkdirSync(path.join(only0000, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  writeFileSync(path.join(only0000, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
  copyFileSync(path.join(MIGRATIONS_DIR, `${journal.entries[0]!.tag}.sql`), path.join(only0000, `${journal.entries[0]!.tag}.sql`));
  const conn = new Database(file);
  migrate(drizzle({ client: conn }), { migrationsFolder: only0000 });
  conn.exec(`
    insert into tenants values ('t1', 'rights_holder', 'T', 1);
    insert into users values ('u1', 't1', 'a@example.test', 'A', 'owner', 'en', 'hash', 1);
    insert into sessions (id, user_id, tenant_id, kind, created_at, last_seen_at, expires_at) values ('s1', 'u1', 't1', 'bearer', 1, 1, 9999999999999);
    insert into sessions (id, user_id, tenant_id, kind, created_at, last_seen_at, expires_at) values ('s2', 'u1', 't1', 'cookie', 1, 1, 9999999999999);
  `);
  conn.close();
}

describe('migration 0001 (agreements, accounts)', () => {
  it('upgrades a database with live sessions, giving each its own random public id', async () => {
    const dataDir = path.join(dir, 'data');
    mkdirSync(dataDir);
    databaseAtFirstRelease(databaseFile(dataDir));
    const store = openStore(dataDir);
    try {
      const db = inspectDatabase(databaseFile(dataDir));
      const sessions = db.rows<{ id: string; public_id: string }>('select id, public_id from sessions order by id');
      expect(sessions.map((s) => s.id)).toEqual(['s1', 's2']);
      for (const s of sessions) expect(s.public_id).toMatch(/^[0-9a-f]{32}$/);
      expect(sessions[0]!.public_id).not.toBe(sessions[1]!.public_id);
      expect(db.rows('select frozen_at from users')).toEqual([{ frozen_at: null }]);
      db.close();
      expect((await store.findSession('s1'))?.user.email).toBe('a@example.test');
      expect(await store.pendingAgreementVersion('u1')).toBeNull();
    } finally {
      await store.close();
    }
  });
});
