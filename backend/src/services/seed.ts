import {
  entityKey,
  normalizeRegistrationNumber,
  type EntityKind,
  type RightData,
  type RightStatus,
  type Role,
  type ShopMarketplace,
  type TenantKind,
} from '@openipp/shared';
import sharp from 'sharp';
import type { BlobStore } from '../blobs';
import type { Principal } from '../lib/context';
import { sha256Hex, uuidv7 } from '../lib/crypto';
import { AGREEMENTS_CONTENT_DIR } from '../paths';
import type { StoreTransaction, Store } from '../store';
import { announceVersion, readAgreementContent, versionRow } from './agreements';
import { ingestCapture } from './captures';
import { createComplaint } from './complaints';
import { updateContacts } from './contacts';
import { checkDocument } from './documents';
import { hashPassword } from './passwords';
import { claimComplaint } from './review/claims';
import { decideOnComplaint } from './review/decisions';
import { addShopClaim, decideShopClaim } from './shops';

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

/**
 * The counter-notice story the demo starts with (issue #6): the demo seller
 * holds a verified claim on a Taobao shop, and Demo Brand Co. has a filed
 * complaint against a listing of that shop which a reviewer upheld. Signing in
 * as the seller shows it at once, ready for a counter-notice. Any other
 * listing URL carrying `shop_id=58800001` lands in the same seller's view.
 */
export const DEMO_SELLER_SHOP: { marketplace: ShopMarketplace; shopId: string } = { marketplace: 'taobao', shopId: '58800001' };
export const DEMO_UPHELD_LISTING_URL = `https://item.taobao.com/item.htm?id=612300000001&shop_id=${DEMO_SELLER_SHOP.shopId}`;
export const DEMO_UPHELD_STATEMENT =
  'The listing shows the DemoBrand mark (trademark TM-DEMO-0001, Nice class 18) on bags that Demo Brand Co. never made or authorised, at a tenth of the genuine price.';

export const DEMO_PHONES = { owner: '+86 100 0000 0001', seller: '+86 100 0000 0002' } as const;

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
   * Where the demo rights' proof documents go, and the counter-notice story's
   * shop proof and capture. Without it the rights are seeded without proofs:
   * a row whose bytes are missing would fail every download.
   */
  blobs?: BlobStore;
  /**
   * Also seed the counter-notice story (DEMO_SELLER_SHOP, DEMO_UPHELD_LISTING_URL):
   * for the demo and the end-to-end journeys that start from it. Off by
   * default, so that tests which count complaints, messages or a
   * complainant's record start from accounts alone. Needs `blobs`.
   */
  demoStory?: boolean;
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
  // Checked before anything is written: half a demo is worse than none.
  if (options.demoStory && !options.blobs) throw new Error('the demo story needs a blob store');
  if ((await store.countUsers()) > 0) return 'skipped';
  const agreementsDir = options.agreementsDir ?? AGREEMENTS_CONTENT_DIR;
  const [passwordHash, v1, v2] = await Promise.all([
    hashPassword(DEMO_PASSWORD),
    readAgreementContent(agreementsDir, 1),
    readAgreementContent(agreementsDir, 2),
  ]);
  const v1Row = versionRow(1, v1, now - 30 * DAY_MS, null);
  const v2Row = versionRow(2, v2, now - DAY_MS, null);
  const outcome = await store.transaction(async (tx) => {
    // Re-checked under the write lock: two seeders racing must not both insert.
    if ((await tx.countUsers()) > 0) return 'skipped' as const;
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
    return 'created' as const;
  });
  // Only the seeder that created the accounts tells the story, so it is told once.
  if (outcome === 'created' && options.demoStory && options.blobs) await seedCounterNoticeStory(store, options.blobs, now);
  return outcome;
}

/** A demo account as the services see a signed-in caller; the seed acts through them, never on rows directly. */
async function demoPrincipal(store: Store, email: string, now: number): Promise<Principal> {
  const found = await store.findUserByEmail(email);
  if (!found) throw new Error(`demo account ${email} is missing`);
  const { user, tenant } = found;
  return {
    sessionId: `seed:${user.id}`,
    sessionPublicId: 'seed',
    pendingAgreementVersion: null,
    kind: 'bearer',
    csrfToken: null,
    expiresAt: now,
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, locale: user.locale },
    tenant: { id: tenant.id, name: tenant.name, kind: tenant.kind, identityStatus: tenant.identityStatus },
  };
}

