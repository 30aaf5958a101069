import { createRoute } from '@hono/zod-openapi';
import { NoticeListQuerySchema, NoticeListSchema } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { listNotices } from '../../services/notices';

/** Admin-only like every /api/admin route: anyone else gets not_found, before anything else. */
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/notices',
  tags: ['admin'],
  summary: 'Notices sent to a recipient (user id or e-mail), newest first, each with its delivery record per channel',
  security: AUTH_SECURITY,
  request: { query: NoticeListQuerySchema },
  responses: {
    200: { description: 'Notices', content: { 'application/json': { schema: NoticeListSchema } } },
    ...problemResponses(...COMMON, 'validation_failed'),
  },
});

/** Mounted under /api/admin. */
export function adminNoticeRoutes(deps: AppDeps) {
  // Before the agreement gate: to non-admins this route does not exist.
  const admin = requireAuth(deps, { adminOnly: true });
  return createRouter().openapi({ ...listRoute, middleware: [admin] as const }, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await listNotices(deps.store, c.get('principal'), c.req.valid('query')), 200);
  });
}
