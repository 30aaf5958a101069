import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Demo only: mail caught by the local SMTP capture server, shown in the console's mailbox. */
export const devMailbox = sqliteTable(
  'dev_mailbox',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (table) => [index('dev_mailbox_received_idx').on(table.receivedAt)],
);
