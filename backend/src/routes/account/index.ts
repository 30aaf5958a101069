import { createRoute } from '@hono/zod-openapi';
import { ContactsResponseSchema, LIMITS, LoginHistorySchema, ReportCompromiseRequestSchema, UpdateContactsRequestSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { loginHistory, reportCompromise } from '../../services/account';
import { confirmContacts, getContacts, updateContacts } from '../../services/contacts';
import { clearSessionCookie } from '../sessions';

const loginsRoute = createRoute({
  method: 'get',
  path: '/logins',
  tags: ['account'],
  summary: "The caller's sign-in history (time, IP, user agent, outcome), newest first",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Sign-in attempts', content: { 'application/json': { schema: LoginHistorySchema } } },
    ...problemResponses('unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required'),
  },
});

const reportRoute = createRoute({
  method: 'post',
  path: '/report-compromise',
  tags: ['account'],
  summary: 'Report unauthorised use: freezes the account and ends every session and extension token at once',
  security: AUTH_SECURITY,
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  // Optional, so a one-click report from the console needs no body.
  request: { body: { required: false, content: { 'application/json': { schema: ReportCompromiseRequestSchema } } } },
  responses: {
    202: { description: 'Frozen; an admin reviews and unfreezes' },
    ...problemResponses(
      'unauthenticated',
      'session_expired',
      'account_frozen',
      'agreement_acceptance_required',
      'csrf_failed',
      'malformed_json',
      'validation_failed',
      'payload_too_large',
      'maintenance',
    ),
  },
});

const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required'] as const;

const contactsRoute = createRoute({
  method: 'get',
  path: '/contacts',
  tags: ['account'],
  summary: 'Current contact details, their full history, and whether they are due for confirmation',
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Contact details', content: { 'application/json': { schema: ContactsResponseSchema } } },
    ...problemResponses(...COMMON),
  },
});

const updateContactsRoute = createRoute({
  method: 'put',
  path: '/contacts',
  tags: ['account'],
  summary: 'Change contact details: a new version (the old one stays in the history); counts as confirming',
  security: AUTH_SECURITY,
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  request: { body: { required: true, content: { 'application/json': { schema: UpdateContactsRequestSchema } } } },
  responses: {
    200: { description: 'The details now on file', content: { 'application/json': { schema: ContactsResponseSchema } } },
    ...problemResponses(...COMMON, 'csrf_failed', 'malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'maintenance'),
  },
});

const confirmContactsRoute = createRoute({
  method: 'post',
  path: '/contacts/confirm',
  tags: ['account'],
  summary: 'Confirm the current contact details are still right',
  security: AUTH_SECURITY,
  responses: {
    204: { description: 'Confirmed' },
    ...problemResponses(...COMMON, 'csrf_failed', 'maintenance'),
  },
});

export function accountRoutes(deps: AppDeps) {
  const months = deps.config.contactConfirmMonths;
  const auth = requireAuth(deps);
  return createRouter()
    .openapi({ ...loginsRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await loginHistory(deps.store, c.get('principal').user.id) }, 200);
    })
    .openapi({ ...reportRoute, middleware: [auth, ...reportRoute.middleware] as const }, async (c) => {
      const body = c.req.valid('json') as { note?: string } | undefined;
      await reportCompromise(deps.store, c.get('principal').user.id, body?.note);
      clearSessionCookie(c, deps.config.trustProxy);
      return c.body(null, 202);
    })
    .openapi({ ...contactsRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getContacts(deps.store, c.get('principal').user.id, months), 200);
    })
    .openapi({ ...updateContactsRoute, middleware: [auth, ...updateContactsRoute.middleware] as const }, async (c) => {
      const userId = c.get('principal').user.id;
      await updateContacts(deps.store, userId, c.req.valid('json'));
      return c.json(await getContacts(deps.store, userId, months), 200);
    })
    .openapi({ ...confirmContactsRoute, middleware: [auth] as const }, async (c) => {
      await confirmContacts(deps.store, c.get('principal').user.id);
      return c.body(null, 204);
    });
}
