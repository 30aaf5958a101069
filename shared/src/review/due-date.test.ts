import { describe, expect, it } from 'vitest';
import type { ComplaintListing, ReasonCode } from '../schemas/complaint';
import { CALENDARS, extendCalendar } from './calendar';
import {
  DueDateSchema,
  computeDueDate,
  materialsOf,
  reviewPeriod,
  type DueDateInput,
  type PauseInterval,
} from './due-date';
import { CN_CALENDAR } from './holidays-cn';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The reference complaint: a counterfeit (3 business days), one listing with
 * its region marked on a verified capture, a complainant with no record,
 * filed in China on Monday 2025-03-10 at 10:00 local time. Due at the end of
 * Thursday 2025-03-13, China time: 15:59:59.999 UTC.
 */
function input(overrides: Partial<DueDateInput> = {}): DueDateInput {
  return {
    reason: 'counterfeit',
    materials: { listings: 1, regionLocated: 1 },
    history: { upheld: 0, rejected: 0, reversed: 0 },
    enhancedReview: false,
    jurisdiction: 'CN',
    submittedAt: '2025-03-10T10:00:00+08:00',
    pauses: [],
    ...overrides,
  };
}

const dueDateOf = (overrides: Partial<DueDateInput>) => computeDueDate(input(overrides)).dueDate;

describe('the reference complaint', () => {
  it('is due at the end of the third business day after submission, local time', () => {
    expect(computeDueDate(input())).toEqual({
      dueAt: '2025-03-13T15:59:59.999Z',
      dueDate: '2025-03-13',
      breakdown: {
        calendar: 'CN',
        utcOffsetMinutes: 480,
        baseBusinessDays: 3,
        adjustments: [],
        totalBusinessDays: 3,
        clockStartsAt: '2025-03-10T16:00:00.000Z',
        pausedMs: 0,
        pausedBusinessMs: 0,
        pausedSince: null,
        remainingBusinessMs: null,
        provisional: false,
      },
    });
  });
});

