import { isStaff, LIMITS, type Message, type SyncChanges, type SyncComplaint, type SyncInfoRequest } from '@openipp/shared';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import type { MessageRow, Store } from '../store';
import { toInfoRequest } from './info-requests';

/**
 * The down-sync (issue #7, part 7): what changed for the caller since their
 * cursor — the tenant's complaints and requests for material, the user's own
 * messages — oldest change first.
 *
 * The cursor is the feed's sequence number (store/schema/sync-changes.ts says
 * why a sequence and not a timestamp), wrapped so clients treat it as opaque
 * and a later format can be told apart from this one.
 *
 * Who gets what: complainants (rights holders, agencies) their tenant's
 * complaints and requests and their own messages. A seller's tenant files no
 * complaints, so a seller gets its messages only, by the same rule. Staff get
 * a 404: their work is every tenant's complaints, read in the console's
 * queue, not an inbox to keep offline in a browser.
 */

const CURSOR_PREFIX = 's1.';
const DEFAULT_LIMIT = LIMITS.listPageMax;

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function encodeSyncCursor(seq: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`).toString('base64url');
}

/** The sequence number a cursor stands for; 0 for none. Anything we did not issue is a 400. */
export function decodeSyncCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const text = Buffer.from(cursor, 'base64url').toString();
  const seq = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(seq) || seq < 0 || encodeSyncCursor(seq) !== cursor) {
    throw new AppError('validation_failed', { errors: [{ path: 'cursor', code: 'invalid_cursor', message: 'not a cursor this server issued' }] });
  }
  return seq;
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    kind: row.kind,
    title: { 'zh-CN': row.titleZh, en: row.titleEn },
    body: { 'zh-CN': row.bodyZh, en: row.bodyEn },
    createdAt: iso(row.createdAt),
    readAt: isoOrNull(row.readAt),
  };
}

export async function syncChanges(store: Store, principal: Principal, query: { cursor?: string; limit?: number }): Promise<SyncChanges> {
  if (isStaff(principal.user.role)) throw new AppError('not_found');
  const afterSeq = decodeSyncCursor(query.cursor);
  const limit = query.limit ?? DEFAULT_LIMIT;
  const tenantId = principal.tenant.id;
  // One more than asked, to learn whether another page waits without a second query.
  const changes = await store.listSyncChanges({ scopes: [`tenant:${tenantId}`, `user:${principal.user.id}`], afterSeq, limit: limit + 1 });
  const page = changes.slice(0, limit);
  const idsOf = (kind: (typeof page)[number]['kind']) => page.filter((change) => change.kind === kind).map((change) => change.entityId);

  // Each record is read as it is now, which may be newer than the change that
  // named it: harmless, since a newer change has a higher seq and will be sent
  // again with that state (clients merge by id).
  const [complaintRows, requestRefs, messageRows] = await Promise.all([
    store.syncComplaints(tenantId, idsOf('complaint')),
    store.syncInfoRequestComplaints(tenantId, idsOf('info_request')),
    store.syncMessages(principal.user.id, idsOf('message')),
  ]);

  const complaints = complaintRows.map(({ complaint, right, listings }): SyncComplaint => ({
    id: complaint.id,
    state: complaint.state,
    reason: complaint.reason,
    right,
    listings: listings.map((listing) => ({
      id: listing.id,
      position: listing.position,
      url: listing.url,
      canonicalUrl: listing.canonicalUrl,
      marketplace: listing.marketplace,
      outcome: listing.outcome,
      decidedAt: isoOrNull(listing.decidedAt),
      reversedAt: isoOrNull(listing.reversedAt),
    })),
    createdAt: iso(complaint.createdAt),
    updatedAt: iso(complaint.updatedAt),
    submittedAt: isoOrNull(complaint.submittedAt),
  }));

  // Requests are read per complaint, as the complaint's own view reads them, so both say the same.
  const infoRequests: SyncInfoRequest[] = [];
  const wanted = new Set(requestRefs.map((ref) => ref.id));
  for (const complaintId of new Set(requestRefs.map((ref) => ref.complaintId))) {
    for (const record of await store.listInfoRequests(complaintId)) {
      if (wanted.has(record.request.id)) infoRequests.push({ ...toInfoRequest(record), complaintId });
    }
  }

  const last = page.at(-1);
  return {
    complaints,
    infoRequests,
    messages: messageRows.map(toMessage),
    cursor: encodeSyncCursor(last?.seq ?? afterSeq),
    hasMore: changes.length > limit,
  };
}