/** A plain listing page stand-in: a product photo frame on a page, no text (no fonts needed). */
async function demoScreenshot(): Promise<Uint8Array<ArrayBuffer>> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="800">
    <rect width="1280" height="96" fill="#ff5000"/>
    <rect x="80" y="160" width="520" height="520" fill="#d9c7a7"/>
    <rect x="200" y="300" width="280" height="240" rx="24" fill="#6b4423"/>
    <rect x="680" y="180" width="480" height="40" fill="#333333"/>
    <rect x="680" y="260" width="200" height="48" fill="#ff5000"/>
    <rect x="680" y="360" width="480" height="16" fill="#bbbbbb"/>
    <rect x="680" y="400" width="420" height="16" fill="#bbbbbb"/>
  </svg>`;
  const png = await sharp({ create: { width: 1280, height: 800, channels: 3, background: '#f5f5f5' } })
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

/**
 * The demo seller's verified shop and an upheld complaint against one of its
 * listings, through the same services a user's requests go through, so the
 * audit chain, messages and notices are those of a real claim and decision.
 * Times lie in the recent past, in the order they would have happened.
 */
async function seedCounterNoticeStory(store: Store, blobs: BlobStore, now: number): Promise<void> {
  const deps = { store, blobs };
  const owner = await demoPrincipal(store, 'owner@demo.test', now);
  const reviewer = await demoPrincipal(store, 'reviewer@demo.test', now);
  const admin = await demoPrincipal(store, 'admin@demo.test', now);
  const seller = await demoPrincipal(store, 'seller@demo.test', now);
  const at = (daysAgo: number, minutes = 0) => now - daysAgo * DAY_MS + minutes * 60_000;

  // Mobile numbers (outside any real numbering range) on the two parties, so the demo's SMS — written to
  // the server log by the log provider — have somewhere to go.
  await updateContacts(store, owner.user.id, { email: owner.user.email, phone: DEMO_PHONES.owner, postalAddress: null }, at(13));
  await updateContacts(store, seller.user.id, { email: seller.user.email, phone: DEMO_PHONES.seller, postalAddress: null }, at(13));

  // The seller's business licence: the registration certificate of its demo entity.
  const licence = demoCertificate(DEMO_TENANTS.find((tenant) => tenant.kind === 'seller')!.identity!.registrationNumber);
  const proof = await checkDocument({ field: 'proof', bytes: licence, name: 'business-licence.pdf', type: 'application/pdf' });
  const claim = await addShopClaim(deps, seller, { data: DEMO_SELLER_SHOP, proofs: [proof] }, at(12));
  await decideShopClaim(store, admin.user.id, claim.id, { decision: 'approve' }, at(11));

  const capturedAt = at(4);
  const capture = await ingestCapture(
    deps,
    owner,
    'demo-seed-capture',
    {
      meta: {
        url: DEMO_UPHELD_LISTING_URL,
        title: 'DemoBrand leather tote bag',
        capturedAt: new Date(capturedAt).toISOString(),
        viewport: { width: 1280, height: 800 },
        devicePixelRatio: 1,
      },
      screenshot: { bytes: await demoScreenshot(), name: 'capture.png', type: 'image/png' },
    },
    capturedAt + 5_000,
  );
  const { complaint } = await createComplaint(
    deps,
    owner,
    'demo-seed-complaint',
    {
      principalId: null,
      rightId: (await store.listRights(owner.tenant.id)).find(({ right }) => right.status === 'verified')!.right.id,
      reason: 'counterfeit',
      explanation: 'This bag carries our registered DemoBrand mark, but Demo Brand Co. never made, sold or licensed it.',
      goodFaith: true,
      accuracy: true,
      listings: [{ url: DEMO_UPHELD_LISTING_URL, captureIds: [capture.receipt.id], location: { kind: 'region', x: 0.06, y: 0.2, width: 0.41, height: 0.65 } }],
      submit: true,
    },
    at(4, 30),
  );
  await claimComplaint(store, reviewer, complaint.id, at(3));
  await decideOnComplaint(
    store,
    reviewer,
    complaint.id,
    { listings: complaint.listings.map((listing) => ({ listingId: listing.id, outcome: 'upheld' as const, statement: DEMO_UPHELD_STATEMENT })) },
    at(3, 10),
  );
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