describe('factors', () => {
  it.each([
    ['counterfeit', 3, '2025-03-13'],
    ['trademark_misuse', 5, '2025-03-17'],
    ['image_copied', 3, '2025-03-13'],
    ['text_copied', 3, '2025-03-13'],
    ['copyright_other', 5, '2025-03-17'],
    ['design_copied', 7, '2025-03-19'],
    ['patent_infringement', 10, '2025-03-24'],
  ] as [ReasonCode, number, string][])('reason %s: %i business days, due %s', (reason, days, due) => {
    const result = computeDueDate(input({ reason }));
    expect(result.breakdown.baseBusinessDays).toBe(days);
    expect(result.breakdown.adjustments).toEqual([]);
    expect(result.dueDate).toBe(due);
  });

  it.each([
    [4, 4, []],
    [4, 3, [{ code: 'materials_unlocated', days: 1, params: { unlocated: 1, listings: 4 } }]],
    // Exactly half unlocated is "some", not "most".
    [4, 2, [{ code: 'materials_unlocated', days: 1, params: { unlocated: 2, listings: 4 } }]],
    [4, 1, [{ code: 'materials_unlocated', days: 2, params: { unlocated: 3, listings: 4 } }]],
    [1, 0, [{ code: 'materials_unlocated', days: 2, params: { unlocated: 1, listings: 1 } }]],
  ])('completeness: %i listings, %i region-located', (listings, regionLocated, adjustments) => {
    expect(reviewPeriod(input({ materials: { listings, regionLocated } })).adjustments).toEqual(adjustments);
  });

  it('moves the due date by the completeness days: 3 + 2 = 5 business days, Monday 17 March', () => {
    const result = computeDueDate(input({ materials: { listings: 1, regionLocated: 0 } }));
    expect(result.breakdown.totalBusinessDays).toBe(5);
    expect(result.dueDate).toBe('2025-03-17');
  });

  it.each([
    [1, 0],
    [10, 0],
    [11, 1],
    [60, 1],
    [61, 2],
    [300, 6],
  ])('batch size: %i listings add %i days', (listings, days) => {
    const adjustments = reviewPeriod(input({ materials: { listings, regionLocated: listings } })).adjustments;
    expect(adjustments).toEqual(days === 0 ? [] : [{ code: 'batch_size', days, params: { listings } }]);
  });

  it.each([
    // [upheld, rejected, reversed, days] — decided = upheld + rejected; sustained = upheld − reversed.
    [18, 2, 0, -1], // 20 decided, 90 %
    [17, 2, 0, 0], // 19 decided: too few to earn trust
    [18, 2, 1, 0], // 17 of 20 sustained, 85 %
    [190, 10, 0, -2], // 200 decided, 95 %
    [189, 11, 0, -1], // 200 decided, 94.5 %
    [1000, 0, 0, -2],
  ])('good record: %i upheld, %i rejected, %i reversed → %i days', (upheld, rejected, reversed, days) => {
    const adjustments = reviewPeriod(input({ history: { upheld, rejected, reversed } })).adjustments;
    expect(adjustments.find((a) => a.code === 'history_good')?.days ?? 0).toBe(days);
    expect(adjustments.some((a) => a.code === 'history_poor')).toBe(false);
  });

  it('reports the record it judged: a good one shortens the reference to 2 days, Wednesday', () => {
    const result = computeDueDate(input({ history: { upheld: 18, rejected: 2, reversed: 0 } }));
    expect(result.breakdown.adjustments).toEqual([
      { code: 'history_good', days: -1, params: { decided: 20, sustained: 18, upheldPercent: 90 } },
    ]);
    expect(result.breakdown.totalBusinessDays).toBe(2);
    expect(result.dueDate).toBe('2025-03-12');
  });

  it.each([
    [5, 5, 0, 2], // 10 decided, 50 %
    [5, 4, 0, 0], // 9 decided: too few to judge
    [6, 4, 0, 0], // 60 % is not below 60 %
    [3, 7, 0, 2], // 30 % is not below 30 %
    [2, 8, 0, 4], // 20 %
    [10, 0, 5, 2], // 5 of 10 upheld were reversed: 50 %
    [0, 10, 3, 4], // reversed beyond upheld cannot go below 0 sustained
  ])('poor record: %i upheld, %i rejected, %i reversed → +%i days', (upheld, rejected, reversed, days) => {
    const adjustments = reviewPeriod(input({ history: { upheld, rejected, reversed } })).adjustments;
    expect(adjustments.find((a) => a.code === 'history_poor')?.days ?? 0).toBe(days);
    expect(adjustments.some((a) => a.code === 'history_good')).toBe(false);
  });

  it('lengthens the reference by a poor record: 3 + 4 = 7 business days, Wednesday 19 March', () => {
    const result = computeDueDate(input({ history: { upheld: 2, rejected: 8, reversed: 0 } }));
    expect(result.breakdown.adjustments).toEqual([
      { code: 'history_poor', days: 4, params: { decided: 10, sustained: 2, upheldPercent: 20 } },
    ]);
    expect(result.dueDate).toBe('2025-03-19');
  });

  it('lengthens by 3 days under enhanced review: 6 business days, Tuesday 18 March', () => {
    const result = computeDueDate(input({ enhancedReview: true }));
    expect(result.breakdown.adjustments).toEqual([{ code: 'enhanced_review', days: 3, params: {} }]);
    expect(result.breakdown.totalBusinessDays).toBe(6);
    expect(result.dueDate).toBe('2025-03-18');
  });

  it('does not fast-track a sanctioned complainant, however good the record', () => {
    const adjustments = reviewPeriod(input({ enhancedReview: true, history: { upheld: 190, rejected: 10, reversed: 0 } }))
      .adjustments;
    expect(adjustments).toEqual([{ code: 'enhanced_review', days: 3, params: {} }]);
  });

  it('adds a poor record and the sanction together, in a fixed order', () => {
    const period = reviewPeriod(
      input({
        enhancedReview: true,
        history: { upheld: 2, rejected: 8, reversed: 0 },
        materials: { listings: 61, regionLocated: 20 },
      }),
    );
    expect(period.adjustments.map((a) => [a.code, a.days])).toEqual([
      ['batch_size', 2],
      ['materials_unlocated', 2],
      ['history_poor', 4],
      ['enhanced_review', 3],
    ]);
    expect(period.totalBusinessDays).toBe(3 + 2 + 2 + 4 + 3);
  });

  it('never produces a period shorter than 1 business day: counterfeit with a trusted record', () => {
    const trusted = { upheld: 1000, rejected: 0, reversed: 0 };
    const shortest = Math.min(
      ...(['counterfeit', 'trademark_misuse', 'image_copied', 'text_copied', 'copyright_other', 'patent_infringement', 'design_copied'] as const).map(
        (reason) => reviewPeriod(input({ reason, history: trusted })).totalBusinessDays,
      ),
    );
    expect(shortest).toBe(1);
    expect(dueDateOf({ history: trusted })).toBe('2025-03-11');
  });

  it.each([
    { materials: { listings: 1, regionLocated: 2 } },
    { materials: { listings: -1, regionLocated: 0 } },
    { materials: { listings: 1.5, regionLocated: 0 } },
    { history: { upheld: -1, rejected: 0, reversed: 0 } },
    { history: { upheld: 0, rejected: Number.NaN, reversed: 0 } },
  ])('refuses impossible counts: %j', (overrides) => {
    expect(() => computeDueDate(input(overrides))).toThrow(RangeError);
  });
});

