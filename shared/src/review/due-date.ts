import { z } from 'zod';
import type { ComplaintListing, ReasonCode } from '../schemas/complaint';
import type { ComplainantStats } from '../schemas/complaint-api';
import {
  CALENDARS,
  DAY_MS,
  MAX_DAYS_OFF,
  calendarFor,
  compileCalendar,
  fromEpochDay,
  yearOfEpochDay,
  type CalendarTable,
} from './calendar';

/**
 * The "reasonable period" within which a complaint is decided (MISSION items
 * 9–11, issue #5 part 1). The period is a number of business days set by the
 * reason, the completeness of the materials and the complainant's record; it
 * runs on the jurisdiction's business-day calendar, and stands still while the
 * complaint waits for supplementary material. The breakdown lists every step so
 * a reviewer, or the complainant, can see why the date is what it is.
 *
 * Pure and deterministic: no clock is read, every instant must carry its UTC
 * offset, and the day loop works on integer day numbers only.
 */

/** Every figure of the period, in business days. One table so the policy is reviewed in one place. */
export const DUE_DATE_RULES = {
  /**
   * Where each reason starts. Counterfeits and copied images or texts are
   * usually visible side by side on the capture, and a counterfeit's harm goes
   * on while it is listed. Trademark misuse asks whether a use is descriptive
   * or referential. A design is compared with the registered views; a patent
   * claim needs its claims read against the product, the judgement MISSION
   * item 12 warns may exceed a platform's competence, so it gets the longest.
   */
  baseBusinessDays: {
    counterfeit: 3,
    trademark_misuse: 5,
    image_copied: 3,
    text_copied: 3,
    copyright_other: 5,
    patent_infringement: 10,
    design_copied: 7,
  } satisfies { readonly [R in ReasonCode]: number },
  /** A reviewer works this many listings within the base period… */
  includedListings: 10,
  /** …and each further started block of this many adds a day (300 listings: +6). */
  listingsPerExtraDay: 50,
  /** Some listings lack a region-located, verified capture: the reviewer must find the spot. */
  unlocatedSomeDays: 1,
  /** More than half of them lack one. */
  unlocatedMostDays: 2,
  /**
   * The record counts decided listings; a listing upheld and later reversed
   * after a counter-notice counts against the complainant. A poor record is
   * judged on fewer decisions than a good one is earned on: trust is slow to
   * give and quick to withdraw.
   */
  poorMinDecided: 10,
  /** Below this share of sustained listings (percent) the record is poor… */
  poorBelowPercent: 60,
  poorDays: 2,
  /** …and below this, bad. */
  badBelowPercent: 30,
  badDays: 4,
  goodMinDecided: 20,
  goodFromPercent: 90,
  goodDays: -1,
  trustedMinDecided: 200,
  trustedFromPercent: 95,
  trustedDays: -2,
  /** The enhanced-review sanction: a mandatory second look takes time. */
  enhancedReviewDays: 3,
} as const;

/** How complete the materials are, as the period needs it. `materialsOf` derives it from the listings. */
export interface MaterialsCompleteness {
  /** Listings named in the complaint. */
  listings: number;
  /** Of those, listings whose infringing spot is marked as a region on a verified capture. */
  regionLocated: number;
}

export function materialsOf(listings: readonly ComplaintListing[]): MaterialsCompleteness {
  let regionLocated = 0;
  for (const listing of listings) {
    if (listing.location?.kind === 'region' && listing.verifiedCaptureIds.length > 0) regionLocated++;
  }
  return { listings: listings.length, regionLocated };
}

/**
 * The complainant's record. Shaped after `ComplainantStats.listings`, so that
 * `stats.listings` can be passed as it is; as there, `reversed` listings are
 * also counted in `upheld`.
 */
export type ComplainantRecord = Pick<ComplainantStats['listings'], 'upheld' | 'rejected' | 'reversed'>;

