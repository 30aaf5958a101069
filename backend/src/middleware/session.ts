import { CSRF_HEADER } from '@openipp/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../lib/app-error';
import { requestHost } from '../lib/client-info';
import type { AppEnv, Principal } from '../lib/context';
import { safeEqual } from '../lib/crypto';
import type { AppDeps } from '../lib/deps';
import { authenticate } from '../services/auth';
import { enforceAgreementGate } from './agreement-gate';
import { consumeListBudget, isListRequest } from './rate-limit';

// Routes take the write budget from here, beside requireAuth, which it must follow.
export { writeRateLimit } from './rate-limit';

export const SECURE_COOKIE_NAME = '__Host-openipp_session';
export const PLAIN_COOKIE_NAME = 'openipp_session';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AppError('unauthenticated');
  return match[1];
}

function cookieToken(c: Context): string | undefined {
  return getCookie(c, SECURE_COOKIE_NAME) ?? getCookie(c, PLAIN_COOKIE_NAME);
}

/**
 * CSRF for cookie sessions: the per-session token must come back in a header
 * (which a cross-site form cannot set), and a present Origin must be ours.
 */
function checkCsrf(c: Context, expected: string | null, trustProxy: boolean): void {
  const presented = c.req.header(CSRF_HEADER);
  if (!expected || !presented || !safeEqual(presented, expected)) throw new AppError('csrf_failed');
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      throw new AppError('csrf_failed');
    }
    if (originHost !== requestHost(c, trustProxy)) throw new AppError('csrf_failed');
  }
}

export interface RequireAuthOptions {
  /** Only admins may see the route exists: anyone else gets 404, before CSRF or the gate. */
  adminOnly?: boolean;
}

/**
 * Establishes `c.var.principal` from a bearer token (preferred) or the session
 * cookie, then applies CSRF (cookie writes) and the agreement gate. Every
 * authenticated route goes through here, so none can skip the gate or, for
 * list routes, the list budget.
 */
export function requireAuth(deps: AppDeps, options: RequireAuthOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = bearerToken(c);
    const cookie = bearer === undefined ? cookieToken(c) : undefined;
    const token = bearer ?? cookie;
    if (!token) throw new AppError('unauthenticated');
    const principal = await authenticate(deps.store, token, bearer !== undefined ? 'bearer' : 'cookie');
    if (options.adminOnly && principal.user.role !== 'admin') throw new AppError('not_found');
    if (principal.kind === 'cookie' && UNSAFE_METHODS.has(c.req.method)) {
      checkCsrf(c, principal.csrfToken, deps.config.trustProxy);
    }
    enforceAgreementGate(principal, c.req.method, c.req.path);
    // Here rather than on each route: every list route is authenticated, so none can miss its budget.
    if (isListRequest(c.req.method, c.req.path)) await consumeListBudget(c, deps, principal);
    c.set('principal', principal);
    await next();
  };
}

/**
 * Runs `check` on the principal (it throws to refuse) before the body is read
 * or any write budget spent: whoever fails it uploads nothing and learns
 * nothing from validation. Must run after requireAuth.
 */
export function guardPrincipal(check: (principal: Principal) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    check(c.get('principal'));
    await next();
  };
}