describe('materialsOf', () => {
  const base: ComplaintListing = {
    url: 'https://item.taobao.com/item.htm?id=1',
    captureIds: ['c1'],
    verifiedCaptureIds: ['c1'],
    location: { kind: 'region', x: 0.1, y: 0.1, width: 0.2, height: 0.2 },
  };

  it('counts a listing as located only with a region on a verified capture', () => {
    expect(
      materialsOf([
        base,
        { ...base, verifiedCaptureIds: [] },
        { ...base, location: { kind: 'text', quote: 'DemoBrand' } },
        { ...base, location: null },
        base,
      ]),
    ).toEqual({ listings: 5, regionLocated: 2 });
    expect(materialsOf([])).toEqual({ listings: 0, regionLocated: 0 });
  });
});

describe('calendar edges', () => {
  it('starts counting on Monday after a weekend submission, as after a Friday one', () => {
    expect(dueDateOf({ submittedAt: '2025-03-14T10:00:00+08:00' })).toBe('2025-03-19'); // Friday
    expect(dueDateOf({ submittedAt: '2025-03-15T10:00:00+08:00' })).toBe('2025-03-19'); // Saturday
    expect(dueDateOf({ submittedAt: '2025-03-16T23:59:00+08:00' })).toBe('2025-03-19'); // Sunday
  });

  it('never counts the submission day: 23:59 and the next 00:00 are a business day apart', () => {
    const late = computeDueDate(input({ submittedAt: '2025-03-10T23:59:00+08:00' }));
    const midnight = computeDueDate(input({ submittedAt: '2025-03-11T00:00:00+08:00' }));
    expect(late.dueAt).toBe('2025-03-13T15:59:59.999Z');
    expect(late.breakdown.clockStartsAt).toBe('2025-03-10T16:00:00.000Z');
    expect(midnight.dueAt).toBe('2025-03-14T15:59:59.999Z');
    expect(midnight.breakdown.clockStartsAt).toBe('2025-03-11T16:00:00.000Z');
  });

  it('reads the day in the jurisdiction’s time: one instant, Monday in UTC, Tuesday in China', () => {
    const instant = '2025-03-10T16:00:00Z';
    const utc = computeDueDate(input({ jurisdiction: 'US', submittedAt: instant }));
    const cn = computeDueDate(input({ jurisdiction: 'CN', submittedAt: instant }));
    expect(utc.dueAt).toBe('2025-03-13T23:59:59.999Z');
    expect(utc.breakdown.calendar).toBeNull();
    expect(utc.breakdown.utcOffsetMinutes).toBe(0);
    expect(cn.dueAt).toBe('2025-03-14T15:59:59.999Z');
  });

  it('skips Spring Festival 2025 (28 Jan – 4 Feb) and counts the make-up Saturday, 8 Feb', () => {
    const monday = '2025-01-27T09:00:00+08:00';
    expect(dueDateOf({ submittedAt: monday })).toBe('2025-02-07'); // 5, 6, 7 Feb
    // 11 listings add a fourth day, which is the make-up Saturday.
    const four = computeDueDate(input({ submittedAt: monday, materials: { listings: 11, regionLocated: 11 } }));
    expect(four.breakdown.totalBusinessDays).toBe(4);
    expect(four.dueAt).toBe('2025-02-08T15:59:59.999Z');
    expect(four.dueDate).toBe('2025-02-08');
  });

  it('counts the make-up Sunday before Spring Festival 2025, 26 Jan', () => {
    expect(dueDateOf({ submittedAt: '2025-01-24T15:00:00+08:00' })).toBe('2025-02-05'); // 26 Jan, 27 Jan, 5 Feb
  });

  it('skips Spring Festival 2026 (15–23 Feb) and counts the make-up Saturday, 14 Feb', () => {
    expect(dueDateOf({ submittedAt: '2026-02-13T10:00:00+08:00' })).toBe('2026-02-25'); // 14, 24, 25 Feb
  });

  it('skips National Day 2025 (1–8 Oct) and counts the make-up Saturday, 11 Oct', () => {
    expect(dueDateOf({ submittedAt: '2025-09-30T10:00:00+08:00' })).toBe('2025-10-11'); // 9, 10, 11 Oct
    expect(dueDateOf({ submittedAt: '2025-09-26T10:00:00+08:00' })).toBe('2025-09-30'); // 28 Sep (Sunday), 29, 30
  });

  it('skips National Day 2026 (1–7 Oct) and counts the make-up Saturday, 10 Oct', () => {
    expect(dueDateOf({ submittedAt: '2026-09-30T10:00:00+08:00' })).toBe('2026-10-10'); // 8, 9, 10 Oct
  });

  it('crosses the year boundary: New Year 2026 off, the make-up Sunday 4 Jan worked', () => {
    const result = computeDueDate(input({ submittedAt: '2025-12-31T10:00:00+08:00' }));
    expect(result.dueDate).toBe('2026-01-06'); // 4, 5, 6 Jan
    expect(result.breakdown.provisional).toBe(false);
    // Without holidays, 1 and 2 January are ordinary working days.
    expect(dueDateOf({ jurisdiction: 'US', submittedAt: '2025-12-31T10:00:00Z' })).toBe('2026-01-05');
  });

  it('flags a period reaching into 2027, whose schedule is not yet published, as provisional', () => {
    const result = computeDueDate(input({ submittedAt: '2026-12-30T10:00:00+08:00' }));
    expect(result.dueDate).toBe('2027-01-05'); // 31 Dec, (1 Jan off), 4, 5 Jan
    expect(result.breakdown.provisional).toBe(true);
  });

  it('flags every period on a calendar without holidays as provisional', () => {
    expect(computeDueDate(input({ jurisdiction: null })).breakdown.provisional).toBe(true);
    expect(computeDueDate(input({ jurisdiction: 'JP' })).breakdown.provisional).toBe(true);
  });

  it('uses a weekend other than Saturday and Sunday: Saudi Arabia, UTC+3, Friday and Saturday off', () => {
    const result = computeDueDate(input({ jurisdiction: 'SA', submittedAt: '2025-03-13T10:00:00+03:00' }));
    expect(result.dueDate).toBe('2025-03-18'); // Sunday 16, 17, 18
    expect(result.dueAt).toBe('2025-03-18T20:59:59.999Z');
  });

  it('uses the caller’s calendars: a marketplace closure on 12 March moves the reference a day', () => {
    const calendars = { ...CALENDARS, CN: extendCalendar(CN_CALENDAR, { holidays: ['2025-03-12'] }) };
    expect(computeDueDate(input(), { calendars }).dueDate).toBe('2025-03-14');
    expect(computeDueDate(input()).dueDate).toBe('2025-03-13');
  });

  it('takes jurisdictions in any case and instants as epoch milliseconds', () => {
    const reference = computeDueDate(input());
    expect(computeDueDate(input({ jurisdiction: 'cn' }))).toEqual(reference);
    expect(computeDueDate(input({ submittedAt: Date.parse('2025-03-10T02:00:00Z') }))).toEqual(reference);
  });

  it.each(['2025-03-10T10:00:00', '2025-03-10', '10 March 2025', ''])('refuses an instant without an offset: %j', (submittedAt) => {
    expect(() => computeDueDate(input({ submittedAt }))).toThrow(RangeError);
  });
});

