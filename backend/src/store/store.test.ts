import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, openStore, type Store } from './index';
import { inspectDatabase } from './inspect';

let dataDir: string;
let store: Store;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'openipp-store-'));
  store = openStore(dataDir);
});

afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const tenant = (id: string) => ({ id, kind: 'rights_holder' as const, name: `Tenant ${id}`, createdAt: 1 });

describe('sqlite store', () => {
  it('migrates a fresh file and answers ping', async () => {
    expect(await store.ping()).toBe(true);
    const db = inspectDatabase(databaseFile(dataDir));
    const tables = db.rows<{ name: string }>("select name from sqlite_master where type = 'table' order by name").map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['captures', 'idempotency_keys', 'rate_limit_counters', 'sessions', 'tenants', 'users']));
    expect(db.rows<{ journal_mode: string }>('pragma journal_mode')[0]?.journal_mode).toBe('wal');
    db.close();
  });

  it('commits a transaction and makes it visible to the read connection', async () => {
    await store.transaction(async (tx) => {
      await tx.insertTenant(tenant('t1'));
    });
    const db = inspectDatabase(databaseFile(dataDir));
    expect(db.count('tenants')).toBe(1);
    db.close();
  });

  it('rolls back every write when the callback throws', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.insertTenant(tenant('t1'));
        await tx.hitRateCounter('k', 0);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const db = inspectDatabase(databaseFile(dataDir));
    expect(db.count('tenants')).toBe(0);
    expect(db.count('rate_limit_counters')).toBe(0);
    db.close();
    // The connection is usable afterwards.
    await store.transaction((tx) => tx.insertTenant(tenant('t2')));
    expect(await store.transaction((tx) => tx.getRateCount('k', 0))).toBe(0);
  });

  it('rolls back on a constraint violation (foreign key enforced)', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.insertTenant(tenant('t1'));
        await tx.insertUser({
          id: 'u1',
          tenantId: 'missing',
          email: 'x@example.test',
          displayName: 'X',
          role: 'owner',
          locale: 'en',
          passwordHash: 'h',
          createdAt: 1,
        });
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    const db = inspectDatabase(databaseFile(dataDir));
    expect(db.count('tenants')).toBe(0);
    db.close();
  });

  it('serialises concurrent async transactions so read-modify-write does not lose updates', async () => {
    const increments = Array.from({ length: 20 }, () =>
      store.transaction(async (tx) => {
        const before = await tx.getRateCount('counter', 0);
        await new Promise((resolve) => setTimeout(resolve, 1));
        await tx.hitRateCounter('counter', 0);
        return before;
      }),
    );
    const befores = await Promise.all(increments);
    expect(befores).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await store.getRateCount('counter', 0)).toBe(20);
  });

  it('counts rate-limit hits per key and window, and prunes old windows', async () => {
    const counts = await store.transaction(async (tx) => [
      await tx.hitRateCounter('a', 1000),
      await tx.hitRateCounter('a', 1000),
      await tx.hitRateCounter('a', 2000),
    ]);
    expect(counts).toEqual([1, 2, 1]);
    await store.transaction((tx) => tx.pruneRateCounters(1500));
    expect(await store.getRateCount('a', 1000)).toBe(0);
    expect(await store.getRateCount('a', 2000)).toBe(1);
  });
});
