import {
  COMPLAINT_EVENTS,
  COMPLAINT_STATES,
  LISTING_MEASURES,
  LISTING_OUTCOMES,
  REASON_CODES,
  type ComplainantRecord,
  type Complainant,
  type ListingLocation,
} from '@openipp/shared';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { principals } from './principals';
import { rights } from './rights';
import { tenants } from './tenants';
import { users } from './users';

/**
 * Complaints (issue #4): the notice as the complainant built it, one row per
 * named listing, and every state change with who made it and when.
 */
export const complaints = sqliteTable(
  'complaints',
  {
    /** UUIDv7, so (created_at, id) is a stable keyset. */
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The agency principal the complaint is filed for; null for a tenant's own complaint. */
    principalId: text('principal_id').references(() => principals.id),
    /** Null only while a draft has no right picked yet. */
    rightId: text('right_id').references(() => rights.id),
    reason: text('reason', { enum: REASON_CODES }),
    explanation: text('explanation').notNull(),
    goodFaith: integer('good_faith', { mode: 'boolean' }).notNull(),
    accuracy: integer('accuracy', { mode: 'boolean' }).notNull(),
    state: text('state', { enum: COMPLAINT_STATES }).notNull(),
    /**
     * Identity and contacts as they were at submission: the notice names the
     * complainant as filed, whatever the details say later. Null for drafts.
     */
    complainant: text('complainant', { mode: 'json' }).$type<Complainant>(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    updatedAt: integer('updated_at').notNull(),
    submittedAt: integer('submitted_at'),
    // ---- review (issue #5): what the queue orders by, kept current on every transition.
    /**
     * End of the review period (computeDueDate), epoch ms. Null for drafts and
     * while an open request for material has stopped the clock.
     */
    dueAt: integer('due_at'),
    /** The complainant was under the enhanced-review sanction when filing: the decision needs a second look. */
    enhancedReview: integer('enhanced_review', { mode: 'boolean' }).notNull().default(false),
    /**
     * The complainant's record as it stood at submission. The period is set by
     * the record the complaint was filed with; later decisions elsewhere must
     * not move a due date a reviewer is already working to.
     */
    recordAtSubmission: text('record_at_submission', { mode: 'json' }).$type<ComplainantRecord>(),
  },
  (table) => [
    index('complaints_tenant_created_idx').on(table.tenantId, table.createdAt, table.id),
    index('complaints_tenant_state_created_idx').on(table.tenantId, table.state, table.createdAt, table.id),
    index('complaints_created_idx').on(table.createdAt, table.id),
    index('complaints_state_created_idx').on(table.state, table.createdAt, table.id),
    // The review queue's order, over queue states only: the first page is a walk of
    // this index from its start. Queries must repeat the state term verbatim to use it.
    index('complaints_queue_idx')
      .on(table.dueAt, table.id)
      .where(sql`state in ('submitted', 'in_review')`),
  ],
);

/** One named listing of a complaint, each with its own outcome (MISSION item 8). */
export const complaintListings = sqliteTable(
  'complaint_listings',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    /** Denormalised from the complaint so "already reported" is one indexed lookup per tenant. */
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** 1-based, the order the complainant gave. */
    position: integer('position').notNull(),
    /** As the complainant gave it. */
    url: text('url').notNull(),
    /**
     * recognizeListing's spelling; null (with marketplace) only for a draft's
     * link that is not an http(s) URL at all, which qualification refuses.
     */
    canonicalUrl: text('canonical_url'),
    marketplace: text('marketplace'),
    listingId: text('listing_id'),
    shopId: text('shop_id'),
    /** ISO 3166-1 alpha-2 where the listing is offered (listingJurisdiction), when one can be named. */
    jurisdiction: text('jurisdiction'),
    /** The tenant's capture ids attached as preliminary evidence, in the order given. */
    captureIds: text('capture_ids', { mode: 'json' }).$type<string[]>().notNull(),
    location: text('location', { mode: 'json' }).$type<ListingLocation>(),
    outcome: text('outcome', { enum: LISTING_OUTCOMES }).notNull(),
    /** Set when an upheld listing is restored after a seller's counter-notice. */
    reversedAt: integer('reversed_at'),
    // ---- the decision on this listing (issue #5): null while pending.
    /** The statement of reasons sent to the complainant and the seller. */
    statement: text('statement'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    /** What follows from an upheld listing; null for a rejected one. */
    measure: text('measure', { enum: LISTING_MEASURES }),
  },
  (table) => [
    uniqueIndex('complaint_listings_complaint_position_unique').on(table.complaintId, table.position),
    index('complaint_listings_tenant_canonical_idx').on(table.tenantId, table.canonicalUrl),
    // Earlier complaints about the same listing, from any tenant, for the evidence view.
    index('complaint_listings_canonical_idx').on(table.canonicalUrl, table.complaintId),
    // A seller's complaints (issue #6): the listings of each verified shop claim.
    index('complaint_listings_shop_idx').on(table.marketplace, table.shopId),
  ],
);

/** The lifecycle as it happened: one row per transition, creation (from null) first. */
export const complaintTransitions = sqliteTable(
  'complaint_transitions',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    /** 0 for the creation; transitions made in the same millisecond keep their order. */
    seq: integer('seq').notNull(),
    fromState: text('from_state', { enum: COMPLAINT_STATES }),
    toState: text('to_state', { enum: COMPLAINT_STATES }).notNull(),
    /** Null for the creation. */
    event: text('event', { enum: COMPLAINT_EVENTS }),
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    at: integer('at').notNull(),
    /** The complainant's note on withdrawal. */
    note: text('note'),
  },
  (table) => [
    // Also refuses a second transition racing from the same state.
    uniqueIndex('complaint_transitions_complaint_seq_unique').on(table.complaintId, table.seq),
    index('complaint_transitions_event_complaint_idx').on(table.event, table.complaintId),
  ],
);
