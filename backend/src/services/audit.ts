/**
 * The tamper-evident audit trail (issue #5, item 7). Every change that
 * matters as evidence (a capture received, a complaint transition, a staff
 * decision, and later requests, sanctions and disclosures) appends one entry
 * in the same transaction as the change itself, so an entry exists exactly
 * when its change was committed.
 *
 * Entries form a hash chain: each carries the SHA-256 of its predecessor and
 * the SHA-256 of its own canonical form. Changing any stored byte of an
 * entry, removing one, or reordering them breaks the chain at that entry.
 * What a chain alone cannot show is a cut-off tail, or a chain rewritten
 * from some entry on with every later hash recomputed; for those, keep the
 * head (seq and hash) the verifier reports somewhere else and pass it back
 * as `expectedHead`.
 */
import { canonicalize, type JsonValue } from '@openipp/shared';
import { sha256Hex } from '../lib/crypto';
import type { AuditKind, AuditLogRow, AuditReader, AuditWriter } from '../store';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** Epoch ms of the change. */
  at: number;
  tenantId: string | null;
  /** The user who made the change; null for the system. */
  actorId: string | null;
  kind: AuditKind;
  /** The id of the record changed. */
  subjectId: string;
  payload: { [key: string]: JsonValue };
}

/**
 * The SHA-256 of an entry's canonical form: every stored column but the hash
 * itself, the payload as its stored text. Exported so that a view can show
 * an entry as verified.
 */
export function auditEntryHash(entry: Omit<AuditLogRow, 'hash'>): string {
  const { seq, at, tenantId, actorId, kind, subjectId, payload, prevHash } = entry;
  return sha256Hex(canonicalize({ seq, at, tenantId, actorId, kind, subjectId, payload, prevHash }));
}

/**
 * Appends one entry after the last one. Takes the transaction's writer (a
 * Store outside a transaction has none), so the entry commits or rolls back
 * with the change it records.
 *
 * Reading the last entry and inserting the next is safe here because write
 * transactions are serialised: the store's mutex within a process, and
 * BEGIN IMMEDIATE's write lock across processes sharing the SQLite file.
 * Where transactions are not serialised (several backends over PostgreSQL at
 * READ COMMITTED), two writers could read the same last entry; the seq is the
 * primary key, so the second insert fails with a unique violation and its
 * whole transaction rolls back, loudly, instead of forking the chain. That
 * adapter should take a lock on the log (or retry) before appending.
 */
export async function appendAudit(tx: Pick<AuditWriter, 'lastAuditEntry' | 'insertAuditEntry'>, entry: AuditEntry): Promise<AuditLogRow> {
  const last = await tx.lastAuditEntry();
  const unhashed = {
    seq: (last?.seq ?? 0) + 1,
    at: entry.at,
    tenantId: entry.tenantId,
    actorId: entry.actorId,
    kind: entry.kind,
    subjectId: entry.subjectId,
    payload: canonicalize(entry.payload),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const row = { ...unhashed, hash: auditEntryHash(unhashed) };
  await tx.insertAuditEntry(row);
  return row;
}

export type AuditBreakReason =
  /** An entry is missing: the next stored seq skips the expected one. */
  | 'gap'
  /** An entry is numbered before the chain's start (seq below 1). */
  | 'unexpected_seq'
  /** The entry does not name its predecessor's hash (removed, reordered or altered). */
  | 'prev_hash_mismatch'
  /** The entry's stored hash is not the hash of its stored columns. */
  | 'hash_mismatch'
  /** The chain ends before the expected head. */
  | 'truncated'
  /** The entry at the expected head's seq has another hash: the chain was rewritten up to there. */
  | 'head_mismatch';

export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditVerification =
  | { ok: true; entries: number; head: AuditHead | null }
  | { ok: false; entries: number; firstBrokenSeq: number; reason: AuditBreakReason };

const DEFAULT_PAGE_SIZE = 1000;

/** A stored entry whose columns are no longer JSON values (a blob, say) has no reproducible hash. */
function recomputedHash(row: AuditLogRow): string | undefined {
  try {
    return auditEntryHash(row);
  } catch {
    return undefined;
  }
}

/**
 * Walks the whole chain in seq order, a page at a time (memory stays flat
 * however long the chain is), and stops at the first broken entry.
 * `entries` counts the entries verified before it. Entries appended while the
 * walk runs are verified too when they are reached: the chain only grows.
 */
export async function verifyAuditChain(
  reader: AuditReader,
  options: { expectedHead?: AuditHead; pageSize?: number } = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const { expectedHead } = options;
  let entries = 0;
  let prevHash = GENESIS_HASH;
  // Below any sane seq, so a stray entry numbered 0 or less is seen rather than skipped.
  let afterSeq = Number.MIN_SAFE_INTEGER;
  const broken = (firstBrokenSeq: number, reason: AuditBreakReason): AuditVerification => ({ ok: false, entries, firstBrokenSeq, reason });

  for (;;) {
    const page = await reader.readAuditEntries({ afterSeq, limit: pageSize });
    for (const row of page) {
      const expectedSeq = entries + 1;
      if (row.seq < expectedSeq) return broken(row.seq, 'unexpected_seq');
      if (row.seq > expectedSeq) return broken(expectedSeq, 'gap');
      if (row.prevHash !== prevHash) return broken(row.seq, 'prev_hash_mismatch');
      if (recomputedHash(row) !== row.hash) return broken(row.seq, 'hash_mismatch');
      if (expectedHead && row.seq === expectedHead.seq && row.hash !== expectedHead.hash) return broken(row.seq, 'head_mismatch');
      entries = row.seq;
      prevHash = row.hash;
      afterSeq = row.seq;
    }
    if (page.length < pageSize) break;
  }
  if (expectedHead && entries < expectedHead.seq) return broken(entries + 1, 'truncated');
  return { ok: true, entries, head: entries === 0 ? null : { seq: entries, hash: prevHash } };
}
