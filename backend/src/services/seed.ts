import { entityKey, normalizeRegistrationNumber, type EntityKind, type RightData, type RightStatus, type Role, type TenantKind } from '@openipp/shared';
import type { BlobStore } from '../blobs';
import { sha256Hex, uuidv7 } from '../lib/crypto';
import { AGREEMENTS_CONTENT_DIR } from '../paths';
import type { StoreTransaction, Store } from '../store';
import { announceVersion, readAgreementContent, versionRow } from './agreements';
import { hashPassword } from './passwords';

export const DEMO_PASSWORD = 'demo-password-1';

interface DemoTenant {
  name: string;
  kind: TenantKind;
  /** The registered entity (none for the platform's own tenant). */
  identity?: { entityKind: EntityKind; country: string; registrationNumber: string };
  users: Array<{ email: string; displayName: string; role: Role }>;
}

export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    name: 'Demo Brand Co.',
    kind: 'rights_holder',
    identity: { entityKind: 'company', country: 'CN', registrationNumber: '91310000DEMO00001X' },
    users: [
      { email: 'owner@demo.test', displayName: 'Demo Owner', role: 'owner' },
      { email: 'monitor@demo.test', displayName: 'Demo Monitor', role: 'monitor' },
    ],
  },
  {
    name: 'OpenIPP Platform',
    kind: 'platform',
    users: [
      { email: 'reviewer@demo.test', displayName: 'Demo Reviewer', role: 'reviewer' },
      { email: 'admin@demo.test', displayName: 'Demo Admin', role: 'admin' },
    ],
  },
  {
    name: 'Demo Seller Shop',
    kind: 'seller',
    identity: { entityKind: 'company', country: 'CN', registrationNumber: '91330000DEMO00002Y' },
    users: [{ email: 'seller@demo.test', displayName: 'Demo Seller', role: 'owner' }],
  },
];

/**
 * The demo rights holder's portfolio: one verified trademark that can carry a
 * complaint about a Taobao or Amazon.com listing today, and one copyright
 * still waiting for staff, to show what an unverified right looks like.
 */
export const DEMO_RIGHTS: ReadonlyArray<{
  tenant: string;
  status: Extract<RightStatus, 'verified' | 'pending'>;
  /** Distinct ages keep the portfolio's oldest-first order stable. */
  daysAgo: number;
  data: RightData & { niceClasses: number[] };
}> = [
  {
    tenant: 'Demo Brand Co.',
    status: 'verified',
    daysAgo: 20,
    data: {
      type: 'trademark',
      registrationNumber: 'TM-DEMO-0001',
      territories: ['CN', 'US'],
      niceClasses: [18, 25],
      validFrom: '2020-01-01',
      validUntil: '2035-12-31',
    },
  },
  {
    tenant: 'Demo Brand Co.',
    status: 'pending',
    daysAgo: 2,
    data: {
      type: 'copyright',
      registrationNumber: 'CR-DEMO-0002',
      territories: ['WW'],
      niceClasses: [],
      scope: 'Product photographs of the 2024 catalogue',
      validFrom: '2024-01-01',
      validUntil: '2074-12-31',
    },
  },
];

