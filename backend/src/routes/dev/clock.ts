import { createRoute } from '@hono/zod-openapi';
import { DevClockAdvanceRequestSchema, DevClockSchema } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { createRouter, problemResponses } from '../../lib/router';
import { advanceTestClock } from '../../lib/test-clock';
import { runReminders, runSweeps } from '../../services/sweeps';

const readRoute = createRoute({
  method: 'get',
  path: '/clock',
  tags: ['demo'],
  summary: 'Tests only (TEST_CLOCK=true): the server’s wall clock',
  responses: { 200: { description: 'Now', content: { 'application/json': { schema: DevClockSchema } } } },
});

const advanceRoute = createRoute({
  method: 'post',
  path: '/clock',
  tags: ['demo'],
  summary: 'Tests only (TEST_CLOCK=true): move the wall clock forward, then run the periodic sweeps at the new time',
  request: { body: { required: true, content: { 'application/json': { schema: DevClockAdvanceRequestSchema } } } },
  responses: {
    200: { description: 'Moved', content: { 'application/json': { schema: DevClockSchema } } },
    ...problemResponses('validation_failed'),
  },
});

/**
 * Mounted only when TEST_CLOCK is on (the environment refuses it in
 * production). Public: an end-to-end test drives it between browser steps.
 */
export function devClockRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(readRoute, (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ now: new Date().toISOString() }, 200);
    })
    .openapi(advanceRoute, async (c) => {
      const now = advanceTestClock(c.req.valid('json').advanceMs);
      // What became due at the new time is due now, not at the next timer tick.
      const [sweeps, rightsReminded] = await Promise.all([runSweeps(deps.store, deps.logger, now), runReminders(deps.store, deps.logger, now)]);
      return c.json({ now: new Date(now).toISOString(), swept: { ...sweeps, rightsReminded } }, 200);
    });
}
