import { createRoute } from '@hono/zod-openapi';
import { DeliveryListQuerySchema, DeliveryListSchema, DeliveryRecordSchema, LIMITS, PaperLetterRequestSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth, writeRateLimit } from '../../middleware/session';
import { listDeliveries, recordPaperLetter } from '../../services/deliveries';

const TAGS = ['admin'];
/** Admin-only like every /api/admin route: anyone else gets not_found, before anything else. */
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const WRITE = [...COMMON, 'csrf_failed', 'malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'maintenance'] as const;

const json = <T extends object>(schema: T) => ({ 'application/json': { schema } });

const listRoute = createRoute({
  method: 'get',
  path: '/deliveries',
  tags: TAGS,
  summary: 'Delivery records of notices, newest first: channel, address used, send time, outcome, counts-as-delivered time',
  security: AUTH_SECURITY,
  request: { query: DeliveryListQuerySchema },
  responses: {
    200: { description: 'Delivery records', content: json(DeliveryListSchema) },
    ...problemResponses(...COMMON, 'validation_failed'),
  },
});

const paperRoute = createRoute({
  method: 'post',
  path: '/paper-letters',
  tags: TAGS,
  summary: 'Record a posted letter; it counts as delivered on the fifth natural day after posting (Asia/Shanghai)',
  security: AUTH_SECURITY,
  request: { body: { required: true, content: json(PaperLetterRequestSchema) } },
  responses: {
    201: { description: 'The delivery record', content: json(DeliveryRecordSchema) },
    ...problemResponses(...WRITE),
  },
});

/** Notice delivery records and paper letters; mounted under /api/admin. Anyone but an admin gets 404. */
export function adminDeliveryRoutes(deps: AppDeps) {
  // Before the agreement gate, any body or any write budget: to non-admins these routes do not exist.
  const admin = requireAuth(deps, { adminOnly: true });
  const limit = writeRateLimit(deps);
  const small = bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes });
  return createRouter()
    .openapi({ ...listRoute, middleware: [admin] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listDeliveries(deps.store, c.get('principal'), c.req.valid('query')), 200);
    })
    .openapi({ ...paperRoute, middleware: [admin, limit, small] as const }, async (c) => {
      return c.json(await recordPaperLetter(deps.store, c.get('principal'), c.req.valid('json')), 201);
    });
}