/** A small, complete PDF standing in for a registration certificate; made here so the seed needs no files. */
export function demoCertificate(registrationNumber: string): Uint8Array<ArrayBuffer> {
  const text = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    `% Demo registration certificate ${registrationNumber}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

export const DEMO_ACCOUNTS = DEMO_TENANTS.flatMap((tenant) => tenant.users.map((user) => ({ ...user, tenant: tenant.name })));

export class SeedRefusedError extends Error {
  constructor() {
    super('demo seed refused in production');
    this.name = 'SeedRefusedError';
  }
}

export interface SeedOptions {
  now?: number;
  /** Where `v1/` and `v2/` live; the shipped texts by default. */
  agreementsDir?: string;
  /**
   * Where the demo rights' proof documents go. Without it the rights are
   * seeded without proofs: a proof row whose bytes are missing would fail
   * every download.
   */
  blobs?: BlobStore;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Recorded as the user agent of seeded acceptances, so they are never mistaken for real ones. */
export const SEED_USER_AGENT = 'seed';

/**
 * Creates the demo tenants and accounts, only into an empty database, and
 * never in production: well-known passwords must not reach a real deployment.
 * Agreement version 1 (accepted by everyone) and version 2 (accepted by no
 * one, announced) are seeded too, so the first sign-in shows re-acceptance.
 */
export async function seedDemo(store: Store, nodeEnv: string, options: SeedOptions = {}): Promise<'created' | 'skipped'> {
  const now = options.now ?? Date.now();
  if (nodeEnv === 'production') throw new SeedRefusedError();
  if ((await store.countUsers()) > 0) return 'skipped';
  const agreementsDir = options.agreementsDir ?? AGREEMENTS_CONTENT_DIR;
  const [passwordHash, v1, v2] = await Promise.all([
    hashPassword(DEMO_PASSWORD),
    readAgreementContent(agreementsDir, 1),
    readAgreementContent(agreementsDir, 2),
  ]);
  const v1Row = versionRow(1, v1, now - 30 * DAY_MS, null);
  const v2Row = versionRow(2, v2, now - DAY_MS, null);
  return store.transaction(async (tx) => {
    // Re-checked under the write lock: two seeders racing must not both insert.
    if ((await tx.countUsers()) > 0) return 'skipped';
    await tx.insertAgreementVersion(v1Row);
    const tenantIds = new Map<string, string>();
    const userIds = new Map<string, string>();
    for (const tenant of DEMO_TENANTS) {
      const tenantId = uuidv7(now);
      tenantIds.set(tenant.name, tenantId);
      const createdAt = now - 30 * DAY_MS;
      // Demo tenants are verified already, so the demo can show everything a verified tenant does.
      await tx.insertTenant({
        id: tenantId,
        kind: tenant.kind,
        name: tenant.name,
        createdAt,
        ...(tenant.identity ? { ...tenant.identity, legalName: tenant.name, entityKey: entityKey(tenant.identity) } : {}),
        identityStatus: 'approved',
        identityDecidedAt: createdAt,
      });
      for (const user of tenant.users) {
        const userId = uuidv7(now);
        userIds.set(user.email, userId);
        await tx.insertUser({ id: userId, tenantId, ...user, locale: 'zh-CN', passwordHash, createdAt, emailVerifiedAt: createdAt });
        await tx.insertContactVersion({ id: uuidv7(now), userId, email: user.email, phone: null, postalAddress: null, since: createdAt, until: null, confirmedAt: now });
        await tx.insertAcceptance({
          id: uuidv7(now),
          userId,
          tenantId,
          version: 1,
          language: 'zh-CN',
          sha256Zh: v1Row.sha256Zh,
          sha256En: v1Row.sha256En,
          acceptedAt: v1Row.publishedAt + 60 * 60 * 1000,
          ip: null,
          userAgent: SEED_USER_AGENT,
        });
      }
    }
    await seedRights(tx, options.blobs, { tenantIds, userIds, now });
    await tx.insertAgreementVersion(v2Row);
    await announceVersion(tx, 2, v2, v2Row.publishedAt);
    return 'created';
  });
}

async function seedRights(
  tx: StoreTransaction,
  blobs: BlobStore | undefined,
  ids: { tenantIds: ReadonlyMap<string, string>; userIds: ReadonlyMap<string, string>; now: number },
): Promise<void> {
  for (const { tenant, status, daysAgo, data } of DEMO_RIGHTS) {
    const createdAt = ids.now - daysAgo * DAY_MS;
    const tenantId = ids.tenantIds.get(tenant)!;
    const owner = DEMO_TENANTS.find((item) => item.name === tenant)!.users.find((user) => user.role === 'owner')!;
    const ownerId = ids.userIds.get(owner.email)!;
    const rightId = uuidv7(ids.now);
    await tx.insertRight({
      id: rightId,
      tenantId,
      principalId: null,
      type: data.type,
      registrationNumber: data.registrationNumber,
      registrationKey: normalizeRegistrationNumber(data.registrationNumber),
      territories: data.territories,
      niceClasses: data.niceClasses,
      scope: data.scope ?? null,
      validFrom: data.validFrom,
      validUntil: data.validUntil,
      status,
      createdAt,
      createdBy: ownerId,
      ...(status === 'verified' ? { decidedAt: createdAt + DAY_MS, decidedBy: ids.userIds.get('admin@demo.test')!, reasons: null } : {}),
    });
    if (!blobs) continue;
    const certificate = demoCertificate(data.registrationNumber);
    await blobs.put(certificate);
    await tx.insertRightProof({
      id: uuidv7(ids.now),
      rightId,
      position: 0,
      tenantId,
      fileName: `certificate-${data.registrationNumber}.pdf`,
      mime: 'application/pdf',
      bytes: certificate.byteLength,
      sha256: sha256Hex(certificate),
      uploadedAt: createdAt,
      uploadedBy: ownerId,
    });
  }
}