/** An ISO 8601 date-time with `Z` or an explicit offset, or epoch milliseconds. */
export type Instant = string | number;

/** The complaint waited for supplementary material from `pausedAt` until `resumedAt`; null while it still waits. */
export type PauseInterval = readonly [pausedAt: Instant, resumedAt: Instant | null];

export interface ReviewPeriodInput {
  reason: ReasonCode;
  materials: MaterialsCompleteness;
  history: ComplainantRecord;
  /** The complainant is under the enhanced-review sanction (MISSION item 15). */
  enhancedReview: boolean;
}

export interface DueDateInput extends ReviewPeriodInput {
  /** ISO 3166-1 alpha-2 code of the listings' jurisdiction; null when there is none (cross-border sites). */
  jurisdiction: string | null;
  submittedAt: Instant;
  pauses: readonly PauseInterval[];
}

export interface DueDateOptions {
  /** Calendars to use instead of the seeded `CALENDARS`, e.g. extended with a marketplace's own closures. */
  calendars?: CalendarTable;
}

export const DUE_DATE_ADJUSTMENT_CODES = [
  'batch_size',
  'materials_unlocated',
  'history_good',
  'history_poor',
  'enhanced_review',
] as const;
export const DueDateAdjustmentCodeSchema = z.enum(DUE_DATE_ADJUSTMENT_CODES);
export type DueDateAdjustmentCode = z.infer<typeof DueDateAdjustmentCodeSchema>;

/** One step from the base period; `code` doubles as an i18n key, `params` fill its placeholders. */
export const DueDateAdjustmentSchema = z.object({
  code: DueDateAdjustmentCodeSchema,
  /** Business days added (negative: taken off). */
  days: z.number().int(),
  params: z.record(z.string(), z.number()),
});
export type DueDateAdjustment = z.infer<typeof DueDateAdjustmentSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

export const DueDateBreakdownSchema = z.object({
  /** The calendar used: the jurisdiction's own, or null for the UTC default. */
  calendar: z.string().nullable(),
  utcOffsetMinutes: z.number().int(),
  baseBusinessDays: z.number().int(),
  adjustments: z.array(DueDateAdjustmentSchema),
  /** baseBusinessDays plus every adjustment's days. */
  totalBusinessDays: z.number().int(),
  /** Local midnight after the submission: the submission day itself never counts. */
  clockStartsAt: isoDateTime,
  /** Wall-clock time the complaint waited for material between submission and the due date (or the open pause). */
  pausedMs: z.number().int(),
  /** Of that, the time that fell on business days: what the pauses added to the period. */
  pausedBusinessMs: z.number().int(),
  /** When the complaint started waiting, if it still waits and the period had not run out before. */
  pausedSince: isoDateTime.nullable(),
  /** Business time still to run once the open pause ends; null when not stopped. */
  remainingBusinessMs: z.number().int().nullable(),
  /** The period reaches a year whose holidays are not fully known: an unlisted holiday could still move it. */
  provisional: z.boolean(),
});
export type DueDateBreakdown = z.infer<typeof DueDateBreakdownSchema>;

export const DueDateSchema = z.object({
  /**
   * The last millisecond of the last business day, in the jurisdiction's
   * time: shown in that zone it reads as the due day itself, not as the next
   * midnight. null while an open pause has stopped the clock: the date then
   * depends on when the complainant answers, which no pure function can know.
   */
  dueAt: isoDateTime.nullable(),
  /** The last business day, as a local date in the jurisdiction. */
  dueDate: z.iso.date().nullable(),
  breakdown: DueDateBreakdownSchema,
});
export type DueDate = z.infer<typeof DueDateSchema>;

