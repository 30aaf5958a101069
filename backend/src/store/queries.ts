/**
 * Prepared drizzle statements over one better-sqlite3 connection. Built once
 * per connection: unprepared drizzle queries re-render SQL on every call.
 */
import { and, asc, count, desc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { createAccountReader, createAccountWriter } from './account-queries';
import { createRightReader, createRightWriter } from './rights-queries';
import * as schema from './schema';
import type { AgreementVersionHead, CaptureRecord, StoreReader, StoreTx } from './types';

const {
  agreementAcceptances,
  agreementVersions,
  captureArtefacts,
  captures,
  idempotencyKeys,
  loginEvents,
  messages,
  platformSettings,
  rateLimitCounters,
  sessions,
  tenants,
  users,
} = schema;
export type Db = BetterSQLite3Database<typeof schema>;

function buildReads(db: Db) {
  const captureColumns = {
    capture: captures,
    tenantName: tenants.name,
    creatorEmail: users.email,
    missingArtefacts: sql<number>`(select count(*) from ${captureArtefacts} where ${captureArtefacts.captureId} = ${captures.id} and ${captureArtefacts.receivedAt} is null)`.mapWith(Number),
  };
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
    captureArtefacts: db
      .select()
      .from(captureArtefacts)
      .where(eq(captureArtefacts.captureId, sql.placeholder('captureId')))
      .orderBy(asc(captureArtefacts.position))
      .prepare(),
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

    userById: db
      .select({ user: users, tenant: tenants })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(users.id, sql.placeholder('id')))
      .prepare(),
    usersAll: db.select({ user: users, tenant: tenants }).from(users).innerJoin(tenants, eq(tenants.id, users.tenantId)).orderBy(asc(users.email)).prepare(),
    usersFrozen: db
      .select({ user: users, tenant: tenants })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(isNotNull(users.frozenAt))
      .orderBy(asc(users.email))
      .prepare(),
    usersActive: db
      .select({ user: users, tenant: tenants })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(isNull(users.frozenAt))
      .orderBy(asc(users.email))
      .prepare(),
    activeUserIds: db.select({ id: users.id, tenantId: users.tenantId }).from(users).where(isNull(users.frozenAt)).prepare(),
    countActiveUsers: db.select({ n: count() }).from(users).where(isNull(users.frozenAt)).prepare(),

    currentAgreement: db.select().from(agreementVersions).orderBy(desc(agreementVersions.version)).limit(1).prepare(),
    agreementVersions: db
      .select({ version: agreementVersionHead, acceptances: count(agreementAcceptances.id) })
      .from(agreementVersions)
      .leftJoin(agreementAcceptances, eq(agreementAcceptances.version, agreementVersions.version))
      .groupBy(agreementVersions.version)
      .orderBy(desc(agreementVersions.version))
      .prepare(),
    acceptance: db
      .select({ acceptance: agreementAcceptances, userEmail: users.email })
      .from(agreementAcceptances)
      .innerJoin(users, eq(users.id, agreementAcceptances.userId))
      .where(and(eq(agreementAcceptances.userId, sql.placeholder('userId')), eq(agreementAcceptances.version, sql.placeholder('version'))))
      .prepare(),
    acceptances: db
      .select({ acceptance: agreementAcceptances, userEmail: users.email })
      .from(agreementAcceptances)
      .innerJoin(users, eq(users.id, agreementAcceptances.userId))
      .where(eq(agreementAcceptances.userId, sql.placeholder('userId')))
      .orderBy(asc(agreementAcceptances.version))
      .prepare(),
    // Runs on every authenticated request (the gate), so it is one indexed lookup.
    pendingAgreement: db
      .select({ version: agreementVersions.version })
      .from(agreementVersions)
      .where(
        and(
          eq(agreementVersions.version, sql`(select max(${agreementVersions.version}) from ${agreementVersions})`),
          sql`not exists (select 1 from ${agreementAcceptances} where ${agreementAcceptances.userId} = ${sql.placeholder('userId')} and ${agreementAcceptances.version} = ${agreementVersions.version})`,
        ),
      )
      .prepare(),

    liveSessions: db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, sql.placeholder('userId')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now'))))
      .orderBy(desc(sessions.createdAt))
      .prepare(),
    loginEvents: db
      .select()
      .from(loginEvents)
      .where(eq(loginEvents.userId, sql.placeholder('userId')))
      .orderBy(desc(loginEvents.at), desc(loginEvents.id))
      .limit(sql.placeholder('limit'))
      .prepare(),
    messages: db
      .select()
      .from(messages)
      .where(eq(messages.userId, sql.placeholder('userId')))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(sql.placeholder('limit'))
      .prepare(),
    unreadMessages: db
      .select({ n: count() })
      .from(messages)
      .where(and(eq(messages.userId, sql.placeholder('userId')), isNull(messages.readAt)))
      .prepare(),
    setting: db.select().from(platformSettings).where(eq(platformSettings.key, sql.placeholder('key'))).prepare(),
  };
}

const agreementVersionHead = {
  version: agreementVersions.version,
  publishedAt: agreementVersions.publishedAt,
  sha256Zh: agreementVersions.sha256Zh,
  sha256En: agreementVersions.sha256En,
  summaryZh: agreementVersions.summaryZh,
  summaryEn: agreementVersions.summaryEn,
  publishedBy: agreementVersions.publishedBy,
} satisfies Record<keyof AgreementVersionHead, unknown>;

