import { createRoute } from '@hono/zod-openapi';
import { HealthSchema, type Health } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { createRouter } from '../../lib/router';
import { APP_VERSION as VERSION } from '../../version';

const healthRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['system'],
  summary: 'Liveness and database status',
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'Database unreachable', content: { 'application/json': { schema: HealthSchema } } },
  },
});

export function healthRoutes(deps: AppDeps) {
  return createRouter().openapi(healthRoute, async (c) => {
    const database = await deps.store.ping().then(
      (ok) => (ok ? 'ok' : 'error') as Health['database'],
      () => 'error' as const,
    );
    c.header('Cache-Control', 'no-store');
    if (database === 'ok') return c.json({ status: 'ok' as const, version: VERSION, database }, 200);
    return c.json({ status: 'degraded' as const, version: VERSION, database }, 503);
  });
}
