/**
 * Prepared statements for the down-sync (issue #7, part 7): the change feed
 * written by the triggers of migration 0013, and the changed records, each
 * read by tenant or user as well as by id.
 */
import { and, asc, eq, sql, type AnyColumn } from 'drizzle-orm';
import type { Db } from './queries';
import * as schema from './schema';
import type { SyncReader } from './types';

const { complaintListings, complaints, infoRequests, messages, rights, syncChanges } = schema;

const p = sql.placeholder;
// json_each keeps one prepared statement for any number of ids or scopes.
const inJson = (column: AnyColumn, name: string) => sql`${column} in (select value from json_each(${p(name)}))`;

export function createSyncReader(db: Db): SyncReader {
  const q = {
    // The (scope, seq) index serves each scope; two scopes (tenant and user) merge in a small sort.
    changes: db
      .select({ kind: syncChanges.kind, entityId: syncChanges.entityId, seq: syncChanges.seq })
      .from(syncChanges)
      .where(and(inJson(syncChanges.scope, 'scopes'), sql`${syncChanges.seq} > ${p('afterSeq')}`))
      .orderBy(asc(syncChanges.seq))
      .limit(p('limit'))
      .prepare(),
    complaints: db
      .select({ complaint: complaints, right: { id: rights.id, type: rights.type, registrationNumber: rights.registrationNumber } })
      .from(complaints)
      .leftJoin(rights, eq(rights.id, complaints.rightId))
      .where(and(eq(complaints.tenantId, p('tenantId')), inJson(complaints.id, 'ids')))
      .prepare(),
    listings: db
      .select()
      .from(complaintListings)
      .where(and(eq(complaintListings.tenantId, p('tenantId')), inJson(complaintListings.complaintId, 'ids')))
      .orderBy(asc(complaintListings.complaintId), asc(complaintListings.position))
      .prepare(),
    requests: db
      .select({ id: infoRequests.id, complaintId: infoRequests.complaintId })
      .from(infoRequests)
      .where(and(eq(infoRequests.tenantId, p('tenantId')), inJson(infoRequests.id, 'ids')))
      .prepare(),
    messages: db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, p('userId')), inJson(messages.id, 'ids')))
      .prepare(),
  };

  return {
    async listSyncChanges({ scopes, afterSeq, limit }) {
      return q.changes.all({ scopes: JSON.stringify(scopes), afterSeq, limit });
    },
    async syncComplaints(tenantId, ids) {
      if (ids.length === 0) return [];
      const json = JSON.stringify(ids);
      const listings = q.listings.all({ tenantId, ids: json });
      return q.complaints.all({ tenantId, ids: json }).map(({ complaint, right }) => ({
        complaint,
        // A left join yields an object of nulls when the complaint names no right yet.
        right: right?.id ? right : null,
        listings: listings.filter((listing) => listing.complaintId === complaint.id),
      }));
    },
    async syncInfoRequestComplaints(tenantId, ids) {
      if (ids.length === 0) return [];
      return q.requests.all({ tenantId, ids: JSON.stringify(ids) });
    },
    async syncMessages(userId, ids) {
      if (ids.length === 0) return [];
      return q.messages.all({ userId, ids: JSON.stringify(ids) });
    },
  };
}
