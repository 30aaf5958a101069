import { createRoute } from '@hono/zod-openapi';
import { LIMITS, LoginRequestSchema, LoginResponseSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, setCookie } from 'hono/cookie';
import { clientIp, isHttps } from '../../lib/client-info';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { PLAIN_COOKIE_NAME, requireAuth, SECURE_COOKIE_NAME } from '../../middleware/session';
import { login, logout } from '../../services/auth';

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in; the extension gets a bearer token, the console an httpOnly cookie plus a CSRF token',
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  request: { body: { required: true, content: { 'application/json': { schema: LoginRequestSchema } } } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: LoginResponseSchema } } },
    ...problemResponses('malformed_json', 'validation_failed', 'invalid_credentials', 'payload_too_large', 'unsupported_media_type', 'rate_limited'),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'Revoke the current session',
  security: AUTH_SECURITY,
  responses: {
    204: { description: 'Signed out' },
    ...problemResponses('unauthenticated', 'session_expired', 'csrf_failed'),
  },
});

export function authRoutes(deps: AppDeps) {
  const { config, store } = deps;
  return createRouter()
    .openapi(loginRoute, async (c) => {
      const body = c.req.valid('json');
      const kind = body.client === 'console' ? 'cookie' : 'bearer';
      const result = await login(store, config, {
        email: body.email,
        password: body.password,
        kind,
        ip: clientIp(c, config.trustProxy),
        userAgent: c.req.header('user-agent'),
      });
      const expiresAt = new Date(result.expiresAt).toISOString();
      c.header('Cache-Control', 'no-store');
      if (kind === 'bearer') return c.json({ token: result.token, expiresAt, user: result.user }, 200);

      // `__Host-` pins the cookie to this exact origin, but browsers only accept it over https.
      const secure = isHttps(c, config.trustProxy);
      setCookie(c, secure ? SECURE_COOKIE_NAME : PLAIN_COOKIE_NAME, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure,
        maxAge: Math.floor((result.expiresAt - Date.now()) / 1000),
      });
      return c.json({ csrfToken: result.csrfToken ?? undefined, expiresAt, user: result.user }, 200);
    })
    .openapi({ ...logoutRoute, middleware: [requireAuth(deps)] as const }, async (c) => {
      await logout(store, c.get('principal').sessionId);
      if (c.get('principal').kind === 'cookie') {
        const secure = isHttps(c, config.trustProxy);
        deleteCookie(c, secure ? SECURE_COOKIE_NAME : PLAIN_COOKIE_NAME, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
      }
      return c.body(null, 204);
    });
}

