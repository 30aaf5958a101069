import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { users } from './users';

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (hex) of the bearer/cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    /**
     * Random, shown to the user in their session list and used to end one
     * session; the primary key is the token hash and must never leave the server.
     */
    publicId: text('public_id').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: ['bearer', 'cookie'] }).notNull(),
    /**
     * Cookie sessions only. Kept in clear because GET /api/me hands it back to a
     * reloaded console; on its own it grants nothing without the httpOnly cookie.
     */
    csrfToken: text('csrf_token'),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);
