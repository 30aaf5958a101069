import type { Complaint } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/context';
import { openStore, type Store } from '../../store';
import { createHarness, loginBearer, type Harness } from '../../testing/harness';
import { demoFiler, type Filer } from '../../testing/filing';
import { fileComplaintAt } from '../../testing/review';
import { authenticate } from '../auth';
import { CLAIM_LEASE_MS, claimComplaint, leaseVerdict, releaseClaim, requireLiveClaim } from './claims';

let h: Harness;
let owner: Filer;
let reviewer: Principal;
let admin: Principal;

/** Inside the demo trademark's validity. */
const T0 = Date.parse('2030-03-04T02:00:00Z');

const filed = (at = T0): Promise<Complaint> => fileComplaintAt(h, owner, at);

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'ok';
}

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  owner = await demoFiler(h);
  reviewer = await authenticate(h.runtime.store, await loginBearer(h, 'reviewer@demo.test'), 'bearer');
  admin = await authenticate(h.runtime.store, await loginBearer(h, 'admin@demo.test'), 'bearer');
});
afterAll(() => h.close());

describe('leaseVerdict', () => {
  const now = 1_000_000;
  it.each([
    ['no claim', undefined, 'claim_required'],
    ['own live claim', { reviewerId: 'me', expiresAt: now + 1 }, 'held'],
    ['own claim expiring this very millisecond', { reviewerId: 'me', expiresAt: now }, 'lease_expired'],
    ['own expired claim', { reviewerId: 'me', expiresAt: now - 1 }, 'lease_expired'],
    ["someone else's live claim", { reviewerId: 'other', expiresAt: now + 1 }, 'already_claimed'],
    ["someone else's expired claim", { reviewerId: 'other', expiresAt: now }, 'claim_required'],
  ] as const)('%s → %s', (_, claim, verdict) => {
    expect(leaseVerdict(claim, 'me', now)).toBe(verdict);
  });
});

describe('claim leases over time', () => {
  it('lasts 15 minutes, renews from the time of renewal, and lapses without a background job', async () => {
    const complaint = await filed();
    const t = T0 + 60_000;
    const first = await claimComplaint(h.runtime.store, reviewer, complaint.id, t);
    expect(Date.parse(first.expiresAt) - Date.parse(first.claimedAt)).toBe(CLAIM_LEASE_MS);
    expect(Date.parse(first.claimedAt)).toBe(t);

    // Ten minutes in, the holder renews: fifteen minutes from now, same claimedAt.
    const renewed = await claimComplaint(h.runtime.store, reviewer, complaint.id, t + 10 * 60_000);
    expect(renewed).toEqual({ ...first, expiresAt: new Date(t + 25 * 60_000).toISOString() });

    // Until the renewed expiry, nobody else; from that millisecond on, anybody.
    expect(await code(claimComplaint(h.runtime.store, admin, complaint.id, t + 25 * 60_000 - 1))).toBe('already_claimed');
    await h.runtime.store.transaction(async (tx) => {
      expect(await code(requireLiveClaim(tx, reviewer.user.id, complaint.id, t + 25 * 60_000 - 1))).toBe('ok');
      expect(await code(requireLiveClaim(tx, reviewer.user.id, complaint.id, t + 25 * 60_000))).toBe('lease_expired');
      expect(await code(requireLiveClaim(tx, admin.user.id, complaint.id, t + 25 * 60_000))).toBe('claim_required');
    });
    const taken = await claimComplaint(h.runtime.store, admin, complaint.id, t + 25 * 60_000);
    expect(taken).toMatchObject({ reviewer: { id: admin.user.id }, claimedAt: new Date(t + 25 * 60_000).toISOString() });
    // The first reviewer comes back to find it taken.
    expect(await code(claimComplaint(h.runtime.store, reviewer, complaint.id, t + 26 * 60_000))).toBe('already_claimed');
  });

  it('starts a new lease when the holder returns after their own claim lapsed', async () => {
    const complaint = await filed();
    await claimComplaint(h.runtime.store, reviewer, complaint.id, T0);
    const back = await claimComplaint(h.runtime.store, reviewer, complaint.id, T0 + CLAIM_LEASE_MS + 5);
    expect(back.claimedAt).toBe(new Date(T0 + CLAIM_LEASE_MS + 5).toISOString());
  });

  it('refuses a complainant (404) and releases only the caller’s own claim', async () => {
    const complaint = await filed();
    expect(await code(claimComplaint(h.runtime.store, owner.principal, complaint.id, T0))).toBe('not_found');
    await claimComplaint(h.runtime.store, reviewer, complaint.id, T0);
    await releaseClaim(h.runtime.store, admin, complaint.id);
    expect(await h.runtime.store.findClaim(complaint.id)).toMatchObject({ reviewerId: reviewer.user.id });
    await releaseClaim(h.runtime.store, reviewer, complaint.id);
    expect(await h.runtime.store.findClaim(complaint.id)).toBeUndefined();
  });
});

describe('two backend processes over one database', () => {
  let second: Store;
  beforeAll(() => {
    // A second store on the same file: its own connections and its own mutex, as another process would have.
    second = openStore(h.dataDir);
  });
  afterAll(() => second.close());

  // Both stores live in this one thread here, and better-sqlite3 waits for a lock synchronously,
  // so true overlap cannot be staged in-process: the claims take turns, each through its own
  // connections, and the second sees the first's row in the database, not in memory.
  it('sees the other process’s claim: one holds it, the other gets already_claimed', async () => {
    const complaint = await filed();
    expect(await code(claimComplaint(second, admin, complaint.id, T0))).toBe('ok');
    expect(await code(claimComplaint(h.runtime.store, reviewer, complaint.id, T0 + 1))).toBe('already_claimed');
    expect(h.db.count('complaint_claims', 'complaint_id = ?', complaint.id)).toBe(1);
    expect(h.db.count('complaint_transitions', "complaint_id = ? and event = 'start_review'", complaint.id)).toBe(1);
  });

  it('lets the store’s own statement refuse a live claim even without the transaction around it', async () => {
    const complaint = await filed();
    const claimed = await second.transaction((tx) => tx.takeClaim({ complaintId: complaint.id, reviewerId: admin.user.id, now: T0, expiresAt: T0 + CLAIM_LEASE_MS }));
    expect(claimed).toBe(true);
    const stolen = await h.runtime.store.transaction((tx) => tx.takeClaim({ complaintId: complaint.id, reviewerId: reviewer.user.id, now: T0 + 1, expiresAt: T0 + 1 + CLAIM_LEASE_MS }));
    expect(stolen).toBe(false);
    expect(await h.runtime.store.findClaim(complaint.id)).toMatchObject({ reviewerId: admin.user.id, expiresAt: T0 + CLAIM_LEASE_MS });
  });
});
