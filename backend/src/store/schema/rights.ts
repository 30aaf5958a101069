import { RIGHT_STATUSES, RIGHT_TYPES } from '@openipp/shared';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { principals } from './principals';
import { tenants } from './tenants';
import { users } from './users';
import { storedFileColumns } from './stored-file';

/**
 * The rights portfolio. A right belongs to its tenant; for an agency it may
 * name the principal that owns it. Dates are calendar days (YYYY-MM-DD),
 * because validity is judged by whole UTC days, not instants.
 */
export const rights = sqliteTable(
  'rights',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Set when an agency records a right owned by one of its principals. */
    principalId: text('principal_id').references(() => principals.id),
    type: text('type', { enum: RIGHT_TYPES }).notNull(),
    registrationNumber: text('registration_number').notNull(),
    /**
     * The registration number folded like an entity key (normalizeRegistrationNumber):
     * "TM 1234567" and "ｔｍ１２３４５６７" are one right, filed once.
     */
    registrationKey: text('registration_key').notNull(),
    /** ISO 3166-1 alpha-2 codes or WW, as a JSON array. */
    territories: text('territories', { mode: 'json' }).$type<string[]>().notNull(),
    niceClasses: text('nice_classes', { mode: 'json' }).$type<number[]>().notNull(),
    scope: text('scope'),
    validFrom: text('valid_from').notNull(),
    validUntil: text('valid_until').notNull(),
    status: text('status', { enum: RIGHT_STATUSES }).notNull(),
    decidedAt: integer('decided_at'),
    decidedBy: text('decided_by'),
    reasons: text('reasons'),
    /** When the expiry reminder went out; set in the same transaction, so it goes out once. */
    remindedAt: integer('reminded_at'),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
  },
  (table) => [
    index('rights_tenant_created_idx').on(table.tenantId, table.createdAt),
    index('rights_status_created_idx').on(table.status, table.createdAt),
    index('rights_status_until_idx').on(table.status, table.validUntil),
    // A tenant files each right once; a rejected filing may be filed again with better proof.
    uniqueIndex('rights_tenant_type_registration_unique')
      .on(table.tenantId, table.type, table.registrationKey)
      .where(sql`status <> 'rejected'`),
  ],
);

/** Proof documents of a right; the bytes live in the blob store under `sha256`. */
export const rightProofs = sqliteTable(
  'right_proofs',
  {
    id: text('id').primaryKey(),
    rightId: text('right_id')
      .notNull()
      .references(() => rights.id),
    /** Upload order within the right: ids made in the same millisecond do not sort by it. */
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
  (table) => [uniqueIndex('right_proofs_right_position_unique').on(table.rightId, table.position)],
);
