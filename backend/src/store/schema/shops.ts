import { COMPLAINANT_FIELDS, DISCLOSURE_LEGAL_BASES, SHOP_CLAIM_STATUSES, SHOP_MARKETPLACES } from '@openipp/shared';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { complaints } from './complaints';
import { tenants } from './tenants';
import { users } from './users';
import { storedFileColumns } from './stored-file';

/**
 * Shops a seller tenant claims (issue #6, part 1). A complaint listing whose
 * (marketplace, shop_id) matches a verified claim is shown to that seller.
 */
export const shopClaims = sqliteTable(
  'shop_claims',
  {
    /** UUIDv7, so (created_at, id) is a stable order. */
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    marketplace: text('marketplace', { enum: SHOP_MARKETPLACES }).notNull(),
    /** As recognizeListing spells it, so it compares equal to complaint_listings.shop_id. */
    shopId: text('shop_id').notNull(),
    status: text('status', { enum: SHOP_CLAIM_STATUSES }).notNull(),
    decidedAt: integer('decided_at'),
    decidedBy: text('decided_by').references(() => users.id),
    reasons: text('reasons'),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
  },
  (table) => [
    index('shop_claims_tenant_created_idx').on(table.tenantId, table.createdAt),
    index('shop_claims_status_created_idx').on(table.status, table.createdAt),
    // One owner per shop: two sellers must never both see a complaint about it.
    // The index, not a prior read, decides when two verifications race.
    uniqueIndex('shop_claims_verified_unique')
      .on(table.marketplace, table.shopId)
      .where(sql`status = 'verified'`),
  ],
);

/** Proof documents of a shop claim; the bytes live in the blob store under `sha256`. */
export const shopClaimProofs = sqliteTable(
  'shop_claim_proofs',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => shopClaims.id),
    position: integer('position').notNull(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ...storedFileColumns(),
    uploadedAt: integer('uploaded_at').notNull(),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
  },
  (table) => [uniqueIndex('shop_claim_proofs_claim_position_unique').on(table.claimId, table.position)],
);

/**
 * Every disclosure of a complainant's personal data (MISSION item 13): who it
 * was shown to (user and tenant), which fields, about whom (the complainant
 * tenant and the complaint), when, and on which legal basis. Append-only.
 */
export const disclosures = sqliteTable(
  'disclosures',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    /** Whose data: the complainant tenant. */
    complainantTenantId: text('complainant_tenant_id')
      .notNull()
      .references(() => tenants.id),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    recipientTenantId: text('recipient_tenant_id')
      .notNull()
      .references(() => tenants.id),
    recipientUserId: text('recipient_user_id')
      .notNull()
      .references(() => users.id),
    fields: text('fields', { mode: 'json' }).$type<Array<(typeof COMPLAINANT_FIELDS)[number]>>().notNull(),
    legalBasis: text('legal_basis', { enum: DISCLOSURE_LEGAL_BASES }).notNull(),
  },
  // Admins list them per complainant, newest first.
  (table) => [index('disclosures_complainant_at_idx').on(table.complainantTenantId, table.at, table.id)],
);
