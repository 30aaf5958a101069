import { createRoute, z } from '@hono/zod-openapi';
import { AdminRightListSchema, LIMITS, RIGHT_STATUSES, RightDecisionSchema, VerificationDecisionRequestSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { decideRight, listRightsForAdmin } from '../../services/rights';

const TAGS = ['admin'];
/** Every admin route may answer these; a non-admin gets not_found. */
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const WRITE = [...COMMON, 'csrf_failed', 'malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'maintenance'] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: TAGS,
  summary: 'Rights of every tenant, optionally in one status (pending: the verification queue), oldest first',
  security: AUTH_SECURITY,
  request: { query: z.object({ status: z.enum(RIGHT_STATUSES).optional() }) },
  responses: {
    200: { description: 'Rights', content: { 'application/json': { schema: AdminRightListSchema } } },
    ...problemResponses(...COMMON, 'validation_failed'),
  },
});

const decisionRoute = createRoute({
  method: 'post',
  path: '/{id}/verification',
  tags: TAGS,
  summary: 'Verify or reject a right (reasons required to reject); the tenant owner gets an in-site message',
  security: AUTH_SECURITY,
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  request: {
    params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: VerificationDecisionRequestSchema } } },
  },
  responses: {
    200: { description: 'The decision', content: { 'application/json': { schema: RightDecisionSchema } } },
    ...problemResponses(...WRITE, 'already_decided'),
  },
});

/** Staff verification of rights; mounted under /api/admin/rights. Anyone but an admin gets 404. */
export function adminRightRoutes(deps: AppDeps) {
  const admin = requireAuth(deps, { adminOnly: true });
  return createRouter()
    .openapi({ ...listRoute, middleware: [admin] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listRightsForAdmin(deps.store, c.req.valid('query').status), 200);
    })
    .openapi({ ...decisionRoute, middleware: [admin, ...decisionRoute.middleware] as const }, async (c) => {
      return c.json(await decideRight(deps.store, c.get('principal').user.id, c.req.valid('param').id, c.req.valid('json')), 200);
    });
}
