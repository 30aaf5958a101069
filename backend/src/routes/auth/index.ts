import { createRoute } from '@hono/zod-openapi';
import {
  AcceptInvitationRequestSchema,
  AcceptInvitationResponseSchema,
  LIMITS,
  LinkTokenRequestSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  ResendVerificationRequestSchema,
  VerifyEmailResponseSchema,
} from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, setCookie } from 'hono/cookie';
import { clientIp, isHttps } from '../../lib/client-info';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { PLAIN_COOKIE_NAME, requireAuth, SECURE_COOKIE_NAME } from '../../middleware/session';
import { freezeByLink } from '../../services/account';
import { login, logout } from '../../services/auth';
import { consumeIpBudget, resendVerification, verifyEmail } from '../../services/registration';
import { acceptInvitation } from '../../services/tenant-users';

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in; the extension gets a bearer token, the console an httpOnly cookie plus a CSRF token',
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  request: { body: { required: true, content: { 'application/json': { schema: LoginRequestSchema } } } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: LoginResponseSchema } } },
    ...problemResponses(
      'malformed_json',
      'validation_failed',
      'invalid_credentials',
      'account_frozen',
      'email_not_verified',
      'payload_too_large',
      'unsupported_media_type',
      'rate_limited',
    ),
  },
});

const BAD_JSON = ['malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'maintenance'] as const;
const LINK_CODES = ['link_invalid', 'link_used', 'link_expired'] as const;

const verifyEmailRoute = createRoute({
  method: 'post',
  path: '/verify-email',
  tags: ['auth'],
  summary: 'Open the e-mailed verification link; signing in works afterwards',
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })],
  request: { body: { required: true, content: { 'application/json': { schema: LinkTokenRequestSchema } } } },
  responses: {
    200: { description: 'Verified', content: { 'application/json': { schema: VerifyEmailResponseSchema } } },
    ...problemResponses(...BAD_JSON, ...LINK_CODES),
  },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/resend-verification',
  tags: ['auth'],
  summary: 'Send a new verification link; always 202, so it reveals no accounts',
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })],
  request: { body: { required: true, content: { 'application/json': { schema: ResendVerificationRequestSchema } } } },
  responses: {
    202: { description: 'Sent, if an unverified account has this address' },
    ...problemResponses(...BAD_JSON, 'rate_limited'),
  },
});

const acceptInvitationRoute = createRoute({
  method: 'post',
  path: '/accept-invitation',
  tags: ['auth'],
  summary: "Accept an e-mailed invitation: creates a monitor in the inviter's tenant",
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })],
  request: { body: { required: true, content: { 'application/json': { schema: AcceptInvitationRequestSchema } } } },
  responses: {
    201: { description: 'Account created; sign in next', content: { 'application/json': { schema: AcceptInvitationResponseSchema } } },
    ...problemResponses(...BAD_JSON, ...LINK_CODES, 'weak_password', 'email_already_registered'),
  },
});

const freezeByLinkRoute = createRoute({
  method: 'post',
  path: '/freeze-by-link',
  tags: ['auth'],
  summary: 'The link in a new-device sign-in e-mail: freeze the account and end every session at once',
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })],
  request: { body: { required: true, content: { 'application/json': { schema: LinkTokenRequestSchema } } } },
  responses: {
    202: { description: 'Frozen; an admin reviews and unfreezes' },
    ...problemResponses(...BAD_JSON, ...LINK_CODES),
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
      if (result.mailQueued) deps.mailer.kick();
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
    })
    .openapi(verifyEmailRoute, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await verifyEmail(store, c.req.valid('json').token), 200);
    })
    .openapi(resendRoute, async (c) => {
      const now = Date.now();
      await consumeIpBudget(store, 'resend', clientIp(c, config.trustProxy), config.registrationRateLimit, now);
      if (await resendVerification(deps, c.req.valid('json').email, now)) deps.mailer.kick();
      return c.body(null, 202);
    })
    .openapi(acceptInvitationRoute, async (c) => {
      return c.json(await acceptInvitation(store, c.req.valid('json')), 201);
    })
    .openapi(freezeByLinkRoute, async (c) => {
      await freezeByLink(store, c.req.valid('json').token);
      return c.body(null, 202);
    });
}

