import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaptureReceipt, CreateComplaintRequest } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../lib/context';
import { BACKEND_ROOT, REPO_ROOT } from '../paths';
import { UniqueConstraintError, databaseFile, openStore, type Store } from '../store';
import { inspectDatabase, type DbInspector } from '../store/inspect';
import { runProcess, type ProcessResult } from '../testing/child';
import { bearer, createHarness, loginBearer, pngBytes, sampleMeta, upload, type Harness } from '../testing/harness';
import { GENESIS_HASH, appendAudit, verifyAuditChain, type AuditEntry } from './audit';
import { authenticate } from './auth';
import { createComplaint, withdrawComplaint } from './complaints';
import { decideRight } from './rights';

/** An audit_log row as SQLite holds it. */
interface StoredEntry {
  seq: number;
  at: number;
  tenant_id: string | null;
  actor_id: string | null;
  kind: string;
  subject_id: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One byte of the text's UTF-8, its lowest bit flipped (every value written here is ASCII). */
function flipByte(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('utf8');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { at: 1_000, tenantId: null, actorId: null, kind: 'sanction', subjectId: 'subject-1', payload: { b: 2, a: 1 }, ...overrides };
}

describe('the chain', () => {
  let dir: string;
  let store: Store;
  let raw: DbInspector;
  const rows = () => raw.rows<StoredEntry>('select * from audit_log order by seq');
  const append = (overrides: Partial<AuditEntry> = {}) => store.transaction((tx) => appendAudit(tx, entry(overrides)));

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'openipp-audit-'));
    store = openStore(dir);
    raw = inspectDatabase(databaseFile(dir), { writable: true });
  });
  afterAll(async () => {
    raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies an empty trail, with no head', async () => {
    expect(await verifyAuditChain(store)).toEqual({ ok: true, entries: 0, head: null });
  });

  it('numbers entries from 1 and hashes the documented canonical form, starting from 64 zeros', async () => {
    const first = await append({ at: 1_000, payload: { z: 'last', a: [1, { y: null, x: true }] } });
    // Written out by hand: the serialisation is a contract, so a verifier in another language can re-check the chain.
    const payload = '{"a":[1,{"x":true,"y":null}],"z":"last"}';
    const canonical = `{"actorId":null,"at":1000,"kind":"sanction","payload":${JSON.stringify(payload)},"prevHash":"${'0'.repeat(64)}","seq":1,"subjectId":"subject-1","tenantId":null}`;
    expect(rows()).toEqual([
      { seq: 1, at: 1_000, tenant_id: null, actor_id: null, kind: 'sanction', subject_id: 'subject-1', payload, prev_hash: GENESIS_HASH, hash: sha256(canonical) },
    ]);
    expect(first.hash).toBe(sha256(canonical));

    const second = await append({ at: 2_000, tenantId: 't1', actorId: 'u1', kind: 'disclosure', subjectId: 'subject-2' });
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(rows()[1]).toMatchObject({ seq: 2, tenant_id: 't1', actor_id: 'u1', payload: '{"a":1,"b":2}', prev_hash: first.hash, hash: second.hash });
    expect(await verifyAuditChain(store)).toEqual({ ok: true, entries: 2, head: { seq: 2, hash: second.hash } });
  });

  it('leaves no entry, and no used number, when the transaction that appended rolls back', async () => {
    const before = rows();
    const failure = await rejection(
      store.transaction(async (tx) => {
        await appendAudit(tx, entry({ subjectId: 'rolled-back' }));
        throw new Error('the change it recorded failed');
      }),
    );
    expect((failure as Error).message).toBe('the change it recorded failed');
    expect(rows()).toEqual(before);
    const next = await append({ subjectId: 'after-rollback' });
    expect(next.seq).toBe(before.length + 1);
    expect(next.prevHash).toBe(before.at(-1)!.hash);
  });

  it('refuses a second entry with a number already taken (a writer that read a stale last entry), with its transaction', async () => {
    const before = rows();
    const last = before.at(-1)!;
    const failure = await rejection(
      store.transaction(async (tx) => {
        await tx.insertAuditEntry({ seq: last.seq, at: 1, tenantId: null, actorId: null, kind: 'sanction', subjectId: 'fork', payload: '{}', prevHash: last.prev_hash, hash: 'f'.repeat(64) });
      }),
    );
    expect(failure).toBeInstanceOf(UniqueConstraintError);
    expect(rows()).toEqual(before);
  });

  it('verifies page by page with the same result, and sees a gap on a page boundary', async () => {
    for (let i = 0; i < 4; i++) await append({ at: 3_000 + i, subjectId: `paged-${i}` });
    const all = rows();
    const whole = await verifyAuditChain(store);
    expect(whole).toEqual({ ok: true, entries: all.length, head: { seq: all.length, hash: all.at(-1)!.hash } });
    expect(await verifyAuditChain(store, { pageSize: 1 })).toEqual(whole);
    expect(await verifyAuditChain(store, { pageSize: 2 })).toEqual(whole);

    const removed = all[3]!;
    raw.run('delete from audit_log where seq = 4');
    expect(await verifyAuditChain(store, { pageSize: 3 })).toEqual({ ok: false, entries: 3, firstBrokenSeq: 4, reason: 'gap' });
    expect(await verifyAuditChain(store, { pageSize: 2 })).toEqual({ ok: false, entries: 3, firstBrokenSeq: 4, reason: 'gap' });
    reinsert(removed);
    expect(await verifyAuditChain(store, { pageSize: 2 })).toEqual(whole);
  });

  function reinsert(row: StoredEntry): void {
    raw.run(
      'insert into audit_log (seq, at, tenant_id, actor_id, kind, subject_id, payload, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      row.seq,
      row.at,
      row.tenant_id,
      row.actor_id,
      row.kind,
      row.subject_id,
      row.payload,
      row.prev_hash,
      row.hash,
    );
  }

  it('detects swapped entries by their previous hashes', async () => {
    const all = rows();
    raw.run('update audit_log set seq = -2 where seq = 2');
    raw.run('update audit_log set seq = 2 where seq = 3');
    raw.run('update audit_log set seq = 3 where seq = -2');
    expect(await verifyAuditChain(store)).toEqual({ ok: false, entries: 1, firstBrokenSeq: 2, reason: 'prev_hash_mismatch' });
    raw.run('update audit_log set seq = -3 where seq = 3');
    raw.run('update audit_log set seq = 3 where seq = 2');
    raw.run('update audit_log set seq = 2 where seq = -3');
    expect(rows()).toEqual(all);
  });

  it('detects the first entry removed, and a stray entry numbered before the start', async () => {
    const first = rows()[0]!;
    raw.run('delete from audit_log where seq = 1');
    expect(await verifyAuditChain(store)).toEqual({ ok: false, entries: 0, firstBrokenSeq: 1, reason: 'gap' });
    reinsert(first);
    reinsert({ ...first, seq: 0 });
    expect(await verifyAuditChain(store)).toEqual({ ok: false, entries: 0, firstBrokenSeq: 0, reason: 'unexpected_seq' });
    raw.run('delete from audit_log where seq = 0');
    expect((await verifyAuditChain(store)).ok).toBe(true);
  });

  it('needs the expected head to see a cut-off tail, or a chain rewritten and rehashed from some entry on', async () => {
    const all = rows();
    const head = { seq: all.at(-1)!.seq, hash: all.at(-1)!.hash };
    expect(await verifyAuditChain(store, { expectedHead: head })).toEqual({ ok: true, entries: all.length, head });

    // The tail cut off: the rest is a perfectly good, shorter chain.
    raw.run('delete from audit_log where seq = ?', head.seq);
    expect(await verifyAuditChain(store)).toMatchObject({ ok: true, entries: all.length - 1 });
    expect(await verifyAuditChain(store, { expectedHead: head })).toEqual({ ok: false, entries: all.length - 1, firstBrokenSeq: head.seq, reason: 'truncated' });
    reinsert(all.at(-1)!);

    // Entry 2 rewritten and every later hash recomputed, as someone with write access to the file could.
    const snapshot = rows();
    let prevHash = snapshot[0]!.hash;
    for (const row of snapshot.slice(1)) {
      const payload = row.seq === 2 ? '{"a":1,"b":3}' : row.payload;
      // Keys in sorted order and flat values: JSON.stringify writes the canonical form here.
      const canonical = JSON.stringify({ actorId: row.actor_id, at: row.at, kind: row.kind, payload, prevHash, seq: row.seq, subjectId: row.subject_id, tenantId: row.tenant_id });
      const hash = sha256(canonical);
      raw.run('update audit_log set payload = ?, prev_hash = ?, hash = ? where seq = ?', payload, prevHash, hash, row.seq);
      prevHash = hash;
    }
    expect(await verifyAuditChain(store)).toMatchObject({ ok: true, entries: all.length });
    expect(await verifyAuditChain(store, { expectedHead: head })).toEqual({ ok: false, entries: head.seq - 1, firstBrokenSeq: head.seq, reason: 'head_mismatch' });
  });
});

