import type { AcceptInvitationRequestSchema, ContactsResponse, Invitation, InvitationRequestSchema, TenantUser, TenantUserList } from '@openipp/shared';
import type { z } from 'zod';
import type { AppConfig } from '../env';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { uuidv7 } from '../lib/crypto';
import type { OneTimeLinkRow, Store, UserRow } from '../store';
import { getContacts } from './contacts';
import { consumeLink, issueLink, usableLink } from './links';
import { consoleLink } from './mail';
import { notify } from './notices';
import { hashPassword } from './passwords';
import { assertStrongPassword, conflictFor } from './registration';

const iso = (ms: number) => new Date(ms).toISOString();

/** Managing a tenant's users is the owner's job; a monitor (or staff, who own no customer tenant) is refused. */
export function requireOwner(principal: Principal): void {
  if (principal.user.role !== 'owner') throw new AppError('forbidden');
}

function toTenantUser(user: UserRow): TenantUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    // Customer tenants hold only owners and monitors.
    role: user.role === 'owner' ? 'owner' : 'monitor',
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: iso(user.createdAt),
  };
}

function toInvitation(link: Pick<OneTimeLinkRow, 'id' | 'email' | 'expiresAt' | 'createdAt'>): Invitation {
  return { id: link.id, email: link.email, role: 'monitor', expiresAt: iso(link.expiresAt), createdAt: iso(link.createdAt) };
}

export async function listTenantUsers(store: Store, principal: Principal, now = Date.now()): Promise<TenantUserList> {
  requireOwner(principal);
  const [users, invitations] = await Promise.all([store.listTenantUsers(principal.tenant.id), store.listOpenInvitations(principal.tenant.id, now)]);
  return { items: users.map(toTenantUser), invitations: invitations.map(toInvitation) };
}

/** Tenant AND id: a user of another tenant is a 404, exactly like a missing one. */
async function tenantUser(store: Store, principal: Principal, userId: string): Promise<UserRow> {
  requireOwner(principal);
  const user = await store.findTenantUser({ tenantId: principal.tenant.id, userId });
  if (!user) throw new AppError('not_found');
  return user;
}

export async function getTenantUser(store: Store, principal: Principal, userId: string): Promise<TenantUser> {
  return toTenantUser(await tenantUser(store, principal, userId));
}

export async function getTenantUserContacts(store: Store, principal: Principal, userId: string, months: number, now = Date.now()): Promise<ContactsResponse> {
  const user = await tenantUser(store, principal, userId);
  return getContacts(store, user.id, months, now);
}

/** E-mails a one-time link (7 days) to join the owner's tenant as a monitor. */
export async function invite(
  deps: { store: Store; config: AppConfig },
  principal: Principal,
  request: z.output<typeof InvitationRequestSchema>,
  now = Date.now(),
): Promise<Invitation> {
  requireOwner(principal);
  if (await deps.store.findUserByEmail(request.email)) throw new AppError('email_already_registered');
  return deps.store.transaction(async (tx) => {
    const { token, row } = await issueLink(
      tx,
      { purpose: 'invitation', tenantId: principal.tenant.id, userId: null, email: request.email, locale: request.locale, createdBy: principal.user.id },
      now,
    );
    await notify(
      tx,
      {
        kind: 'invitation',
        recipient: { email: request.email, locale: request.locale, tenantId: principal.tenant.id },
        subjectId: row.id,
        params: { tenantName: principal.tenant.name, inviterEmail: principal.user.email, link: consoleLink(deps.config.publicUrl, 'accept-invitation', token) },
      },
      now,
    );
    return toInvitation({ id: row.id, email: row.email, expiresAt: row.expiresAt, createdAt: row.createdAt });
  });
}

/**
 * Creates the invited monitor. The link proved the address, so the e-mail
 * is verified at once; the new user still meets the agreement gate at sign-in.
 */
export async function acceptInvitation(
  store: Store,
  request: z.output<typeof AcceptInvitationRequestSchema>,
  now = Date.now(),
): Promise<{ userId: string; email: string; tenantName: string }> {
  // Checked before the password, so an unusable link is reported as such.
  const link = await usableLink(store, request.token, 'invitation', now);
  assertStrongPassword(request.password, link.email);
  const passwordHash = await hashPassword(request.password);
  const userId = uuidv7(now);
  try {
    return await store.transaction(async (tx) => {
      const spent = await consumeLink(tx, request.token, 'invitation', now);
      const tenant = await tx.findTenant(spent.tenantId);
      if (!tenant) throw new AppError('link_invalid');
      await tx.insertUser({
        id: userId,
        tenantId: tenant.id,
        email: spent.email,
        displayName: request.displayName,
        role: 'monitor',
        locale: spent.locale ?? 'zh-CN',
        passwordHash,
        createdAt: now,
        emailVerifiedAt: now,
      });
      await tx.insertContactVersion({ id: uuidv7(now), userId, email: spent.email, phone: null, postalAddress: null, since: now, until: null, confirmedAt: now });
      return { userId, email: spent.email, tenantName: tenant.name };
    });
  } catch (error) {
    throw conflictFor(error) ?? error;
  }
}
