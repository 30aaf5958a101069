import { DAY_MS } from '../review/calendar';
import type { Instant } from '../review/due-date';
import { CN_CALENDAR } from '../review/holidays-cn';
import { instantMs } from './instant';

/**
 * When a notice counts as delivered (MISSION item 16, issue #6 part 4). Every
 * deadline that runs from delivery — the counter-notice window, a request for
 * supplementary material — starts from this instant, so both rules live here.
 */

/** A posted letter counts as delivered on this natural day after posting. */
export const PAPER_DELIVERY_DAYS = 5;

/**
 * Paper is reckoned in the Asia/Shanghai calendar (UTC+8, no daylight saving):
 * letters are posted from mainland China, and its post-mark date is the local
 * date. Taken from the CN calendar so the two can never disagree.
 */
export const PAPER_UTC_OFFSET_MINUTES = CN_CALENDAR.utcOffsetMinutes;

/**
 * An electronic notice (e-mail, SMS, in-site message) counts as delivered when
 * it was sent successfully — not when it is read, which we cannot know. Kept
 * as a function so every channel's "counts as delivered" is computed in one
 * module and normalised the same way (UTC ISO, offset required on input).
 */
export function electronicCountsAsDeliveredAt(sentAt: Instant): string {
  return new Date(instantMs(sentAt, 'sentAt')).toISOString();
}

/**
 * The instant a posted letter counts as delivered: 00:00 Asia/Shanghai at the
 * start of the fifth natural day after the posting day.
 * - The posting day itself never counts, whatever the hour: a letter posted at
 *   23:59 and one posted at 00:00 the same local day are delivered on the same
 *   day. Shanghai's date decides, not UTC's.
 * - Natural days: weekends and public holidays (Spring Festival included) are
 *   counted, and a fifth day falling on a holiday is not moved.
 * - The start of that day, not its end or the posting hour: the letter is
 *   deemed to be in the recipient's hands on that day, and day-counted
 *   deadlines "from delivery" exclude the delivery day anyway, so any hour of
 *   the fifth day gives the same deadline in the Shanghai calendar. The start
 *   is the one instant that makes "delivered?" true for the whole fifth day
 *   and keeps the record free of an arbitrary hour.
 */
export function paperCountsAsDeliveredAt(postedAt: Instant): string {
  const offsetMs = PAPER_UTC_OFFSET_MINUTES * 60_000;
  const postedDay = Math.floor((instantMs(postedAt, 'postedAt') + offsetMs) / DAY_MS);
  return new Date((postedDay + PAPER_DELIVERY_DAYS) * DAY_MS - offsetMs).toISOString();
}
