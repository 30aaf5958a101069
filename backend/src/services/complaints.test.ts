import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { CaptureReceipt, Complaint, CreateComplaintRequest, ListingOutcome } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../lib/context';
import { inspectDatabase, type DbInspector } from '../store/inspect';
import { databaseFile } from '../store';
import { blobPath, bearer, createHarness, loginBearer, pngBytes, sampleMeta, upload, type Harness } from '../testing/harness';
import { authenticate } from './auth';
import {
  checkComplaint,
  complainantStats,
  createComplaint,
  decideComplaint,
  startReview,
  submitComplaint,
  withdrawComplaint,
} from './complaints';

let h: Harness;
let writable: DbInspector;
let owner: Principal;
let reviewer: Principal;
let rightId: string;
const captures: string[] = [];

const HOUR = 60 * 60 * 1000;
/** Inside the demo trademark's validity (2020-01-01 … 2035-12-31). */
const T0 = Date.parse('2030-03-01T08:00:00Z');

const TAOBAO = 'https://item.taobao.com/item.htm?id=612345678901';
const AMAZON = 'https://www.amazon.com/dp/B0DEMO0001';

function request(overrides: Partial<CreateComplaintRequest> = {}): CreateComplaintRequest {
  return {
    principalId: null,
    rightId,
    reason: 'counterfeit',
    explanation: 'These bags carry our registered mark but were never made or sold by us.',
    goodFaith: true,
    accuracy: true,
    listings: [
      { url: TAOBAO, captureIds: [captures[0]!], location: { kind: 'region', x: 0.1, y: 0.2, width: 0.3, height: 0.2 } },
      { url: AMAZON, captureIds: [captures[1]!], location: { kind: 'text', quote: 'DemoBrand' } },
    ],
    submit: true,
    ...overrides,
  };
}

const deps = () => ({ store: h.runtime.store, blobs: h.runtime.blobs });
const file = async (at: number, overrides: Partial<CreateComplaintRequest> = {}) =>
  (await createComplaint(deps(), owner, randomUUID(), request(overrides), at)).complaint;

/** Filed at `at`, taken into review an hour later, decided `hours` after filing. */
async function fileAndDecide(at: number, hours: number, outcomes: ListingOutcome[]): Promise<Complaint> {
  const listings = request().listings.slice(0, outcomes.length);
  const complaint = await file(at, { listings });
  await startReview(h.runtime.store, reviewer, complaint.id, at + HOUR);
  return decideComplaint(h.runtime.store, reviewer, complaint.id, outcomes, at + hours * HOUR);
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; errors?: Array<{ path: string; code: string }> }> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code: string }).code, errors: (error as { options: { errors?: Array<{ path: string; code: string }> } }).options.errors };
  }
  throw new Error('expected a rejection');
}

const written = () => ({
  complaints: h.db.count('complaints'),
  listings: h.db.count('complaint_listings'),
  transitions: h.db.count('complaint_transitions'),
  idempotencyKeys: h.db.count('idempotency_keys'),
});

beforeAll(async () => {
  h = await createHarness();
  writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
  const ownerToken = await loginBearer(h, 'owner@demo.test');
  owner = await authenticate(h.runtime.store, ownerToken, 'bearer');
  reviewer = await authenticate(h.runtime.store, await loginBearer(h, 'reviewer@demo.test'), 'bearer');
  rightId = h.db.rows<{ id: string }>("select id from rights where registration_number = 'TM-DEMO-0001'")[0]!.id;
  for (const [url, color] of [
    [TAOBAO, '#aa0000'],
    [AMAZON, '#00aa00'],
    [TAOBAO, '#0000aa'],
  ] as const) {
    const res = await upload(h, bearer(ownerToken), randomUUID(), { meta: sampleMeta({ url }), file: { bytes: await pngBytes(200, 150, color) } });
    captures.push(((await res.json()) as CaptureReceipt).id);
  }
});
afterAll(async () => {
  writable.close();
  await h.close();
});