export function createReader(db: Db): StoreReader {
  const q = buildReads(db);
  return {
    ...createAccountReader(db),
    ...createRightReader(db),
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
    async listCaptureArtefacts(captureId) {
      return q.captureArtefacts.all({ captureId });
    },
    async findIdempotencyKey(userId, key) {
      return q.idempotencyKey.get({ userId, key });
    },
    async getRateCount(key, windowStart) {
      return q.rateCount.get({ key, windowStart })?.count ?? 0;
    },
    async findUserById(id) {
      return q.userById.get({ id });
    },
    async listUsers({ frozen }) {
      if (frozen === undefined) return q.usersAll.all();
      return frozen ? q.usersFrozen.all() : q.usersActive.all();
    },
    async listActiveUsers() {
      return q.activeUserIds.all();
    },
    async countActiveUsers() {
      return q.countActiveUsers.get()?.n ?? 0;
    },
    async currentAgreement() {
      return q.currentAgreement.get();
    },
    async listAgreementVersions() {
      return q.agreementVersions.all();
    },
    async findAcceptance(userId, version) {
      return q.acceptance.get({ userId, version });
    },
    async listAcceptances(userId) {
      return q.acceptances.all({ userId });
    },
    async pendingAgreementVersion(userId) {
      return q.pendingAgreement.get({ userId })?.version ?? null;
    },
    async listLiveSessions(userId, now) {
      return q.liveSessions.all({ userId, now });
    },
    async listLoginEvents(userId, limit) {
      return q.loginEvents.all({ userId, limit });
    },
    async listMessages(userId, limit) {
      return q.messages.all({ userId, limit });
    },
    async countUnreadMessages(userId) {
      return q.unreadMessages.get({ userId })?.n ?? 0;
    },
    async getSetting(key) {
      return q.setting.get({ key });
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
  const receiveArtefact = db
    .update(captureArtefacts)
    .set({
      receivedAt: sql`${sql.placeholder('at')}`,
      width: sql`${sql.placeholder('width')}`,
      height: sql`${sql.placeholder('height')}`,
      displaySha256: sql`${sql.placeholder('displaySha256')}`,
    })
    .where(and(eq(captureArtefacts.captureId, sql.placeholder('captureId')), eq(captureArtefacts.sha256, sql.placeholder('sha256')), isNull(captureArtefacts.receivedAt)))
    .prepare();
  const prune = db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, sql.placeholder('before'))).prepare();
  const liveSessionOf = and(eq(sessions.userId, sql.placeholder('userId')), isNull(sessions.revokedAt));
  const revokeOne = db
    .update(sessions)
    .set({ revokedAt: sql`${sql.placeholder('at')}` })
    .where(and(liveSessionOf, eq(sessions.publicId, sql.placeholder('publicId')), gt(sessions.expiresAt, sql.placeholder('at'))))
    .prepare();
  const revokeAll = db.update(sessions).set({ revokedAt: sql`${sql.placeholder('at')}` }).where(liveSessionOf).prepare();
  const readMessage = db
    .update(messages)
    .set({ readAt: sql`coalesce(${messages.readAt}, ${sql.placeholder('at')})` })
    .where(and(eq(messages.userId, sql.placeholder('userId')), eq(messages.id, sql.placeholder('id'))))
    .prepare();

  return {
    ...reader,
    ...createAccountWriter(db),
    ...createRightWriter(db),
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
    async setCapturePageReadCorrection({ id, tenantId, json }) {
      return db
        .update(captures)
        .set({ pageReadCorrectionJson: json })
        .where(and(eq(captures.id, id), eq(captures.tenantId, tenantId)))
        .run().changes;
    },
    async insertCaptureArtefacts(rows) {
      if (rows.length > 0) db.insert(captureArtefacts).values([...rows]).run();
    },
    async receiveCaptureArtefact({ captureId, sha256, at, width, height, displaySha256 }) {
      return receiveArtefact.run({ captureId, sha256, at, width, height, displaySha256 }).changes;
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
    async insertAgreementVersion(row) {
      db.insert(agreementVersions).values(row).run();
    },
    async insertAcceptance(row) {
      db.insert(agreementAcceptances).values(row).run();
    },
    async insertLoginEvent(row) {
      db.insert(loginEvents).values(row).run();
    },
    async insertMessage(row) {
      db.insert(messages).values(row).run();
    },
    async markMessageRead({ userId, id, at }) {
      return readMessage.run({ userId, id, at }).changes;
    },
    async revokeUserSession({ userId, publicId, at }) {
      return revokeOne.run({ userId, publicId, at }).changes;
    },
    async revokeAllUserSessions(userId, at) {
      return revokeAll.run({ userId, at }).changes;
    },
    async freezeUser({ userId, at, note }) {
      db.update(users).set({ frozenAt: at, frozenNote: note }).where(eq(users.id, userId)).run();
    },
    async unfreezeUser({ userId, at, note, by }) {
      return db
        .update(users)
        .set({ frozenAt: null, unfrozenAt: at, unfrozenNote: note, unfrozenBy: by })
        .where(and(eq(users.id, userId), isNotNull(users.frozenAt)))
        .run().changes;
    },
    async putSetting(row) {
      db.insert(platformSettings)
        .values(row)
        .onConflictDoUpdate({ target: platformSettings.key, set: { value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy } })
        .run();
    },
  };
}