/** The period in business days, before any calendar: base, adjustments, total. */
export function reviewPeriod(
  input: ReviewPeriodInput,
): Pick<DueDateBreakdown, 'baseBusinessDays' | 'adjustments' | 'totalBusinessDays'> {
  const rules = DUE_DATE_RULES;
  const { materials, history } = input;
  requireCount(materials.listings, 'materials.listings');
  requireCount(materials.regionLocated, 'materials.regionLocated');
  if (materials.regionLocated > materials.listings) throw new RangeError('materials.regionLocated exceeds materials.listings');
  requireCount(history.upheld, 'history.upheld');
  requireCount(history.rejected, 'history.rejected');
  requireCount(history.reversed, 'history.reversed');

  const base = rules.baseBusinessDays[input.reason];
  const adjustments: DueDateAdjustment[] = [];

  const extraListings = materials.listings - rules.includedListings;
  if (extraListings > 0) {
    adjustments.push({
      code: 'batch_size',
      days: Math.ceil(extraListings / rules.listingsPerExtraDay),
      params: { listings: materials.listings },
    });
  }

  const unlocated = materials.listings - materials.regionLocated;
  if (unlocated > 0) {
    adjustments.push({
      code: 'materials_unlocated',
      days: unlocated * 2 > materials.listings ? rules.unlocatedMostDays : rules.unlocatedSomeDays,
      params: { unlocated, listings: materials.listings },
    });
  }

  // Integer comparisons (sustained·100 against percent·decided) so that a
  // share exactly on a threshold lands the same way on every engine.
  const decided = history.upheld + history.rejected;
  const sustained = history.upheld - Math.min(history.reversed, history.upheld);
  const params = { decided, sustained, upheldPercent: decided === 0 ? 0 : Math.floor((sustained * 100) / decided) };
  const below = (percent: number): boolean => sustained * 100 < percent * decided;
  if (decided >= rules.poorMinDecided && below(rules.poorBelowPercent)) {
    adjustments.push({
      code: 'history_poor',
      days: below(rules.badBelowPercent) ? rules.badDays : rules.poorDays,
      params,
    });
  } else if (!input.enhancedReview) {
    // A sanctioned complainant is not fast-tracked, whatever the numbers: the
    // sanction says the record does not tell the whole story.
    if (decided >= rules.trustedMinDecided && !below(rules.trustedFromPercent)) {
      adjustments.push({ code: 'history_good', days: rules.trustedDays, params });
    } else if (decided >= rules.goodMinDecided && !below(rules.goodFromPercent)) {
      adjustments.push({ code: 'history_good', days: rules.goodDays, params });
    }
  }

  if (input.enhancedReview) adjustments.push({ code: 'enhanced_review', days: rules.enhancedReviewDays, params: {} });

  // The shortest base (3) less the largest reduction (2) leaves 1: the table
  // cannot produce an empty period, and a test holds it to that.
  const total = adjustments.reduce((sum, adjustment) => sum + adjustment.days, base);
  return { baseBusinessDays: base, adjustments, totalBusinessDays: total };
}

/**
 * The due date. Rules, in the order they apply:
 * - The submission day never counts (whatever the hour), and neither do
 *   weekends and holidays: the period is that many whole business days after
 *   the submission, due at the end of the last one, local time.
 * - Waiting for material stops the clock, to the millisecond: the time a pause
 *   takes out of business days is added back, and the due date is the end of
 *   the business day on which the period has then fully run. So any pause on a
 *   business day, however short, moves the due date by at least one business
 *   day — the reviewer gets the day back whole. Overlapping pauses count once;
 *   time before the submission or on weekends and holidays costs nothing.
 * - An open pause (resumedAt null) stops the clock for good: `dueAt` is null
 *   and the breakdown says how much business time remains. The caller records
 *   the resumption and computes again. If the period ran out before the open
 *   pause began, the complaint was already due and that date stands.
 */
