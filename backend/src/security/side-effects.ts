/**
 * What "nothing stored" means for a refused request (issue #8, part 2), shared
 * by the upload corpus and the fuzzing: every table's row count, the audit
 * chain's head, and the blob files on disk. `contentState` adds a digest of
 * every table's rows, because a partial write can be an UPDATE that no count
 * would show.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ERROR_STATUS, isErrorCode, type ErrorCode } from '@openipp/shared';
import { expect } from 'vitest';
import type { Harness } from '../testing/harness';

/**
 * Tables a refused request legitimately writes, with the reason: the write
 * budget is spent before the route decides, so refusing a request is allowed
 * to count it (probing is not free).
 */
export const EXEMPT_TABLES: Readonly<Record<string, string>> = {
  rate_limit_counters: 'budgets are spent before the route decides, by design',
};

/** Columns every authenticated request touches (the session's sliding expiry); their rows are still counted. */
export const VOLATILE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  sessions: ['last_seen_at', 'expires_at'],
};

function tableNames(h: Harness): string[] {
  return h.db
    .rows<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
    .map(({ name }) => name)
    .filter((name) => !(name in EXEMPT_TABLES));
}

/** Every table's row count (the exempt tables aside). */
export function rowCounts(h: Harness): Record<string, number> {
  return Object.fromEntries(tableNames(h).map((name) => [name, h.db.count(name)]));
}

/** Every file in the blob store, sorted. */
export function blobFiles(h: Harness): string[] {
  const root = path.join(h.dataDir, 'blobs');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export interface AuditHeadRow {
  seq: number;
  hash: string;
}

export function auditHead(h: Harness): AuditHeadRow | null {
  return h.db.rows<AuditHeadRow>('select seq, hash from audit_log order by seq desc limit 1')[0] ?? null;
}

/** Row counts, audit head and blob files: compare two with `toEqual`. */
export function stateOf(h: Harness) {
  return { rows: rowCounts(h), auditHead: auditHead(h), blobs: blobFiles(h) };
}

const hexBytes = (_key: string, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value);

/** SHA-256 of each table's rows in rowid order, volatile columns left out, with the row counts read on the way. */
export function tableDigests(h: Harness): { rows: Record<string, number>; digests: Record<string, string> } {
  const rows: Record<string, number> = {};
  const digests: Record<string, string> = {};
  for (const table of tableNames(h)) {
    const volatile = VOLATILE_COLUMNS[table] ?? [];
    const hash = createHash('sha256');
    const all = h.db.rows<Record<string, unknown>>(`select * from "${table}" order by rowid`);
    for (const row of all) {
      for (const column of volatile) delete row[column];
      hash.update(JSON.stringify(row, hexBytes));
      hash.update('\n');
    }
    rows[table] = all.length;
    digests[table] = hash.digest('hex');
  }
  return { rows, digests };
}

/** `stateOf` plus every table's content digest. */
export function contentState(h: Harness) {
  const { rows, digests } = tableDigests(h);
  return { rows, auditHead: auditHead(h), blobs: blobFiles(h), digests };
}

export type ContentState = ReturnType<typeof contentState>;

/** Human-readable differences between two states (tables in `ignoreTables` aside); empty when nothing changed. */
export function stateChanges(before: ContentState, after: ContentState, ignoreTables: readonly string[] = []): string[] {
  const changes: string[] = [];
  for (const table of new Set([...Object.keys(before.rows), ...Object.keys(after.rows)])) {
    if (ignoreTables.includes(table)) continue;
    if (before.rows[table] !== after.rows[table]) changes.push(`${table}: ${before.rows[table]} → ${after.rows[table]} rows`);
    else if (before.digests[table] !== after.digests[table]) changes.push(`${table}: rows changed`);
  }
  if (before.auditHead?.seq !== after.auditHead?.seq || before.auditHead?.hash !== after.auditHead?.hash) {
    changes.push(`audit chain: ${JSON.stringify(before.auditHead)} → ${JSON.stringify(after.auditHead)}`);
  }
  const added = after.blobs.filter((file) => !before.blobs.includes(file));
  const removed = before.blobs.filter((file) => !after.blobs.includes(file));
  if (added.length || removed.length) changes.push(`blobs: +${added.length} −${removed.length}`);
  return changes;
}

export interface ProblemBody {
  code: string;
  status: number;
  errors?: Array<{ path: string; code: string }>;
}

/** The problem+json body of a refusal (asserting its media type). */
export async function problem(res: Response): Promise<ProblemBody> {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as ProblemBody;
}

/**
 * Why an error answer breaks the contract (not problem+json, a code outside
 * the closed list, or a status that is not the code's), or null when it keeps it.
 */
export function problemViolation(res: Response, text: string): string | null {
  const type = res.headers.get('content-type');
  if (type !== 'application/problem+json') return `content-type ${type}`;
  let body: { code?: unknown; status?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return 'body is not JSON';
  }
  if (!isErrorCode(body.code)) return `code ${JSON.stringify(body.code)} is not one of ERROR_STATUS`;
  if (ERROR_STATUS[body.code as ErrorCode] !== res.status) return `code ${body.code} answered with status ${res.status}`;
  if (body.status !== res.status) return `body status ${String(body.status)} ≠ ${res.status}`;
  return null;
}
