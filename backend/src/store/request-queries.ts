/**
 * Prepared statements for requests for supplementary material, the
 * complainant's answers, abuse marks and sanctions. Split from queries.ts by
 * domain; built per connection the same way, and joined to the core store by
 * the adapter.
 */
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './queries';
import * as schema from './schema';
import type { InfoRequestRecord, RequestReader, RequestWriter, SanctionRecord } from './types';

const { abuseMarks, complaintListings, complaintTransitions, complaints, infoRequests, infoResponseDocuments, infoResponses, sanctions, tenants, users } = schema;

const p = sql.placeholder;

export function createRequestReader(db: Db): RequestReader {
  // json_each keeps one prepared statement for any number of ids.
  const inJson = (column: typeof infoResponses.requestId | typeof infoResponseDocuments.responseId, name: string) =>
    sql`${column} in (select value from json_each(${p(name)}))`;
  const sanctionColumns = { sanction: sanctions, imposedByEmail: users.email };

  const q = {
    requests: db
      .select({ request: infoRequests, requestedByEmail: users.email })
      .from(infoRequests)
      .innerJoin(users, eq(users.id, infoRequests.requestedBy))
      .where(eq(infoRequests.complaintId, p('complaintId')))
      .orderBy(desc(infoRequests.requestedAt), desc(infoRequests.id))
      .prepare(),
    responses: db
      .select({ response: infoResponses, respondedByEmail: users.email })
      .from(infoResponses)
      .innerJoin(users, eq(users.id, infoResponses.respondedBy))
      .where(inJson(infoResponses.requestId, 'requestIds'))
      .prepare(),
    documents: db
      .select()
      .from(infoResponseDocuments)
      .where(inJson(infoResponseDocuments.responseId, 'responseIds'))
      .orderBy(asc(infoResponseDocuments.responseId), asc(infoResponseDocuments.position))
      .prepare(),
    open: db
      .select()
      .from(infoRequests)
      .where(and(eq(infoRequests.complaintId, p('complaintId')), isNull(infoRequests.resolvedAt)))
      .prepare(),
    // A request left open because the complainant withdrew meanwhile ends where the complaint left needs_info.
    pauses: db
      .select({
        pausedAt: infoRequests.requestedAt,
        resumedAt: sql<number | null>`coalesce(${infoRequests.resolvedAt}, (
          select min(${complaintTransitions.at}) from ${complaintTransitions}
          where ${complaintTransitions.complaintId} = ${infoRequests.complaintId}
            and ${complaintTransitions.fromState} = 'needs_info'
            and ${complaintTransitions.at} >= ${infoRequests.requestedAt}))`,
      })
      .from(infoRequests)
      .where(eq(infoRequests.complaintId, p('complaintId')))
      .orderBy(asc(infoRequests.requestedAt))
      .prepare(),
    documentInTenant: db
      .select({ document: infoResponseDocuments })
      .from(infoResponseDocuments)
      .innerJoin(infoResponses, eq(infoResponses.id, infoResponseDocuments.responseId))
      .where(
        and(
          eq(infoResponseDocuments.id, p('id')),
          eq(infoResponses.complaintId, p('complaintId')),
          eq(infoResponseDocuments.tenantId, p('tenantId')),
        ),
      )
      .prepare(),
    documentAnyTenant: db
      .select({ document: infoResponseDocuments })
      .from(infoResponseDocuments)
      .innerJoin(infoResponses, eq(infoResponses.id, infoResponseDocuments.responseId))
      .where(and(eq(infoResponseDocuments.id, p('id')), eq(infoResponses.complaintId, p('complaintId'))))
      .prepare(),
    // A complaint marked twice (by two reviewers, say) counts once per kind.
    abuseCounts: db
      .select({
        wrongful: sql<number>`count(distinct case when ${abuseMarks.kind} = 'wrongful' then ${abuseMarks.complaintId} end)`,
        malicious: sql<number>`count(distinct case when ${abuseMarks.kind} = 'malicious' then ${abuseMarks.complaintId} end)`,
      })
      .from(abuseMarks)
      .where(eq(abuseMarks.tenantId, p('tenantId')))
      .prepare(),
    // Read on every filing and by the due-date engine: one probe of the partial unique index.
    liveSanction: db
      .select()
      .from(sanctions)
      .where(and(eq(sanctions.tenantId, p('tenantId')), eq(sanctions.kind, p('kind')), isNull(sanctions.liftedAt)))
      .prepare(),
    sanctions: db
      .select(sanctionColumns)
      .from(sanctions)
      .innerJoin(users, eq(users.id, sanctions.imposedBy))
      .where(eq(sanctions.tenantId, p('tenantId')))
      .orderBy(desc(sanctions.imposedAt), desc(sanctions.id))
      .prepare(),
    allSanctions: db
      .select(sanctionColumns)
      .from(sanctions)
      .innerJoin(users, eq(users.id, sanctions.imposedBy))
      .orderBy(desc(sanctions.imposedAt), desc(sanctions.id))
      .prepare(),
    complainantTenants: db
      .select()
      .from(tenants)
      .where(inArray(tenants.kind, ['rights_holder', 'agency']))
      .orderBy(asc(tenants.createdAt), asc(tenants.id))
      .prepare(),
  };

  return {
    async listInfoRequests(complaintId) {
      const requests = q.requests.all({ complaintId });
      if (requests.length === 0) return [];
      const responses = q.responses.all({ requestIds: JSON.stringify(requests.map((row) => row.request.id)) });
      const documents =
        responses.length === 0 ? [] : q.documents.all({ responseIds: JSON.stringify(responses.map((row) => row.response.id)) });
      return requests.map(({ request, requestedByEmail }): InfoRequestRecord => {
        const answer = responses.find((row) => row.response.requestId === request.id);
        return {
          request,
          requestedByEmail,
          response:
            answer === undefined
              ? null
              : {
                  ...answer.response,
                  respondedByEmail: answer.respondedByEmail,
                  documents: documents.filter((document) => document.responseId === answer.response.id),
                },
        };
      });
    },
    async findOpenInfoRequest(complaintId) {
      return q.open.get({ complaintId });
    },
    async pausesOf(complaintId) {
      return q.pauses.all({ complaintId }).map((row) => [row.pausedAt, row.resumedAt]);
    },
    async findInfoResponseDocument({ complaintId, id, tenantId }) {
      const row = tenantId === null ? q.documentAnyTenant.get({ complaintId, id }) : q.documentInTenant.get({ complaintId, id, tenantId });
      return row?.document;
    },
    async abuseCounts(tenantId) {
      const row = q.abuseCounts.get({ tenantId });
      return { wrongful: row?.wrongful ?? 0, malicious: row?.malicious ?? 0 };
    },
    async liveSanction(tenantId, kind) {
      return q.liveSanction.get({ tenantId, kind });
    },
    async listSanctions(tenantId) {
      return q.sanctions.all({ tenantId }) satisfies SanctionRecord[];
    },
    async listAllSanctions() {
      return q.allSanctions.all() satisfies SanctionRecord[];
    },
    async listComplainantTenants() {
      return q.complainantTenants.all();
    },
  };
}

