import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { TENANT_KINDS } from '@openipp/shared';

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: TENANT_KINDS }).notNull(),
  name: text('name').notNull(),
  /** Unix epoch milliseconds, like every timestamp column. */
  createdAt: integer('created_at').notNull(),
});
