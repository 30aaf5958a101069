import type { User, VerificationStatus } from '@openipp/shared';
import type { AppConfig } from '../env';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { randomToken, sha256Hex, uuidv7 } from '../lib/crypto';
import type { SessionWithUser, Store, StoreTx, TenantRow, UserRow } from '../store';
import { consoleLink } from './mail';
import { notify } from './notices';
import { issueLink } from './links';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { COUNTER_RETENTION_MS, currentWindow, rateLimited } from './rate-limit';

export type SessionKind = 'bearer' | 'cookie';

/** Avoid a write per request: last_seen_at is refreshed at most this often. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/** The platform's own tenant is vouched for by the operators; it is never in the verification queue. */
export function identityStatusOf(tenant: TenantRow): VerificationStatus {
  return tenant.kind === 'platform' ? 'approved' : tenant.identityStatus;
}

export function toUser(user: UserRow, tenant: TenantRow): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    tenant: { id: tenant.id, name: tenant.name, kind: tenant.kind, identityStatus: identityStatusOf(tenant) },
  };
}

/** A device is its user agent and client IP; only the hash is kept. */
export function deviceHash(userAgent: string | undefined, ip: string): string {
  return sha256Hex(`${userAgent ?? ''}\n${ip}`);
}

export interface LoginInput {
  email: string;
  password: string;
  kind: SessionKind;
  ip: string;
  userAgent: string | undefined;
}

export interface LoginResult {
  token: string;
  csrfToken: string | null;
  expiresAt: number;
  user: User;
  /** A new-device warning was queued: the caller kicks the mail sender. */
  mailQueued: boolean;
}

type LoginOutcome = 'success' | 'wrong_password' | 'throttled' | 'frozen';

/** Every attempt is recorded, refused ones too: the history is how a user spots use they did not make. */
function recordLogin(tx: StoreTx, input: LoginInput, userId: string | null, outcome: LoginOutcome, now: number): Promise<void> {
  return tx.insertLoginEvent({
    id: uuidv7(now),
    userId,
    email: input.email,
    at: now,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    outcome,
  });
}

/** A random id the user may see and use to end one session; the token hash stays server-side. */
export function newSessionPublicId(): string {
  return randomToken().slice(0, 22);
}

export async function login(store: Store, config: AppConfig, input: LoginInput, now = Date.now()): Promise<LoginResult> {
  const throttle = config.loginThrottle;
  const window = currentWindow(now, throttle.windowSeconds);
  const emailKey = `login:email:${input.email}`;
  const ipKey = `login:ip:${input.ip}`;
  const [emailFailures, ipFailures, found] = await Promise.all([
    store.getRateCount(emailKey, window.start),
    store.getRateCount(ipKey, window.start),
    store.findUserByEmail(input.email),
  ]);
  if (emailFailures >= throttle.maxFailuresPerEmail || ipFailures >= throttle.maxFailuresPerIp) {
    await store.transaction((tx) => recordLogin(tx, input, found?.user.id ?? null, 'throttled', now));
    throw rateLimited(window.retryAfter);
  }

  const ok = found ? await verifyPassword(found.user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);

  if (!found || !ok) {
    await store.transaction(async (tx) => {
      await tx.hitRateCounter(emailKey, window.start);
      await tx.hitRateCounter(ipKey, window.start);
      await tx.pruneRateCounters(now - COUNTER_RETENTION_MS);
      await recordLogin(tx, input, found?.user.id ?? null, 'wrong_password', now);
    });
    throw new AppError('invalid_credentials');
  }

  // Only after the password checks out: a wrong password must not reveal that the account is frozen.
  if (found.user.frozenAt !== null) {
    await store.transaction((tx) => recordLogin(tx, input, found.user.id, 'frozen', now));
    throw new AppError('account_frozen');
  }
  // Also only after the password: an unverified address must not be probed by guessing.
  if (found.user.emailVerifiedAt === null) throw new AppError('email_not_verified');

  const token = randomToken();
  const csrfToken = input.kind === 'cookie' ? randomToken() : null;
  const expiresAt = now + config.sessionTtlHours * 60 * 60 * 1000;
  const mailQueued = await store.transaction(async (tx) => {
    // A successful login forgives this address's earlier typos for the account.
    await tx.clearRateCounter(emailKey, window.start);
    await tx.insertSession({
      id: sha256Hex(token),
      publicId: newSessionPublicId(),
      userId: found.user.id,
      tenantId: found.tenant.id,
      kind: input.kind,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    });
    await recordLogin(tx, input, found.user.id, 'success', now);
    // The very first sign-in (after registration or an invitation) only makes its device known.
    const firstSignIn = (await tx.countKnownDevices(found.user.id)) === 0;
    const newDevice = await tx.rememberDevice({ userId: found.user.id, deviceHash: deviceHash(input.userAgent, input.ip), at: now });
    if (!newDevice || firstSignIn) return false;
    const { token: freezeToken } = await issueLink(tx, { purpose: 'freeze', tenantId: found.tenant.id, userId: found.user.id, email: found.user.email }, now);
    await notify(
      tx,
      {
        kind: 'new_device_login',
        recipient: { userId: found.user.id },
        params: { time: now, ip: input.ip, userAgent: input.userAgent?.slice(0, 512) || '-', freezeLink: consoleLink(config.publicUrl, 'freeze', freezeToken) },
      },
      now,
    );
    return true;
  });
  return { token, csrfToken, expiresAt, user: toUser(found.user, found.tenant), mailQueued };
}

function toPrincipal({ session, user, tenant }: SessionWithUser, pendingAgreementVersion: number | null): Principal {
  return {
    sessionId: session.id,
    sessionPublicId: session.publicId,
    pendingAgreementVersion,
    kind: session.kind,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, locale: user.locale },
    tenant: { id: tenant.id, name: tenant.name, kind: tenant.kind, identityStatus: identityStatusOf(tenant) },
  };
}

/**
 * Resolves a presented token. A token is only valid through the channel it
 * was issued for: a cookie session cannot be replayed as a bearer token,
 * which would sidestep CSRF checks.
 */
export async function authenticate(store: Store, token: string, via: SessionKind, now = Date.now()): Promise<Principal> {
  const found = await store.findSession(sha256Hex(token));
  if (!found || found.session.kind !== via) throw new AppError('unauthenticated');
  // Checked before revocation: freezing revokes every session, and the client must learn why.
  if (found.user.frozenAt !== null) throw new AppError('account_frozen');
  if (found.session.revokedAt !== null || found.session.expiresAt <= now) throw new AppError('session_expired');
  if (now - found.session.lastSeenAt > TOUCH_INTERVAL_MS) {
    await store.transaction((tx) => tx.touchSession(found.session.id, now));
  }
  return toPrincipal(found, await store.pendingAgreementVersion(found.user.id));
}

export async function logout(store: Store, sessionId: string, now = Date.now()): Promise<void> {
  await store.transaction((tx) => tx.revokeSession(sessionId, now));
}
