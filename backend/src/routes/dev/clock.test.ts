import type { Complaint, CounterNotice, DevClock, RestoreDueList, ShopClaim } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClockInstalled, installTestClock, uninstallTestClock } from '../../lib/test-clock';
import { demoFiler, signIn, type Filer, type Staff } from '../../testing/filing';
import { bearer, createHarness, jsonPost, type Harness } from '../../testing/harness';
import { pdfBytes } from '../../testing/registration';
import { fileComplaint } from '../../testing/review';
import { claimComplaint } from '../../services/review/claims';
import { decideOnComplaint } from '../../services/review/decisions';

const DAY = 86_400_000;
const SHOP = '58807777';

describe('the test clock route', () => {
  let h: Harness;
  let owner: Filer;
  let reviewer: Staff;
  let seller: Staff;

  beforeAll(async () => {
    installTestClock();
    h = await createHarness({ testClock: true, writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
    owner = await demoFiler(h);
    reviewer = await signIn(h, 'reviewer@demo.test');
    seller = await signIn(h, 'seller@demo.test');
    const admin = await signIn(h, 'admin@demo.test');
    const claim = new FormData();
    claim.append('data', JSON.stringify({ marketplace: 'taobao', shopId: SHOP }));
    claim.append('proof', new Blob([pdfBytes('licence')], { type: 'application/pdf' }), 'licence.pdf');
    const res = await h.app.request('/api/shops', { method: 'POST', headers: bearer(seller.token), body: claim });
    const { id } = (await res.json()) as ShopClaim;
    expect((await h.app.request(`/api/admin/shops/${id}/verification`, jsonPost({ decision: 'approve' }, bearer(admin.token)))).status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
    uninstallTestClock();
  });

  it('moves the server clock past a counter-notice window, and the sweep makes restoring due at once', async () => {
    const complaint: Complaint = await fileComplaint(h, owner.token, { rightId: owner.rightId, listings: [{ url: `https://item.taobao.com/item.htm?id=930000000001&shop_id=${SHOP}` }] });
    await claimComplaint(h.runtime.store, reviewer.principal, complaint.id);
    const listingId = complaint.listings[0]!.id;
    await decideOnComplaint(h.runtime.store, reviewer.principal, complaint.id, {
      listings: [{ listingId, outcome: 'upheld', statement: 'The listing shows the registered mark on bags the owner never made.' }],
    });
    const body = new FormData();
    body.append('data', JSON.stringify({
      statement: 'These bags are genuine goods bought from the brand owner’s own distributor.',
      identity: { legalName: 'Hangzhou Demo Trading Co., Ltd.', registrationNumber: '91330100MA2XXXXX1A', address: '1 Demo Road', email: 'legal@seller.test', phone: '+86 571 0000 0000' },
      declaration: true,
    }));
    body.append('evidence', new Blob([pdfBytes('invoice')], { type: 'application/pdf' }), 'invoice.pdf');
    const filed = await h.app.request(`/api/seller/listings/${listingId}/counter-notice`, { method: 'POST', headers: bearer(seller.token), body });
    expect(filed.status).toBe(201);
    const cn = (await filed.json()) as CounterNotice;

    const dueIds = async () => ((await (await h.app.request('/api/review/restore-due', { headers: bearer(reviewer.token) })).json()) as RestoreDueList).items.map((item) => item.id);
    expect(await dueIds()).not.toContain(cn.id);

    const before = (await (await h.app.request('/api/dev/clock')).json()) as DevClock;
    const moved = await h.app.request('/api/dev/clock', jsonPost({ advanceMs: 17 * DAY }));
    expect(moved.status).toBe(200);
    const after = (await moved.json()) as DevClock;
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(17 * DAY);
    expect(Date.parse(after.now)).toBeGreaterThan(Date.parse(cn.windowEndsAt));
    expect(after.swept?.restoreDue).toBe(1);
    // Sessions last 30 days by default, so the reviewer is still signed in 17 days later.
    expect(await dueIds()).toContain(cn.id);
  });

  it('refuses to move backwards or by a malformed amount', async () => {
    expect((await h.app.request('/api/dev/clock', jsonPost({ advanceMs: -1 }))).status).toBe(400);
    expect((await h.app.request('/api/dev/clock', jsonPost({ advanceMs: 'soon' }))).status).toBe(400);
  });
});

describe('without TEST_CLOCK', () => {
  it('the clock route does not exist', async () => {
    const h = await createHarness();
    try {
      expect((await h.app.request('/api/dev/clock')).status).toBe(404);
      expect((await h.app.request('/api/dev/clock', jsonPost({ advanceMs: DAY }))).status).toBe(404);
      expect(testClockInstalled()).toBe(false);
    } finally {
      await h.close();
    }
  });
});
