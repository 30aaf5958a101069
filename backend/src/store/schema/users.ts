import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LOCALES, ROLES } from '@openipp/shared';
import { tenants } from './tenants';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Stored lower-cased; login lower-cases too, so the unique index is case-insensitive in effect. */
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set when the user opened the verification link (or accepted an invitation sent to it); sign-in needs it. */
    emailVerifiedAt: integer('email_verified_at'),
    /** Set when the user reports unauthorised use; while set, no session works and login is refused. */
    frozenAt: integer('frozen_at'),
    frozenNote: text('frozen_note'),
    /** The last review that lifted a freeze (kept after a later freeze, until the next unfreeze). */
    unfrozenAt: integer('unfrozen_at'),
    unfrozenNote: text('unfrozen_note'),
    unfrozenBy: text('unfrozen_by'),
  },
  (table) => [index('users_tenant_idx').on(table.tenantId)],
);
