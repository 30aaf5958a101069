import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ENTITY_KINDS, VERIFICATION_STATUSES } from '@openipp/shared';
import { tenants } from './tenants';
import { users } from './users';

/**
 * The rights holders an agency acts for. Agencies are the exception to "one
 * entity, one account": a principal is unique per agency, not platform-wide.
 */
export const principals = sqliteTable(
  'principals',
  {
    id: text('id').primaryKey(),
    agencyTenantId: text('agency_tenant_id')
      .notNull()
      .references(() => tenants.id),
    entityKind: text('entity_kind', { enum: ENTITY_KINDS }).notNull(),
    legalName: text('legal_name').notNull(),
    country: text('country').notNull(),
    registrationNumber: text('registration_number').notNull(),
    entityKey: text('entity_key').notNull(),
    /** Staff verification of the letter of authority. */
    authorityStatus: text('authority_status', { enum: VERIFICATION_STATUSES }).notNull(),
    decidedAt: integer('decided_at'),
    decidedBy: text('decided_by'),
    reasons: text('reasons'),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
  },
  (table) => [
    uniqueIndex('principals_agency_entity_unique').on(table.agencyTenantId, table.entityKey),
    index('principals_status_created_idx').on(table.authorityStatus, table.createdAt),
  ],
);
