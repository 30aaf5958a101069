/**
 * The review queue (issue #5 part 2): submitted and in-review complaints,
 * overdue first, then by due date, then by id, a keyset page at a time.
 */
import type { QueueItem, QueuePage, QueueQuery } from '@openipp/shared';
import { AppError } from '../../lib/app-error';
import type { Principal } from '../../lib/context';
import type { ReviewQueueRow, Store } from '../../store';
import { requireStaff, toClaim } from './claims';

export const QUEUE_PAGE_DEFAULT = 50;
const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A queue item carries the complaint's `updatedAt` too: it is what a bulk
 * action sends back as `seen`, so a selection made from the queue can be
 * checked for staleness without opening each complaint.
 */
export type ReviewQueueItem = QueueItem & { updatedAt: string };
export type ReviewQueuePage = Omit<QueuePage, 'items'> & { items: ReviewQueueItem[] };

/**
 * The keyset is the sort key of the last row: [overdue, due date, id]. Due
 * dates order overdue complaints ahead of the rest by themselves (overdue
 * means due before now), so the store seeks on (due date, id); the flag makes
 * the cursor state the sort as the reviewer sees it and is checked on the way
 * back in.
 */
export function encodeQueueCursor(item: { overdue: boolean; dueAt: number; id: string }): string {
  return Buffer.from(JSON.stringify([item.overdue ? 1 : 0, item.dueAt, item.id])).toString('base64url');
}

export function decodeQueueCursor(cursor: string): { overdue: boolean; dueAt: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && (value[0] === 0 || value[0] === 1) && Number.isSafeInteger(value[1]) && typeof value[2] === 'string') {
      return { overdue: value[0] === 1, dueAt: value[1] as number, id: value[2] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new AppError('validation_failed', { errors: [{ path: 'cursor', code: 'invalid_format', message: 'not a cursor returned by this API' }] });
}

function toItem(row: ReviewQueueRow, now: number): ReviewQueueItem {
  const { complaint } = row;
  // Queue states always carry both: filing sets submitted_at, and every move recomputes due_at.
  const submittedAt = complaint.submittedAt ?? complaint.updatedAt;
  const dueAt = complaint.dueAt ?? submittedAt;
  return {
    id: complaint.id,
    tenant: { id: complaint.tenantId, name: row.tenantName },
    state: complaint.state as QueueItem['state'],
    reason: complaint.reason,
    rightType: row.rightType,
    marketplaces: row.marketplaces,
    listingCount: row.listingCount,
    submittedAt: iso(submittedAt),
    dueAt: iso(dueAt),
    overdue: dueAt < now,
    ageHours: Math.max(0, Math.floor((now - submittedAt) / HOUR_MS)),
    risk: row.risk ?? 'low',
    claim: row.claim === null ? null : toClaim(row.claim),
    updatedAt: iso(complaint.updatedAt),
  };
}

export async function reviewQueue(store: Store, actor: Principal, query: QueueQuery, now = Date.now()): Promise<ReviewQueuePage> {
  requireStaff(actor);
  const limit = query.limit ?? QUEUE_PAGE_DEFAULT;
  const after = query.cursor === undefined ? undefined : decodeQueueCursor(query.cursor);
  // One extra row tells whether another page exists without a count query.
  const rows = await store.reviewQueue({
    now,
    limit: limit + 1,
    ...(after ? { after: { dueAt: after.dueAt, id: after.id } } : {}),
    ...(query.overdue === 'true' ? { dueBefore: now } : query.overdue === 'false' ? { dueFrom: now } : {}),
    state: query.state ?? null,
    reason: query.reason ?? null,
    rightType: query.rightType ?? null,
    marketplace: query.marketplace ?? null,
    risk: query.risk ?? null,
  });
  const items = rows.slice(0, limit).map((row) => toItem(row, now));
  const last = items.at(-1);
  return {
    items,
    ...(rows.length > limit && last ? { nextCursor: encodeQueueCursor({ overdue: last.overdue, dueAt: Date.parse(last.dueAt), id: last.id }) } : {}),
  };
}
