import { createRoute } from '@hono/zod-openapi';
import { SyncChangesQuerySchema, SyncChangesSchema } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { syncChanges } from '../../services/sync';

const changesRoute = createRoute({
  method: 'get',
  path: '/changes',
  tags: ['sync'],
  summary: "What changed for the caller since the cursor: the tenant's complaints and requests for material, the caller's messages",
  description: 'Oldest change first; pass `cursor` back until `hasMore` is false. Staff have no such feed (404).',
  security: AUTH_SECURITY,
  request: { query: SyncChangesQuerySchema },
  responses: {
    200: { description: 'Changes', content: { 'application/json': { schema: SyncChangesSchema } } },
    ...problemResponses('validation_failed', 'unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'),
  },
});

/** The down-sync's feed (issue #7, part 7). */
export function syncRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  return createRouter().openapi({ ...changesRoute, middleware: [auth] as const }, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await syncChanges(deps.store, c.get('principal'), c.req.valid('query')), 200);
  });
}
