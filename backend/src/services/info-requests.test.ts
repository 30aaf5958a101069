import type { Complaint } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInChild } from '../testing/child';
import { createHarness, type Harness } from '../testing/harness';
import { captureListing, demoFiler, fileComplaint, signIn, type Filer, type Staff } from '../testing/filing';
import { expireInfoRequests, requestInfo, respondToInfoRequest } from './info-requests';
import { claimComplaint } from './review/claims';
import { withdrawComplaint } from './complaints';
import { inspectDatabase } from '../store/inspect';
import { databaseFile } from '../store';
import type { AppError } from '../lib/app-error';

let h: Harness;
let owner: Filer;
let reviewer: Staff;

const HOUR_MS = 60 * 60 * 1000;

/** Every row the sweeper could write. */
const written = () => ({
  complaints: h.db.rows<{ state: string; updated_at: number }>('select state, updated_at from complaints order by id'),
  transitions: h.db.count('complaint_transitions'),
  expired: h.db.count('info_requests', 'expired_at is not null'),
  messages: h.db.count('messages'),
  auditLog: h.db.count('audit_log'),
});

/** A filed complaint the reviewer asked about at `at`, answerable until `deadline`. */
async function waiting(at: number, deadline: number): Promise<Complaint> {
  const complaint = await fileComplaint(h, owner, 1);
  await claimComplaint(h.runtime.store, reviewer.principal, complaint.id, at);
  return requestInfo(
    h.runtime.store,
    reviewer.principal,
    complaint.id,
    { deficiencies: ['right_proof'], message: 'Please send the registration certificate.', deadline: new Date(deadline).toISOString() },
    at,
  );
}

const stateOf = (id: string) => h.db.rows<{ state: string }>('select state from complaints where id = ?', id)[0]?.state;

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  owner = await demoFiler(h);
  reviewer = await signIn(h, 'reviewer@demo.test');
});
afterAll(() => h.close());

describe('expireInfoRequests (the deadline sweeper)', () => {
  it('closes a complaint left unanswered past its deadline, once: transition, expiry, audit entry and message together', async () => {
    const t0 = Date.now();
    const deadline = t0 + HOUR_MS;
    const complaint = await waiting(t0, deadline);
    const other = await waiting(t0, t0 + 48 * HOUR_MS);

    // Before the deadline nothing is due.
    const before = written();
    expect(await expireInfoRequests(h.runtime.store, deadline)).toBe(0);
    expect(written()).toEqual(before);

    // A late answer does not reopen it, and writes nothing.
    const late = deadline + 1;
    await expect(
      respondToInfoRequest({ store: h.runtime.store, blobs: h.runtime.blobs }, owner.principal, complaint.id, { data: { message: 'Sorry, late.', captureIds: [] }, documents: [] }, late),
    ).rejects.toMatchObject({ code: 'invalid_transition' });
    expect(written()).toEqual(before);

    expect(await expireInfoRequests(h.runtime.store, late)).toBe(1);
    expect(stateOf(complaint.id)).toBe('closed');
    expect(stateOf(other.id)).toBe('needs_info');
    const [transition] = h.db.rows<{ from_state: string; to_state: string; event: string; actor_id: string; at: number }>(
      "select * from complaint_transitions where complaint_id = ? and event = 'expire'",
      complaint.id,
    );
    // The transition names the reviewer whose deadline ran out; the audit entry names no one: the system closed it.
    expect(transition).toMatchObject({ from_state: 'needs_info', to_state: 'closed', actor_id: reviewer.principal.user.id, at: late });
    expect(h.db.rows('select resolved_at, expired_at from info_requests where complaint_id = ?', complaint.id)).toEqual([{ resolved_at: late, expired_at: late }]);
    expect(await h.runtime.store.pausesOf(complaint.id)).toEqual([[t0, late]]);

    const entries = h.db.rows<{ kind: string; actor_id: string | null; subject_id: string; payload: string }>('select * from audit_log where seq > ? order by seq', before.auditLog);
    expect(entries.map((entry) => [entry.kind, entry.subject_id])).toEqual([
      ['complaint_transition', complaint.id],
      ['info_request', complaint.id],
    ]);
    expect(entries[1]!.actor_id).toBeNull();
    expect(JSON.parse(entries[1]!.payload)).toMatchObject({ complaintId: complaint.id, event: 'expired', deadline: new Date(deadline).toISOString() });

    const messages = h.db.rows<{ user_id: string; title_en: string; body_en: string; body_zh: string }>("select * from messages where kind = 'complaint_closed'");
    expect(messages).toHaveLength(1);
    expect(messages[0]!.user_id).toBe(owner.principal.user.id);
    expect(messages[0]!.title_en).toBe(`Complaint ${complaint.id} was closed`);
    expect(messages[0]!.body_en).toContain('closed as not qualified');
    expect(messages[0]!.body_zh).toContain(`投诉 ${complaint.id} 的补充材料请求未在期限`);

    // Rerunning finds nothing more to do.
    const after = written();
    expect(await expireInfoRequests(h.runtime.store, late + HOUR_MS)).toBe(0);
    expect(written()).toEqual(after);
  });

  it('closes each complaint once when two backend processes sweep the same database at the same moment', async () => {
    const t0 = Date.now();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await waiting(t0, t0 + HOUR_MS)).id);
    const before = written();
    const sweep = `
      const { openStore } = await import('./src/store/index.ts');
      const { expireInfoRequests } = await import('./src/services/info-requests.ts');
      const store = openStore(process.env.DATA_DIR);
      const closed = await expireInfoRequests(store, Number(process.env.SWEEP_AT));
      await store.close();
      process.stdout.write(String(closed));`;
    const env = { DATA_DIR: h.dataDir, SWEEP_AT: String(t0 + 2 * HOUR_MS) };
    const counts = await Promise.all([runInChild(sweep, env), runInChild(sweep, env)]);
    expect(Number(counts[0]) + Number(counts[1])).toBe(3);
    for (const id of ids) {
      expect(stateOf(id)).toBe('closed');
      expect(h.db.count('complaint_transitions', "complaint_id = ? and event = 'expire'", id)).toBe(1);
    }
    expect(written()).toMatchObject({ transitions: before.transitions + 3, expired: before.expired + 3, messages: before.messages + 3, auditLog: before.auditLog + 6 });
  });

  it('leaves a complaint the complainant withdrew while it waited; its pause ends at the withdrawal', async () => {
    const t0 = Date.now();
    const complaint = await waiting(t0, t0 + HOUR_MS);
    const withdrawnAt = t0 + 10 * 60_000;
    await withdrawComplaint(h.runtime.store, owner.principal, complaint.id, 'Settled with the seller.', withdrawnAt);
    const before = written();
    expect(await expireInfoRequests(h.runtime.store, t0 + 2 * HOUR_MS)).toBe(0);
    expect(written()).toEqual(before);
    expect(stateOf(complaint.id)).toBe('withdrawn');
    expect(await h.runtime.store.pausesOf(complaint.id)).toEqual([[t0, withdrawnAt]]);
  });
});

