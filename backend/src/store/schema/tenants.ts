import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ENTITY_KINDS, TENANT_KINDS, VERIFICATION_STATUSES } from '@openipp/shared';

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: TENANT_KINDS }).notNull(),
  name: text('name').notNull(),
  /** Unix epoch milliseconds, like every timestamp column. */
  createdAt: integer('created_at').notNull(),
  // The registered entity. Null for the platform tenant and tenants created by operators.
  entityKind: text('entity_kind', { enum: ENTITY_KINDS }),
  legalName: text('legal_name'),
  country: text('country'),
  /** As typed by the registrant; `entity_key` holds the folded form. */
  registrationNumber: text('registration_number'),
  /**
   * One entity, one account (MISSION item 2): country + kind + folded number.
   * The unique index is the rule; concurrent registrations race into it.
   */
  entityKey: text('entity_key').unique(),
  /** Staff verification of the identity; filing complaints needs 'approved'. */
  identityStatus: text('identity_status', { enum: VERIFICATION_STATUSES }).notNull().default('pending'),
  identityDecidedAt: integer('identity_decided_at'),
  identityDecidedBy: text('identity_decided_by'),
  identityReasons: text('identity_reasons'),
});