// ---------------------------------------------------------------- what the services record

const TAOBAO = 'https://item.taobao.com/item.htm?id=612345678901';
const AMAZON = 'https://www.amazon.com/dp/B0DEMO0001';
/** Inside the demo trademark's validity. */
const T0 = Date.parse('2030-03-01T08:00:00Z');

describe('the audit trail of a working platform', () => {
  let h: Harness;
  let raw: DbInspector;
  let ownerToken: string;
  let owner: Principal;
  let adminId: string;
  let tenantId: string;
  const captureIds: string[] = [];
  const rows = () => h.db.rows<StoredEntry>('select * from audit_log order by seq');
  const verify = () => verifyAuditChain(h.runtime.store);
  const deps = () => ({ store: h.runtime.store, blobs: h.runtime.blobs });

  function request(overrides: Partial<CreateComplaintRequest> = {}): CreateComplaintRequest {
    return {
      principalId: null,
      rightId: h.db.rows<{ id: string }>("select id from rights where registration_number = 'TM-DEMO-0001'")[0]!.id,
      reason: 'counterfeit',
      explanation: 'These bags carry our registered mark but were never made or sold by us.',
      goodFaith: true,
      accuracy: true,
      listings: [
        { url: TAOBAO, captureIds: [captureIds[0]!], location: { kind: 'region', x: 0.1, y: 0.2, width: 0.3, height: 0.2 } },
        { url: AMAZON, captureIds: [captureIds[1]!], location: { kind: 'text', quote: 'DemoBrand' } },
      ],
      submit: true,
      ...overrides,
    };
  }

  beforeAll(async () => {
    h = await createHarness();
    raw = inspectDatabase(databaseFile(h.dataDir), { writable: true });
    ownerToken = await loginBearer(h, 'owner@demo.test');
    owner = await authenticate(h.runtime.store, ownerToken, 'bearer');
    tenantId = owner.tenant.id;
    adminId = h.db.rows<{ id: string }>("select id from users where email = 'admin@demo.test'")[0]!.id;
  });
  afterAll(async () => {
    raw.close();
    await h.close();
  });

  it('starts empty: seeding records nothing', async () => {
    expect(rows()).toEqual([]);
    expect(await verify()).toEqual({ ok: true, entries: 0, head: null });
  });

  it('records each capture receipt once, in the transaction that stores it; a replay adds nothing', async () => {
    for (const [url, color] of [
      [TAOBAO, '#aa0000'],
      [AMAZON, '#00aa00'],
    ] as const) {
      const key = randomUUID();
      const parts = { meta: sampleMeta({ url }), file: { bytes: await pngBytes(200, 150, color) } };
      const res = await upload(h, bearer(ownerToken), key, parts);
      expect(res.status).toBe(201);
      const receipt = (await res.json()) as CaptureReceipt;
      captureIds.push(receipt.id);
      expect((await upload(h, bearer(ownerToken), key, parts)).status).toBe(200);
      const last = rows().at(-1)!;
      expect(last).toMatchObject({ seq: captureIds.length, at: Date.parse(receipt.receivedAt), tenant_id: tenantId, actor_id: owner.user.id, kind: 'capture_received', subject_id: receipt.id });
      // The manifest is frozen at receipt: the entry names its SHA-256, so later rule changes cannot alter it unnoticed.
      expect(JSON.parse(last.payload)).toEqual({ captureId: receipt.id, sha256: receipt.sha256, url, receivedAt: receipt.receivedAt, manifestSha256: receipt.manifestSha256 });
      expect(receipt.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(rows()).toHaveLength(2);
  });

  it('records every complaint transition: creation, filing, withdrawal; a refused one adds nothing', async () => {
    const filed = (await createComplaint(deps(), owner, randomUUID(), request(), T0)).complaint;
    const draft = (await createComplaint(deps(), owner, randomUUID(), request({ submit: false }), T0 + 1)).complaint;
    await withdrawComplaint(h.runtime.store, owner, filed.id, 'Settled with the seller.', T0 + 2);
    const before = rows();
    expect(((await rejection(withdrawComplaint(h.runtime.store, owner, filed.id, undefined, T0 + 3))) as { code: string }).code).toBe('invalid_transition');
    expect(rows()).toEqual(before);

    const transitions = before.filter((row) => row.kind === 'complaint_transition');
    expect(transitions.map((row) => [row.subject_id, row.at, row.tenant_id, row.actor_id, JSON.parse(row.payload)])).toEqual([
      [filed.id, T0, tenantId, owner.user.id, { complaintId: filed.id, from: null, to: 'draft', event: null, note: null }],
      [filed.id, T0, tenantId, owner.user.id, { complaintId: filed.id, from: 'draft', to: 'submitted', event: 'submit', note: null }],
      [draft.id, T0 + 1, tenantId, owner.user.id, { complaintId: draft.id, from: null, to: 'draft', event: null, note: null }],
      [filed.id, T0 + 2, tenantId, owner.user.id, { complaintId: filed.id, from: 'submitted', to: 'withdrawn', event: 'withdraw', note: 'Settled with the seller.' }],
    ]);
    // One entry per stored transition, nothing more.
    expect(h.db.count('complaint_transitions')).toBe(transitions.length);
  });

  it("records the staff decision on a right; deciding it again adds nothing", async () => {
    const rightId = h.db.rows<{ id: string }>("select id from rights where registration_number = 'CR-DEMO-0002'")[0]!.id;
    await decideRight(h.runtime.store, adminId, rightId, { decision: 'reject', reasons: 'The registration certificate is illegible.' }, T0 + 10);
    const before = rows();
    expect(((await rejection(decideRight(h.runtime.store, adminId, rightId, { decision: 'approve' }, T0 + 11))) as { code: string }).code).toBe('already_decided');
    expect(rows()).toEqual(before);
    expect(before.at(-1)).toMatchObject({ at: T0 + 10, tenant_id: tenantId, actor_id: adminId, kind: 'right_decided', subject_id: rightId });
    expect(JSON.parse(before.at(-1)!.payload)).toEqual({ rightId, decision: 'rejected', reasons: 'The registration certificate is illegible.' });
  });

  it('verifies the whole chain', async () => {
    const all = rows();
    expect(all.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await verify()).toEqual({ ok: true, entries: 7, head: { seq: 7, hash: all.at(-1)!.hash } });
  });

  // seq 4 is the draft's creation: a middle entry with every column filled.
  const MIDDLE = 4;
  type Tamper = { column: keyof StoredEntry; change: (row: StoredEntry) => unknown; reason: string };
  const tampers: Tamper[] = [
    // A new number, and none where it was: the entry is missing from its place.
    { column: 'seq', change: (row) => row.seq ^ 0x40, reason: 'gap' },
    // The lowest bit (epoch ms exceed 32 bits, so not with ^).
    { column: 'at', change: (row) => (row.at % 2 === 0 ? row.at + 1 : row.at - 1), reason: 'hash_mismatch' },
    { column: 'tenant_id', change: (row) => flipByte(row.tenant_id!), reason: 'hash_mismatch' },
    { column: 'actor_id', change: (row) => flipByte(row.actor_id!), reason: 'hash_mismatch' },
    { column: 'kind', change: (row) => flipByte(row.kind), reason: 'hash_mismatch' },
    { column: 'subject_id', change: (row) => flipByte(row.subject_id), reason: 'hash_mismatch' },
    { column: 'payload', change: (row) => flipByte(row.payload), reason: 'hash_mismatch' },
    { column: 'prev_hash', change: (row) => flipByte(row.prev_hash), reason: 'prev_hash_mismatch' },
    { column: 'hash', change: (row) => flipByte(row.hash), reason: 'hash_mismatch' },
  ];

  it.each(tampers)('detects one changed byte in $column of a middle entry, at that entry', async ({ column, change, reason }) => {
    const original = rows().find((row) => row.seq === MIDDLE)!;
    const tampered = change(original);
    expect(tampered).not.toEqual(original[column]);
    raw.run(`update audit_log set ${column} = ? where seq = ?`, tampered, MIDDLE);
    expect(await verify()).toEqual({ ok: false, entries: MIDDLE - 1, firstBrokenSeq: MIDDLE, reason });
    const where = column === 'seq' ? tampered : MIDDLE;
    raw.run(`update audit_log set ${column} = ? where seq = ?`, original[column], where);
    expect((await verify()).ok).toBe(true);
  });

  it('detects the same bytes stored as a blob instead of text, without failing itself', async () => {
    raw.run('update audit_log set payload = cast(payload as blob) where seq = ?', MIDDLE);
    expect(await verify()).toEqual({ ok: false, entries: MIDDLE - 1, firstBrokenSeq: MIDDLE, reason: 'hash_mismatch' });
    raw.run('update audit_log set payload = cast(payload as text) where seq = ?', MIDDLE);
    expect((await verify()).ok).toBe(true);
  });

  it('detects a deleted middle entry', async () => {
    const original = rows().find((row) => row.seq === MIDDLE)!;
    raw.run('delete from audit_log where seq = ?', MIDDLE);
    expect(await verify()).toEqual({ ok: false, entries: MIDDLE - 1, firstBrokenSeq: MIDDLE, reason: 'gap' });
    // Renumbering the rest to close the gap does not hide it either.
    raw.run('update audit_log set seq = seq - 1 where seq > ?', MIDDLE);
    expect(await verify()).toEqual({ ok: false, entries: MIDDLE - 1, firstBrokenSeq: MIDDLE, reason: 'prev_hash_mismatch' });
    for (let seq = rows().at(-1)!.seq; seq >= MIDDLE; seq--) raw.run('update audit_log set seq = seq + 1 where seq = ?', seq);
    const columns = Object.keys(original) as Array<keyof StoredEntry>;
    raw.run(`insert into audit_log (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`, ...columns.map((column) => original[column]));
    expect((await verify()).ok).toBe(true);
  });

  // ---------------------------------------------------------------- the command

  function runCli(args: string[], env: Record<string, string>, command: 'node' | 'npm' = 'node'): Promise<ProcessResult> {
    return command === 'node'
      ? runProcess(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', ...args], BACKEND_ROOT, env)
      : runProcess('npm', ['run', '--silent', 'audit:verify', '--', ...args], REPO_ROOT, env);
  }

  it('`audit:verify` exits 0 on the intact chain and prints the count and the head, in the CLI language', async () => {
    const head = rows().at(-1)!;
    const en = await runCli([], { DATA_DIR: h.dataDir, LANG: 'en' });
    expect(en.stderr).toBe('');
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Audit trail intact; entries verified: 7.');
    expect(en.stdout).toContain(`--head=7:${head.hash}`);

    const zh = await runCli([`--head=7:${head.hash}`], { DATA_DIR: h.dataDir, LANG: 'zh-CN' });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('审计日志完整：已校验 7 条记录。');
    expect(zh.stdout).toContain('#7');
  });

  it('`audit:verify` exits 1 after tampering, naming the first broken entry; 2 without a usable database or argument', async () => {
    const original = rows().find((row) => row.seq === MIDDLE)!;
    raw.run('update audit_log set payload = ? where seq = ?', flipByte(original.payload), MIDDLE);
    const broken = await runCli([], { DATA_DIR: h.dataDir, LANG: 'en' });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Audit trail BROKEN at entry #${MIDDLE}: its stored hash does not match its contents (entries verified before it: ${MIDDLE - 1}).`);
    raw.run('update audit_log set payload = ? where seq = ?', original.payload, MIDDLE);

    // Through the root package script, as the README tells operators to run it.
    const intact = await runCli([`--head=8:${'0'.repeat(64)}`], { DATA_DIR: h.dataDir, LANG: 'en' }, 'npm');
    expect(intact.code).toBe(1);
    expect(intact.stderr).toContain('Audit trail BROKEN at entry #8: the chain ends before the expected head (entries verified before it: 7).');

    const empty = mkdtempSync(path.join(tmpdir(), 'openipp-audit-cli-'));
    try {
      const missing = await runCli([], { DATA_DIR: empty, LANG: 'en' });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(`No database at ${databaseFile(empty)}`);
      // Verifying never creates the database it was pointed at.
      expect(existsSync(databaseFile(empty))).toBe(false);
      expect((await runCli(['--head=nonsense'], { DATA_DIR: h.dataDir, LANG: 'en' })).code).toBe(2);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
