import { createRoute, z } from '@hono/zod-openapi';
import { MessageListSchema } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { listMessages, markMessageRead } from '../../services/messages';

const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required'] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['messages'],
  summary: "The caller's in-site messages, newest first, with the unread count",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Messages', content: { 'application/json': { schema: MessageListSchema } } },
    ...problemResponses(...COMMON),
  },
});

const readRoute = createRoute({
  method: 'post',
  path: '/{id}/read',
  tags: ['messages'],
  summary: 'Mark one of the caller’s messages read',
  security: AUTH_SECURITY,
  request: { params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    204: { description: 'Read' },
    ...problemResponses(...COMMON, 'csrf_failed', 'not_found', 'maintenance'),
  },
});

export function messageRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  return createRouter()
    .openapi({ ...listRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listMessages(deps.store, c.get('principal').user.id), 200);
    })
    .openapi({ ...readRoute, middleware: [auth] as const }, async (c) => {
      await markMessageRead(deps.store, c.get('principal').user.id, c.req.valid('param').id);
      return c.body(null, 204);
    });
}
