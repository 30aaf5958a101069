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

/** Applies only the first `count` committed migrations, as an older release would have. */
function migrateUpTo(conn: Database.Database, count: number): void {
  const folder = path.join(dir, `migrations-${count}`);
  mkdirSync(path.join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  for (const entry of journal.entries.slice(0, count)) copyFileSync(path.join(MIGRATIONS_DIR, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  migrate(drizzle({ client: conn }), { migrationsFolder: folder });
}

/** A database as the first release left it: only 0000 applied. */
function databaseAtFirstRelease(file: string): void {
  const conn = new Database(file);
  migrateUpTo(conn, 1);
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

describe('migration 0002 (registration, mail)', () => {
  it('upgrades a database with tenants and users: approved, verified, each with a first contact version', async () => {
    const dataDir = path.join(dir, 'data');
    mkdirSync(dataDir);
    const conn = new Database(databaseFile(dataDir));
    migrateUpTo(conn, 2);
    conn.exec(`
      insert into tenants values ('t1', 'rights_holder', 'Old Brand', 1000);
      insert into users (id, tenant_id, email, display_name, role, locale, password_hash, created_at) values ('u1', 't1', 'old@example.test', 'Old', 'owner', 'en', 'hash', 2000);
      insert into users (id, tenant_id, email, display_name, role, locale, password_hash, created_at) values ('u2', 't1', 'mon@example.test', 'Mon', 'monitor', 'en', 'hash', 3000);
    `);
    conn.close();
    const store = openStore(dataDir);
    try {
      const db = inspectDatabase(databaseFile(dataDir));
      expect(db.rows('select identity_status, identity_decided_at, entity_key from tenants')).toEqual([{ identity_status: 'approved', identity_decided_at: 1000, entity_key: null }]);
      expect(db.rows('select id, email_verified_at from users order by id')).toEqual([
        { id: 'u1', email_verified_at: 2000 },
        { id: 'u2', email_verified_at: 3000 },
      ]);
      expect(db.rows('select user_id, email, since, until, confirmed_at from contact_versions order by user_id')).toEqual([
        { user_id: 'u1', email: 'old@example.test', since: 2000, until: null, confirmed_at: 2000 },
        { user_id: 'u2', email: 'mon@example.test', since: 3000, until: null, confirmed_at: 3000 },
      ]);
      db.close();
      expect((await store.currentContact('u1'))?.email).toBe('old@example.test');
      // New registrations start pending: the column default is for new rows only.
      await store.transaction((tx) => tx.insertTenant({ id: 't2', kind: 'seller', name: 'New', createdAt: 5 }));
      expect((await store.findTenant('t2'))?.identityStatus).toBe('pending');
    } finally {
      await store.close();
    }
  });
});

describe('migration 0005 (rights registration key)', () => {
  it('folds existing registration numbers and keeps older duplicates apart so the unique index can be built', async () => {
    const dataDir = path.join(dir, 'data');
    mkdirSync(dataDir);
    const conn = new Database(databaseFile(dataDir));
    migrateUpTo(conn, 5);
    // Only the rights table matters here; its owners are not needed for the upgrade.
    conn.pragma('foreign_keys = OFF');
    const insert = conn.prepare(
      `insert into rights (id, tenant_id, type, registration_number, territories, nice_classes, valid_from, valid_until, status, created_at, created_by)
       values (?, 't1', 'trademark', ?, '["CN"]', '[25]', '2020-01-01', '2030-12-31', ?, 1, 'u1')`,
    );
    insert.run('r1', 'TM 100', 'verified');
    insert.run('r2', 'tm100', 'pending');
    insert.run('r3', 'TM 100', 'rejected');
    insert.run('r4', 'TM 200', 'pending');
    conn.close();
    const store = openStore(dataDir);
    try {
      const db = inspectDatabase(databaseFile(dataDir));
      expect(db.rows('select id, registration_key from rights order by id')).toEqual([
        { id: 'r1', registration_key: 'TM100' },
        { id: 'r2', registration_key: 'TM100#r2' },
        { id: 'r3', registration_key: 'TM100' },
        { id: 'r4', registration_key: 'TM200' },
      ]);
      db.close();
    } finally {
      await store.close();
    }
  });
});

describe('migration 0008 (review queue)', () => {
  it('gives complaints already waiting for review their submission time as due date, so the queue lists them first', async () => {
    const dataDir = path.join(dir, 'data');
    mkdirSync(dataDir);
    const conn = new Database(databaseFile(dataDir));
    migrateUpTo(conn, 8);
    // Only the complaints table matters here; its owners are not needed for the upgrade.
    conn.pragma('foreign_keys = OFF');
    const insert = conn.prepare(
      `insert into complaints (id, tenant_id, reason, explanation, good_faith, accuracy, state, created_at, created_by, updated_at, submitted_at)
       values (?, 't1', 'counterfeit', 'x', 1, 1, ?, 1000, 'u1', 1000, ?)`,
    );
    conn.prepare("insert into tenants (id, kind, name, created_at) values ('t1', 'rights_holder', 'Old Brand', 1)").run();
    insert.run('c1', 'submitted', 5000);
    insert.run('c2', 'in_review', 6000);
    insert.run('c3', 'needs_info', 7000);
    insert.run('c4', 'draft', null);
    insert.run('c5', 'decided', 8000);
    conn.close();
    const store = openStore(dataDir);
    try {
      const db = inspectDatabase(databaseFile(dataDir));
      expect(db.rows('select id, due_at, enhanced_review, record_at_submission from complaints order by id')).toEqual([
        { id: 'c1', due_at: 5000, enhanced_review: 0, record_at_submission: null },
        { id: 'c2', due_at: 6000, enhanced_review: 0, record_at_submission: null },
        { id: 'c3', due_at: null, enhanced_review: 0, record_at_submission: null },
        { id: 'c4', due_at: null, enhanced_review: 0, record_at_submission: null },
        { id: 'c5', due_at: null, enhanced_review: 0, record_at_submission: null },
      ]);
      db.close();
      const queue = await store.reviewQueue({ now: 10_000, limit: 10, state: null, reason: null, rightType: null, marketplace: null, risk: null });
      expect(queue.map((row) => [row.complaint.id, row.complaint.dueAt])).toEqual([
        ['c1', 5000],
        ['c2', 6000],
      ]);
    } finally {
      await store.close();
    }
  });
});
