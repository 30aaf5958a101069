import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * What an audit entry records. The first three are written today; the rest
 * belong to the reviewer's work (issue #5) and are listed here so every part
 * of it appends to the same closed set.
 */
export const AUDIT_KINDS = [
  'capture_received',
  /** The user corrected what was read from a capture's page; the capture's manifest is unchanged. */
  'capture_corrected',
  'complaint_transition',
  'right_decided',
  'decision',
  'info_request',
  'sanction',
  'abuse_mark',
  'disclosure',
  'counter_notice',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/**
 * The tamper-evident audit trail (issue #5, item 7): an append-only hash
 * chain. Each entry carries the previous entry's hash and the SHA-256 of its
 * own canonical form, so changing, removing or reordering any stored entry
 * breaks the chain from that entry on.
 *
 * No foreign keys: an entry must outlive, unchanged, whatever row it names,
 * and must never be touched by a cascade.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    /**
     * 1, 2, 3, … with no gaps. The primary key makes it unique: a second
     * writer that read the same last entry cannot insert the same number.
     */
    seq: integer('seq').primaryKey(),
    /** Epoch ms of the change the entry records. */
    at: integer('at').notNull(),
    /** Null for platform-level entries. */
    tenantId: text('tenant_id'),
    /** The user who made the change; null for the system itself. */
    actorId: text('actor_id'),
    kind: text('kind', { enum: AUDIT_KINDS }).notNull(),
    /** The id of the record the change was made to (capture, complaint, right, …). */
    subjectId: text('subject_id').notNull(),
    /** Canonical JSON (keys sorted, no whitespace), hashed exactly as stored. */
    payload: text('payload').notNull(),
    /** Hex SHA-256 of the previous entry; 64 zeros for the first. */
    prevHash: text('prev_hash').notNull(),
    /** Hex SHA-256 of this entry's canonical form. */
    hash: text('hash').notNull(),
  },
  // A record's timeline (the console shows each complaint's history) is one index range.
  (table) => [index('audit_log_subject_seq_idx').on(table.subjectId, table.seq)],
);
