/**
 * After the last stop: compares every client's ledger with what the data
 * directory really holds, read-only, and checks the database, the audit chain
 * and the evidence files for damage a crash could have done.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { openBlobStore } from '../blobs';
import { SHA256_HEX } from '../blobs/blob-store';
import { sha256Hex } from '../lib/crypto';
import { verifyAuditChain } from '../services/audit';
import { checkDatabaseIntegrity, databaseFile, describeDatabase, openAuditView } from '../store';
import { inspectDatabase } from '../store/inspect';
import type { LedgerWrite } from './ledger';

export interface WriteProblem {
  kind: 'lost' | 'duplicate' | 'wrong_row' | 'key_missing' | 'refused' | 'unresolved' | 'phantom';
  write: Pick<LedgerWrite, 'kind' | 'client' | 'key' | 'marker'>;
  detail: string;
}

export interface Verification {
  /** Writes found exactly once, under the id their answer named and their key's stored answer names. */
  presentOnce: number;
  /** Acknowledged writes missing from the database. */
  lost: number;
  /** Writes whose row is in the database more than once. */
  duplicates: number;
  problems: WriteProblem[];
  integrity: string[];
  audit: { ok: boolean; entries: number; detail: string };
  blobs: {
    /** Files in the blob store checked against their name. */
    files: number;
    /** Hashes the database names. */
    referenced: number;
    missing: string[];
    damaged: string[];
    /** Temp files of puts a kill interrupted before their rename: garbage, never read. */
    leftoverTemp: number;
    /** Blobs written by a request whose transaction a kill rolled back: garbage, never named. */
    unreferenced: number;
  };
  ok: boolean;
}

async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw error;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walkFiles(full)));
    else out.push(full);
  }
  return out;
}

async function checkBlobs(dataDir: string, referenced: readonly string[]): Promise<Verification['blobs']> {
  const files = await walkFiles(path.join(dataDir, 'blobs'));
  const damaged: string[] = [];
  const present = new Set<string>();
  const seen = new Set<string>();
  let leftoverTemp = 0;
  for (const file of files) {
    const name = path.basename(file);
    if (name.endsWith('.tmp')) {
      leftoverTemp += 1;
      continue;
    }
    seen.add(name);
    const actual = sha256Hex(await fs.readFile(file));
    if (!SHA256_HEX.test(name) || actual !== name) damaged.push(`${name} hashes to ${actual}`);
    else present.add(name);
  }
  // The database's view: through the blob store, so the adapter's own path layout is what is checked.
  const store = openBlobStore(dataDir);
  const missing: string[] = [];
  for (const sha of referenced) {
    // A file already found damaged above is reported once.
    if (present.has(sha) || seen.has(sha)) continue;
    const bytes = await store.get(sha);
    if (bytes === undefined) missing.push(sha);
    else if (sha256Hex(bytes) !== sha) damaged.push(`${sha} (named by the database) hashes to ${sha256Hex(bytes)}`);
  }
  const named = new Set(referenced);
  return {
    files: files.length - leftoverTemp,
    referenced: referenced.length,
    missing,
    damaged,
    leftoverTemp,
    unreferenced: [...present].filter((sha) => !named.has(sha)).length,
  };
}

/**
 * `markerPrefixes` find the rows the run created (capture URLs, complaint
 * explanations), so a row no ledger entry accounts for is seen too.
 */
