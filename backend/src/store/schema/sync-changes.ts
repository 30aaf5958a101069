import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const SYNC_KINDS = ['complaint', 'info_request', 'message'] as const;

/**
 * The down-sync's change feed (issue #7, part 7): one row per complaint,
 * request for material and message, carrying the sequence number of its
 * latest change. Written only by triggers (migration 0013), so every path
 * that changes those tables, today's and tomorrow's, feeds it without
 * knowing about it.
 *
 * Why a sequence and not (updated_at, id): a cursor over timestamps skips a
 * row whose transaction took its timestamp before the cursor was read but
 * committed after it, and complaints' updated_at does not move when only a
 * listing's outcome or a message's read state changes. Here `seq` is
 * max(seq) + 1 taken inside the writing transaction; SQLite admits one writer
 * at a time (across connections and processes), so seqs become visible in
 * commit order and a reader that has seen seq N has seen every seq below it.
 * A PostgreSQL adapter would need the same guarantee another way (e.g. a row
 * lock on a counter row held to commit).
 */
export const syncChanges = sqliteTable(
  'sync_changes',
  {
    kind: text('kind', { enum: SYNC_KINDS }).notNull(),
    entityId: text('entity_id').notNull(),
    /** Who may see it: 'tenant:<id>' for complaints and requests, 'user:<id>' for messages. */
    scope: text('scope').notNull(),
    seq: integer('seq').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.kind, table.entityId] }),
    uniqueIndex('sync_changes_seq_unique').on(table.seq),
    index('sync_changes_scope_seq_idx').on(table.scope, table.seq),
  ],
);