export function computeDueDate(input: DueDateInput, options: DueDateOptions = {}): DueDate {
  const period = reviewPeriod(input);
  const table = options.calendars ?? CALENDARS;
  const calendarKey = input.jurisdiction === null ? null : input.jurisdiction.toUpperCase();
  const calendar = calendarFor(calendarKey, table);
  const cal = compileCalendar(calendar);

  const submitted = instantMs(input.submittedAt, 'submittedAt');
  const pauses = mergePauses(input.pauses, submitted);
  const firstDay = Math.floor((submitted + cal.offsetMs) / DAY_MS) + 1;
  const clockStart = firstDay * DAY_MS - cal.offsetMs;
  const budget = period.totalBusinessDays * DAY_MS;

  let consumed = 0;
  let pausedBusinessMs = 0;
  let next = 0; // first pause that may still overlap the current day
  let daysOff = 0;
  let day = firstDay;
  let due: number | null = null;
  let openPause: number | null = null;
  for (; ; day++) {
    const start = day * DAY_MS - cal.offsetMs;
    const end = start + DAY_MS;
    while (next < pauses.length && pauses[next]!.end <= start) next++;
    if (!cal.isBusinessDay(day)) {
      if (++daysOff > MAX_DAYS_OFF) throw new RangeError(`no business day within ${MAX_DAYS_OFF} days`);
      continue;
    }
    daysOff = 0;
    let paused = 0;
    let openHere: number | null = null;
    for (let i = next; i < pauses.length && pauses[i]!.start < end; i++) {
      const pause = pauses[i]!;
      paused += Math.min(pause.end, end) - Math.max(pause.start, start);
      if (pause.end === Infinity) openHere = pause.start;
    }
    pausedBusinessMs += paused;
    consumed += DAY_MS - paused;
    if (consumed >= budget) {
      due = day;
      break;
    }
    if (openHere !== null) {
      // The open pause is reported as pausedSince, not yet as time added.
      pausedBusinessMs -= end - Math.max(openHere, start);
      openPause = openHere;
      break;
    }
  }

  const limit = due !== null ? (due + 1) * DAY_MS - cal.offsetMs : (openPause as number);
  let pausedMs = 0;
  for (const pause of pauses) pausedMs += Math.max(0, Math.min(pause.end, limit) - pause.start);

  let provisional = false;
  for (let year = yearOfEpochDay(firstDay), last = yearOfEpochDay(day); year <= last; year++) {
    if (!cal.isScheduledYear(year)) provisional = true;
  }

  return {
    dueAt: due === null ? null : new Date(limit - 1).toISOString(),
    dueDate: due === null ? null : fromEpochDay(due),
    breakdown: {
      calendar: calendarKey !== null && table[calendarKey] !== undefined ? calendarKey : null,
      utcOffsetMinutes: calendar.utcOffsetMinutes,
      ...period,
      clockStartsAt: new Date(clockStart).toISOString(),
      pausedMs,
      pausedBusinessMs,
      pausedSince: openPause === null ? null : new Date(openPause).toISOString(),
      remainingBusinessMs: openPause === null ? null : budget - consumed,
      provisional,
    },
  };
}

function requireCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer: ${value}`);
}

// An offset is required: Date.parse reads "2025-03-10T10:00" as the machine's
// local time, and the same complaint must get the same date on every machine.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function instantMs(value: Instant, name: string): number {
  const ms = typeof value === 'number' ? value : ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not an ISO 8601 instant with an offset: ${value}`);
  return ms;
}

interface Span {
  start: number;
  /** Infinity while still paused. */
  end: number;
}

/** Sorted, disjoint pause spans, clipped to the submission: overlaps and touching pauses are merged. */
function mergePauses(pauses: readonly PauseInterval[], submitted: number): Span[] {
  const spans: Span[] = [];
  for (const [index, [pausedAt, resumedAt]] of pauses.entries()) {
    const start = instantMs(pausedAt, `pauses[${index}].pausedAt`);
    const end = resumedAt === null ? Infinity : instantMs(resumedAt, `pauses[${index}].resumedAt`);
    if (end < start) throw new RangeError(`pauses[${index}] resumes before it pauses`);
    if (end > submitted) spans.push({ start: Math.max(start, submitted), end });
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