export async function verifyDataDir(
  dataDir: string,
  writes: readonly LedgerWrite[],
  markerPrefixes: { capture: string; complaint: string },
): Promise<Verification> {
  const file = databaseFile(dataDir);
  const integrity = checkDatabaseIntegrity(file);
  const problems: WriteProblem[] = [];
  let presentOnce = 0;

  const db = inspectDatabase(file);
  const rowsByMarker = new Map<string, string[]>();
  const keyAnswers = new Map<string, string>();
  try {
    const add = (marker: string, id: string) => rowsByMarker.set(marker, [...(rowsByMarker.get(marker) ?? []), id]);
    for (const row of db.rows<{ id: string; url: string }>('select id, url from captures where url like ?', `${markerPrefixes.capture}%`)) add(`capture:${row.url}`, row.id);
    for (const row of db.rows<{ id: string; explanation: string }>('select id, explanation from complaints where explanation like ?', `${markerPrefixes.complaint}%`)) {
      add(`complaint:${row.explanation}`, row.id);
    }
    for (const row of db.rows<{ user_id: string; key: string; response: string }>('select user_id, key, response from idempotency_keys')) {
      keyAnswers.set(`${row.user_id}:${row.key}`, (JSON.parse(row.response) as { id: string }).id);
    }
  } finally {
    db.close();
  }

  const accounted = new Set<string>();
  for (const write of writes) {
    const describe = { kind: write.kind, client: write.client, key: write.key, marker: write.marker };
    const markerKey = `${write.kind}:${write.marker}`;
    accounted.add(markerKey);
    const rows = rowsByMarker.get(markerKey) ?? [];
    if (write.refused) {
      problems.push({ kind: 'refused', write: describe, detail: `answered ${write.refused.status}: ${write.refused.body}` });
      continue;
    }
    if (!write.ack) {
      // Never answered despite retries: it may or may not be stored, but never twice.
      problems.push({ kind: 'unresolved', write: describe, detail: `${write.attempts} attempts, none answered; ${rows.length} row(s)` });
      if (rows.length > 1) problems.push({ kind: 'duplicate', write: describe, detail: `${rows.length} rows: ${rows.join(', ')}` });
      continue;
    }
    if (rows.length === 0) {
      problems.push({ kind: 'lost', write: describe, detail: `acknowledged ${write.ack.status} as ${write.ack.id} on attempt ${write.ack.attempt}, no row` });
      continue;
    }
    if (rows.length > 1) {
      problems.push({ kind: 'duplicate', write: describe, detail: `${rows.length} rows: ${rows.join(', ')}` });
      continue;
    }
    if (rows[0] !== write.ack.id) {
      problems.push({ kind: 'wrong_row', write: describe, detail: `acknowledged as ${write.ack.id}, stored as ${rows[0]}` });
      continue;
    }
    // The key's stored answer is what every later retry is told: it must name the same row.
    const stored = keyAnswers.get(`${write.userId}:${write.key}`);
    if (stored !== write.ack.id) {
      problems.push({ kind: 'key_missing', write: describe, detail: `idempotency record ${stored === undefined ? 'missing' : `names ${stored}`}, row ${write.ack.id}` });
      continue;
    }
    presentOnce += 1;
  }
  for (const [markerKey, ids] of rowsByMarker) {
    if (accounted.has(markerKey)) continue;
    const [kind, ...rest] = markerKey.split(':');
    problems.push({
      kind: 'phantom',
      write: { kind: kind as LedgerWrite['kind'], client: '?', key: '?', marker: rest.join(':') },
      detail: `${ids.length} row(s) no client wrote: ${ids.join(', ')}`,
    });
  }

  const view = openAuditView(dataDir);
  let audit: Verification['audit'] = { ok: false, entries: 0, detail: 'no audit log in the database' };
  if (view) {
    try {
      const result = await verifyAuditChain(view);
      audit = result.ok
        ? { ok: true, entries: result.entries, detail: result.head ? `head ${result.head.seq}:${result.head.hash}` : 'empty' }
        : { ok: false, entries: result.entries, detail: `broken at entry ${result.firstBrokenSeq} (${result.reason})` };
    } finally {
      await view.close();
    }
  }

  const blobs = await checkBlobs(dataDir, describeDatabase(file).blobReferences);
  const count = (kind: WriteProblem['kind']) => problems.filter((problem) => problem.kind === kind).length;
  const lost = count('lost');
  const duplicates = count('duplicate') + count('phantom');
  const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
  return {
    presentOnce,
    lost,
    duplicates,
    problems,
    integrity,
    audit,
    blobs,
    ok: problems.length === 0 && integrityOk && audit.ok && blobs.missing.length === 0 && blobs.damaged.length === 0,
  };
}
