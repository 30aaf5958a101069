import { computeDueDate, type Complaint } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/context';
import type { ComplaintRecord } from '../../store';
import { createHarness, loginBearer, type Harness } from '../../testing/harness';
import { demoFiler, type Filer } from '../../testing/filing';
import { QUOTE, fileComplaintAt, type FilingOptions } from '../../testing/review';
import { authenticate } from '../auth';
import { applyEvent, decideComplaint, startReview } from '../complaints';
import { jurisdictionOf, pausesOf } from './due-dates';

let h: Harness;
let owner: Filer;
let reviewer: Principal;

const HOUR = 3_600_000;
/** Monday 2030-03-04, 10:00 in China. */
const T0 = Date.parse('2030-03-04T02:00:00Z');

type Transition = ComplaintRecord['transitions'][number];
const move = (fromState: Transition['fromState'], toState: Transition['toState'], at: number) => ({ fromState, toState, at }) as Transition;
const listingIn = (jurisdiction: string | null) => ({ jurisdiction }) as ComplaintRecord['listings'][number];

const file = (at: number, listings?: FilingOptions['listings']): Promise<Complaint> => fileComplaintAt(h, owner, at, listings);

const stored = (id: string) =>
  h.db.rows<{ due_at: number | null; enhanced_review: number; record_at_submission: string | null }>(
    'select due_at, enhanced_review, record_at_submission from complaints where id = ?',
    id,
  )[0]!;

/** Moves a complaint by one event at `at`, through the same path every service takes. */
async function event(id: string, name: 'request_info' | 'provide_info' | 'start_review', at: number): Promise<void> {
  await h.runtime.store.transaction(async (tx) => {
    const record = await tx.findComplaint({ id, tenantId: null });
    await applyEvent(tx, record!, name, reviewer.user.id, at);
  });
}

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  owner = await demoFiler(h);
  reviewer = await authenticate(h.runtime.store, await loginBearer(h, 'reviewer@demo.test'), 'bearer');
});
afterAll(() => h.close());

describe('pausesOf', () => {
  it('pairs each move into needs_info with the next move out of it, and leaves the last open while it waits', () => {
    expect(
      pausesOf([
        move(null, 'draft', 1),
        move('draft', 'submitted', 2),
        move('submitted', 'in_review', 3),
        move('in_review', 'needs_info', 10),
        move('needs_info', 'in_review', 20),
        move('in_review', 'needs_info', 30),
      ]),
    ).toEqual([
      [10, 20],
      [30, null],
    ]);
    expect(pausesOf([move('in_review', 'needs_info', 5), move('needs_info', 'closed', 9)])).toEqual([[5, 9]]);
    expect(pausesOf([move(null, 'draft', 1), move('draft', 'submitted', 2)])).toEqual([]);
  });
});

describe('jurisdictionOf', () => {
  it('takes the jurisdiction most listings are offered in, the earlier listing’s on a tie, null when none names one', () => {
    expect(jurisdictionOf(['US', 'CN', 'CN'].map(listingIn))).toBe('CN');
    expect(jurisdictionOf(['US', 'CN'].map(listingIn))).toBe('US');
    expect(jurisdictionOf([null, 'JP', null].map(listingIn))).toBe('JP');
    expect(jurisdictionOf([null, null].map(listingIn))).toBeNull();
    expect(jurisdictionOf([])).toBeNull();
  });
});

describe('the stored due date', () => {
  it('is set on filing from the reason, materials, record and calendar: a counterfeit filed on a Monday is due end of Thursday, China time', async () => {
    const complaint = await file(T0);
    expect(new Date(stored(complaint.id).due_at!).toISOString()).toBe('2030-03-07T15:59:59.999Z');
    const unlocated = await file(T0, [{}, { location: QUOTE }]);
    // 3 + 1 business days for a listing whose spot is not marked: Friday.
    expect(new Date(stored(unlocated.id).due_at!).toISOString()).toBe('2030-03-08T15:59:59.999Z');
  });

  it('stops while the complaint waits for material and resumes with the business time it lost added back', async () => {
    const complaint = await file(T0);
    const requested = T0 + 24 * HOUR; // Tuesday 10:00 China time
    const answered = requested + 2 * HOUR;
    await event(complaint.id, 'start_review', T0 + HOUR);
    await event(complaint.id, 'request_info', requested);
    // While it waits no date can be known: the queue does not list it either.
    expect(stored(complaint.id).due_at).toBeNull();
    await event(complaint.id, 'provide_info', answered);
    const expected = computeDueDate({
      reason: 'counterfeit',
      materials: { listings: 1, regionLocated: 1 },
      history: { upheld: 0, rejected: 0, reversed: 0 },
      enhancedReview: false,
      jurisdiction: 'CN',
      submittedAt: T0,
      pauses: [[requested, answered]],
    });
    // Two hours of a business day lost: the reviewer gets a whole business day back (Friday).
    expect(expected.dueAt).toBe('2030-03-08T15:59:59.999Z');
    expect(new Date(stored(complaint.id).due_at!).toISOString()).toBe(expected.dueAt);
  });

  it('keeps the record the complaint was filed with, whatever is decided later', async () => {
    // Ten listings decided against the complainant, all rejected: a poor record.
    for (let i = 0; i < 10; i++) {
      const earlier = await file(T0);
      await startReview(h.runtime.store, reviewer, earlier.id, T0 + HOUR);
      await decideComplaint(h.runtime.store, reviewer, earlier.id, ['rejected'], T0 + 2 * HOUR);
    }
    const poor = await file(T0 + 3 * HOUR);
    const record = JSON.parse(stored(poor.id).record_at_submission!) as { upheld: number; rejected: number };
    expect(record.rejected).toBeGreaterThanOrEqual(10);
    // Poor record below 30% sustained: +4 business days on the counterfeit's 3.
    expect(new Date(stored(poor.id).due_at!).toISOString()).toBe('2030-03-13T15:59:59.999Z');
    // Many upheld decisions afterwards do not shorten the period already running.
    for (let i = 0; i < 30; i++) {
      const later = await file(T0 + 4 * HOUR);
      await startReview(h.runtime.store, reviewer, later.id, T0 + 5 * HOUR);
      await decideComplaint(h.runtime.store, reviewer, later.id, ['upheld'], T0 + 6 * HOUR);
    }
    await event(poor.id, 'start_review', T0 + 7 * HOUR);
    expect(JSON.parse(stored(poor.id).record_at_submission!)).toEqual(record);
    expect(new Date(stored(poor.id).due_at!).toISOString()).toBe('2030-03-13T15:59:59.999Z');
  });
});
