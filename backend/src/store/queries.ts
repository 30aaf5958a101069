/**
 * Prepared drizzle statements over one better-sqlite3 connection. Built once
 * per connection: unprepared drizzle queries re-render SQL on every call.
 */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import type { CaptureRecord, StoreReader, StoreTx } from './types';

const { captures, idempotencyKeys, rateLimitCounters, sessions, tenants, users } = schema;
export type Db = BetterSQLite3Database<typeof schema>;

function buildReads(db: Db) {
  const captureColumns = { capture: captures, tenantName: tenants.name, creatorEmail: users.email };
  const captureBase = () =>
    db.select(captureColumns).from(captures).innerJoin(tenants, eq(tenants.id, captures.tenantId)).innerJoin(users, eq(users.id, captures.createdBy));
  const olderThanCursor = or(
    lt(captures.receivedAt, sql.placeholder('receivedAt')),
    and(eq(captures.receivedAt, sql.placeholder('receivedAt')), lt(captures.id, sql.placeholder('id'))),
  );
  const newestFirst = [desc(captures.receivedAt), desc(captures.id)] as const;
  const limit = sql.placeholder('limit');

  return {
    countUsers: db.select({ n: sql<number>`count(*)` }).from(users).prepare(),
    userByEmail: db
      .select({ user: users, tenant: tenants })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(users.email, sql.placeholder('email')))
      .prepare(),
    session: db
      .select({ session: sessions, user: users, tenant: tenants })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(sessions.id, sql.placeholder('id')))
      .prepare(),
    captureInTenant: captureBase()
      .where(and(eq(captures.id, sql.placeholder('id')), eq(captures.tenantId, sql.placeholder('tenantId'))))
      .prepare(),
    captureAnyTenant: captureBase().where(eq(captures.id, sql.placeholder('id'))).prepare(),
    listTenantFirst: captureBase().where(eq(captures.tenantId, sql.placeholder('tenantId'))).orderBy(...newestFirst).limit(limit).prepare(),
    listTenantAfter: captureBase()
      .where(and(eq(captures.tenantId, sql.placeholder('tenantId')), olderThanCursor))
      .orderBy(...newestFirst)
      .limit(limit)
      .prepare(),
    listAllFirst: captureBase().orderBy(...newestFirst).limit(limit).prepare(),
    listAllAfter: captureBase().where(olderThanCursor).orderBy(...newestFirst).limit(limit).prepare(),
    idempotencyKey: db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, sql.placeholder('userId')), eq(idempotencyKeys.key, sql.placeholder('key'))))
      .prepare(),
    rateCount: db
      .select({ count: rateLimitCounters.count })
      .from(rateLimitCounters)
      .where(and(eq(rateLimitCounters.key, sql.placeholder('key')), eq(rateLimitCounters.windowStart, sql.placeholder('windowStart'))))
      .prepare(),
  };
}

export function createReader(db: Db): StoreReader {
  const q = buildReads(db);
  return {
    async ping() {
      return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
    },
    async countUsers() {
      return q.countUsers.get()?.n ?? 0;
    },
    async findUserByEmail(email) {
      return q.userByEmail.get({ email });
    },
    async findSession(id) {
      return q.session.get({ id });
    },
    async getCapture({ id, tenantId }): Promise<CaptureRecord | undefined> {
      return tenantId === null ? q.captureAnyTenant.get({ id }) : q.captureInTenant.get({ id, tenantId });
    },
    async listCaptures({ tenantId, limit, after }) {
      if (tenantId === null) {
        return after ? q.listAllAfter.all({ limit, ...after }) : q.listAllFirst.all({ limit });
      }
      return after ? q.listTenantAfter.all({ tenantId, limit, ...after }) : q.listTenantFirst.all({ tenantId, limit });
    },
    async findIdempotencyKey(userId, key) {
      return q.idempotencyKey.get({ userId, key });
    },
    async getRateCount(key, windowStart) {
      return q.rateCount.get({ key, windowStart })?.count ?? 0;
    },
  };
}

export function createWriter(db: Db): StoreTx {
  const reader = createReader(db);
  const revoke = db
    .update(sessions)
    .set({ revokedAt: sql`coalesce(${sessions.revokedAt}, ${sql.placeholder('at')})` })
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare();
  const touch = db
    .update(sessions)
    .set({ lastSeenAt: sql`${sql.placeholder('at')}` })
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare();
  const hit = db
    .insert(rateLimitCounters)
    .values({ key: sql.placeholder('key'), windowStart: sql.placeholder('windowStart'), count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.key, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({ count: rateLimitCounters.count })
    .prepare();
  const clear = db
    .delete(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, sql.placeholder('key')), eq(rateLimitCounters.windowStart, sql.placeholder('windowStart'))))
    .prepare();
  const prune = db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, sql.placeholder('before'))).prepare();

  return {
    ...reader,
    async insertTenant(row) {
      db.insert(tenants).values(row).run();
    },
    async insertUser(row) {
      db.insert(users).values(row).run();
    },
    async insertSession(row) {
      db.insert(sessions).values(row).run();
    },
    async revokeSession(id, at) {
      revoke.run({ id, at });
    },
    async touchSession(id, at) {
      touch.run({ id, at });
    },
    async insertCapture(row) {
      db.insert(captures).values(row).run();
    },
    async insertIdempotencyKey(row) {
      db.insert(idempotencyKeys).values(row).run();
    },
    async hitRateCounter(key, windowStart) {
      return hit.get({ key, windowStart })?.count ?? 1;
    },
    async clearRateCounter(key, windowStart) {
      clear.run({ key, windowStart });
    },
    async pruneRateCounters(before) {
      prune.run({ before });
    },
  };
}
