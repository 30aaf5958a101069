/**
 * Wall-clock times in a named time zone, for forms where staff type a date
 * and time as they read it off a receipt (a letter's posting time). The
 * browser's datetime-local input gives no zone; the server wants an instant
 * with its offset, so the zone is applied here, explicitly, and shown beside
 * the field.
 */

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/u;

/** The zone this browser shows times in, e.g. "Asia/Shanghai". */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The instant's wall-clock reading in `timeZone`, as if that reading were UTC (its difference to `ms` is the zone's offset then). */
function wallClockMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((found) => found.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

/**
 * A datetime-local value ("2026-12-01T10:30") read as wall-clock time in
 * `timeZone`, as a UTC ISO instant; undefined when it is not such a value.
 * The zone's offset is taken at the instant itself, so a time just after a
 * daylight-saving change gets the new offset.
 */
export function zonedInputToIso(value: string, timeZone: string): string | undefined {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Only a real calendar date survives the round trip (no 31 November).
  if (new Date(wall).getUTCDate() !== day) return undefined;
  let instant = wall - (wallClockMs(wall, timeZone) - wall);
  instant = wall - (wallClockMs(instant, timeZone) - instant);
  return new Date(instant).toISOString();
}

/** An instant as a datetime-local value in `timeZone`, minutes only: the form's starting value. */
export function isoToZonedInput(iso: string, timeZone: string): string {
  return new Date(wallClockMs(Date.parse(iso), timeZone)).toISOString().slice(0, 16);
}

/** An instant with its date, time and zone as read in `timeZone`. */
export function formatZoned(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', timeZone }).format(new Date(iso));
}
