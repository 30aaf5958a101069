import type { User } from '@openipp/shared';
import type { AppConfig } from '../env';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { randomToken, sha256Hex } from '../lib/crypto';
import type { SessionWithUser, Store, TenantRow, UserRow } from '../store';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { currentWindow, rateLimited } from './rate-limit';

export type SessionKind = 'bearer' | 'cookie';

/** Rows older than a day are dead weight; every window we use is far shorter. */
const COUNTER_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Avoid a write per request: last_seen_at is refreshed at most this often. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export function toUser(user: UserRow, tenant: TenantRow): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    tenant: { id: tenant.id, name: tenant.name, kind: tenant.kind },
  };
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
}

export async function login(store: Store, config: AppConfig, input: LoginInput, now = Date.now()): Promise<LoginResult> {
  const throttle = config.loginThrottle;
  const window = currentWindow(now, throttle.windowSeconds);
  const emailKey = `login:email:${input.email}`;
  const ipKey = `login:ip:${input.ip}`;
  const [emailFailures, ipFailures] = await Promise.all([
    store.getRateCount(emailKey, window.start),
    store.getRateCount(ipKey, window.start),
  ]);
  if (emailFailures >= throttle.maxFailuresPerEmail || ipFailures >= throttle.maxFailuresPerIp) {
    throw rateLimited(window.retryAfter);
  }

  const found = await store.findUserByEmail(input.email);
  const ok = found ? await verifyPassword(found.user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);

  if (!found || !ok) {
    await store.transaction(async (tx) => {
      await tx.hitRateCounter(emailKey, window.start);
      await tx.hitRateCounter(ipKey, window.start);
      await tx.pruneRateCounters(now - COUNTER_RETENTION_MS);
    });
    throw new AppError('invalid_credentials');
  }

  const token = randomToken();
  const csrfToken = input.kind === 'cookie' ? randomToken() : null;
  const expiresAt = now + config.sessionTtlHours * 60 * 60 * 1000;
  await store.transaction(async (tx) => {
    // A successful login forgives this address's earlier typos for the account.
    await tx.clearRateCounter(emailKey, window.start);
    await tx.insertSession({
      id: sha256Hex(token),
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
  });
  return { token, csrfToken, expiresAt, user: toUser(found.user, found.tenant) };
}

function toPrincipal({ session, user, tenant }: SessionWithUser): Principal {
  return {
    sessionId: session.id,
    kind: session.kind,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, locale: user.locale },
    tenant: { id: tenant.id, name: tenant.name, kind: tenant.kind },
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
  if (found.session.revokedAt !== null || found.session.expiresAt <= now) throw new AppError('session_expired');
  if (now - found.session.lastSeenAt > TOUCH_INTERVAL_MS) {
    await store.transaction((tx) => tx.touchSession(found.session.id, now));
  }
  return toPrincipal(found);
}

export async function logout(store: Store, sessionId: string, now = Date.now()): Promise<void> {
  await store.transaction((tx) => tx.revokeSession(sessionId, now));
}
