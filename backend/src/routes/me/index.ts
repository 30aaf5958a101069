import { createRoute } from '@hono/zod-openapi';
import { MeResponseSchema, type MeResponse } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { contactConfirmationDue } from '../../services/contacts';

const meRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['auth'],
  summary: 'The signed-in user (and, for cookie sessions, the CSRF token)',
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'The current user', content: { 'application/json': { schema: MeResponseSchema } } },
    ...problemResponses('unauthenticated', 'session_expired', 'account_frozen'),
  },
});

export function meRoutes(deps: AppDeps) {
  return createRouter().openapi({ ...meRoute, middleware: [requireAuth(deps)] as const }, async (c) => {
    const { user, tenant, kind, csrfToken, pendingAgreementVersion } = c.get('principal');
    const body: MeResponse = {
      user: { ...user, tenant },
      ...(kind === 'cookie' && csrfToken ? { csrfToken } : {}),
      pendingAgreementVersion,
      contactConfirmationDue: await contactConfirmationDue(deps.store, user.id, deps.config.contactConfirmMonths),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body, 200);
  });
}
