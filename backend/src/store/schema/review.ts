import { LISTING_MEASURES, RISK_LEVELS } from '@openipp/shared';
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { complaintListings, complaints } from './complaints';
import { tenants } from './tenants';
import { users } from './users';

/**
 * The reviewer's work (issue #5): claim leases on complaints, decision
 * proposals awaiting a second look, the records of what sellers are told,
 * and each complainant's risk as the queue filters by it.
 */

/**
 * Who works a complaint now. The complaint id is the primary key, so a
 * complaint has at most one claim row; a claim is live while `expires_at` lies
 * ahead. An expired row simply stops counting (no sweeper needed) and the
 * next claim overwrites it.
 */
export const complaintClaims = sqliteTable('complaint_claims', {
  complaintId: text('complaint_id')
    .primaryKey()
    .references(() => complaints.id),
  reviewerId: text('reviewer_id')
    .notNull()
    .references(() => users.id),
  /** When this reviewer took the claim; renewals keep it. */
  claimedAt: integer('claimed_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

export const NOTIFICATION_KINDS = ['listing_upheld', 'listing_rejected'] as const;

/**
 * What a seller is told about a decided listing, addressed to the listing's
 * shop on its marketplace. These rows are the record; delivery channels read
 * them later (issue #6).
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    listingId: text('listing_id')
      .notNull()
      .references(() => complaintListings.id),
    /** The recipient: the shop on its marketplace. The shop is null where the URL names none. */
    marketplace: text('marketplace').notNull(),
    shopId: text('shop_id'),
    /** The listing as the complaint named it, so the record stands on its own. */
    canonicalUrl: text('canonical_url').notNull(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    statement: text('statement').notNull(),
    measure: text('measure', { enum: LISTING_MEASURES }),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    index('notifications_complaint_idx').on(table.complaintId),
    // A shop's notices, newest last: what a seller inbox or a delivery run reads.
    index('notifications_recipient_idx').on(table.marketplace, table.shopId, table.createdAt),
  ],
);

export interface ProposedListing {
  listingId: string;
  outcome: 'upheld' | 'rejected';
  statement: string;
}

export const PROPOSAL_RESOLUTIONS = ['confirmed', 'superseded'] as const;

/**
 * Enhanced review (MISSION item 15): a decision on a sanctioned
 * complainant's complaint is first a proposal; it becomes final when a second,
 * different reviewer sends the same decision. Kept after resolution as the
 * record of who looked.
 */
export const decisionProposals = sqliteTable(
  'decision_proposals',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    proposedBy: text('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: integer('proposed_at').notNull(),
    /** Every listing's outcome and statement, in position order. */
    listings: text('listings', { mode: 'json' }).$type<ProposedListing[]>().notNull(),
    resolution: text('resolution', { enum: PROPOSAL_RESOLUTIONS }),
    resolvedBy: text('resolved_by').references(() => users.id),
    resolvedAt: integer('resolved_at'),
  },
  (table) => [
    // One open proposal per complaint: a racing second proposal fails here.
    uniqueIndex('decision_proposals_complaint_open_unique')
      .on(table.complaintId)
      .where(sql`resolved_at IS NULL`),
    index('decision_proposals_complaint_idx').on(table.complaintId, table.proposedAt),
  ],
);

/**
 * Each complainant's abuse score and risk level, recomputed whenever what
 * they derive from changes (a decision, an abuse mark, a sanction). Stored so
 * the queue can show and filter by risk with one key lookup per row rather
 * than counting a tenant's whole history on every page.
 */
export const complainantRisk = sqliteTable('complainant_risk', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  score: real('score').notNull(),
  level: text('level', { enum: RISK_LEVELS }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});
