/**
 * What a refused request must leave unchanged: every table's row count and
 * content, and the audit chain's length and last hash. Content is compared as
 * well as counts because a leak can be an UPDATE (another tenant's draft
 * edited, a message marked read) that no count would show.
 */
import { createHash } from 'node:crypto';
import type { DbInspector } from '../store/inspect';

/**
 * Columns a refused request legitimately changes: the caller's session is
 * touched on every authenticated request (sliding expiry). Counts are still compared.
 */
export const VOLATILE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  sessions: ['last_seen_at', 'expires_at'],
};

/**
 * Tables a refused request legitimately writes, with the reason. The per-user
 * and per-IP budgets are spent before the route decides, so a refused write
 * (or a refused registration) still counts against its caller: probing is not
 * free (MISSION item 21).
 */
export const EXEMPT_TABLES: Readonly<Record<string, string>> = {
  rate_limit_counters: 'write and registration budgets are spent before the route decides, by design',
};

export interface DbState {
  counts: Record<string, number>;
  /** SHA-256 of each table's rows (volatile columns left out), in primary-key order. */
  digests: Record<string, string>;
  audit: { count: number; lastHash: string | null };
}

export function tableNames(db: DbInspector): string[] {
  return db
    .rows<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '\\_\\_%' escape '\\' order by name")
    .map((row) => row.name)
    .filter((name) => !(name in EXEMPT_TABLES));
}

export function captureState(db: DbInspector, tables: readonly string[]): DbState {
  const counts: Record<string, number> = {};
  const digests: Record<string, string> = {};
  for (const table of tables) {
    const rows = db.rows<Record<string, unknown>>(`select * from "${table}" order by rowid`);
    counts[table] = rows.length;
    const volatile = VOLATILE_COLUMNS[table] ?? [];
    const hash = createHash('sha256');
    for (const row of rows) {
      for (const column of volatile) delete row[column];
      hash.update(JSON.stringify(row, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value)));
      hash.update('\n');
    }
    digests[table] = hash.digest('hex');
  }
  const last = db.rows<{ hash: string }>('select hash from audit_log order by seq desc limit 1')[0];
  return { counts, digests, audit: { count: counts.audit_log ?? 0, lastHash: last?.hash ?? null } };
}

/** Human-readable differences between two states; empty when nothing changed. */
export function stateChanges(before: DbState, after: DbState): string[] {
  const changes: string[] = [];
  for (const table of Object.keys(after.counts)) {
    if (before.counts[table] !== after.counts[table]) changes.push(`${table}: ${before.counts[table]} → ${after.counts[table]} rows`);
    else if (before.digests[table] !== after.digests[table]) changes.push(`${table}: rows changed`);
  }
  if (before.audit.count !== after.audit.count || before.audit.lastHash !== after.audit.lastHash) {
    changes.push(`audit chain: ${before.audit.count}/${before.audit.lastHash} → ${after.audit.count}/${after.audit.lastHash}`);
  }
  return changes;
}
