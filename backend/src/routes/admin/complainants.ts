import { createRoute, z } from '@hono/zod-openapi';
import { ComplainantOverviewListSchema, ImposeSanctionRequestSchema, LIMITS, LiftSanctionRequestSchema, SanctionSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { complainantsOverview, imposeSanction, liftSanction } from '../../services/sanctions';

const TAGS = ['admin'];
/** Every admin route may answer these; a non-admin gets not_found. */
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const WRITE = [...COMMON, 'csrf_failed', 'malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'maintenance'] as const;

const idParam = (name: string) => z.string().min(1).max(64).openapi({ param: { name, in: 'path' } });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: TAGS,
  summary: 'Every complaining tenant with its record, abuse marks, abuse score, risk and sanctions; highest score first',
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Complainants', content: json(ComplainantOverviewListSchema) },
    ...problemResponses(...COMMON),
  },
});

const imposeRoute = createRoute({
  method: 'post',
  path: '/{tenantId}/sanctions',
  tags: TAGS,
  summary: 'Impose a sanction (enhanced review, or suspension of filing) with its reason; one of each kind at a time',
  security: AUTH_SECURITY,
  request: { params: z.object({ tenantId: idParam('tenantId') }), body: { required: true, content: json(ImposeSanctionRequestSchema) } },
  responses: {
    201: { description: 'The sanction, in force', content: json(SanctionSchema) },
    ...problemResponses(...WRITE, 'already_decided'),
  },
});

const liftRoute = createRoute({
  method: 'post',
  path: '/{tenantId}/sanctions/{id}/lift',
  tags: TAGS,
  summary: 'Lift a sanction in force, with the reason',
  security: AUTH_SECURITY,
  request: {
    params: z.object({ tenantId: idParam('tenantId'), id: idParam('id') }),
    body: { required: true, content: json(LiftSanctionRequestSchema) },
  },
  responses: {
    200: { description: 'The sanction, lifted', content: json(SanctionSchema) },
    ...problemResponses(...WRITE, 'already_decided'),
  },
});

/** Complainants and their sanctions; mounted under /api/admin/complainants. Anyone but an admin gets 404. */
export function adminComplainantRoutes(deps: AppDeps) {
  const admin = requireAuth(deps, { adminOnly: true });
  const small = bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes });
  return createRouter()
    .openapi({ ...listRoute, middleware: [admin] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await complainantsOverview(deps.store, c.get('principal')), 200);
    })
    .openapi({ ...imposeRoute, middleware: [admin, small] as const }, async (c) => {
      return c.json(await imposeSanction(deps.store, c.get('principal'), c.req.valid('param').tenantId, c.req.valid('json')), 201);
    })
    .openapi({ ...liftRoute, middleware: [admin, small] as const }, async (c) => {
      const { tenantId, id } = c.req.valid('param');
      return c.json(await liftSanction(deps.store, c.get('principal'), tenantId, id, c.req.valid('json')), 200);
    });
}