describe('pauses', () => {
  it('adds one pause’s business time back: 24 h over Tuesday and Wednesday → due Friday', () => {
    const result = computeDueDate(input({ pauses: [['2025-03-11T12:00:00+08:00', '2025-03-12T12:00:00+08:00']] }));
    expect(result.dueDate).toBe('2025-03-14');
    expect(result.breakdown.pausedMs).toBe(DAY);
    expect(result.breakdown.pausedBusinessMs).toBe(DAY);
  });

  it('gives the day back whole for a short pause: 5 minutes → due a business day later', () => {
    const result = computeDueDate(input({ pauses: [['2025-03-11T12:00:00+08:00', '2025-03-11T12:05:00+08:00']] }));
    expect(result.dueDate).toBe('2025-03-14');
    expect(result.breakdown.pausedMs).toBe(5 * 60_000);
  });

  it('adds back only the business days of a pause over a weekend', () => {
    // Filed Wednesday: due Thursday, Friday, Monday. Paused Friday 00:00 to Monday 00:00.
    const submittedAt = '2025-03-12T10:00:00+08:00';
    expect(dueDateOf({ submittedAt })).toBe('2025-03-17');
    const result = computeDueDate(
      input({ submittedAt, pauses: [['2025-03-14T00:00:00+08:00', '2025-03-17T00:00:00+08:00']] }),
    );
    expect(result.dueDate).toBe('2025-03-18');
    expect(result.breakdown.pausedMs).toBe(3 * DAY);
    expect(result.breakdown.pausedBusinessMs).toBe(DAY);
  });

  it('sums several pauses and counts overlapping time once, in any order', () => {
    const pauses: PauseInterval[] = [
      ['2025-03-12T06:00:00+08:00', '2025-03-12T18:00:00+08:00'],
      ['2025-03-11T06:00:00+08:00', '2025-03-11T18:00:00+08:00'],
      ['2025-03-11T08:00:00+08:00', '2025-03-11T10:00:00+08:00'], // inside the Tuesday pause
    ];
    const result = computeDueDate(input({ pauses }));
    expect(result.dueDate).toBe('2025-03-14');
    expect(result.breakdown.pausedMs).toBe(24 * HOUR);
    expect(result.breakdown.pausedBusinessMs).toBe(24 * HOUR);
    expect(computeDueDate(input({ pauses: [...pauses].reverse() }))).toEqual(result);
  });

  it('costs nothing for a pause before the clock starts or after the period ran out', () => {
    const result = computeDueDate(
      input({
        pauses: [
          ['2025-03-09T00:00:00+08:00', '2025-03-10T12:00:00+08:00'], // begins before the submission
          ['2025-03-10T14:00:00+08:00', '2025-03-10T16:00:00+08:00'], // on the submission day
          ['2025-03-20T10:00:00+08:00', '2025-03-21T10:00:00+08:00'], // after the due date
        ],
      }),
    );
    expect(result.dueDate).toBe('2025-03-13');
    expect(result.breakdown.pausedMs).toBe(4 * HOUR); // 10:00–12:00 and 14:00–16:00 on the submission day
    expect(result.breakdown.pausedBusinessMs).toBe(0);
  });

  it('stops the clock on an open pause: no due date, and the business time still to run', () => {
    const result = computeDueDate(input({ pauses: [['2025-03-12T10:00:00+08:00', null]] }));
    expect(result.dueAt).toBeNull();
    expect(result.dueDate).toBeNull();
    // Tuesday whole and Wednesday until 10:00 ran: 34 h of 72 h.
    expect(result.breakdown.remainingBusinessMs).toBe(38 * HOUR);
    expect(result.breakdown.pausedSince).toBe('2025-03-12T02:00:00.000Z');
    expect(result.breakdown.pausedMs).toBe(0);
    expect(result.breakdown.pausedBusinessMs).toBe(0);
  });

  it('resumes with exactly the time that remained: answered Friday 10:00 → due Monday', () => {
    const result = computeDueDate(input({ pauses: [['2025-03-12T10:00:00+08:00', '2025-03-14T10:00:00+08:00']] }));
    // 38 h remained: Friday 10:00–24:00 (14 h), then Monday (24 h).
    expect(result.dueDate).toBe('2025-03-17');
    expect(result.breakdown.pausedMs).toBe(48 * HOUR);
    expect(result.breakdown.pausedSince).toBeNull();
    expect(result.breakdown.remainingBusinessMs).toBeNull();
  });

  it('keeps the due date when an open pause began after the period ran out', () => {
    const result = computeDueDate(input({ pauses: [['2025-03-14T10:00:00+08:00', null]] }));
    expect(result.dueDate).toBe('2025-03-13');
    expect(result.breakdown.pausedSince).toBeNull();
  });

  it('stops the whole period for an open pause from the submission on', () => {
    const result = computeDueDate(input({ pauses: [['2025-03-10T09:00:00+08:00', null]] }));
    expect(result.dueAt).toBeNull();
    expect(result.breakdown.remainingBusinessMs).toBe(3 * DAY);
    expect(result.breakdown.pausedSince).toBe('2025-03-10T02:00:00.000Z'); // clipped to the submission
  });

  it('counts an earlier closed pause and then stops at the open one', () => {
    const result = computeDueDate(
      input({
        pauses: [
          ['2025-03-11T00:00:00+08:00', '2025-03-11T12:00:00+08:00'],
          ['2025-03-13T00:00:00+08:00', null],
        ],
      }),
    );
    // Tuesday 12 h and Wednesday 24 h ran: 36 h of 72 h remain.
    expect(result.breakdown.remainingBusinessMs).toBe(36 * HOUR);
    expect(result.breakdown.pausedMs).toBe(12 * HOUR);
    expect(result.breakdown.pausedBusinessMs).toBe(12 * HOUR);
  });

  it.each([
    [['2025-03-12T10:00:00+08:00', '2025-03-11T10:00:00+08:00']],
    [['2025-03-12T10:00:00', null]],
  ] as PauseInterval[][])('refuses a malformed pause: %j', (pause) => {
    expect(() => computeDueDate(input({ pauses: [pause] }))).toThrow(RangeError);
  });
});

