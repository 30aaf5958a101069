import type { Instant } from '../review/due-date';

// An offset is required: Date.parse reads "2025-03-10T10:00" as the machine's
// local time, and the same notice must count as delivered at the same instant
// on every machine.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an ISO 8601 instant with an offset, or of epoch ms; a RangeError otherwise. */
export function instantMs(value: Instant, name: string): number {
  const ms = typeof value === 'number' ? value : ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not an ISO 8601 instant with an offset: ${value}`);
  return ms;
}
