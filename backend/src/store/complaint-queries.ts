/**
 * Prepared statements for complaints. Split from queries.ts by domain; built
 * per connection the same way, and joined to the core store by the adapter.
 */
import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from './queries';
import * as schema from './schema';
import type { ComplaintReader, ComplaintRow, ComplaintSummaryRecord, ComplaintWriter, RightRow } from './types';

const { captures, complaintListings, complaintTransitions, complaints, principals, rights, users } = schema;

const p = sql.placeholder;

export function createComplaintReader(db: Db): ComplaintReader {
  const columns = {
    complaint: complaints,
    principalName: principals.legalName,
    rightType: rights.type,
    rightNumber: rights.registrationNumber,
  };
  const base = () =>
    db
      .select(columns)
      .from(complaints)
      .leftJoin(principals, eq(principals.id, complaints.principalId))
      .leftJoin(rights, eq(rights.id, complaints.rightId));
  const summaryBase = () =>
    db
      .select({
        ...columns,
        listingCount: sql<number>`(select count(*) from ${complaintListings} where ${complaintListings.complaintId} = ${complaints.id})`,
      })
      .from(complaints)
      .leftJoin(principals, eq(principals.id, complaints.principalId))
      .leftJoin(rights, eq(rights.id, complaints.rightId));
  // Without a cursor the caller passes a position after every row, so one statement serves both.
  const olderThanCursor = or(
    lt(complaints.createdAt, p('createdAt')),
    and(eq(complaints.createdAt, p('createdAt')), lt(complaints.id, p('id'))),
  );
  const newestFirst = [desc(complaints.createdAt), desc(complaints.id)] as const;
  const limit = p('limit');
  // json_each keeps one prepared statement for any number of ids or states.
  const inJson = (column: typeof captures.id | typeof complaints.state, name: string) => sql`${column} in (select value from json_each(${p(name)}))`;

  const q = {
    inTenant: base()
      .where(and(eq(complaints.id, p('id')), eq(complaints.tenantId, p('tenantId'))))
      .prepare(),
    anyTenant: base().where(eq(complaints.id, p('id'))).prepare(),
    listings: db
      .select()
      .from(complaintListings)
      .where(eq(complaintListings.complaintId, p('complaintId')))
      .orderBy(asc(complaintListings.position))
      .prepare(),
    transitions: db
      .select({ transition: complaintTransitions, actorEmail: users.email })
      .from(complaintTransitions)
      .innerJoin(users, eq(users.id, complaintTransitions.actorId))
      .where(eq(complaintTransitions.complaintId, p('complaintId')))
      .orderBy(asc(complaintTransitions.seq))
      .prepare(),
    listTenant: summaryBase()
      .where(and(eq(complaints.tenantId, p('tenantId')), olderThanCursor))
      .orderBy(...newestFirst)
      .limit(limit)
      .prepare(),
    listTenantState: summaryBase()
      .where(and(eq(complaints.tenantId, p('tenantId')), eq(complaints.state, p('state')), olderThanCursor))
      .orderBy(...newestFirst)
      .limit(limit)
      .prepare(),
    listAll: summaryBase().where(olderThanCursor).orderBy(...newestFirst).limit(limit).prepare(),
    listAllState: summaryBase()
      .where(and(eq(complaints.state, p('state')), olderThanCursor))
      .orderBy(...newestFirst)
      .limit(limit)
      .prepare(),
    captureHashes: db
      .select({ id: captures.id, sha256: captures.screenshotSha256 })
      .from(captures)
      .where(and(eq(captures.tenantId, p('tenantId')), inJson(captures.id, 'ids')))
      .prepare(),
    byListing: db
      .selectDistinct({ complaint: complaints })
      .from(complaintListings)
      .innerJoin(complaints, eq(complaints.id, complaintListings.complaintId))
      .where(
        and(
          eq(complaintListings.tenantId, p('tenantId')),
          eq(complaintListings.canonicalUrl, p('canonicalUrl')),
          inJson(complaints.state, 'states'),
        ),
      )
      .orderBy(...newestFirst)
      .prepare(),
  };

  type Row = { complaint: ComplaintRow; principalName: string | null; rightType: RightRow['type'] | null; rightNumber: string | null };
  const refs = (row: Row) => ({
    principalName: row.principalName,
    right:
      row.complaint.rightId === null || row.rightType === null || row.rightNumber === null
        ? null
        : { id: row.complaint.rightId, type: row.rightType, registrationNumber: row.rightNumber },
  });

  return {
    async findComplaint({ id, tenantId }) {
      const row = tenantId === null ? q.anyTenant.get({ id }) : q.inTenant.get({ id, tenantId });
      if (!row) return undefined;
      return {
        complaint: row.complaint,
        ...refs(row),
        listings: q.listings.all({ complaintId: id }),
        transitions: q.transitions.all({ complaintId: id }).map(({ transition, actorEmail }) => ({ ...transition, actorEmail })),
      };
    },
    async listComplaints({ tenantId, state, limit, after }) {
      const cursor = after ?? { createdAt: Number.MAX_SAFE_INTEGER, id: '' };
      const params = { limit, createdAt: cursor.createdAt, id: cursor.id };
      const rows =
        tenantId === null
          ? state === null
            ? q.listAll.all(params)
            : q.listAllState.all({ ...params, state })
          : state === null
            ? q.listTenant.all({ ...params, tenantId })
            : q.listTenantState.all({ ...params, tenantId, state });
      return rows.map((row): ComplaintSummaryRecord => ({ complaint: row.complaint, ...refs(row), listingCount: row.listingCount }));
    },
    async findCaptureHashes({ tenantId, ids }) {
      if (ids.length === 0) return [];
      return q.captureHashes.all({ tenantId, ids: JSON.stringify(ids) });
    },
    async findComplaintsByListing({ tenantId, canonicalUrl, states }) {
      return q.byListing.all({ tenantId, canonicalUrl, states: JSON.stringify(states) }).map((row) => row.complaint);
    },
    async complainantStats(tenantId) {
      // Filed = left the draft state by submission; withdrawn drafts were never filed.
      const counts = db.get<{ submitted: number; open: number; decided: number; withdrawn: number }>(sql`
        select
          count(*) as submitted,
          coalesce(sum(${complaints.state} in ('submitted', 'in_review', 'needs_info')), 0) as open,
          coalesce(sum(${complaints.state} = 'decided'), 0) as decided,
          coalesce(sum(${complaints.state} = 'withdrawn'), 0) as withdrawn
        from ${complaints}
        where ${complaints.tenantId} = ${tenantId} and ${complaints.submittedAt} is not null`);
      // A listing still pending in a withdrawn complaint will never be decided: not pending.
      const outcomes = db.get<{ upheld: number; rejected: number; pending: number; reversed: number }>(sql`
        select
          coalesce(sum(${complaintListings.outcome} = 'upheld'), 0) as upheld,
          coalesce(sum(${complaintListings.outcome} = 'rejected'), 0) as rejected,
          coalesce(sum(${complaintListings.outcome} = 'pending' and ${complaints.state} in ('submitted', 'in_review', 'needs_info')), 0) as pending,
          coalesce(sum(${complaintListings.reversedAt} is not null), 0) as reversed
        from ${complaintListings}
        inner join ${complaints} on ${complaints.id} = ${complaintListings.complaintId}
        where ${complaintListings.tenantId} = ${tenantId} and ${complaints.submittedAt} is not null`);
      // The classic SQLite median: the middle row, or the mean of the middle two.
      const median = db.get<{ ms: number | null }>(sql`
        with durations as (
          select decided.at - submitted.at as ms
          from ${complaints} c
          inner join ${complaintTransitions} submitted on submitted.complaint_id = c.id and submitted.event = 'submit'
          inner join ${complaintTransitions} decided on decided.complaint_id = c.id and decided.event = 'decide'
          where c.tenant_id = ${tenantId}
        )
        select avg(ms) as ms from (
          select ms from durations order by ms
          limit 2 - (select count(*) from durations) % 2
          offset ((select count(*) from durations) - 1) / 2
        )`);
      return {
        submitted: counts?.submitted ?? 0,
        open: counts?.open ?? 0,
        decided: counts?.decided ?? 0,
        withdrawn: counts?.withdrawn ?? 0,
        upheld: outcomes?.upheld ?? 0,
        rejected: outcomes?.rejected ?? 0,
        pending: outcomes?.pending ?? 0,
        reversed: outcomes?.reversed ?? 0,
        medianMsToDecision: median?.ms ?? null,
      };
    },
  };
}

