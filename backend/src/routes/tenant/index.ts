import { createRoute, z } from '@hono/zod-openapi';
import {
  ContactsResponseSchema,
  InvitationRequestSchema,
  InvitationSchema,
  LIMITS,
  TenantProfileSchema,
  TenantUserListSchema,
  TenantUserSchema,
} from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth, writeRateLimit } from '../../middleware/session';
import { getTenantUser, getTenantUserContacts, invite, listTenantUsers } from '../../services/tenant-users';
import { tenantProfile } from '../../services/verification';

const TAGS = ['tenant'];
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required'] as const;
const UserIdParamsSchema = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });

const profileRoute = createRoute({
  method: 'get',
  path: '/',
  tags: TAGS,
  summary: "The caller's tenant: identity, verification decision, proof documents",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Tenant profile', content: { 'application/json': { schema: TenantProfileSchema } } },
    ...problemResponses(...COMMON),
  },
});

const usersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: TAGS,
  summary: "The tenant's users and open invitations (owner only)",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Users', content: { 'application/json': { schema: TenantUserListSchema } } },
    ...problemResponses(...COMMON, 'forbidden'),
  },
});

const userRoute = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags: TAGS,
  summary: 'One user of the tenant (owner only); another tenant’s user is 404',
  security: AUTH_SECURITY,
  request: { params: UserIdParamsSchema },
  responses: {
    200: { description: 'User', content: { 'application/json': { schema: TenantUserSchema } } },
    ...problemResponses(...COMMON, 'forbidden', 'not_found'),
  },
});

const userContactsRoute = createRoute({
  method: 'get',
  path: '/users/{id}/contacts',
  tags: TAGS,
  summary: 'Contact details (with history) of one user of the tenant (owner only)',
  security: AUTH_SECURITY,
  request: { params: UserIdParamsSchema },
  responses: {
    200: { description: 'Contact details', content: { 'application/json': { schema: ContactsResponseSchema } } },
    ...problemResponses(...COMMON, 'forbidden', 'not_found'),
  },
});

const inviteRoute = createRoute({
  method: 'post',
  path: '/invitations',
  tags: TAGS,
  summary: 'Invite a monitor by e-mail: a one-time link valid for 7 days (owner only)',
  security: AUTH_SECURITY,
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  request: { body: { required: true, content: { 'application/json': { schema: InvitationRequestSchema } } } },
  responses: {
    201: { description: 'Invitation sent', content: { 'application/json': { schema: InvitationSchema } } },
    ...problemResponses(
      ...COMMON,
      'forbidden',
      'csrf_failed',
      'malformed_json',
      'validation_failed',
      'payload_too_large',
      'email_already_registered',
      'rate_limited',
      'maintenance',
    ),
  },
});

export function tenantRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  const { store, config } = deps;
  return createRouter()
    .openapi({ ...profileRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await tenantProfile(store, c.get('principal')), 200);
    })
    .openapi({ ...usersRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listTenantUsers(store, c.get('principal')), 200);
    })
    .openapi({ ...userRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getTenantUser(store, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi({ ...userContactsRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getTenantUserContacts(store, c.get('principal'), c.req.valid('param').id, config.contactConfirmMonths), 200);
    })
    .openapi({ ...inviteRoute, middleware: [auth, writeRateLimit(deps), ...inviteRoute.middleware] as const }, async (c) => {
      const invitation = await invite(deps, c.get('principal'), c.req.valid('json'));
      deps.mailer.kick();
      return c.json(invitation, 201);
    });
}
