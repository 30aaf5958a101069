import { z } from 'zod';
import {
  CALENDARS,
  DAY_MS,
  addBusinessDays,
  calendarFor,
  compileCalendar,
  fromEpochDay,
  toEpochDay,
  yearOfEpochDay,
  type CalendarTable,
} from '../review/calendar';
import type { Instant } from '../review/due-date';
import { instantMs } from './instant';

/**
 * The counter-notice window (MISSION item 14, issue #6 part 3). From the
 * moment a counter-notice counts as delivered to the complainant, the
 * complainant has this long to show that it complained to the authorities or
 * sued; when the window ends without such proof, restoring the listing is due.
 *
 * Pure and deterministic: no clock is read, every instant must carry its UTC
 * offset, and days are the jurisdiction's local days (fixed offsets from
 * review/calendar.ts).
 */

const positiveDays = z.number().int().min(1).max(366);

export const CounterNoticeRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('natural_days'),
    days: positiveDays,
    /** Where the rule comes from, e.g. `cn_ecommerce_law_art43`; shown to staff beside the date. */
    basis: z.string().min(1).max(100),
  }),
  z
    .strictObject({
      kind: z.literal('business_days'),
      /** The window: the complainant's time to show an action was filed. */
      days: positiveDays,
      /** The last business day by which the listing must be restored, if the law sets one; null if not. */
      latestRestoreDays: positiveDays.nullable(),
      basis: z.string().min(1).max(100),
    })
    .refine((rule) => rule.latestRestoreDays === null || rule.latestRestoreDays >= rule.days, {
      message: 'latestRestoreDays must not be shorter than the window',
    }),
]);
export type CounterNoticeRule = z.infer<typeof CounterNoticeRuleSchema>;

/** China E-Commerce Law Art. 43: 15 days from the counter-notice reaching the complainant — natural days. */
export const CN_ART43_RULE: CounterNoticeRule = { kind: 'natural_days', days: 15, basis: 'cn_ecommerce_law_art43' };

/**
 * DMCA §512(g)(2)(C): the provider puts the material back "not less than 10,
 * nor more than 14, business days following receipt" of the counter notice,
 * unless the claimant first shows it filed an action. The window is the
 * statutory minimum, 10 business days: that is all the time the statute
 * guarantees the claimant, and a longer window would only keep a listing down
 * that the law says should go back up. Business days 11–14 are the platform's
 * latitude to actually restore, reported as `latestRestoreAt` so the review
 * queue can show the hard limit.
 */
export const DMCA_512G_RULE: CounterNoticeRule = {
  kind: 'business_days',
  days: 10,
  latestRestoreDays: 14,
  basis: 'dmca_512g',
};

/** Where no entry matches. */
export const DEFAULT_COUNTER_NOTICE_RULE: CounterNoticeRule = CN_ART43_RULE;

/**
 * One row of the rules table. A row with both a marketplace and a
 * jurisdiction beats one with only a marketplace, which beats one with only a
 * jurisdiction; among equally specific rows the first wins, so callers
 * override the seeded rows by putting theirs in front:
 * `[...mine, ...COUNTER_NOTICE_RULES]`.
 */
export interface CounterNoticeRuleEntry {
  /** A marketplace id from the registry (`amazon`, `taobao`, …), compared case-insensitively. */
  marketplace?: string;
  /** ISO 3166-1 alpha-2, compared case-insensitively. */
  jurisdiction?: string;
  rule: CounterNoticeRule;
}

export const COUNTER_NOTICE_RULES: readonly CounterNoticeRuleEntry[] = [
  { jurisdiction: 'US', rule: DMCA_512G_RULE },
  { jurisdiction: 'CN', rule: CN_ART43_RULE },
];

export interface CounterNoticeWindowInput {
  /** When the counter-notice counts as delivered to the complainant (see delivery-time.ts). */
  deliveredAt: Instant;
  marketplace: string;
  /** The listing's jurisdiction; null for cross-border storefronts (UTC calendar, default rule). */
  jurisdiction: string | null;
}

export interface CounterNoticeWindowOptions {
  /** Replaces `COUNTER_NOTICE_RULES`. */
  rules?: readonly CounterNoticeRuleEntry[];
  /** Replaces `DEFAULT_COUNTER_NOTICE_RULE`. */
  defaultRule?: CounterNoticeRule;
  /** Replaces the seeded `CALENDARS`, e.g. with a US calendar carrying its federal holidays. */
  calendars?: CalendarTable;
}

const isoDateTime = z.iso.datetime({ offset: true });

