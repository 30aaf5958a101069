import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Platform-wide switches (maintenance mode), in the database rather than in
 * memory so every backend process answers the same way.
 */
export const platformSettings = sqliteTable('platform_settings', {
  key: text('key').primaryKey(),
  /** JSON text; each key's shape is parsed by the service that owns it. */
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by'),
});
