import { PaperLetterRequestSchema, paperCountsAsDeliveredAt, type PaperLetterRequest } from '@openipp/shared';
import { zonedInputToIso } from './local-time';

/**
 * A paper letter as staff record it (issue #6 part 4, MISSION item 16): the
 * notice it carries, the address, when it was posted and its tracking number.
 * The posting time is typed as read off the receipt, in the admin's own zone,
 * and sent as an instant; the server reckons "delivered" from it.
 */
export interface PaperLetterDraft {
  noticeRef: string;
  address: string;
  /** A datetime-local value, wall-clock time in the form's zone. */
  postedAt: string;
  trackingNumber: string;
}

export type PaperLetterField = keyof PaperLetterDraft;

export type PaperLetterCheck = { request: PaperLetterRequest; missing?: undefined } | { request?: undefined; missing: PaperLetterField[] };

const FIELDS: readonly PaperLetterField[] = ['noticeRef', 'address', 'postedAt', 'trackingNumber'];

/** The request, checked with the server's own schema; otherwise the fields still wrong, in form order. */
export function paperLetterRequest(draft: PaperLetterDraft, timeZone: string): PaperLetterCheck {
  const postedAt = zonedInputToIso(draft.postedAt, timeZone);
  const parsed = PaperLetterRequestSchema.safeParse({ noticeRef: draft.noticeRef, address: draft.address, postedAt: postedAt ?? '', trackingNumber: draft.trackingNumber });
  if (parsed.success) return { request: parsed.data };
  const wrong = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  return { missing: FIELDS.filter((field) => wrong.has(field)) };
}

/** When the letter will count as delivered, by the same shared rule the server applies; undefined until the posting time is valid. */
export function previewCountsAsDelivered(draft: Pick<PaperLetterDraft, 'postedAt'>, timeZone: string): string | undefined {
  const postedAt = zonedInputToIso(draft.postedAt, timeZone);
  return postedAt === undefined ? undefined : paperCountsAsDeliveredAt(postedAt);
}