describe('the lifecycle', () => {
  it('goes submitted → in_review → decided with per-listing outcomes, every transition with its actor and time', async () => {
    const filed = await file(T0);
    const reviewed = await startReview(h.runtime.store, reviewer, filed.id, T0 + HOUR);
    expect(reviewed.state).toBe('in_review');
    const decided = await decideComplaint(h.runtime.store, reviewer, filed.id, ['upheld', 'rejected'], T0 + 5 * HOUR);
    expect(decided.state).toBe('decided');
    expect(decided.listings.map((listing) => [listing.position, listing.outcome])).toEqual([
      [1, 'upheld'],
      [2, 'rejected'],
    ]);
    const ownerActor = { id: owner.user.id, email: 'owner@demo.test' };
    const reviewerActor = { id: reviewer.user.id, email: 'reviewer@demo.test' };
    expect(decided.transitions).toEqual([
      { from: null, to: 'draft', event: null, actor: ownerActor, at: new Date(T0).toISOString() },
      { from: 'draft', to: 'submitted', event: 'submit', actor: ownerActor, at: new Date(T0).toISOString() },
      { from: 'submitted', to: 'in_review', event: 'start_review', actor: reviewerActor, at: new Date(T0 + HOUR).toISOString() },
      { from: 'in_review', to: 'decided', event: 'decide', actor: reviewerActor, at: new Date(T0 + 5 * HOUR).toISOString() },
    ]);
    expect(h.db.rows('select outcome from complaint_listings where complaint_id = ? order by position', filed.id)).toEqual([{ outcome: 'upheld' }, { outcome: 'rejected' }]);

    // Nothing moves a decided complaint.
    const before = written();
    expect((await rejection(withdrawComplaint(h.runtime.store, owner, filed.id, undefined, T0 + 6 * HOUR))).code).toBe('invalid_transition');
    expect((await rejection(startReview(h.runtime.store, reviewer, filed.id))).code).toBe('invalid_transition');
    expect(written()).toEqual(before);
  });

  it('refuses a decision out of turn, one leaving a listing pending, or one with the wrong number of outcomes', async () => {
    const filed = await file(T0);
    const before = written();
    expect((await rejection(decideComplaint(h.runtime.store, reviewer, filed.id, ['upheld', 'upheld']))).code).toBe('invalid_transition');
    await startReview(h.runtime.store, reviewer, filed.id, T0 + HOUR);
    expect((await rejection(decideComplaint(h.runtime.store, reviewer, filed.id, ['upheld', 'pending']))).code).toBe('invalid_transition');
    expect((await rejection(decideComplaint(h.runtime.store, reviewer, filed.id, ['upheld']))).code).toBe('validation_failed');
    expect(h.db.rows('select distinct outcome from complaint_listings where complaint_id = ?', filed.id)).toEqual([{ outcome: 'pending' }]);
    // Only staff review and decide.
    expect((await rejection(startReview(h.runtime.store, owner, filed.id))).code).toBe('forbidden');
    expect((await rejection(decideComplaint(h.runtime.store, owner, filed.id, ['upheld', 'upheld']))).code).toBe('forbidden');
    expect((await rejection(startReview(h.runtime.store, reviewer, 'no-such-complaint'))).code).toBe('not_found');
    expect(written()).toEqual({ ...before, transitions: before.transitions + 1 });

    // Withdrawal works from review too.
    const withdrawn = await withdrawComplaint(h.runtime.store, owner, filed.id, 'Resolved directly.', T0 + 2 * HOUR);
    expect(withdrawn.transitions.at(-1)).toMatchObject({ from: 'in_review', to: 'withdrawn', event: 'withdraw' });
  });
});

