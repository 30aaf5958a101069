/**
 * Prepared statements for registration, verification, documents, principals,
 * one-time links, devices, contact history, the mail outbox and the demo
 * mailbox. Split from queries.ts by domain; built per connection the same way.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from './queries';
import * as schema from './schema';
import type { PrincipalRecord, StoreReader, StoreTx } from './types';

const { contactVersions, devMailbox, documents, knownDevices, mailOutbox, oneTimeLinks, principals, tenants, users } = schema;

type AccountReads = Pick<
  StoreReader,
  | 'findTenant'
  | 'findTenantOwner'
  | 'listTenantUsers'
  | 'findTenantUser'
  | 'listIdentityDocuments'
  | 'findDocument'
  | 'listPendingTenants'
  | 'listPrincipals'
  | 'findPrincipal'
  | 'listPendingPrincipals'
  | 'findLinkByTokenHash'
  | 'listOpenInvitations'
  | 'countKnownDevices'
  | 'isKnownDevice'
  | 'currentContact'
  | 'listContacts'
  | 'contactAt'
  | 'listDevMail'
>;

export function createAccountReader(db: Db): AccountReads {
  const p = sql.placeholder;
  const agency = alias(tenants, 'agency');
  const principalBase = () =>
    db
      .select({ principal: principals, agency, document: documents })
      .from(principals)
      .innerJoin(agency, eq(agency.id, principals.agencyTenantId))
      .innerJoin(documents, and(eq(documents.principalId, principals.id), eq(documents.purpose, 'letter_of_authority')));
  const currentContactOf = db
    .select()
    .from(contactVersions)
    .where(and(eq(contactVersions.userId, p('userId')), isNull(contactVersions.until)))
    .orderBy(desc(contactVersions.since))
    .limit(1)
    .prepare();

  const q = {
    tenant: db.select().from(tenants).where(eq(tenants.id, p('id'))).prepare(),
    owner: db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, p('tenantId')), eq(users.role, 'owner')))
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(1)
      .prepare(),
    tenantUsers: db.select().from(users).where(eq(users.tenantId, p('tenantId'))).orderBy(asc(users.createdAt), asc(users.id)).prepare(),
    tenantUser: db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, p('tenantId')), eq(users.id, p('userId'))))
      .prepare(),
    identityDocuments: db
      .select()
      .from(documents)
      .where(and(eq(documents.tenantId, p('tenantId')), eq(documents.purpose, 'identity_proof')))
      .orderBy(asc(documents.uploadedAt), asc(documents.id))
      .prepare(),
    documentInTenant: db
      .select()
      .from(documents)
      .where(and(eq(documents.id, p('id')), eq(documents.tenantId, p('tenantId'))))
      .prepare(),
    documentAny: db.select().from(documents).where(eq(documents.id, p('id'))).prepare(),
    pendingTenants: db
      .select({ tenant: tenants, ownerEmail: users.email, emailVerifiedAt: users.emailVerifiedAt })
      .from(tenants)
      .innerJoin(users, and(eq(users.tenantId, tenants.id), eq(users.role, 'owner')))
      .where(and(eq(tenants.identityStatus, 'pending'), isNotNull(tenants.entityKey)))
      .orderBy(asc(tenants.createdAt), asc(tenants.id))
      .prepare(),
    principals: principalBase()
      .where(eq(principals.agencyTenantId, p('agencyTenantId')))
      .orderBy(asc(principals.createdAt), asc(principals.id))
      .prepare(),
    principal: principalBase().where(eq(principals.id, p('id'))).prepare(),
    pendingPrincipals: principalBase()
      .where(eq(principals.authorityStatus, 'pending'))
      .orderBy(asc(principals.createdAt), asc(principals.id))
      .prepare(),
    link: db.select().from(oneTimeLinks).where(eq(oneTimeLinks.tokenHash, p('tokenHash'))).prepare(),
    openInvitations: db
      .select()
      .from(oneTimeLinks)
      .where(
        and(
          eq(oneTimeLinks.tenantId, p('tenantId')),
          eq(oneTimeLinks.purpose, 'invitation'),
          isNull(oneTimeLinks.usedAt),
          gt(oneTimeLinks.expiresAt, p('now')),
        ),
      )
      .orderBy(desc(oneTimeLinks.createdAt), desc(oneTimeLinks.id))
      .prepare(),
    deviceCount: db.select({ n: count() }).from(knownDevices).where(eq(knownDevices.userId, p('userId'))).prepare(),
    device: db
      .select({ userId: knownDevices.userId })
      .from(knownDevices)
      .where(and(eq(knownDevices.userId, p('userId')), eq(knownDevices.deviceHash, p('deviceHash'))))
      .prepare(),
    contacts: db
      .select()
      .from(contactVersions)
      .where(eq(contactVersions.userId, p('userId')))
      .orderBy(desc(contactVersions.since), desc(contactVersions.id))
      .prepare(),
    contactAt: db
      .select()
      .from(contactVersions)
      .where(
        and(
          eq(contactVersions.userId, p('userId')),
          lte(contactVersions.since, p('at')),
          or(isNull(contactVersions.until), gt(contactVersions.until, p('at'))),
        ),
      )
      .orderBy(desc(contactVersions.since))
      .limit(1)
      .prepare(),
    devMail: db.select().from(devMailbox).orderBy(desc(devMailbox.receivedAt), desc(devMailbox.id)).limit(p('limit')).prepare(),
  };

  return {
    async findTenant(id) {
      return q.tenant.get({ id });
    },
    async findTenantOwner(tenantId) {
      return q.owner.get({ tenantId });
    },
    async listTenantUsers(tenantId) {
      return q.tenantUsers.all({ tenantId });
    },
    async findTenantUser({ tenantId, userId }) {
      return q.tenantUser.get({ tenantId, userId });
    },
    async listIdentityDocuments(tenantId) {
      return q.identityDocuments.all({ tenantId });
    },
    async findDocument({ id, tenantId }) {
      return tenantId === null ? q.documentAny.get({ id }) : q.documentInTenant.get({ id, tenantId });
    },
    async listPendingTenants() {
      // A tenant has one owner at registration; should it ever have more, the queue shows it once.
      const seen = new Set<string>();
      return q.pendingTenants
        .all()
        .filter((row) => !seen.has(row.tenant.id) && seen.add(row.tenant.id))
        .map((row) => ({ tenant: row.tenant, ownerEmail: row.ownerEmail, emailVerified: row.emailVerifiedAt !== null }));
    },
    async listPrincipals(agencyTenantId): Promise<PrincipalRecord[]> {
      return q.principals.all({ agencyTenantId });
    },
    async findPrincipal(id) {
      return q.principal.get({ id });
    },
    async listPendingPrincipals() {
      return q.pendingPrincipals.all();
    },
    async findLinkByTokenHash(tokenHash) {
      return q.link.get({ tokenHash });
    },
    async listOpenInvitations(tenantId, now) {
      return q.openInvitations.all({ tenantId, now });
    },
    async countKnownDevices(userId) {
      return q.deviceCount.get({ userId })?.n ?? 0;
    },
    async isKnownDevice(userId, deviceHash) {
      return q.device.get({ userId, deviceHash }) !== undefined;
    },
    async currentContact(userId) {
      return currentContactOf.get({ userId });
    },
    async listContacts(userId) {
      return q.contacts.all({ userId });
    },
    async contactAt(userId, at) {
      return q.contactAt.get({ userId, at });
    },
    async listDevMail(limit) {
      return q.devMail.all({ limit });
    },
  };
}

export function createAccountWriter(db: Db): Pick<
  StoreTx,
  | 'decideTenantIdentity'
  | 'decidePrincipalAuthority'
  | 'insertDocument'
  | 'insertPrincipal'
  | 'insertLink'
  | 'useLink'
  | 'markEmailVerified'
  | 'rememberDevice'
  | 'insertContactVersion'
  | 'closeCurrentContact'
  | 'confirmCurrentContact'
  | 'insertMail'
  | 'claimMail'
  | 'finishMail'
  | 'insertDevMail'
> {
  const p = sql.placeholder;
  const due = or(
    and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, p('now'))),
    // A claim whose sender died: its lease has lapsed, so the mail is due again.
    and(eq(mailOutbox.status, 'sending'), lte(mailOutbox.leaseUntil, p('now'))),
  );
  const dueIds = db.select({ id: mailOutbox.id }).from(mailOutbox).where(due).orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id)).limit(p('limit')).prepare();
  const useLink = db
    .update(oneTimeLinks)
    .set({ usedAt: sql`${p('at')}` })
    .where(and(eq(oneTimeLinks.id, p('id')), isNull(oneTimeLinks.usedAt)))
    .prepare();
  const touchDevice = db
    .update(knownDevices)
    .set({ lastSeenAt: sql`${p('at')}` })
    .where(and(eq(knownDevices.userId, p('userId')), eq(knownDevices.deviceHash, p('deviceHash'))))
    .prepare();

  return {
    async decideTenantIdentity({ tenantId, status, at, by, reasons }) {
      return db
        .update(tenants)
        .set({ identityStatus: status, identityDecidedAt: at, identityDecidedBy: by, identityReasons: reasons })
        .where(and(eq(tenants.id, tenantId), eq(tenants.identityStatus, 'pending')))
        .run().changes;
    },
    async decidePrincipalAuthority({ principalId, status, at, by, reasons }) {
      return db
        .update(principals)
        .set({ authorityStatus: status, decidedAt: at, decidedBy: by, reasons })
        .where(and(eq(principals.id, principalId), eq(principals.authorityStatus, 'pending')))
        .run().changes;
    },
    async insertDocument(row) {
      db.insert(documents).values(row).run();
    },
    async insertPrincipal(row) {
      db.insert(principals).values(row).run();
    },
    async insertLink(row) {
      db.insert(oneTimeLinks).values(row).run();
    },
    async useLink({ id, at }) {
      return useLink.run({ id, at }).changes;
    },
    async markEmailVerified(userId, at) {
      db.update(users)
        .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${at})` })
        .where(eq(users.id, userId))
        .run();
    },
    async rememberDevice({ userId, deviceHash, at }) {
      if (touchDevice.run({ userId, deviceHash, at }).changes > 0) return false;
      db.insert(knownDevices).values({ userId, deviceHash, firstSeenAt: at, lastSeenAt: at }).run();
      return true;
    },
    async insertContactVersion(row) {
      db.insert(contactVersions).values(row).run();
    },
    async closeCurrentContact(userId, at) {
      db.update(contactVersions)
        .set({ until: at })
        .where(and(eq(contactVersions.userId, userId), isNull(contactVersions.until)))
        .run();
    },
    async confirmCurrentContact(userId, at) {
      return db
        .update(contactVersions)
        .set({ confirmedAt: at })
        .where(and(eq(contactVersions.userId, userId), isNull(contactVersions.until)))
        .run().changes;
    },
    async insertMail(row) {
      db.insert(mailOutbox).values(row).run();
    },
    async claimMail({ now, leaseUntil, owner, limit }) {
      const ids = dueIds.all({ now, limit }).map((row) => row.id);
      if (ids.length === 0) return [];
      return db
        .update(mailOutbox)
        .set({ status: 'sending', leaseUntil, leaseOwner: owner, attempts: sql`${mailOutbox.attempts} + 1` })
        .where(inArray(mailOutbox.id, ids))
        .returning()
        .all();
    },
    async finishMail({ id, owner, status, at, messageId, error, nextAttemptAt }) {
      return db
        .update(mailOutbox)
        .set({
          status,
          leaseUntil: null,
          leaseOwner: null,
          ...(status === 'sent' ? { sentAt: at, messageId: messageId ?? null, lastError: null } : { lastError: error ?? null }),
          ...(nextAttemptAt !== undefined ? { nextAttemptAt } : {}),
        })
        .where(and(eq(mailOutbox.id, id), eq(mailOutbox.leaseOwner, owner), eq(mailOutbox.status, 'sending')))
        .run().changes;
    },
    async insertDevMail(row) {
      db.insert(devMailbox).values(row).run();
    },
  };
}
