import { COUNTER_NOTICE_STATES, type CounterNoticeIdentity, type CounterNoticeRule } from '@openipp/shared';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { complaintListings, complaints } from './complaints';
import { tenants } from './tenants';
import { users } from './users';
import { storedFileColumns } from './stored-file';

/**
 * A seller's counter-notice against an upheld listing (issue #6 part 3,
 * MISSION item 14): its statement of non-infringement, its true identity and
 * declaration, when it counts as delivered to the complainant, and the window
 * that runs from then. One per listing: the unique index decides a race.
 */
export const counterNotices = sqliteTable(
  'counter_notices',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id')
      .notNull()
      .references(() => complaintListings.id),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    /** The complainant tenant, so its reads are tenant AND id. */
    complainantTenantId: text('complainant_tenant_id')
      .notNull()
      .references(() => tenants.id),
    sellerTenantId: text('seller_tenant_id')
      .notNull()
      .references(() => tenants.id),
    sellerUserId: text('seller_user_id')
      .notNull()
      .references(() => users.id),
    statement: text('statement').notNull(),
    identity: text('identity', { mode: 'json' }).$type<CounterNoticeIdentity>().notNull(),
    /** Always true: the route refuses anything else; kept as filed. */
    declaration: integer('declaration', { mode: 'boolean' }).notNull(),
    filedAt: integer('filed_at').notNull(),
    /** When the forwarded counter-notice counts as delivered to the complainant: the window starts here. */
    deliveredAt: integer('delivered_at').notNull(),
    /** The last millisecond of the window; proof up to and including it is in time. */
    windowEndsAt: integer('window_ends_at').notNull(),
    /** The rule the window was computed with, as it stood at filing. */
    rule: text('rule', { mode: 'json' }).$type<CounterNoticeRule & { calendar: string | null; utcOffsetMinutes: number }>().notNull(),
    state: text('state', { enum: COUNTER_NOTICE_STATES }).notNull(),
    /** When the window ended without proof and restoring became due (sweeper). */
    restoreDueAt: integer('restore_due_at'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    decisionStatement: text('decision_statement'),
  },
  (table) => [
    uniqueIndex('counter_notices_listing_unique').on(table.listingId),
    index('counter_notices_complaint_idx').on(table.complaintId, table.filedAt),
    // The sweeper's scan and the staff's restore-due list.
    index('counter_notices_state_window_idx').on(table.state, table.windowEndsAt),
  ],
);

/** The seller's preliminary evidence; the bytes live in the blob store under `sha256`. */
export const counterNoticeDocuments = sqliteTable(
  'counter_notice_documents',
  {
    id: text('id').primaryKey(),
    counterNoticeId: text('counter_notice_id')
      .notNull()
      .references(() => counterNotices.id),
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
  (table) => [uniqueIndex('counter_notice_documents_position_unique').on(table.counterNoticeId, table.position)],
);

/**
 * The complainant's proof, within the window, that it complained to the
 * authorities or sued: a note and its documents (one row per document).
 */
export const complainantProofs = sqliteTable(
  'complainant_proofs',
  {
    id: text('id').primaryKey(),
    counterNoticeId: text('counter_notice_id')
      .notNull()
      .references(() => counterNotices.id),
    /** One submission may carry several documents; they share the note and `submittedAt`. */
    position: integer('position').notNull(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    note: text('note').notNull(),
    ...storedFileColumns(),
    submittedAt: integer('submitted_at').notNull(),
    submittedBy: text('submitted_by')
      .notNull()
      .references(() => users.id),
  },
  (table) => [uniqueIndex('complainant_proofs_position_unique').on(table.counterNoticeId, table.position)],
);
