import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Contact details with their full history (MISSION item 5): a change closes
 * the current row (`until`) and opens a new one, so the details in force at
 * any past moment — where a notice was sent — can be read back.
 */
export const contactVersions = sqliteTable(
  'contact_versions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    email: text('email').notNull(),
    phone: text('phone'),
    postalAddress: text('postal_address'),
    since: integer('since').notNull(),
    /** Null while current. */
    until: integer('until'),
    /** Last time the user said these are right (saving counts). */
    confirmedAt: integer('confirmed_at').notNull(),
  },
  (table) => [index('contact_versions_user_since_idx').on(table.userId, table.since)],
);
