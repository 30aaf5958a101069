import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { users } from './users';

export const captures = sqliteTable(
  'captures',
  {
    /** UUIDv7: time-ordered, so (received_at, id) is a stable keyset. */
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    url: text('url').notNull(),
    title: text('title').notNull(),
    /** The client's own ISO timestamp, kept verbatim (offset included) as part of the evidence. */
    capturedAt: text('captured_at').notNull(),
    receivedAt: integer('received_at').notNull(),
    viewportW: integer('viewport_w').notNull(),
    viewportH: integer('viewport_h').notNull(),
    dpr: real('dpr').notNull(),
    screenshotSha256: text('screenshot_sha256').notNull(),
    mime: text('mime', { enum: ['image/png', 'image/jpeg'] }).notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    displaySha256: text('display_sha256').notNull(),
    thumbSha256: text('thumb_sha256').notNull(),
  },
  (table) => [
    index('captures_tenant_received_idx').on(table.tenantId, table.receivedAt, table.id),
    index('captures_received_idx').on(table.receivedAt, table.id),
  ],
);
