/**
 * Prepared statements for the rights portfolio. Split from queries.ts by
 * domain; built per connection the same way.
 */
import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from './queries';
import * as schema from './schema';
import type { RightRecord, RightRow, StoreReader, StoreTx } from './types';

const { principals, rightProofs, rights, tenants } = schema;

type RightReads = Pick<StoreReader, 'findRight' | 'listRights' | 'listRightsByStatus' | 'findRightProof'>;

export function createRightReader(db: Db): RightReads {
  const p = sql.placeholder;
  const base = () =>
    db
      .select({ right: rights, tenantName: tenants.name, principalName: principals.legalName })
      .from(rights)
      .innerJoin(tenants, eq(tenants.id, rights.tenantId))
      .leftJoin(principals, eq(principals.id, rights.principalId));
  const oldestFirst = [asc(rights.createdAt), asc(rights.id)] as const;
  const q = {
    inTenant: base()
      .where(and(eq(rights.id, p('id')), eq(rights.tenantId, p('tenantId'))))
      .prepare(),
    anyTenant: base().where(eq(rights.id, p('id'))).prepare(),
    ofTenant: base()
      .where(eq(rights.tenantId, p('tenantId')))
      .orderBy(...oldestFirst)
      .prepare(),
    byStatus: base()
      .where(eq(rights.status, p('status')))
      .orderBy(...oldestFirst)
      .prepare(),
    all: base()
      .orderBy(...oldestFirst)
      .prepare(),
    proofs: db
      .select()
      .from(rightProofs)
      .where(eq(rightProofs.rightId, p('rightId')))
      .orderBy(asc(rightProofs.position))
      .prepare(),
    proofInTenant: db
      .select()
      .from(rightProofs)
      .where(and(eq(rightProofs.id, p('id')), eq(rightProofs.rightId, p('rightId')), eq(rightProofs.tenantId, p('tenantId'))))
      .prepare(),
    proofAnyTenant: db
      .select()
      .from(rightProofs)
      .where(and(eq(rightProofs.id, p('id')), eq(rightProofs.rightId, p('rightId'))))
      .prepare(),
  };
  const withProofs = (row: { right: RightRow; tenantName: string; principalName: string | null }): RightRecord => ({
    ...row,
    proofs: q.proofs.all({ rightId: row.right.id }),
  });

  return {
    async findRight({ id, tenantId }) {
      const row = tenantId === null ? q.anyTenant.get({ id }) : q.inTenant.get({ id, tenantId });
      return row && withProofs(row);
    },
    async listRights(tenantId) {
      return q.ofTenant.all({ tenantId }).map(withProofs);
    },
    async listRightsByStatus(status) {
      return (status === null ? q.all.all() : q.byStatus.all({ status })).map(withProofs);
    },
    async findRightProof({ rightId, id, tenantId }) {
      return tenantId === null ? q.proofAnyTenant.get({ rightId, id }) : q.proofInTenant.get({ rightId, id, tenantId });
    },
  };
}

export function createRightWriter(db: Db): Pick<StoreTx, 'insertRight' | 'insertRightProof' | 'decideRight' | 'claimExpiringRights'> {
  return {
    async insertRight(row) {
      db.insert(rights).values(row).run();
    },
    async insertRightProof(row) {
      db.insert(rightProofs).values(row).run();
    },
    async decideRight({ rightId, status, at, by, reasons }) {
      return db
        .update(rights)
        .set({ status, decidedAt: at, decidedBy: by, reasons })
        .where(and(eq(rights.id, rightId), eq(rights.status, 'pending')))
        .run().changes;
    },
    async claimExpiringRights({ from, until, at }) {
      // One UPDATE … RETURNING inside the caller's write transaction: a right is
      // marked and returned at most once, whichever process gets there first.
      return db
        .update(rights)
        .set({ remindedAt: at })
        .where(and(eq(rights.status, 'verified'), isNull(rights.remindedAt), gte(rights.validUntil, from), lte(rights.validUntil, until)))
        .returning()
        .all();
    },
  };
}
