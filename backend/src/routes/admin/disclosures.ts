import { createRoute, z } from '@hono/zod-openapi';
import { DisclosureListSchema } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { listDisclosuresForAdmin } from '../../services/disclosures';

const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['admin'],
  summary: "Disclosures of one complainant's personal data (who received which fields, when, on which legal basis), newest first",
  security: AUTH_SECURITY,
  request: { query: z.object({ complainant: z.string().min(1).max(64).openapi({ description: 'The complainant tenant id' }) }) },
  responses: {
    200: { description: 'Disclosures', content: { 'application/json': { schema: DisclosureListSchema } } },
    ...problemResponses(...COMMON, 'validation_failed'),
  },
});

/** The disclosure log (MISSION item 13); mounted under /api/admin/disclosures. Anyone but an admin gets 404. */
export function adminDisclosureRoutes(deps: AppDeps) {
  const admin = requireAuth(deps, { adminOnly: true });
  return createRouter().openapi({ ...listRoute, middleware: [admin] as const }, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await listDisclosuresForAdmin(deps.store, c.req.valid('query').complainant), 200);
  });
}
