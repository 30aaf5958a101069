/**
 * Prepared statements for the reviewer's work: the queue, claim leases, the
 * evidence view's reads, decisions and what follows from them. Split from
 * queries.ts by domain; built per connection the same way, and joined to the
 * core store by the adapter.
 */
import { and, asc, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from './queries';
import * as schema from './schema';
import type { ClaimRecord, ComplaintRow, ReviewReader, ReviewQueueRow, ReviewWriter } from './types';

const { auditLog, captures, complainantRisk, complaintClaims, complaintListings, complaints, decisionProposals, notifications, rights, tenants, users } =
  schema;

const p = sql.placeholder;

/** Outside any due date: the bounds used when a page has no cursor or no overdue filter. */
const BEFORE_ALL = Number.MIN_SAFE_INTEGER;
const AFTER_ALL = Number.MAX_SAFE_INTEGER;

/**
 * The queue's hot statement, unprepared (the plan test explains exactly this
 * SQL). The state term repeats the partial index's WHERE verbatim so SQLite
 * may use complaints_queue_idx, which delivers rows already in (due_at, id)
 * order: no sort, and a page stops after `limit` matching rows. The keyset is
 * a row-value comparison, which the planner turns into a seek on that index.
 * A filter that is null matches everything, so one statement serves every
 * combination of filters.
 */
export function reviewQueueQuery(db: Db) {
  const optional = (name: string, match: ReturnType<typeof sql>) => sql`(${p(name)} is null or ${match})`;
  return db
    .select({
      // Wrapped: drizzle does not see a table named in a raw FROM, and its columns are plain values here.
      id: sql<string>`${complaints.id}`,
      tenantId: sql<string>`${complaints.tenantId}`,
      state: sql<ComplaintRow['state']>`${complaints.state}`,
      reason: sql<ComplaintRow['reason']>`${complaints.reason}`,
      submittedAt: sql<number | null>`${complaints.submittedAt}`,
      dueAt: sql<number | null>`${complaints.dueAt}`,
      updatedAt: sql<number>`${complaints.updatedAt}`,
      tenantName: tenants.name,
      rightType: rights.type,
      risk: complainantRisk.level,
      claimReviewerId: complaintClaims.reviewerId,
      claimReviewerEmail: users.email,
      claimedAt: complaintClaims.claimedAt,
      claimExpiresAt: complaintClaims.expiresAt,
      listingCount: sql<number>`(select count(*) from complaint_listings l where l.complaint_id = ${complaints.id})`,
      // Every listing's; deduplicated by the caller, which keeps a temp b-tree out of each row.
      marketplaces: sql<string>`(select json_group_array(l.marketplace) from complaint_listings l where l.complaint_id = ${complaints.id} and l.marketplace is not null)`,
    })
    // Pinned: with `state in (…)` SQLite may prefer complaints_state_created_idx and then sort
    // every open complaint. INDEXED BY also fails the prepare, loudly, should the index ever
    // stop being usable for this statement.
    .from(sql`${complaints} indexed by complaints_queue_idx`)
    .innerJoin(tenants, eq(tenants.id, complaints.tenantId))
    .leftJoin(rights, eq(rights.id, complaints.rightId))
    .leftJoin(complainantRisk, eq(complainantRisk.tenantId, complaints.tenantId))
    .leftJoin(complaintClaims, and(eq(complaintClaims.complaintId, complaints.id), gt(complaintClaims.expiresAt, p('now'))))
    .leftJoin(users, eq(users.id, complaintClaims.reviewerId))
    .where(
      and(
        sql`${complaints.state} in ('submitted', 'in_review')`,
        sql`(${complaints.dueAt}, ${complaints.id}) > (${p('afterDue')}, ${p('afterId')})`,
        sql`${complaints.dueAt} >= ${p('dueFrom')}`,
        sql`${complaints.dueAt} < ${p('dueBefore')}`,
        optional('state', sql`${complaints.state} = ${p('state')}`),
        optional('reason', sql`${complaints.reason} = ${p('reason')}`),
        optional('rightType', sql`${rights.type} = ${p('rightType')}`),
        optional('risk', sql`coalesce(${complainantRisk.level}, 'low') = ${p('risk')}`),
        optional(
          'marketplace',
          sql`exists (select 1 from complaint_listings l where l.complaint_id = ${complaints.id} and l.marketplace = ${p('marketplace')})`,
        ),
      ),
    )
    .orderBy(asc(complaints.dueAt), asc(complaints.id))
    .limit(p('limit'));
}

export function createReviewReader(db: Db): ReviewReader {
  const q = {
    queue: reviewQueueQuery(db).prepare(),
    claim: db
      .select({
        complaintId: complaintClaims.complaintId,
        reviewerId: complaintClaims.reviewerId,
        reviewerEmail: users.email,
        claimedAt: complaintClaims.claimedAt,
        expiresAt: complaintClaims.expiresAt,
      })
      .from(complaintClaims)
      .innerJoin(users, eq(users.id, complaintClaims.reviewerId))
      .where(eq(complaintClaims.complaintId, p('complaintId')))
      .prepare(),
    captures: db
      .select()
      .from(captures)
      .where(and(eq(captures.tenantId, p('tenantId')), sql`${captures.id} in (select value from json_each(${p('ids')}))`))
      .prepare(),
    earlier: db
      .select({
        canonicalUrl: sql<string>`${complaintListings.canonicalUrl}`,
        complaintId: complaints.id,
        tenantName: tenants.name,
        state: complaints.state,
        outcome: complaintListings.outcome,
        submittedAt: complaints.submittedAt,
      })
      .from(complaintListings)
      .innerJoin(complaints, eq(complaints.id, complaintListings.complaintId))
      .innerJoin(tenants, eq(tenants.id, complaints.tenantId))
      .where(
        and(
          sql`${complaintListings.canonicalUrl} in (select value from json_each(${p('urls')}))`,
          ne(complaints.id, p('excludeId')),
          // Drafts are the complainant's private work, not complaints.
          sql`${complaints.submittedAt} is not null`,
        ),
      )
      .orderBy(desc(complaints.submittedAt), desc(complaints.id))
      .limit(p('limit'))
      .prepare(),
    openProposal: db
      .select()
      .from(decisionProposals)
      .where(and(eq(decisionProposals.complaintId, p('complaintId')), isNull(decisionProposals.resolvedAt)))
      .prepare(),
    audit: (() => {
      const previous = alias(auditLog, 'previous');
      return db
        .select({ entry: auditLog, predecessorHash: previous.hash, actorEmail: users.email })
        .from(auditLog)
        .leftJoin(previous, eq(previous.seq, sql`${auditLog.seq} - 1`))
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(eq(auditLog.subjectId, p('subjectId')))
        .orderBy(asc(auditLog.seq))
        .prepare();
    })(),
    risk: db.select().from(complainantRisk).where(eq(complainantRisk.tenantId, p('tenantId'))).prepare(),
    notifications: db
      .select()
      .from(notifications)
      .where(eq(notifications.complaintId, p('complaintId')))
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .prepare(),
  };

  return {
    async reviewQueue(query) {
      const rows = q.queue.all({
        now: query.now,
        limit: query.limit,
        afterDue: query.after?.dueAt ?? BEFORE_ALL,
        afterId: query.after?.id ?? '',
        dueFrom: query.dueFrom ?? BEFORE_ALL,
        dueBefore: query.dueBefore ?? AFTER_ALL,
        state: query.state,
        reason: query.reason,
        rightType: query.rightType,
        risk: query.risk,
        marketplace: query.marketplace,
      });
      return rows.map(
        (row): ReviewQueueRow => ({
          complaint: {
            id: row.id,
            tenantId: row.tenantId,
            state: row.state,
            reason: row.reason,
            submittedAt: row.submittedAt,
            dueAt: row.dueAt,
            updatedAt: row.updatedAt,
          },
          tenantName: row.tenantName,
          rightType: row.rightType,
          risk: row.risk,
          listingCount: row.listingCount,
          marketplaces: [...new Set(JSON.parse(row.marketplaces) as string[])].sort(),
          claim:
            row.claimReviewerId === null || row.claimReviewerEmail === null || row.claimedAt === null || row.claimExpiresAt === null
              ? null
              : { complaintId: row.id, reviewerId: row.claimReviewerId, reviewerEmail: row.claimReviewerEmail, claimedAt: row.claimedAt, expiresAt: row.claimExpiresAt },
        }),
      );
    },
    async findClaim(complaintId) {
      return q.claim.get({ complaintId }) satisfies ClaimRecord | undefined;
    },
    async findEvidenceCaptures({ tenantId, ids }) {
      if (ids.length === 0) return [];
      return q.captures.all({ tenantId, ids: JSON.stringify(ids) });
    },
    async findEarlierComplaints({ canonicalUrls, excludeComplaintId, limit }) {
      if (canonicalUrls.length === 0) return [];
      return q.earlier.all({ urls: JSON.stringify(canonicalUrls), excludeId: excludeComplaintId, limit });
    },
    async findOpenProposal(complaintId) {
      return q.openProposal.get({ complaintId });
    },
    async auditEntriesFor(subjectId) {
      return q.audit.all({ subjectId });
    },
    async findComplainantRisk(tenantId) {
      return q.risk.get({ tenantId });
    },
    async listNotifications(complaintId) {
      return q.notifications.all({ complaintId });
    },
  };
}

export function createReviewWriter(db: Db): Omit<ReviewWriter, keyof ReviewReader> {
  /**
   * One statement, so it holds even where write transactions are not
   * serialised (several processes over one database): the row is inserted, or
   * overwritten only when the existing claim is the same reviewer's or has
   * expired. A renewal keeps the original claimed_at.
   */
  const take = db
    .insert(complaintClaims)
    .values({ complaintId: p('complaintId'), reviewerId: p('reviewerId'), claimedAt: p('now'), expiresAt: p('expiresAt') })
    .onConflictDoUpdate({
      target: complaintClaims.complaintId,
      set: {
        reviewerId: sql`excluded.reviewer_id`,
        claimedAt: sql`case when ${complaintClaims.reviewerId} = excluded.reviewer_id and ${complaintClaims.expiresAt} > excluded.claimed_at then ${complaintClaims.claimedAt} else excluded.claimed_at end`,
        expiresAt: sql`excluded.expires_at`,
      },
      setWhere: sql`${complaintClaims.reviewerId} = excluded.reviewer_id or ${complaintClaims.expiresAt} <= excluded.claimed_at`,
    })
    .prepare();
  const release = db
    .delete(complaintClaims)
    .where(and(eq(complaintClaims.complaintId, p('complaintId')), eq(complaintClaims.reviewerId, p('reviewerId'))))
    .prepare();
  const due = db
    .update(complaints)
    .set({ dueAt: sql`${p('dueAt')}` })
    .where(eq(complaints.id, p('complaintId')))
    .prepare();
  const decide = db
    .update(complaintListings)
    .set({
      outcome: sql`${p('outcome')}`,
      statement: sql`${p('statement')}`,
      decidedBy: sql`${p('decidedBy')}`,
      decidedAt: sql`${p('decidedAt')}`,
      measure: sql`${p('measure')}`,
    })
    .where(and(eq(complaintListings.complaintId, p('complaintId')), eq(complaintListings.id, p('listingId')), eq(complaintListings.outcome, 'pending')))
    .prepare();
  const touch = db
    .update(complaints)
    .set({ updatedAt: sql`${p('at')}` })
    .where(eq(complaints.id, p('id')))
    .prepare();
  const resolve = db
    .update(decisionProposals)
    .set({ resolution: sql`${p('resolution')}`, resolvedBy: sql`${p('by')}`, resolvedAt: sql`${p('at')}` })
    .where(and(eq(decisionProposals.id, p('id')), isNull(decisionProposals.resolvedAt)))
    .prepare();

  return {
    async takeClaim(query) {
      return take.run(query).changes > 0;
    },
    async releaseClaim(query) {
      return release.run(query).changes;
    },
    async setDueDate(query) {
      due.run(query);
    },
    async setReviewBasis({ complaintId, enhancedReview, recordAtSubmission }) {
      db.update(complaints).set({ enhancedReview, recordAtSubmission }).where(eq(complaints.id, complaintId)).run();
    },
    async decideListing(query) {
      return decide.run(query).changes;
    },
    async touchComplaint(query) {
      touch.run(query);
    },
    async insertNotifications(rows) {
      if (rows.length > 0) db.insert(notifications).values([...rows]).run();
    },
    async insertProposal(row) {
      db.insert(decisionProposals).values(row).run();
    },
    async resolveProposal(query) {
      return resolve.run(query).changes;
    },
    async putComplainantRisk(row) {
      db.insert(complainantRisk)
        .values(row)
        .onConflictDoUpdate({ target: complainantRisk.tenantId, set: { score: row.score, level: row.level, updatedAt: row.updatedAt } })
        .run();
    },
  };
}
