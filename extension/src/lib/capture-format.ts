/** Times and sizes of queued captures in the user's language (the page's i18n language). */

export function formatDateTime(locale: string, epochMs: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(epochMs);
}

/** "in 12 seconds", "in 3 minutes": seconds up to a minute, then minutes, then hours. */
export function formatIn(locale: string, ms: number): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return format.format(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return format.format(minutes, 'minute');
  return format.format(Math.ceil(minutes / 60), 'hour');
}

/** Bytes as kB or MB (decimal units, as browsers' download lists show them). */
export function formatBytes(locale: string, bytes: number): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : bytes >= 1_000 ? [bytes / 1_000, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** A SHA-256 as people compare it by eye: its first and last characters. */
export function shortHash(sha256: string): string {
  return sha256.length > 20 ? `${sha256.slice(0, 10)}…${sha256.slice(-6)}` : sha256;
}
