import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LOCALES } from '@openipp/shared';
import { LINK_PURPOSES } from './enums';
import { tenants } from './tenants';
import { users } from './users';

/**
 * E-mailed one-time links: e-mail verification, invitations, and the freeze
 * link of a new-device warning. Only the SHA-256 of the token is stored, so
 * the table cannot be replayed from a backup.
 */
export const oneTimeLinks = sqliteTable(
  'one_time_links',
  {
    /** Public id (an invitation is listed and shown by it); never the token. */
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose', { enum: LINK_PURPOSES }).notNull(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The user the link acts on; null for an invitation (the user does not exist yet). */
    userId: text('user_id').references(() => users.id),
    /** Where it was sent. */
    email: text('email').notNull(),
    /** Invitations: the language of the mail and of the new user. */
    locale: text('locale', { enum: LOCALES }),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (table) => [index('one_time_links_tenant_purpose_idx').on(table.tenantId, table.purpose)],
);
