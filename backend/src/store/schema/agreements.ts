import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LOCALES } from '@openipp/shared';
import { tenants } from './tenants';
import { users } from './users';

/**
 * Published agreement versions. Rows are never updated: an acceptance points
 * at a version, and the stored hashes prove which texts that version had.
 */
export const agreementVersions = sqliteTable('agreement_versions', {
  version: integer('version').primaryKey(),
  publishedAt: integer('published_at').notNull(),
  bodyZh: text('body_zh').notNull(),
  bodyEn: text('body_en').notNull(),
  /** SHA-256 (hex) of the UTF-8 bytes of each body exactly as served. */
  sha256Zh: text('sha256_zh').notNull(),
  sha256En: text('sha256_en').notNull(),
  summaryZh: text('summary_zh').notNull(),
  summaryEn: text('summary_en').notNull(),
  /** The admin who published it; null for the seeded versions. */
  publishedBy: text('published_by').references(() => users.id),
});

/** One row per user and version: the evidence that this user agreed to exactly these texts. */
export const agreementAcceptances = sqliteTable(
  'agreement_acceptances',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    version: integer('version')
      .notNull()
      .references(() => agreementVersions.version),
    /** The language the user was shown when accepting. */
    language: text('language', { enum: LOCALES }).notNull(),
    // Copied from the version rather than joined, so the record stands on its own as proof.
    sha256Zh: text('sha256_zh').notNull(),
    sha256En: text('sha256_en').notNull(),
    acceptedAt: integer('accepted_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [
    uniqueIndex('agreement_acceptances_user_version_unique').on(table.userId, table.version),
    index('agreement_acceptances_version_idx').on(table.version),
  ],
);
