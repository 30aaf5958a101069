import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resources } from '@openipp/locales';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKEND_ROOT } from '../paths';
import { databaseFile, openStore, type Store } from '../store';
import { inspectDatabase } from '../store/inspect';
import { verifyPassword } from './passwords';
import { DEMO_PASSWORD, SeedRefusedError, seedDemo } from './seed';

let dataDir: string;
let store: Store;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'openipp-seed-'));
  store = openStore(dataDir);
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('demo seed', () => {
  it('creates the three demo tenants and five accounts with the demo password', async () => {
    expect(await seedDemo(store, 'development')).toBe('created');
    const db = inspectDatabase(databaseFile(dataDir));
    const users = db.rows<{ email: string; role: string; tenant: string; kind: string }>(
      'select u.email, u.role, t.name as tenant, t.kind from users u join tenants t on t.id = u.tenant_id order by u.email',
    );
    db.close();
    expect(users).toEqual([
      { email: 'admin@demo.test', role: 'admin', tenant: 'OpenIPP Platform', kind: 'platform' },
      { email: 'monitor@demo.test', role: 'monitor', tenant: 'Demo Brand Co.', kind: 'rights_holder' },
      { email: 'owner@demo.test', role: 'owner', tenant: 'Demo Brand Co.', kind: 'rights_holder' },
      { email: 'reviewer@demo.test', role: 'reviewer', tenant: 'OpenIPP Platform', kind: 'platform' },
      { email: 'seller@demo.test', role: 'owner', tenant: 'Demo Seller Shop', kind: 'seller' },
    ]);
    const owner = await store.findUserByEmail('owner@demo.test');
    expect(await verifyPassword(owner!.user.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it('only seeds an empty database', async () => {
    expect(await seedDemo(store, 'development')).toBe('created');
    expect(await seedDemo(store, 'development')).toBe('skipped');
    expect(await store.countUsers()).toBe(5);
  });

  it('refuses in production and writes nothing', async () => {
    await expect(seedDemo(store, 'production')).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await store.countUsers()).toBe(0);
  });

  it('the seed command exits 1 with a clear message when NODE_ENV=production', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts'], {
      cwd: BACKEND_ROOT,
      env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, LANG: 'en_US.UTF-8' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(resources.en.server.seed.refusedInProduction);
  });
});
