import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resources } from '@openipp/locales';
import { recognizeListing } from '@openipp/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBlobStore } from '../blobs';
import { sha256Hex } from '../lib/crypto';
import { AGREEMENTS_CONTENT_DIR, BACKEND_ROOT } from '../paths';
import { databaseFile, openStore, type Store } from '../store';
import { inspectDatabase } from '../store/inspect';
import { verifyAuditChain } from './audit';
import { verifyPassword } from './passwords';
import { DEMO_PASSWORD, DEMO_PHONES, DEMO_SELLER_SHOP, DEMO_UPHELD_LISTING_URL, DEMO_UPHELD_STATEMENT, SeedRefusedError, demoCertificate, seedDemo } from './seed';

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

  it("gives Demo Brand Co. a verified trademark with its proof and a pending copyright, and the facts a complaint names", async () => {
    const blobs = openBlobStore(dataDir);
    const now = Date.parse('2026-05-01T00:00:00Z');
    expect(await seedDemo(store, 'development', { now, blobs })).toBe('created');
    const owner = (await store.findUserByEmail('owner@demo.test'))!;
    const rights = await store.listRights(owner.tenant.id);
    expect(
      rights.map(({ right }) => ({
        type: right.type,
        registrationNumber: right.registrationNumber,
        territories: right.territories,
        niceClasses: right.niceClasses,
        scope: right.scope,
        validFrom: right.validFrom,
        validUntil: right.validUntil,
        status: right.status,
        principalId: right.principalId,
        createdBy: right.createdBy,
      })),
    ).toEqual([
      { type: 'trademark', registrationNumber: 'TM-DEMO-0001', territories: ['CN', 'US'], niceClasses: [18, 25], scope: null, validFrom: '2020-01-01', validUntil: '2035-12-31', status: 'verified', principalId: null, createdBy: owner.user.id },
      { type: 'copyright', registrationNumber: 'CR-DEMO-0002', territories: ['WW'], niceClasses: [], scope: 'Product photographs of the 2024 catalogue', validFrom: '2024-01-01', validUntil: '2074-12-31', status: 'pending', principalId: null, createdBy: owner.user.id },
    ]);
    const admin = (await store.findUserByEmail('admin@demo.test'))!;
    expect(rights[0]!.right).toMatchObject({ decidedBy: admin.user.id, decidedAt: expect.any(Number), reasons: null });
    expect(rights[1]!.right.decidedAt).toBeNull();
    // Each right carries a proof whose stored bytes hash to the recorded SHA-256.
    for (const { right, proofs } of rights) {
      expect(proofs).toHaveLength(1);
      const proof = proofs[0]!;
      expect(proof).toMatchObject({ mime: 'application/pdf', tenantId: owner.tenant.id, uploadedBy: owner.user.id, sha256: sha256Hex(demoCertificate(right.registrationNumber)) });
      const bytes = await blobs.get(proof.sha256);
      expect(bytes && sha256Hex(bytes)).toBe(proof.sha256);
      expect(Buffer.from(bytes!).toString('latin1')).toMatch(/^%PDF-1\.4[\s\S]*%%EOF\n$/);
    }
    // The complainant a notice names: the verified legal name and a contact e-mail on file.
    expect(owner.tenant).toMatchObject({ legalName: 'Demo Brand Co.', identityStatus: 'approved' });
    expect((await store.contactAt(owner.user.id, now))?.email).toBe('owner@demo.test');
    // The platform's and the seller's tenants have no portfolio.
    for (const email of ['admin@demo.test', 'seller@demo.test']) {
      expect(await store.listRights((await store.findUserByEmail(email))!.tenant.id)).toEqual([]);
    }
  });

  it('seeds the rights without proofs when given no blob store, never a proof whose bytes are missing', async () => {
    expect(await seedDemo(store, 'development')).toBe('created');
    const owner = (await store.findUserByEmail('owner@demo.test'))!;
    const rights = await store.listRights(owner.tenant.id);
    expect(rights.map(({ right }) => right.registrationNumber)).toEqual(['TM-DEMO-0001', 'CR-DEMO-0002']);
    expect(rights.flatMap(({ proofs }) => proofs)).toEqual([]);
  });

  it('writes nothing when the agreement texts are missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'openipp-no-agreements-'));
    try {
      await expect(seedDemo(store, 'development', { agreementsDir: empty })).rejects.toThrow();
      expect(await store.countUsers()).toBe(0);
      expect(await store.currentAgreement()).toBeUndefined();
      expect(await store.listRightsByStatus(null)).toEqual([]);
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

  it('tells the counter-notice story on request: a verified Taobao shop for the seller and an upheld complaint against one of its listings', async () => {
    const blobs = openBlobStore(dataDir);
    const now = Date.parse('2026-05-01T00:00:00Z');
    expect(await seedDemo(store, 'development', { now, blobs, demoStory: true })).toBe('created');
    const seller = (await store.findUserByEmail('seller@demo.test'))!;
    const owner = (await store.findUserByEmail('owner@demo.test'))!;
    const admin = (await store.findUserByEmail('admin@demo.test'))!;
    const reviewer = (await store.findUserByEmail('reviewer@demo.test'))!;

    // The claim: verified by the demo admin, with a proof whose bytes are stored.
    const claims = await store.listShopClaims(seller.tenant.id);
    expect(claims.map(({ claim }) => ({ marketplace: claim.marketplace, shopId: claim.shopId, status: claim.status, decidedBy: claim.decidedBy }))).toEqual([
      { marketplace: 'taobao', shopId: '58800001', status: 'verified', decidedBy: admin.user.id },
    ]);
    const proof = claims[0]!.proofs[0]!;
    expect(sha256Hex((await blobs.get(proof.sha256))!)).toBe(proof.sha256);

    // The complaint: filed by Demo Brand Co.'s owner with a capture of the listing, decided by the reviewer, its listing upheld.
    const canonicalUrl = recognizeListing(DEMO_UPHELD_LISTING_URL)!.canonicalUrl;
    const complaints = await store.findComplaintsByListing({ tenantId: owner.tenant.id, canonicalUrl, states: ['draft', 'submitted', 'in_review', 'needs_info', 'decided', 'withdrawn', 'closed'] });
    expect(complaints).toHaveLength(1);
    const record = (await store.findComplaint({ id: complaints[0]!.id, tenantId: owner.tenant.id }))!;
    expect(record.complaint).toMatchObject({ state: 'decided', createdBy: owner.user.id, reason: 'counterfeit' });
    expect(record.complaint.complainant).toMatchObject({ legalName: 'Demo Brand Co.', email: 'owner@demo.test' });
    expect(record.listings).toHaveLength(1);
    const listing = record.listings[0]!;
    expect(listing).toMatchObject({ marketplace: 'taobao', shopId: DEMO_SELLER_SHOP.shopId, canonicalUrl, outcome: 'upheld', statement: DEMO_UPHELD_STATEMENT, measure: 'takedown_requested', reversedAt: null, decidedBy: reviewer.user.id });
    const [capture] = await store.findEvidenceCaptures({ tenantId: owner.tenant.id, ids: listing.captureIds });
    expect(capture).toMatchObject({ url: DEMO_UPHELD_LISTING_URL });
    expect(sha256Hex((await blobs.get(capture!.screenshotSha256))!)).toBe(capture!.screenshotSha256);

    expect((await store.currentContact(owner.user.id))?.phone).toBe(DEMO_PHONES.owner);
    expect((await store.currentContact(seller.user.id))?.phone).toBe(DEMO_PHONES.seller);

    // The seller sees it at once, with no counter-notice yet: one may be filed.
    const visible = await store.listSellerListings({ tenantId: seller.tenant.id, limit: 10 });
    expect(visible.map((row) => row.listing.id)).toEqual([listing.id]);
    expect(await store.listCounterNoticesOfListings([listing.id])).toEqual([]);
    // Through the real services: the audit chain holds, and the seller and the owner were told.
    expect(await verifyAuditChain(store)).toMatchObject({ ok: true });
    const db = inspectDatabase(databaseFile(dataDir));
    try {
      expect(db.count('audit_log', "kind = 'decision'")).toBe(1);
      expect(db.count('messages', `user_id = '${owner.user.id}' and kind = 'complaint_decided'`)).toBe(1);
      expect(db.count('messages', `user_id = '${seller.user.id}' and kind = 'shop_decided'`)).toBe(1);
    } finally {
      db.close();
    }

    // A listing URL of the end-to-end fixture server (explicit port, http) carrying the shop id lands in the same shop.
    expect(recognizeListing(`http://item.taobao.com:41234/item.htm?id=612345670001&shop_id=${DEMO_SELLER_SHOP.shopId}`)).toMatchObject({ marketplace: 'taobao', shopId: DEMO_SELLER_SHOP.shopId });

    // Idempotent: a second run tells it again to no one.
    expect(await seedDemo(store, 'development', { now: now + 60_000, blobs, demoStory: true })).toBe('skipped');
    expect(await store.listShopClaims(seller.tenant.id)).toHaveLength(1);
    expect(await store.findComplaintsByListing({ tenantId: owner.tenant.id, canonicalUrl, states: ['submitted', 'in_review', 'decided'] })).toHaveLength(1);
  });

  it('leaves the story out unless asked, and refuses it without a blob store before writing anything', async () => {
    await expect(seedDemo(store, 'development', { demoStory: true })).rejects.toThrow('blob store');
    expect(await store.countUsers()).toBe(0);
    expect(await seedDemo(store, 'development', { blobs: openBlobStore(dataDir) })).toBe('created');
    const seller = (await store.findUserByEmail('seller@demo.test'))!;
    expect(await store.listShopClaims(seller.tenant.id)).toEqual([]);
    expect(await store.listSellerListings({ tenantId: seller.tenant.id, limit: 10 })).toEqual([]);
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
