import { createRoute, z } from '@hono/zod-openapi';
import {
  AcceptanceProofSchema,
  AdminUserListSchema,
  AgreementAdminListSchema,
  AgreementVersionSchema,
  LIMITS,
  PlatformStatusSchema,
  PublishAgreementRequestSchema,
  SetMaintenanceRequestSchema,
  UnfreezeRequestSchema,
  VerificationDecisionRequestSchema,
  VerificationQueueSchema,
} from '@openipp/shared';
import { DecisionSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { listUsersForAdmin, unfreezeUser } from '../../services/account';
import { acceptanceProof, listAgreementsForAdmin, publishAgreement } from '../../services/agreements';
import { setMaintenance } from '../../services/maintenance';
import { decidePrincipal, decideTenant, verificationQueue } from '../../services/verification';

/** Two full agreement texts in Chinese (3 bytes a character) plus summaries. */
const PUBLISH_BODY_MAX_BYTES = 2 * 1024 * 1024;
const TAGS = ['admin'];
/** Every admin route may answer these; a non-admin gets not_found. */
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const WRITE = [...COMMON, 'csrf_failed', 'malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'maintenance'] as const;

const UserIdParamsSchema = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });

const publishRoute = createRoute({
  method: 'post',
  path: '/agreements',
  tags: TAGS,
  summary: 'Publish the next agreement version; in force at once, announced to every user',
  security: AUTH_SECURITY,
  middleware: [bodyLimit({ maxSize: PUBLISH_BODY_MAX_BYTES })] as const,
  request: { body: { required: true, content: { 'application/json': { schema: PublishAgreementRequestSchema } } } },
  responses: {
    201: { description: 'Published', content: { 'application/json': { schema: AgreementVersionSchema } } },
    ...problemResponses(...WRITE),
  },
});

const listAgreementsRoute = createRoute({
  method: 'get',
  path: '/agreements',
  tags: TAGS,
  summary: 'Every version with its acceptance count',
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Versions, newest first', content: { 'application/json': { schema: AgreementAdminListSchema } } },
    ...problemResponses(...COMMON),
  },
});

const proofRoute = createRoute({
  method: 'get',
  path: '/users/{id}/acceptances',
  tags: TAGS,
  summary: "One user's acceptance proof, as a JSON download",
  security: AUTH_SECURITY,
  request: { params: UserIdParamsSchema },
  responses: {
    200: { description: 'The proof (Content-Disposition: attachment)', content: { 'application/json': { schema: AcceptanceProofSchema } } },
    ...problemResponses(...COMMON),
  },
});

const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: TAGS,
  summary: 'Users, optionally only frozen (or only active) ones',
  security: AUTH_SECURITY,
  request: { query: z.object({ frozen: z.enum(['true', 'false']).optional() }) },
  responses: {
    200: { description: 'Users', content: { 'application/json': { schema: AdminUserListSchema } } },
    ...problemResponses(...COMMON, 'validation_failed'),
  },
});

const unfreezeRoute = createRoute({
  method: 'post',
  path: '/users/{id}/unfreeze',
  tags: TAGS,
  summary: 'Lift a freeze after review',
  security: AUTH_SECURITY,
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  request: { params: UserIdParamsSchema, body: { required: true, content: { 'application/json': { schema: UnfreezeRequestSchema } } } },
  responses: {
    204: { description: 'Unfrozen (or was not frozen)' },
    ...problemResponses(...WRITE),
  },
});

const maintenanceRoute = createRoute({
  method: 'put',
  path: '/maintenance',
  tags: TAGS,
  summary: 'Switch maintenance mode on or off (works during maintenance)',
  security: AUTH_SECURITY,
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  request: { body: { required: true, content: { 'application/json': { schema: SetMaintenanceRequestSchema } } } },
  responses: {
    200: { description: 'The new platform status', content: { 'application/json': { schema: PlatformStatusSchema } } },
    ...problemResponses(...WRITE),
  },
});

const queueRoute = createRoute({
  method: 'get',
  path: '/verifications',
  tags: TAGS,
  summary: 'Identities and letters of authority awaiting verification, oldest first',
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'The queue', content: { 'application/json': { schema: VerificationQueueSchema } } },
    ...problemResponses(...COMMON),
  },
});

const decisionRoute = (path: '/tenants/{id}/verification' | '/principals/{id}/verification', summary: string) =>
  createRoute({
    method: 'post',
    path,
    tags: TAGS,
    summary,
    security: AUTH_SECURITY,
    middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
    request: {
      params: UserIdParamsSchema,
      body: { required: true, content: { 'application/json': { schema: VerificationDecisionRequestSchema } } },
    },
    responses: {
      200: { description: 'The decision; the owner is e-mailed', content: { 'application/json': { schema: DecisionSchema } } },
      ...problemResponses(...WRITE, 'already_decided'),
    },
  });
const tenantDecisionRoute = decisionRoute('/tenants/{id}/verification', "Approve or reject a tenant's identity (reasons required to reject)");
const principalDecisionRoute = decisionRoute('/principals/{id}/verification', "Approve or reject an agency's authority for one principal");

/** Platform administration. Anyone but an admin gets 404, so the routes do not announce themselves. */
export function adminRoutes(deps: AppDeps) {
  const admin = requireAuth(deps, { adminOnly: true });
  const { store } = deps;
  return createRouter()
    .openapi({ ...publishRoute, middleware: [admin, ...publishRoute.middleware] as const }, async (c) => {
      const published = await publishAgreement(store, c.get('principal').user.id, c.req.valid('json'), { publicUrl: deps.config.publicUrl });
      deps.mailer.kick();
      return c.json(published, 201);
    })
    .openapi({ ...listAgreementsRoute, middleware: [admin] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listAgreementsForAdmin(store), 200);
    })
    .openapi({ ...proofRoute, middleware: [admin] as const }, async (c) => {
      const { id } = c.req.valid('param');
      const proof = await acceptanceProof(store, id);
      c.header('Cache-Control', 'no-store');
      c.header('Content-Disposition', `attachment; filename="acceptance-proof-${proof.user.id}.json"`);
      return c.json(proof, 200);
    })
    .openapi({ ...listUsersRoute, middleware: [admin] as const }, async (c) => {
      const { frozen } = c.req.valid('query');
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await listUsersForAdmin(store, frozen === undefined ? undefined : frozen === 'true') }, 200);
    })
    .openapi({ ...unfreezeRoute, middleware: [admin, ...unfreezeRoute.middleware] as const }, async (c) => {
      await unfreezeUser(store, c.get('principal').user.id, c.req.valid('param').id, c.req.valid('json').note);
      return c.body(null, 204);
    })
    .openapi({ ...maintenanceRoute, middleware: [admin, ...maintenanceRoute.middleware] as const }, async (c) => {
      return c.json(await setMaintenance(store, c.get('principal').user.id, c.req.valid('json')), 200);
    })
    .openapi({ ...queueRoute, middleware: [admin] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await verificationQueue(store), 200);
    })
    .openapi({ ...tenantDecisionRoute, middleware: [admin, ...tenantDecisionRoute.middleware] as const }, async (c) => {
      const decision = await decideTenant(store, c.get('principal').user.id, c.req.valid('param').id, c.req.valid('json'));
      deps.mailer.kick();
      return c.json(decision, 200);
    })
    .openapi({ ...principalDecisionRoute, middleware: [admin, ...principalDecisionRoute.middleware] as const }, async (c) => {
      const decision = await decidePrincipal(store, c.get('principal').user.id, c.req.valid('param').id, c.req.valid('json'));
      deps.mailer.kick();
      return c.json(decision, 200);
    });
}
