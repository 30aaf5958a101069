import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { users } from './users';

export const MESSAGE_KINDS = ['agreement_published', 'right_decided', 'right_expiring', 'info_requested', 'complaint_closed', 'complaint_decided', 'shop_decided', 'counter_notice_filed', 'counter_notice_decided', 'identity_decided'] as const;

/** In-site messages to one user; both languages are stored so the reader's choice decides. */
export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (table) => [index('messages_user_created_idx').on(table.userId, table.createdAt)],
);
