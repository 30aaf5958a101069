import { createRoute, z } from '@hono/zod-openapi';
import { SessionListSchema } from '@openipp/shared';
import type { Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { isHttps } from '../../lib/client-info';
import type { AppEnv } from '../../lib/context';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { PLAIN_COOKIE_NAME, requireAuth, SECURE_COOKIE_NAME } from '../../middleware/session';
import { listSessions, revokeAllSessions, revokeSession } from '../../services/account';

const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required'] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['account'],
  summary: "The caller's live sessions and extension tokens",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Sessions, newest first', content: { 'application/json': { schema: SessionListSchema } } },
    ...problemResponses(...COMMON),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['account'],
  summary: "End one of the caller's own sessions by its public id",
  security: AUTH_SECURITY,
  request: { params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    204: { description: 'Ended' },
    ...problemResponses(...COMMON, 'csrf_failed', 'not_found', 'maintenance'),
  },
});

const revokeAllRoute = createRoute({
  method: 'post',
  path: '/revoke-all',
  tags: ['account'],
  summary: 'Log out everywhere, this session included',
  security: AUTH_SECURITY,
  responses: {
    204: { description: 'Every session ended' },
    ...problemResponses(...COMMON, 'csrf_failed', 'maintenance'),
  },
});

/** When the request's own cookie session has just been ended, tell the browser to drop it too. */
export function clearSessionCookie(c: Context<AppEnv>, trustProxy: boolean): void {
  if (c.get('principal').kind !== 'cookie') return;
  const secure = isHttps(c, trustProxy);
  deleteCookie(c, secure ? SECURE_COOKIE_NAME : PLAIN_COOKIE_NAME, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}

export function sessionRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  const { store, config } = deps;
  return createRouter()
    .openapi({ ...listRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await listSessions(store, c.get('principal')) }, 200);
    })
    .openapi({ ...deleteRoute, middleware: [auth] as const }, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      await revokeSession(store, principal.user.id, id);
      if (id === principal.sessionPublicId) clearSessionCookie(c, config.trustProxy);
      return c.body(null, 204);
    })
    .openapi({ ...revokeAllRoute, middleware: [auth] as const }, async (c) => {
      await revokeAllSessions(store, c.get('principal').user.id);
      clearSessionCookie(c, config.trustProxy);
      return c.body(null, 204);
    });
}