export function createRequestWriter(db: Db): Omit<RequestWriter, keyof RequestReader> {
  const resolve = db
    .update(infoRequests)
    .set({ resolvedAt: sql`${p('at')}`, expiredAt: sql`${p('expiredAt')}` })
    .where(and(eq(infoRequests.id, p('id')), isNull(infoRequests.resolvedAt)))
    .prepare();
  // The partial index on open requests by deadline drives this; the join drops complaints that left needs_info.
  const due = db
    .select({ request: infoRequests })
    .from(infoRequests)
    .innerJoin(complaints, eq(complaints.id, infoRequests.complaintId))
    .where(and(isNull(infoRequests.resolvedAt), lt(infoRequests.deadline, p('now')), eq(complaints.state, 'needs_info')))
    .orderBy(asc(infoRequests.deadline), asc(infoRequests.id))
    .limit(p('limit'))
    .prepare();
  const listingCaptures = db
    .select({ captureIds: complaintListings.captureIds })
    .from(complaintListings)
    .where(and(eq(complaintListings.complaintId, p('complaintId')), eq(complaintListings.id, p('listingId'))))
    .prepare();
  const lift = db
    .update(sanctions)
    .set({ liftedAt: sql`${p('at')}`, liftedBy: sql`${p('by')}`, liftReason: sql`${p('reason')}` })
    .where(and(eq(sanctions.id, p('id')), eq(sanctions.tenantId, p('tenantId')), isNull(sanctions.liftedAt)))
    .prepare();

  return {
    async insertInfoRequest(row) {
      db.insert(infoRequests).values(row).run();
    },
    async resolveInfoRequest({ id, at, expired }) {
      return resolve.run({ id, at, expiredAt: expired ? at : null }).changes;
    },
    async insertInfoResponse(row, documents) {
      db.insert(infoResponses).values(row).run();
      if (documents.length > 0) db.insert(infoResponseDocuments).values([...documents]).run();
    },
    async addListingCaptures({ complaintId, listingId, captureIds }) {
      const row = listingCaptures.get({ complaintId, listingId });
      if (!row) return;
      const merged = [...new Set([...row.captureIds, ...captureIds])];
      if (merged.length === row.captureIds.length) return;
      db.update(complaintListings)
        .set({ captureIds: merged })
        .where(and(eq(complaintListings.complaintId, complaintId), eq(complaintListings.id, listingId)))
        .run();
    },
    async dueInfoRequests({ now, limit }) {
      return due.all({ now, limit }).map((row) => row.request);
    },
    async insertAbuseMark(row) {
      db.insert(abuseMarks).values(row).run();
    },
    async insertSanction(row) {
      db.insert(sanctions).values(row).run();
    },
    async liftSanction(query) {
      return lift.run(query).changes;
    },
  };
}