describe('evidence and server facts', () => {
  it('counts a capture whose stored bytes no longer match its receipt as unverified, on check and on filing', async () => {
    const [row] = h.db.rows<{ screenshot_sha256: string }>('select screenshot_sha256 from captures where id = ?', captures[2]);
    const input = request({ listings: [{ url: TAOBAO, captureIds: [captures[2]!], location: { kind: 'text', quote: 'DemoBrand' } }] });
    const { submit: _submit, ...checkInput } = input;
    expect((await checkComplaint(deps(), owner, checkInput, T0)).problems).toEqual([]);

    writeFileSync(blobPath(h.dataDir, row!.screenshot_sha256), 'tampered');
    expect((await checkComplaint(deps(), owner, checkInput, T0)).problems).toEqual([
      { code: 'listing_evidence_unverified', path: 'listings.0.captureIds.0', params: { listing: 1 } },
    ]);
    const before = written();
    const refused = await rejection(createComplaint(deps(), owner, randomUUID(), input, T0));
    expect(refused.code).toBe('notice_not_qualified');
    expect(refused.errors?.map((error) => [error.path, error.code])).toEqual([['listings.0.captureIds.0', 'listing_evidence_unverified']]);
    expect(written()).toEqual(before);
  });

  it('refuses a capture still missing declared artefacts, on saving and on filing, and counts it unverified on check', async () => {
    const token = await loginBearer(h, 'owner@demo.test');
    const archive = { kind: 'page_archive' as const, sha256: 'e'.repeat(64), bytes: 100, mime: 'multipart/related' as const };
    const res = await upload(h, bearer(token), randomUUID(), {
      meta: sampleMeta({ url: TAOBAO, artefacts: [archive] }),
      file: { bytes: await pngBytes(200, 150, '#aa00aa') },
    });
    const incomplete = (await res.json()) as CaptureReceipt;
    expect(incomplete.state).toBe('incomplete');
    const listings = [{ url: TAOBAO, captureIds: [incomplete.id], location: { kind: 'text' as const, quote: 'DemoBrand' } }];

    const before = written();
    for (const submit of [true, false]) {
      const refused = await rejection(createComplaint(deps(), owner, randomUUID(), request({ listings, submit }), T0));
      expect(refused.code).toBe('capture_incomplete');
      expect(refused.errors?.map((error) => [error.path, error.code])).toEqual([['listings.0.captureIds.0', 'capture_incomplete']]);
    }
    expect(written()).toEqual(before);
    const { submit: _submit, ...checked } = request({ listings });
    expect((await checkComplaint(deps(), owner, checked, T0)).problems).toEqual([
      { code: 'listing_evidence_unverified', path: 'listings.0.captureIds.0', params: { listing: 1 } },
    ]);

    // A draft naming a receipted capture, which then lacks an artefact (as drafts saved before this rule may): not filed.
    const complete = (await (
      await upload(h, bearer(token), randomUUID(), { meta: sampleMeta({ url: AMAZON }), file: { bytes: await pngBytes(200, 150, '#00aaaa') } })
    ).json()) as CaptureReceipt;
    const draft = await file(T0, { listings: [{ url: AMAZON, captureIds: [complete.id], location: { kind: 'text', quote: 'DemoBrand' } }], submit: false });
    writable.run(
      "insert into capture_artefacts (capture_id, position, kind, sha256, mime, bytes) values (?, 0, 'page_archive', ?, 'multipart/related', 100)",
      complete.id,
      'f'.repeat(64),
    );
    const beforeSubmit = written();
    const refused = await rejection(submitComplaint(deps(), owner, draft.id, randomUUID(), T0 + HOUR));
    expect(refused.code).toBe('capture_incomplete');
    expect(refused.errors?.map((error) => error.path)).toEqual(['listings.0.captureIds.0']);
    expect(written()).toEqual(beforeSubmit);
    // Once the bytes are in, the same draft files.
    writable.run('update capture_artefacts set received_at = ? where capture_id = ?', T0, complete.id);
    expect((await submitComplaint(deps(), owner, draft.id, randomUUID(), T0 + HOUR)).complaint.state).toBe('submitted');
  });

  it('judges validity at the moment of filing: a draft saved in time cannot be filed after the right expires', async () => {
    const draft = await file(T0, { submit: false });
    const late = Date.parse('2036-01-01T00:00:00Z');
    const before = written();
    const refused = await rejection(submitComplaint(deps(), owner, draft.id, randomUUID(), late));
    expect(refused.code).toBe('notice_not_qualified');
    expect(refused.errors?.map((error) => error.code)).toEqual(['right_expired']);
    expect(written()).toEqual(before);
    const filed = await submitComplaint(deps(), owner, draft.id, randomUUID(), T0 + HOUR);
    expect(filed.complaint).toMatchObject({ state: 'submitted', submittedAt: new Date(T0 + HOUR).toISOString() });
  });

  it('writes one complaint for concurrent requests with one key', async () => {
    const before = written();
    const key = randomUUID();
    const results = await Promise.all([0, 1, 2].map(() => createComplaint(deps(), owner, key, request(), T0)));
    expect(new Set(results.map((result) => result.complaint.id)).size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(written()).toEqual({
      complaints: before.complaints + 1,
      listings: before.listings + 2,
      transitions: before.transitions + 2,
      idempotencyKeys: before.idempotencyKeys + 1,
    });
  });
});

describe("the complainant's record", () => {
  it('is computed from the complaints: filed ones by where they are, listing outcomes, reversals, the median time to decision', async () => {
    // Start from a tenant with no complaints so every number below is this test's.
    writable.run('delete from complaint_transitions');
    writable.run('delete from complaint_listings');
    writable.run('delete from complaints');
    expect(await complainantStats(h.runtime.store, owner)).toEqual({
      complaints: { submitted: 0, open: 0, decided: 0, withdrawn: 0 },
      listings: { upheld: 0, rejected: 0, pending: 0, reversed: 0 },
      medianHoursToDecision: null,
    });

    const first = await fileAndDecide(T0, 10, ['upheld', 'rejected']);
    await fileAndDecide(T0 + 2 * HOUR, 30, ['upheld']);
    await fileAndDecide(T0 + 3 * HOUR, 4, ['rejected']);
    const withdrawn = await file(T0 + 4 * HOUR);
    await withdrawComplaint(h.runtime.store, owner, withdrawn.id, undefined, T0 + 5 * HOUR);
    const inReview = await file(T0 + 6 * HOUR);
    await startReview(h.runtime.store, reviewer, inReview.id, T0 + 7 * HOUR);
    // Drafts, kept or discarded, were never filed.
    await file(T0 + 8 * HOUR, { submit: false });
    const discarded = await file(T0 + 9 * HOUR, { submit: false });
    await withdrawComplaint(h.runtime.store, owner, discarded.id, undefined, T0 + 9 * HOUR);
    // The counter-notice flow (a later issue) marks an upheld listing reversed.
    expect(writable.run('update complaint_listings set reversed_at = ? where complaint_id = ? and position = 1', T0 + 40 * HOUR, first.id)).toBe(1);

    expect(await complainantStats(h.runtime.store, owner)).toEqual({
      complaints: { submitted: 5, open: 1, decided: 3, withdrawn: 1 },
      listings: { upheld: 2, rejected: 2, pending: 2, reversed: 1 },
      // 4 h, 10 h, 30 h
      medianHoursToDecision: 10,
    });

    // With an even count the median is the mean of the middle two: 4, 10, 20, 30 → 15.
    await fileAndDecide(T0 + 10 * HOUR, 20, ['upheld']);
    expect((await complainantStats(h.runtime.store, owner)).medianHoursToDecision).toBe(15);
  });
});
