import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resources } from '@openipp/locales';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../lib/crypto';
import { AGREEMENTS_CONTENT_DIR, BACKEND_ROOT } from '../paths';
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

  it('seeds agreement versions 1 and 2 from the shipped texts; everyone accepted v1 only', async () => {
    expect(await seedDemo(store, 'development')).toBe('created');
    const text = (version: number, file: string) => readFileSync(path.join(AGREEMENTS_CONTENT_DIR, `v${version}`, file), 'utf8');
    const db = inspectDatabase(databaseFile(dataDir));
    try {
      const versions = db.rows<{ version: number; body_zh: string; sha256_zh: string; sha256_en: string; summary_en: string }>(
        'select version, body_zh, sha256_zh, sha256_en, summary_en from agreement_versions order by version',
      );
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      for (const v of versions) {
        expect(v.body_zh).toBe(text(v.version, 'zh-CN.md'));
        expect(v.sha256_zh).toBe(sha256Hex(text(v.version, 'zh-CN.md')));
        expect(v.sha256_en).toBe(sha256Hex(text(v.version, 'en.md')));
        expect(v.summary_en).toBe((JSON.parse(text(v.version, 'summary.json')) as { en: string }).en.trim());
      }
      const acceptances = db.rows<Record<string, unknown>>(
        'select a.version, a.language, a.sha256_zh, a.sha256_en, a.ip, a.user_agent, a.tenant_id = u.tenant_id as same_tenant from agreement_acceptances a join users u on u.id = a.user_id',
      );
      expect(acceptances).toHaveLength(5);
      for (const row of acceptances) {
        expect(row).toEqual({ version: 1, language: 'zh-CN', sha256_zh: versions[0]!.sha256_zh, sha256_en: versions[0]!.sha256_en, ip: null, user_agent: 'seed', same_tenant: 1 });
      }
      // Version 2 is announced to every user, so the demo shows the message beside the gate.
      expect(db.count('messages', "kind = 'agreement_published'")).toBe(5);
      for (const { user } of await store.listUsers({})) expect(await store.pendingAgreementVersion(user.id)).toBe(2);
    } finally {
      db.close();
    }
  });

  it('writes nothing when the agreement texts are missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'openipp-no-agreements-'));
    try {
      await expect(seedDemo(store, 'development', { agreementsDir: empty })).rejects.toThrow();
      expect(await store.countUsers()).toBe(0);
      expect(await store.currentAgreement()).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('only seeds an empty database', async () => {
    expect(await seedDemo(store, 'development')).toBe('created');
    expect(await seedDemo(store, 'development')).toBe('skipped');
    expect(await store.countUsers()).toBe(5);
    expect((await store.listAgreementVersions()).map((v) => v.version.version)).toEqual([2, 1]);
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