describe('determinism', () => {
  const busy = input({
    reason: 'design_copied',
    materials: { listings: 120, regionLocated: 50 },
    history: { upheld: 40, rejected: 30, reversed: 2 },
    enhancedReview: true,
    submittedAt: '2025-09-26T23:30:00+08:00',
    pauses: [
      ['2025-09-29T09:00:00+08:00', '2025-10-10T17:00:00+08:00'],
      ['2025-10-13T09:00:00+08:00', '2025-10-13T11:00:00+08:00'],
    ],
  });

  it('gives the same answer for the same input, and leaves the input as it was', () => {
    const frozen = JSON.parse(JSON.stringify(busy)) as DueDateInput;
    const first = computeDueDate(busy);
    const second = computeDueDate(JSON.parse(JSON.stringify(busy)) as DueDateInput);
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(busy).toEqual(frozen);
    // 7 base + 3 batch + 2 unlocated + 2 poor (38 of 70, 54 %) + 3 enhanced.
    expect(first.breakdown.totalBusinessDays).toBe(17);
    expect(first.breakdown.adjustments.map((a) => a.code)).toEqual([
      'batch_size',
      'materials_unlocated',
      'history_poor',
      'enhanced_review',
    ]);
  });

  it('answers in the wire shape', () => {
    const result = computeDueDate(busy);
    expect(DueDateSchema.parse(result)).toEqual(result);
    const open = computeDueDate(input({ pauses: [['2025-03-12T10:00:00+08:00', null]] }));
    expect(DueDateSchema.parse(open)).toEqual(open);
  });

  it('keeps the breakdown summing to the total', () => {
    const { baseBusinessDays, adjustments, totalBusinessDays } = computeDueDate(busy).breakdown;
    expect(baseBusinessDays + adjustments.reduce((sum, a) => sum + a.days, 0)).toBe(totalBusinessDays);
  });
});
