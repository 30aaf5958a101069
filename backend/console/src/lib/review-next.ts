import type { QueueItem } from '@openipp/shared';
import type { ApiClient } from './api';
import type { QueueFilters } from './review-filters';

const PAGE_SIZE = 50;
/** Pages read looking for the complaint now open; past that, the queue's head is as good a next as any. */
const MAX_PAGES = 4;

/** A complaint this reviewer can take: nobody holds it, or the reviewer does. */
const workable = (item: QueueItem, userId: string): boolean => item.claim === null || item.claim.reviewer.id === userId;

/**
 * The complaint to open after the current one ("Submit & Next", and n to
 * skip), in the queue's own order under the same filters. When the current
 * complaint has left the queue (decided, or waiting for material) the first
 * workable one is next; when it is still queued (skipped, or a decision that
 * was only a proposal) the first workable one after it is, wrapping round to
 * the head rather than ending the round while others still wait.
 * null: nothing left to take.
 */
export async function findNextComplaint(
  api: ApiClient,
  filters: QueueFilters,
  current: { id: string; stillQueued: boolean },
  userId: string,
): Promise<string | null> {
  const seen: QueueItem[] = [];
  const other = (item: QueueItem) => item.id !== current.id && workable(item, userId);
  let cursor: string | undefined;
  let currentAt = -1;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.reviewQueue({ ...filters, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) });
    seen.push(...result.items);
    if (!current.stillQueued) {
      const head = seen.find(other);
      if (head) return head.id;
    } else {
      if (currentAt === -1) currentAt = seen.findIndex((item) => item.id === current.id);
      const after = currentAt === -1 ? undefined : seen.slice(currentAt + 1).find(other);
      if (after) return after.id;
    }
    if (result.nextCursor === undefined) break;
    cursor = result.nextCursor;
  }
  return seen.find(other)?.id ?? null;
}