export function createComplaintWriter(db: Db): Omit<ComplaintWriter, keyof ComplaintReader> {
  const move = db
    .update(complaints)
    .set({ state: sql`${p('to')}`, updatedAt: sql`${p('at')}` })
    .where(and(eq(complaints.id, p('id')), eq(complaints.state, p('from'))))
    .prepare();
  const outcome = db
    .update(complaintListings)
    .set({ outcome: sql`${p('outcome')}` })
    .where(and(eq(complaintListings.complaintId, p('complaintId')), eq(complaintListings.position, p('position'))))
    .prepare();
  return {
    async insertComplaint(row) {
      db.insert(complaints).values(row).run();
    },
    async updateComplaintDraft({ id, tenantId, fields, at }) {
      return db
        .update(complaints)
        .set({ ...fields, updatedAt: at })
        .where(and(eq(complaints.id, id), eq(complaints.tenantId, tenantId), eq(complaints.state, 'draft')))
        .run().changes;
    },
    async insertComplaintListings(rows) {
      if (rows.length > 0) db.insert(complaintListings).values(rows).run();
    },
    async deleteComplaintListings(complaintId) {
      db.delete(complaintListings).where(eq(complaintListings.complaintId, complaintId)).run();
    },
    async moveComplaint({ id, from, to, at, submission }) {
      if (submission === undefined) return move.run({ id, from, to, at }).changes;
      return db
        .update(complaints)
        .set({ state: to, updatedAt: at, submittedAt: at, complainant: submission.complainant })
        .where(and(eq(complaints.id, id), eq(complaints.state, from)))
        .run().changes;
    },
    async insertComplaintTransition(row) {
      db.insert(complaintTransitions).values(row).run();
    },
    async setListingOutcome(query) {
      outcome.run(query);
    },
  };
}
