import { NOTICE_KINDS } from '@openipp/shared';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { users } from './users';

/**
 * Every notice the platform sends, recorded once (issue #6 part 4, MISSION
 * item 16). Its channels — in-site message, e-mail, SMS — each leave a
 * delivery record whose notice_id names this row.
 */
export const notices = sqliteTable(
  'notices',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    /** Null for a notice to an address only (an invitation to someone without an account). */
    recipientUserId: text('recipient_user_id').references(() => users.id),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** What it is about: a complaint, right, shop claim or counter-notice id. */
    subjectId: text('subject_id'),
    /** The template values, one-time links withheld. */
    params: text('params', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    index('notices_recipient_created_idx').on(table.recipientUserId, table.createdAt),
    index('notices_created_idx').on(table.createdAt),
    index('notices_subject_idx').on(table.subjectId),
  ],
);
