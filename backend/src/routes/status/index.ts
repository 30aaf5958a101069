import { createRoute } from '@hono/zod-openapi';
import { PlatformStatusSchema } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { createRouter } from '../../lib/router';
import { platformStatus } from '../../services/maintenance';

const statusRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['system'],
  summary: 'Public platform status: the maintenance banner every client shows',
  responses: {
    200: { description: 'Status', content: { 'application/json': { schema: PlatformStatusSchema } } },
  },
});

export function statusRoutes(deps: AppDeps) {
  return createRouter().openapi(statusRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await platformStatus(deps.store), 200);
  });
}
