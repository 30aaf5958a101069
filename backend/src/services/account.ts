import type { AdminUser, LoginEvent, SessionInfo } from '@openipp/shared';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { serverText } from '../lib/i18n';
import type { Store, StoreTransaction, UserWithTenant } from '../store';
import { consumeLink } from './links';
import { notify } from './notices';

const iso = (ms: number) => new Date(ms).toISOString();
const LOGIN_HISTORY_LIMIT = 100;

export async function listSessions(store: Store, principal: Principal, now = Date.now()): Promise<SessionInfo[]> {
  const rows = await store.listLiveSessions(principal.user.id, now);
  return rows.map((row) => ({
    id: row.publicId,
    kind: row.kind,
    createdAt: iso(row.createdAt),
    lastSeenAt: iso(row.lastSeenAt),
    expiresAt: iso(row.expiresAt),
    ip: row.ip,
    userAgent: row.userAgent,
    current: row.id === principal.sessionId,
  }));
}

/** Ends one of the caller's own sessions; anyone else's (or an unknown id) is a 404. */
export async function revokeSession(store: Store, userId: string, publicId: string, now = Date.now()): Promise<void> {
  const revoked = await store.transaction((tx) => tx.revokeUserSession({ userId, publicId, at: now }));
  if (revoked === 0) throw new AppError('not_found');
}

export async function revokeAllSessions(store: Store, userId: string, now = Date.now()): Promise<void> {
  await store.transaction((tx) => tx.revokeAllUserSessions(userId, now));
}

export async function loginHistory(store: Store, userId: string): Promise<LoginEvent[]> {
  const rows = await store.listLoginEvents(userId, LOGIN_HISTORY_LIMIT);
  return rows.map((row) => ({ at: iso(row.at), ip: row.ip, userAgent: row.userAgent, outcome: row.outcome }));
}

/**
 * The user says someone else is using the account: freeze it and void every
 * session and extension token in the same transaction, so no request that
 * starts after the commit is served for this account.
 */
export async function reportCompromise(store: Store, userId: string, note: string | undefined, now = Date.now()): Promise<void> {
  await store.transaction((tx) => freezeAccount(tx, userId, note ? note : null, now));
}

/**
 * The freeze itself, inside the caller's transaction, and the notice of it:
 * the user learns of it outside the platform (e-mail, SMS), since no session
 * of theirs works any more.
 */
async function freezeAccount(tx: StoreTransaction, userId: string, note: string | null, now: number): Promise<void> {
  await tx.freezeUser({ userId, at: now, note });
  await tx.revokeAllUserSessions(userId, now);
  await notify(tx, { kind: 'account_frozen', recipient: { userId }, subjectId: userId, params: { time: now } }, now);
}

/**
 * The link in a new-device sign-in e-mail: works without signing in (the
 * person may be locked out), and freezes exactly like the console button.
 */
export async function freezeByLink(store: Store, token: string, now = Date.now()): Promise<void> {
  await store.transaction(async (tx) => {
    const link = await consumeLink(tx, token, 'freeze', now);
    const found = link.userId === null ? undefined : await tx.findUserById(link.userId);
    if (!found) throw new AppError('link_invalid');
    // Already frozen (say, from the console meanwhile): keep the first report's note and time.
    if (found.user.frozenAt !== null) return;
    await freezeAccount(tx, found.user.id, serverText(found.user.locale, 'account.frozenByLink'), now);
  });
}

function toAdminUser({ user, tenant }: UserWithTenant): AdminUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    tenant: { id: tenant.id, name: tenant.name },
    frozenAt: user.frozenAt === null ? null : iso(user.frozenAt),
    frozenNote: user.frozenNote,
  };
}

export async function listUsersForAdmin(store: Store, frozen: boolean | undefined): Promise<AdminUser[]> {
  return (await store.listUsers(frozen === undefined ? {} : { frozen })).map(toAdminUser);
}

/** After review. Unfreezing an account that is not frozen changes nothing; an unknown id is a 404. */
export async function unfreezeUser(store: Store, adminId: string, userId: string, note: string, now = Date.now()): Promise<void> {
  await store.transaction(async (tx) => {
    if (!(await tx.findUserById(userId))) throw new AppError('not_found');
    await tx.unfreezeUser({ userId, at: now, note, by: adminId });
  });
}
