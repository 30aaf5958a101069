import { DELIVERY_CHANNELS, DELIVERY_OUTCOMES } from '@openipp/shared';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { MAIL_STATUSES } from './enums';
import { users } from './users';

/**
 * One row per notice and channel (MISSION item 16): where it went, when, how
 * it ended, and when it counts as delivered — the time deadlines run from.
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    /** The notice carried; free-form because notices live in several tables. */
    noticeId: text('notice_id'),
    channel: text('channel', { enum: DELIVERY_CHANNELS }).notNull(),
    recipientUserId: text('recipient_user_id').references(() => users.id),
    /** The e-mail address, phone number or postal address used; empty until an SMS is first attempted. */
    address: text('address').notNull(),
    /**
     * The mail or SMS outbox row this record follows; each outcome of that row
     * updates it. Null for paper and in-site.
     */
    outboxId: text('outbox_id'),
    /** Null while the notice waits in its outbox, not yet attempted. */
    outcome: text('outcome', { enum: DELIVERY_OUTCOMES }),
    attempts: integer('attempts').notNull(),
    sentAt: integer('sent_at'),
    countsAsDeliveredAt: integer('counts_as_delivered_at'),
    trackingNumber: text('tracking_number'),
    /** The last failure, as the transport or provider reported it. */
    detail: text('detail'),
    /** Staff who recorded a paper letter. */
    recordedBy: text('recorded_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('deliveries_outbox_idx').on(table.outboxId),
    index('deliveries_channel_created_idx').on(table.channel, table.createdAt),
    index('deliveries_recipient_idx').on(table.recipientUserId, table.createdAt),
    index('deliveries_address_idx').on(table.address, table.createdAt),
    index('deliveries_notice_idx').on(table.noticeId),
  ],
);

/**
 * SMS outbox, the mail outbox's twin: queued in the caller's transaction,
 * claimed by a lease, sent by whichever process claims it first. The phone
 * number is looked up at sending, so a number changed meanwhile is honoured.
 */
export const smsOutbox = sqliteTable(
  'sms_outbox',
  {
    id: text('id').primaryKey(),
    noticeId: text('notice_id'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** Already in the recipient's language. */
    text: text('text').notNull(),
    status: text('status', { enum: MAIL_STATUSES }).notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    leaseUntil: integer('lease_until'),
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    /** The provider's message id. */
    providerId: text('provider_id'),
  },
  (table) => [index('sms_outbox_due_idx').on(table.status, table.nextAttemptAt)],
);
