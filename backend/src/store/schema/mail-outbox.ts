import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LOCALES } from '@openipp/shared';
import { MAIL_STATUSES } from './enums';

/**
 * Transactional outbox: a mail is queued in the same transaction as the change
 * that causes it, and sent afterwards by whichever process claims it first.
 * The claim is a lease in this table, so two processes never both send a row.
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    template: text('template').notNull(),
    /** JSON: the template's placeholders. */
    params: text('params').notNull(),
    status: text('status', { enum: MAIL_STATUSES }).notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** While status is 'sending': until when the claim holds (a crashed sender's claim lapses). */
    leaseUntil: integer('lease_until'),
    /** Random per claim, so only the claimant records the outcome. */
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    /** The SMTP Message-ID. */
    messageId: text('message_id'),
  },
  (table) => [index('mail_outbox_due_idx').on(table.status, table.nextAttemptAt)],
);
