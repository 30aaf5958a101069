import type { Complaint, InfoRequest, Message, SyncChanges } from '@openipp/shared';

/**
 * GET /api/sync/changes for the backend double: the server's change feed
 * emulated over the double's plain arrays. Each answer first compares every
 * record with how it looked when last numbered and gives the changed ones the
 * next sequence numbers, as the server's triggers would at write time; then it
 * serves what lies beyond the cursor, oldest change first.
 */
export interface SyncFeed {
  /** Every cursor a client sent (null: none), in order, so tests see where a pull resumed. */
  cursors: (string | null)[];
  answer(query: URLSearchParams, records: { complaints: Complaint[]; infoRequests: Map<string, InfoRequest[]>; messages: Message[] }): SyncChanges;
}

type Entry = { seq: number; fingerprint: string; kind: 'complaint' | 'info_request' | 'message'; id: string };

export function createSyncFeed(): SyncFeed {
  const entries = new Map<string, Entry>();
  let seq = 0;
  const cursors: (string | null)[] = [];

  const note = (kind: Entry['kind'], id: string, record: unknown) => {
    const fingerprint = JSON.stringify(record);
    const key = `${kind}:${id}`;
    if (entries.get(key)?.fingerprint === fingerprint) return;
    entries.set(key, { seq: (seq += 1), fingerprint, kind, id });
  };

  return {
    cursors,
    answer(query, { complaints, infoRequests, messages }) {
      for (const complaint of complaints) note('complaint', complaint.id, complaint);
      for (const [, list] of infoRequests) for (const request of list) note('info_request', request.id, request);
      for (const message of messages) note('message', message.id, message);

      const cursor = query.get('cursor');
      cursors.push(cursor);
      const after = cursor === null ? 0 : Number(cursor.replace(/^c/, ''));
      const limit = Number(query.get('limit') ?? 100);
      const pending = [...entries.values()].filter((entry) => entry.seq > after).sort((a, b) => a.seq - b.seq);
      const page = pending.slice(0, limit);
      const changes: SyncChanges = { complaints: [], infoRequests: [], messages: [], cursor: `c${page.at(-1)?.seq ?? after}`, hasMore: pending.length > limit };
      for (const entry of page) {
        if (entry.kind === 'complaint') {
          const complaint = complaints.find((c) => c.id === entry.id)!;
          changes.complaints.push({
            id: complaint.id,
            state: complaint.state,
            reason: complaint.reason,
            right: complaint.right,
            listings: complaint.listings.map(({ id, position, url, canonicalUrl, marketplace, outcome }) => ({
              id,
              position,
              url,
              canonicalUrl,
              marketplace,
              outcome,
              decidedAt: null,
              reversedAt: null,
            })),
            createdAt: complaint.createdAt,
            updatedAt: complaint.updatedAt,
            submittedAt: complaint.submittedAt,
          });
        } else if (entry.kind === 'info_request') {
          for (const [complaintId, list] of infoRequests) {
            const request = list.find((r) => r.id === entry.id);
            if (request) changes.infoRequests.push({ ...request, complaintId });
          }
        } else {
          changes.messages.push(messages.find((m) => m.id === entry.id)!);
        }
      }
      return changes;
    },
  };
}
