import { ABUSE_KINDS, SANCTION_KINDS } from '@openipp/shared';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { complaints } from './complaints';
import { tenants } from './tenants';
import { users } from './users';

/**
 * A reviewer's finding that a complaint was wrongful or malicious (issue #5,
 * item 6). The marks feed the complainant's abuse score.
 */
export const abuseMarks = sqliteTable(
  'abuse_marks',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    /** The complaining tenant, denormalised so scores are one indexed count per tenant. */
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: ABUSE_KINDS }).notNull(),
    note: text('note').notNull(),
    markedBy: text('marked_by')
      .notNull()
      .references(() => users.id),
    markedAt: integer('marked_at').notNull(),
  },
  (table) => [
    index('abuse_marks_tenant_kind_idx').on(table.tenantId, table.kind, table.complaintId),
    index('abuse_marks_complaint_idx').on(table.complaintId, table.markedAt),
  ],
);

/** Sanctions an admin imposed on a complainant, kept after lifting as the record of why. */
export const sanctions = sqliteTable(
  'sanctions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: SANCTION_KINDS }).notNull(),
    reason: text('reason').notNull(),
    imposedBy: text('imposed_by')
      .notNull()
      .references(() => users.id),
    imposedAt: integer('imposed_at').notNull(),
    liftedBy: text('lifted_by').references(() => users.id),
    liftedAt: integer('lifted_at'),
    liftReason: text('lift_reason'),
  },
  (table) => [
    index('sanctions_tenant_imposed_idx').on(table.tenantId, table.imposedAt),
    // At most one live sanction of a kind per tenant: a second imposition racing the first fails here.
    uniqueIndex('sanctions_tenant_kind_live_unique')
      .on(table.tenantId, table.kind)
      .where(sql`lifted_at IS NULL`),
  ],
);
