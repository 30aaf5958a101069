/**
 * Prepared statements for counter-notices (issue #6 part 3). Built per
 * connection like queries.ts, and joined to the core store by the adapter.
 */
import { and, asc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from './queries';
import * as schema from './schema';
import type { CounterNoticeReader, CounterNoticeRecord, CounterNoticeRow, CounterNoticeWriter } from './types';

const { complainantProofs, complaintListings, complaints, counterNoticeDocuments, counterNotices, shopClaims } = schema;

const p = sql.placeholder;

export function createCounterNoticeReader(db: Db): CounterNoticeReader {
  const base = () =>
    db.select({ counterNotice: counterNotices, listing: complaintListings }).from(counterNotices).innerJoin(complaintListings, eq(complaintListings.id, counterNotices.listingId));
  const oldestFirst = [asc(counterNotices.filedAt), asc(counterNotices.id)] as const;

  const q = {
    sellerListing: db
      .select({ listing: complaintListings })
      .from(complaintListings)
      .innerJoin(complaints, eq(complaints.id, complaintListings.complaintId))
      .innerJoin(
        shopClaims,
        and(
          eq(shopClaims.marketplace, complaintListings.marketplace),
          eq(shopClaims.shopId, complaintListings.shopId),
          eq(shopClaims.status, 'verified'),
          eq(shopClaims.tenantId, p('tenantId')),
        ),
      )
      .where(and(eq(complaintListings.id, p('listingId')), isNotNull(complaints.submittedAt)))
      .prepare(),
    anyTenant: base().where(eq(counterNotices.id, p('id'))).prepare(),
    ofSeller: base()
      .where(and(eq(counterNotices.id, p('id')), eq(counterNotices.sellerTenantId, p('tenantId'))))
      .prepare(),
    ofListings: base()
      .where(sql`${counterNotices.listingId} in (select value from json_each(${p('listingIds')}))`)
      .orderBy(...oldestFirst)
      .prepare(),
    inTenant: base()
      .where(and(eq(counterNotices.id, p('id')), eq(counterNotices.complainantTenantId, p('tenantId'))))
      .prepare(),
    ofComplaint: base()
      .where(and(eq(counterNotices.complaintId, p('complaintId')), eq(counterNotices.complainantTenantId, p('tenantId'))))
      .orderBy(...oldestFirst)
      .prepare(),
    restoreDue: base()
      .where(eq(counterNotices.state, 'restore_due'))
      .orderBy(asc(counterNotices.windowEndsAt), asc(counterNotices.id))
      .limit(p('limit'))
      .prepare(),
    documents: db
      .select()
      .from(counterNoticeDocuments)
      .where(sql`${counterNoticeDocuments.counterNoticeId} in (select value from json_each(${p('ids')}))`)
      .orderBy(asc(counterNoticeDocuments.counterNoticeId), asc(counterNoticeDocuments.position))
      .prepare(),
    proofs: db
      .select()
      .from(complainantProofs)
      .where(sql`${complainantProofs.counterNoticeId} in (select value from json_each(${p('ids')}))`)
      .orderBy(asc(complainantProofs.counterNoticeId), asc(complainantProofs.position))
      .prepare(),
  };

  const complete = (rows: Array<Pick<CounterNoticeRecord, 'counterNotice' | 'listing'>>): CounterNoticeRecord[] => {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((row) => row.counterNotice.id));
    const documents = q.documents.all({ ids });
    const proofs = q.proofs.all({ ids });
    return rows.map((row) => ({
      ...row,
      documents: documents.filter((doc) => doc.counterNoticeId === row.counterNotice.id),
      proofs: proofs.filter((proof) => proof.counterNoticeId === row.counterNotice.id),
    }));
  };

  return {
    async findSellerListing({ tenantId, listingId }) {
      return q.sellerListing.get({ tenantId, listingId })?.listing;
    },
    async findCounterNotice({ id, complainantTenantId }) {
      const row = complainantTenantId === null ? q.anyTenant.get({ id }) : q.inTenant.get({ id, tenantId: complainantTenantId });
      return row === undefined ? undefined : complete([row])[0];
    },
    async findSellerCounterNotice({ id, sellerTenantId }) {
      const row = q.ofSeller.get({ id, tenantId: sellerTenantId });
      return row === undefined ? undefined : complete([row])[0];
    },
    async listCounterNoticesOfListings(listingIds) {
      if (listingIds.length === 0) return [];
      return complete(q.ofListings.all({ listingIds: JSON.stringify(listingIds) }));
    },
    async listCounterNoticesOfComplaint({ complaintId, complainantTenantId }) {
      return complete(q.ofComplaint.all({ complaintId, tenantId: complainantTenantId }));
    },
    async listRestoreDue(limit) {
      return complete(q.restoreDue.all({ limit }));
    },
  };
}

export function createCounterNoticeWriter(db: Db): Omit<CounterNoticeWriter, keyof CounterNoticeReader> {
  const receive = db
    .update(counterNotices)
    .set({ state: 'proof_received' })
    .where(
      and(
        eq(counterNotices.id, p('id')),
        inArray(counterNotices.state, ['window_open', 'proof_received']),
        sql`${counterNotices.windowEndsAt} >= ${p('at')}`,
      ),
    )
    .prepare();
  // The state guard is the claim: two sweepers racing move each row once.
  const due = db
    .update(counterNotices)
    .set({ state: 'restore_due', restoreDueAt: sql`${p('now')}` })
    .where(and(eq(counterNotices.state, 'window_open'), lt(counterNotices.windowEndsAt, p('now'))))
    .returning({ id: counterNotices.id })
    .prepare();
  const decide = db
    .update(counterNotices)
    .set({ state: sql`${p('state')}`, decidedBy: sql`${p('by')}`, decidedAt: sql`${p('at')}`, decisionStatement: sql`${p('statement')}` })
    .where(and(eq(counterNotices.id, p('id')), inArray(counterNotices.state, ['restore_due', 'proof_received'])))
    .prepare();
  const restore = db
    .update(complaintListings)
    .set({ reversedAt: sql`${p('at')}`, measure: null })
    .where(and(eq(complaintListings.id, p('listingId')), eq(complaintListings.outcome, 'upheld'), sql`${complaintListings.reversedAt} is null`))
    .prepare();

  return {
    async insertCounterNotice(row, documents) {
      db.insert(counterNotices).values(row).run();
      if (documents.length > 0) db.insert(counterNoticeDocuments).values([...documents]).run();
    },
    async insertComplainantProofs(rows) {
      if (rows.length > 0) db.insert(complainantProofs).values([...rows]).run();
    },
    async receiveProof({ id, at }) {
      return receive.run({ id, at }).changes;
    },
    async markRestoreDue(now) {
      return due.all({ now }).map((row: Pick<CounterNoticeRow, 'id'>) => row.id);
    },
    async decideCounterNotice({ id, state, by, at, statement }) {
      return decide.run({ id, state, by, at, statement }).changes;
    },
    async restoreListing({ listingId, at }) {
      return restore.run({ listingId, at }).changes;
    },
  };
}
