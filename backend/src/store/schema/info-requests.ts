import { DEFICIENCY_CODES } from '@openipp/shared';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { complaints } from './complaints';
import { tenants } from './tenants';
import { users } from './users';
import { storedFileColumns } from './stored-file';

type DeficiencyCode = (typeof DEFICIENCY_CODES)[number];

/**
 * Requests for supplementary material (issue #5, item 5). The complaint waits
 * in needs_info from `requested_at` until `resolved_at` — the answer or the
 * expiry — and those two instants are the pause the due-date engine skips.
 */
export const infoRequests = sqliteTable(
  'info_requests',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    /** Denormalised from the complaint so the complainant's reads are tenant-scoped by index. */
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    deficiencies: text('deficiencies', { mode: 'json' }).$type<DeficiencyCode[]>().notNull(),
    message: text('message').notNull(),
    /** Epoch ms; unanswered past it, the sweeper closes the complaint. */
    deadline: integer('deadline').notNull(),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: integer('requested_at').notNull(),
    /** When the answer came in or the deadline closed it; null while the complaint waits. */
    resolvedAt: integer('resolved_at'),
    /** Set (with resolved_at) when the deadline passed unanswered. */
    expiredAt: integer('expired_at'),
  },
  (table) => [
    index('info_requests_complaint_requested_idx').on(table.complaintId, table.requestedAt),
    // A complaint waits on one request at a time; a racing second request fails here.
    uniqueIndex('info_requests_complaint_open_unique')
      .on(table.complaintId)
      .where(sql`resolved_at IS NULL`),
    // The sweeper's range: open requests by deadline.
    index('info_requests_open_deadline_idx')
      .on(table.deadline)
      .where(sql`resolved_at IS NULL`),
  ],
);

/** The complainant's answer to a request: one per request. */
export const infoResponses = sqliteTable(
  'info_responses',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => infoRequests.id),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    message: text('message').notNull(),
    /** The tenant's own capture ids offered as further evidence, in the order given. */
    captureIds: text('capture_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** Further evidence for particular listings: listing id → capture ids. */
    listingCaptures: text('listing_captures', { mode: 'json' }).$type<Record<string, string[]>>().notNull(),
    respondedBy: text('responded_by')
      .notNull()
      .references(() => users.id),
    respondedAt: integer('responded_at').notNull(),
  },
  (table) => [uniqueIndex('info_responses_request_unique').on(table.requestId)],
);

/** Documents sent with an answer; the bytes live in the blob store under `sha256`. */
export const infoResponseDocuments = sqliteTable(
  'info_response_documents',
  {
    id: text('id').primaryKey(),
    responseId: text('response_id')
      .notNull()
      .references(() => infoResponses.id),
    /** Upload order within the answer: ids made in the same millisecond do not sort by it. */
    position: integer('position').notNull(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ...storedFileColumns(),
  },
  (table) => [uniqueIndex('info_response_documents_response_position_unique').on(table.responseId, table.position)],
);
