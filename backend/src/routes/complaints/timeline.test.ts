import type { Complaint, Timeline } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../lib/crypto';
import { databaseFile } from '../../store';
import { inspectDatabase, type DbInspector } from '../../store/inspect';
import { bearer, createHarness, jsonPost, loginBearer, type Harness } from '../../testing/harness';
import { startInbox, type Inbox } from '../../testing/inbox';
import { registerAndSignIn } from '../../testing/registration';
import { fileComplaint, reviewCast } from '../../testing/review';

let h: Harness;
let inbox: Inbox;
let writable: DbInspector;
let owner: string;
let reviewer: string;
let admin: string;
let rightId: string;

const STATEMENT = 'The listing offers bags bearing the DemoBrand mark; the capture shows the mark on the bag.';

const timeline = (token: string, id: string) => h.app.request(`/api/complaints/${id}/timeline`, { headers: bearer(token) });
const read = async (token: string, id: string): Promise<Timeline> => {
  const res = await timeline(token, id);
  expect(res.status).toBe(200);
  return (await res.json()) as Timeline;
};

/** Filed, claimed (start_review) and decided: every step a timeline should show. */
async function decided(): Promise<Complaint> {
  const complaint = await fileComplaint(h, owner, { rightId });
  expect((await h.app.request(`/api/review/complaints/${complaint.id}/claim`, { method: 'POST', headers: bearer(reviewer) })).status).toBe(200);
  const body = { listings: [{ listingId: complaint.listings[0]!.id, outcome: 'upheld', statement: STATEMENT }] };
  expect((await h.app.request(`/api/review/complaints/${complaint.id}/decision`, jsonPost(body, bearer(reviewer)))).status).toBe(200);
  return complaint;
}

beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({
    writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 },
    mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 },
  });
  writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
  ({ owner, reviewer, admin, rightId } = await reviewCast(h));
});
afterAll(async () => {
  writable.close();
  await h.close();
  await inbox.close();
});

describe('GET /api/complaints/{id}/timeline', () => {
  it('shows the complainant every step, oldest first, each verified against the chain', async () => {
    const complaint = await decided();
    const { items } = await read(owner, complaint.id);
    expect(items.map((item) => [item.kind, item.payload.event ?? item.payload.stage])).toEqual([
      ['complaint_transition', undefined],
      ['complaint_transition', 'submit'],
      ['complaint_transition', 'start_review'],
      ['complaint_transition', 'decide'],
      ['decision', 'final'],
    ]);
    expect(items.every((item) => item.verified)).toBe(true);
    expect(items.map((item) => item.seq)).toEqual([...items.map((item) => item.seq)].sort((a, b) => a - b));
    expect(items[0]!.actor?.email).toBe('owner@demo.test');
    expect(items[2]!.actor?.email).toBe('reviewer@demo.test');
    expect(items[4]!.payload).toMatchObject({ listings: [{ outcome: 'upheld', statement: STATEMENT, measure: 'takedown_requested' }] });
    const stored = h.db.rows<{ seq: number; hash: string }>('select seq, hash from audit_log where subject_id = ? order by seq', complaint.id);
    expect(items.map((item) => [item.seq, item.hash])).toEqual(stored.map((row) => [row.seq, row.hash]));
    // Staff read the same timeline.
    expect((await read(reviewer, complaint.id)).items).toEqual(items);
  });

  it('marks an entry whose stored bytes changed, and the entry after a deleted one, as not verified', async () => {
    const complaint = await decided();
    const rows = h.db.rows<{ seq: number; payload: string }>('select seq, payload from audit_log where subject_id = ? order by seq', complaint.id);
    const changed = rows[1]!;
    writable.run('update audit_log set payload = ? where seq = ?', changed.payload.replace('"submit"', '"Submit"'), changed.seq);
    // The entry just before the decision's (the decide transition) goes missing.
    const removed = rows[3]!.seq;
    writable.run('delete from audit_log where seq = ?', removed);
    const { items } = await read(owner, complaint.id);
    expect(items.map((item) => [item.seq, item.verified])).toEqual([
      [rows[0]!.seq, true],
      [changed.seq, false],
      // Its own hash is intact and it still names the (changed) entry's stored hash.
      [rows[2]!.seq, true],
      [rows[4]!.seq, false],
    ]);
  });

  it('leaves out a proposal awaiting its second look for the complainant, but not for staff', async () => {
    const adminId = h.db.rows<{ id: string }>("select id from users where email = 'admin@demo.test'")[0]!.id;
    const tenantId = h.db.rows<{ id: string }>("select id from tenants where name = 'Demo Brand Co.'")[0]!.id;
    const sanctionId = uuidv7(Date.now());
    await h.runtime.store.transaction((tx) => tx.insertSanction({ id: sanctionId, tenantId, kind: 'enhanced_review', reason: 'test', imposedBy: adminId, imposedAt: Date.now() }));
    const complaint = await fileComplaint(h, owner, { rightId });
    await h.runtime.store.transaction((tx) => tx.liftSanction({ id: sanctionId, tenantId, at: Date.now(), by: adminId, reason: 'test over' }));
    expect((await h.app.request(`/api/review/complaints/${complaint.id}/claim`, { method: 'POST', headers: bearer(reviewer) })).status).toBe(200);
    const body = { listings: [{ listingId: complaint.listings[0]!.id, outcome: 'upheld', statement: STATEMENT }] };
    const res = await h.app.request(`/api/review/complaints/${complaint.id}/decision`, jsonPost(body, bearer(reviewer)));
    expect(res.headers.get('Decision-Stage')).toBe('proposed');
    expect((await read(owner, complaint.id)).items.map((item) => item.kind)).toEqual(['complaint_transition', 'complaint_transition', 'complaint_transition']);
    const staffView = await read(admin, complaint.id);
    expect(staffView.items.at(-1)).toMatchObject({ kind: 'decision', payload: { stage: 'proposed', staffOnly: true }, verified: true });
  });

  it('is a 404 to sellers, to another tenant, and for an unknown complaint', async () => {
    const complaint = await fileComplaint(h, owner, { rightId });
    expect((await timeline(await loginBearer(h, 'seller@demo.test'), complaint.id)).status).toBe(404);
    const other = await registerAndSignIn(h, inbox, { tenantKind: 'rights_holder' });
    expect((await timeline(other.token, complaint.id)).status).toBe(404);
    expect((await timeline(owner, uuidv7(Date.now()))).status).toBe(404);
    // The monitor belongs to the same tenant.
    expect((await timeline(await loginBearer(h, 'monitor@demo.test'), complaint.id)).status).toBe(200);
  });
});
