import { describe, expect, it } from 'vitest';
import { json, problem } from '../test/http-double';
import { signedInApi } from '../test/signed-in-api';
import { ClaimKeeper, LEASE_MS, RENEW_EVERY_MS, RENEW_MARGIN_MS, leaseAction, localExpiry, type ClaimStatus } from './claim-lease';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-30T09:00:00Z');

describe('when a lease is renewed', () => {
  const lease = (overrides: Partial<{ claimedAt: number; expiresAt: number; lastActivityAt: number }> = {}) => ({
    claimedAt: T0,
    expiresAt: T0 + LEASE_MS,
    lastActivityAt: T0 - MINUTE,
    ...overrides,
  });

  it('renews every five minutes for a reviewer who has done something since the last renewal', () => {
    expect(leaseAction(T0 + RENEW_EVERY_MS - 1, lease({ lastActivityAt: T0 + MINUTE }))).toBe('wait');
    expect(leaseAction(T0 + RENEW_EVERY_MS, lease({ lastActivityAt: T0 + MINUTE }))).toBe('renew');
  });

  it('lets an idle reviewer’s lease run out instead of holding the complaint for an empty desk', () => {
    expect(leaseAction(T0 + RENEW_EVERY_MS, lease())).toBe('wait');
    expect(leaseAction(T0 + LEASE_MS - 1, lease())).toBe('wait');
    expect(leaseAction(T0 + LEASE_MS, lease())).toBe('lapse');
    // Activity after the end comes too late: the lease is gone, someone else may hold it.
    expect(leaseAction(T0 + LEASE_MS + MINUTE, lease({ lastActivityAt: T0 + LEASE_MS + 1 }))).toBe('lapse');
  });

  it('renews an active reviewer’s lease close to its end even off the rhythm (late timers in a background tab)', () => {
    const short = lease({ expiresAt: T0 + 2 * MINUTE, lastActivityAt: T0 + 1 });
    expect(leaseAction(T0 + 2 * MINUTE - RENEW_MARGIN_MS - 1, short)).toBe('wait');
    expect(leaseAction(T0 + 2 * MINUTE - RENEW_MARGIN_MS, short)).toBe('renew');
  });

  it('measures the lease by the server’s length, on this browser’s clock', () => {
    // The server's clock is an hour ahead: its instants say nothing about ours, its 15 minutes do.
    const claim = { claimedAt: '2026-11-30T10:00:00.000Z', expiresAt: '2026-11-30T10:15:00.000Z' };
    expect(localExpiry(claim, T0)).toBe(T0 + 15 * MINUTE);
    expect(localExpiry({ claimedAt: 'garbled', expiresAt: 'garbled' }, T0)).toBe(T0 + LEASE_MS);
  });
});

describe('the claim keeper', () => {
  const signedIn = signedInApi();
  const claimPath = 'POST /api/review/complaints/cp1/claim';
  const releasePath = 'DELETE /api/review/complaints/cp1/claim';
  const claimBody = (at: number) => ({
    complaintId: 'cp1',
    reviewer: { id: 'u1', email: 'reviewer@platform.example' },
    claimedAt: new Date(at).toISOString(),
    expiresAt: new Date(at + LEASE_MS).toISOString(),
  });

  function keeper() {
    let now = T0;
    const statuses: ClaimStatus['kind'][] = [];
    const api = signedIn.api;
    const instance = new ClaimKeeper({
      claim: () => api.claimComplaint('cp1'),
      release: () => api.releaseClaim('cp1'),
      onChange: (status) => statuses.push(status.kind),
      now: () => now,
    });
    return {
      instance,
      statuses,
      advance: (ms: number) => {
        now += ms;
      },
      calls: () => signedIn.server.seen.filter((request) => request.url.startsWith('/api/review/')).map((request) => request.method),
    };
  }

  it('claims on start and renews on the five-minute rhythm only while the reviewer is active', async () => {
    signedIn.server.routes[claimPath] = () => json(200, claimBody(T0));
    const { instance, statuses, advance, calls } = keeper();
    await instance.start();
    expect(instance.current.kind).toBe('held');

    // Checked every 15 s for 4:45 with the reviewer typing: no renewal yet.
    for (let step = 0; step < 19; step++) {
      advance(15_000);
      instance.activity();
      await instance.check();
    }
    expect(calls()).toEqual(['POST']);
    advance(15_000);
    await instance.check();
    expect(calls()).toEqual(['POST', 'POST']);

    // Then the reviewer goes for lunch: no renewal, and the lease lapses where the server's does.
    for (let elapsed = 0; elapsed < LEASE_MS; elapsed += 15_000) {
      advance(15_000);
      await instance.check();
    }
    expect(calls()).toEqual(['POST', 'POST']);
    expect(instance.current.kind).toBe('lapsed');
    expect(statuses).toEqual(['claiming', 'held', 'held', 'lapsed']);
  });

  it('says so when another reviewer holds the complaint', async () => {
    signedIn.server.routes[claimPath] = () => problem(409, 'already_claimed');
    const { instance } = keeper();
    await instance.start();
    expect(instance.current.kind).toBe('taken');
    expect(instance.holding).toBe(false);
  });

  it('keeps the lease through a renewal that fails for a moment, and tries again on the next check', async () => {
    signedIn.server.routes[claimPath] = () => json(200, claimBody(T0));
    const { instance, advance, calls } = keeper();
    await instance.start();
    signedIn.server.routes[claimPath] = () => ({ status: 0, hangUp: true });
    advance(RENEW_EVERY_MS);
    instance.activity();
    await instance.check();
    expect(instance.current.kind).toBe('held');
    signedIn.server.routes[claimPath] = () => json(200, claimBody(T0 + RENEW_EVERY_MS));
    advance(15_000);
    await instance.check();
    expect(calls()).toEqual(['POST', 'POST', 'POST']);
    expect(instance.current.kind).toBe('held');
  });

  it('gives the claim back on release, after the claim it releases has been answered', async () => {
    signedIn.server.routes[claimPath] = () => json(200, claimBody(T0));
    signedIn.server.routes[releasePath] = () => ({ status: 204 });
    const { instance, calls } = keeper();
    // Released while the claim is still on its way, as React's effect cleanup can do.
    const claimed = instance.start();
    const released = instance.release();
    await Promise.all([claimed, released]);
    expect(calls()).toEqual(['POST', 'DELETE']);
    expect(instance.current.kind).toBe('released');
    expect(signedIn.server.last().headers['x-csrf-token']).toBe('csrf-1');
  });

  it('sends nothing on leaving once a decision has settled the claim on the server', async () => {
    signedIn.server.routes[claimPath] = () => json(200, claimBody(T0));
    const { instance, calls } = keeper();
    await instance.start();
    instance.settle();
    await instance.release();
    expect(calls()).toEqual(['POST']);
  });
});
