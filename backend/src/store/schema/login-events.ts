import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

export const LOGIN_OUTCOMES = ['success', 'wrong_password', 'throttled', 'frozen'] as const;

/** Every sign-in attempt, so a user (and staff) can spot use they did not make. */
export const loginEvents = sqliteTable(
  'login_events',
  {
    id: text('id').primaryKey(),
    /** Null when the e-mail matches no account. */
    userId: text('user_id').references(() => users.id),
    /** As typed (normalised), kept even when it matches no account. */
    email: text('email').notNull(),
    at: integer('at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    outcome: text('outcome', { enum: LOGIN_OUTCOMES }).notNull(),
  },
  (table) => [index('login_events_user_at_idx').on(table.userId, table.at)],
);
