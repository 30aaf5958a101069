/**
 * Prepared statements for shop claims, the seller's view of complaints and
 * disclosure records (issue #6). Built per connection like queries.ts, and
 * joined to the core store by the adapter.
 */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from './queries';
import * as schema from './schema';
import type { DisclosureRecord, SellerComplaintRow, ShopClaimRecord, ShopReader, ShopWriter } from './types';

const { complaintListings, complaints, disclosures, shopClaimProofs, shopClaims, tenants, users } = schema;

const p = sql.placeholder;

export function createShopReader(db: Db): ShopReader {
  const claimColumns = { claim: shopClaims, tenantName: tenants.name };
  const claimBase = () => db.select(claimColumns).from(shopClaims).innerJoin(tenants, eq(tenants.id, shopClaims.tenantId));
  const oldestFirst = [asc(shopClaims.createdAt), asc(shopClaims.id)] as const;
  // A listing is the seller's when a verified claim of its tenant names the listing's shop.
  const ownListing = and(
    eq(shopClaims.marketplace, complaintListings.marketplace),
    eq(shopClaims.shopId, complaintListings.shopId),
    eq(shopClaims.status, 'verified'),
    eq(shopClaims.tenantId, p('tenantId')),
  );

  const q = {
    claimAnyTenant: claimBase().where(eq(shopClaims.id, p('id'))).prepare(),
    claimInTenant: claimBase()
      .where(and(eq(shopClaims.id, p('id')), eq(shopClaims.tenantId, p('tenantId'))))
      .prepare(),
    claimsOfTenant: claimBase()
      .where(eq(shopClaims.tenantId, p('tenantId')))
      .orderBy(...oldestFirst)
      .prepare(),
    claimsByStatus: claimBase()
      .where(eq(shopClaims.status, p('status')))
      .orderBy(...oldestFirst)
      .prepare(),
    allClaims: claimBase()
      .orderBy(...oldestFirst)
      .prepare(),
    proofs: db
      .select()
      .from(shopClaimProofs)
      .where(sql`${shopClaimProofs.claimId} in (select value from json_each(${p('claimIds')}))`)
      .orderBy(asc(shopClaimProofs.claimId), asc(shopClaimProofs.position))
      .prepare(),
    // Filed complaints only: a draft is the complainant's private work.
    sellerListings: db
      .select({ complaint: complaints, listing: complaintListings })
      .from(shopClaims)
      .innerJoin(complaintListings, ownListing)
      .innerJoin(complaints, eq(complaints.id, complaintListings.complaintId))
      .where(isNotNull(complaints.submittedAt))
      .orderBy(desc(complaints.submittedAt), desc(complaints.id), asc(complaintListings.position))
      .limit(p('limit'))
      .prepare(),
    sellerListingsOf: db
      .select({ listing: complaintListings })
      .from(shopClaims)
      .innerJoin(complaintListings, ownListing)
      .innerJoin(complaints, eq(complaints.id, complaintListings.complaintId))
      .where(and(eq(complaintListings.complaintId, p('complaintId')), isNotNull(complaints.submittedAt)))
      .orderBy(asc(complaintListings.position))
      .prepare(),
    disclosures: db
      .select({ disclosure: disclosures, recipientName: tenants.name, userEmail: users.email })
      .from(disclosures)
      .innerJoin(tenants, eq(tenants.id, disclosures.recipientTenantId))
      .innerJoin(users, eq(users.id, disclosures.recipientUserId))
      .where(eq(disclosures.complainantTenantId, p('tenantId')))
      .orderBy(desc(disclosures.at), desc(disclosures.id))
      .limit(p('limit'))
      .prepare(),
  };

  const withProofs = (rows: Array<Omit<ShopClaimRecord, 'proofs'>>): ShopClaimRecord[] => {
    if (rows.length === 0) return [];
    const proofs = q.proofs.all({ claimIds: JSON.stringify(rows.map((row) => row.claim.id)) });
    return rows.map((row) => ({ ...row, proofs: proofs.filter((proof) => proof.claimId === row.claim.id) }));
  };

  return {
    async findShopClaim({ id, tenantId }) {
      const row = tenantId === null ? q.claimAnyTenant.get({ id }) : q.claimInTenant.get({ id, tenantId });
      return row === undefined ? undefined : withProofs([row])[0];
    },
    async listShopClaims(tenantId) {
      return withProofs(q.claimsOfTenant.all({ tenantId }));
    },
    async listShopClaimsByStatus(status) {
      return withProofs(status === null ? q.allClaims.all() : q.claimsByStatus.all({ status }));
    },
    async listSellerListings({ tenantId, limit }) {
      return q.sellerListings.all({ tenantId, limit }) satisfies SellerComplaintRow[];
    },
    async findSellerListings({ tenantId, complaintId }) {
      return q.sellerListingsOf.all({ tenantId, complaintId }).map((row) => row.listing);
    },
    async listDisclosures({ complainantTenantId, limit }) {
      return q.disclosures.all({ tenantId: complainantTenantId, limit }) satisfies DisclosureRecord[];
    },
  };
}

export function createShopWriter(db: Db): Omit<ShopWriter, keyof ShopReader> {
  const decide = db
    .update(shopClaims)
    .set({ status: sql`${p('status')}`, decidedAt: sql`${p('at')}`, decidedBy: sql`${p('by')}`, reasons: sql`${p('reasons')}` })
    .where(and(eq(shopClaims.id, p('id')), eq(shopClaims.status, 'pending')))
    .prepare();

  return {
    async insertShopClaim(row, proofs) {
      db.insert(shopClaims).values(row).run();
      if (proofs.length > 0) db.insert(shopClaimProofs).values([...proofs]).run();
    },
    async decideShopClaim({ claimId, status, at, by, reasons }) {
      return decide.run({ id: claimId, status, at, by, reasons }).changes;
    },
    async insertDisclosure(row) {
      db.insert(disclosures).values(row).run();
    },
  };
}
