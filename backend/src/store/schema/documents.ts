import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DOCUMENT_PURPOSES } from './enums';
import { principals } from './principals';
import { tenants } from './tenants';
import { users } from './users';
import { storedFileColumns } from './stored-file';

/**
 * Identity proofs and letters of authority. The bytes live in the blob store
 * under `sha256`; the row says whose they are, so access is by tenant and id.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Set for a letter of authority: the principal it authorises. */
    principalId: text('principal_id').references(() => principals.id),
    purpose: text('purpose', { enum: DOCUMENT_PURPOSES }).notNull(),
    ...storedFileColumns(),
    uploadedAt: integer('uploaded_at').notNull(),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
  },
  (table) => [index('documents_tenant_idx').on(table.tenantId), index('documents_principal_idx').on(table.principalId)],
);