export const CounterNoticeWindowSchema = z.object({
  deliveredAt: isoDateTime,
  /** Local midnight after delivery: the delivery day itself never counts. */
  startsAt: isoDateTime,
  /** The last millisecond of the window's last day, local time; proof up to and including it is in time. */
  endsAt: isoDateTime,
  /** The window's last day, as a local date in the jurisdiction. */
  endDate: z.iso.date(),
  /** Business-day rules with a statutory limit: the end of the last day to restore by. */
  latestRestoreAt: isoDateTime.nullable(),
  rule: z.object({
    kind: z.enum(['natural_days', 'business_days']),
    days: z.number().int(),
    latestRestoreDays: z.number().int().nullable(),
    basis: z.string(),
    /** The calendar used: the jurisdiction's own, or null for the UTC default. */
    calendar: z.string().nullable(),
    utcOffsetMinutes: z.number().int(),
  }),
  /** A business-day window reaches a year whose holidays are not fully known. Natural days never are. */
  provisional: z.boolean(),
});
export type CounterNoticeWindow = z.infer<typeof CounterNoticeWindowSchema>;

/** The most specific matching rule; the default when no row matches. */
export function counterNoticeRuleFor(
  marketplace: string,
  jurisdiction: string | null,
  options: Pick<CounterNoticeWindowOptions, 'rules' | 'defaultRule'> = {},
): CounterNoticeRule {
  const market = marketplace.toLowerCase();
  const country = jurisdiction?.toUpperCase() ?? null;
  let best: CounterNoticeRuleEntry | null = null;
  let bestScore = 0;
  for (const entry of options.rules ?? COUNTER_NOTICE_RULES) {
    if (entry.marketplace === undefined && entry.jurisdiction === undefined) continue;
    if (entry.marketplace !== undefined && entry.marketplace.toLowerCase() !== market) continue;
    if (entry.jurisdiction !== undefined && entry.jurisdiction.toUpperCase() !== country) continue;
    const score = (entry.marketplace !== undefined ? 2 : 0) + (entry.jurisdiction !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }
  return best?.rule ?? options.defaultRule ?? DEFAULT_COUNTER_NOTICE_RULE;
}

/**
 * The window. The delivery day never counts, whatever the hour; the window
 * ends at the end of its last day in the jurisdiction's local time:
 * - natural days: the `days`-th calendar day after the delivery day, weekends
 *   and holidays included (Art. 43 says days, not working days);
 * - business days: the `days`-th business day after it, on the jurisdiction's
 *   business-day calendar.
 * Rules that come from configuration are validated here, so a broken row is a
 * RangeError rather than a silently wrong date.
 */
export function counterNoticeWindow(
  input: CounterNoticeWindowInput,
  options: CounterNoticeWindowOptions = {},
): CounterNoticeWindow {
  const parsed = CounterNoticeRuleSchema.safeParse(counterNoticeRuleFor(input.marketplace, input.jurisdiction, options));
  if (!parsed.success) throw new RangeError(`invalid counter-notice rule: ${parsed.error.message}`);
  const rule = parsed.data;

  const table = options.calendars ?? CALENDARS;
  const calendarKey = input.jurisdiction === null ? null : input.jurisdiction.toUpperCase();
  const calendar = calendarFor(calendarKey, table);
  const offsetMs = calendar.utcOffsetMinutes * 60_000;

  const delivered = instantMs(input.deliveredAt, 'deliveredAt');
  const deliveryDay = Math.floor((delivered + offsetMs) / DAY_MS);
  const endOf = (day: number): string => new Date((day + 1) * DAY_MS - offsetMs - 1).toISOString();

  let lastDay: number;
  let restoreDay: number | null = null;
  let provisional = false;
  if (rule.kind === 'natural_days') {
    lastDay = deliveryDay + rule.days;
  } else {
    const from = fromEpochDay(deliveryDay);
    lastDay = toEpochDay(addBusinessDays(calendar, from, rule.days));
    if (rule.latestRestoreDays !== null) restoreDay = toEpochDay(addBusinessDays(calendar, from, rule.latestRestoreDays));
    const cal = compileCalendar(calendar);
    for (let year = yearOfEpochDay(deliveryDay), last = yearOfEpochDay(restoreDay ?? lastDay); year <= last; year++) {
      if (!cal.isScheduledYear(year)) provisional = true;
    }
  }

  return {
    deliveredAt: new Date(delivered).toISOString(),
    startsAt: new Date((deliveryDay + 1) * DAY_MS - offsetMs).toISOString(),
    endsAt: endOf(lastDay),
    endDate: fromEpochDay(lastDay),
    latestRestoreAt: restoreDay === null ? null : endOf(restoreDay),
    rule: {
      kind: rule.kind,
      days: rule.days,
      latestRestoreDays: rule.kind === 'business_days' ? rule.latestRestoreDays : null,
      basis: rule.basis,
      calendar: calendarKey !== null && table[calendarKey] !== undefined ? calendarKey : null,
      utcOffsetMinutes: calendar.utcOffsetMinutes,
    },
    provisional,
  };
}

/** Whether proof filed at `at` is in time (the window's last millisecond included): false means `window_closed`. */
export function isWithinCounterNoticeWindow(window: Pick<CounterNoticeWindow, 'endsAt'>, at: Instant): boolean {
  return instantMs(at, 'at') <= Date.parse(window.endsAt);
}
