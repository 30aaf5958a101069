import { createRoute, z } from '@hono/zod-openapi';
import { CounterNoticeDecisionRequestSchema, CounterNoticeSchema, LIMITS, RestoreDueListSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { guardPrincipal, requireAuth, writeRateLimit } from '../../middleware/session';
import { decideCounterNotice, listRestoreDue } from '../../services/counter-notices';
import { requireStaff } from '../../services/review/claims';

const TAGS = ['review'];
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const restoreDueRoute = createRoute({
  method: 'get',
  path: '/restore-due',
  tags: TAGS,
  summary: 'Counter-notices whose window ended without proof of an action: restoring the listing is due. Oldest window end first',
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Restore due', content: json(RestoreDueListSchema) },
    ...problemResponses(...COMMON),
  },
});

const decisionRoute = createRoute({
  method: 'post',
  path: '/counter-notices/{id}/decision',
  tags: TAGS,
  summary: 'Restore the listing or retain the measure, with a statement of reasons sent to both parties. From restore_due or proof_received only',
  security: AUTH_SECURITY,
  request: {
    params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }),
    body: { required: true, content: json(CounterNoticeDecisionRequestSchema) },
  },
  responses: {
    200: { description: 'Decided', content: json(CounterNoticeSchema) },
    ...problemResponses(...COMMON, 'csrf_failed', 'rate_limited', 'maintenance', 'malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'placeholder_unfilled', 'invalid_transition'),
  },
});

/** Staff's side of counter-notices; mounted under /api/review. */
export function reviewCounterNoticeRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  const staff = guardPrincipal(requireStaff);
  return createRouter()
    .openapi({ ...restoreDueRoute, middleware: [auth, staff] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listRestoreDue(deps.store, c.get('principal')), 200);
    })
    .openapi({ ...decisionRoute, middleware: [auth, staff, writeRateLimit(deps), bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const }, async (c) => {
      return c.json(await decideCounterNotice(deps.store, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200);
    });
}
