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
  },
  (table) => [index('users_tenant_idx').on(table.tenantId)],
);