describe('pausesOf', () => {
  it('gives each wait for material, answered or still open, oldest first', async () => {
    const t0 = Date.now();
    const complaint = await waiting(t0, t0 + 24 * HOUR_MS);
    const deps = { store: h.runtime.store, blobs: h.runtime.blobs };
    const capture = (await captureListing(h, owner.token)).captureId;
    await respondToInfoRequest(deps, owner.principal, complaint.id, { data: { message: 'Certificate attached.', captureIds: [capture] }, documents: [] }, t0 + HOUR_MS);
    expect(await h.runtime.store.pausesOf(complaint.id)).toEqual([[t0, t0 + HOUR_MS]]);

    // Asked again later: the second wait is open until answered.
    await claimComplaint(h.runtime.store, reviewer.principal, complaint.id, t0 + 2 * HOUR_MS);
    await requestInfo(h.runtime.store, reviewer.principal, complaint.id, { deficiencies: ['other'], message: 'One more thing.', deadline: new Date(t0 + 30 * HOUR_MS).toISOString() }, t0 + 2 * HOUR_MS);
    expect(await h.runtime.store.pausesOf(complaint.id)).toEqual([
      [t0, t0 + HOUR_MS],
      [t0 + 2 * HOUR_MS, null],
    ]);
    expect(await h.runtime.store.pausesOf('no-such-complaint')).toEqual([]);
  });
});

describe('respondToInfoRequest', () => {
  it('refuses a capture still missing declared artefacts, naming where it was given, and writes nothing', async () => {
    const t0 = Date.now();
    const complaint = await waiting(t0, t0 + 24 * HOUR_MS);
    const deps = { store: h.runtime.store, blobs: h.runtime.blobs };
    const capture = (await captureListing(h, owner.token)).captureId;
    const listingId = complaint.listings[0]!.id;
    // The capture declared a page archive whose bytes never came.
    const writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
    try {
      writable.run(
        "insert into capture_artefacts (capture_id, position, kind, sha256, mime, bytes) values (?, 0, 'page_archive', ?, 'multipart/related', 100)",
        capture,
        'a'.repeat(64),
      );
      const before = written();
      const answer = { message: 'Here is a closer capture.', captureIds: [capture], listingCaptures: { [listingId]: [capture] } };
      const refused = await respondToInfoRequest(deps, owner.principal, complaint.id, { data: answer, documents: [] }, t0 + HOUR_MS).then(
        () => undefined,
        (error: AppError) => error,
      );
      expect(refused?.code).toBe('capture_incomplete');
      expect(refused?.options.errors?.map((error) => error.path)).toEqual(['captureIds.0', `listingCaptures.${listingId}.0`]);
      expect(written()).toEqual(before);
      expect(stateOf(complaint.id)).toBe('needs_info');

      // Once its bytes are in, the same answer is taken.
      writable.run('update capture_artefacts set received_at = ? where capture_id = ?', t0, capture);
      const answered = await respondToInfoRequest(deps, owner.principal, complaint.id, { data: answer, documents: [] }, t0 + HOUR_MS);
      expect(answered.state).toBe('in_review');
    } finally {
      writable.close();
    }
  });
});
