import { createRoute, z } from '@hono/zod-openapi';
import { AcceptAgreementRequestSchema, AgreementAcceptanceSchema, CurrentAgreementResponseSchema, LIMITS } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import { clientIpOrNull } from '../../lib/client-info';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { acceptAgreement, getCurrentAgreement } from '../../services/agreements';

const currentRoute = createRoute({
  method: 'get',
  path: '/current',
  tags: ['agreements'],
  summary: 'The agreement in force, both texts with their SHA-256, and whether the caller accepted it',
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'The current version', content: { 'application/json': { schema: CurrentAgreementResponseSchema } } },
    ...problemResponses('unauthenticated', 'session_expired', 'account_frozen', 'not_found'),
  },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/{version}/accept',
  tags: ['agreements'],
  summary: 'Accept the version in force, naming the language shown; records both text hashes, time, IP and user agent',
  security: AUTH_SECURITY,
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  request: {
    params: z.object({ version: z.coerce.number().int().positive().openapi({ param: { name: 'version', in: 'path' }, type: 'integer' }) }),
    body: { required: true, content: { 'application/json': { schema: AcceptAgreementRequestSchema } } },
  },
  responses: {
    201: { description: 'Accepted now', content: { 'application/json': { schema: AgreementAcceptanceSchema } } },
    200: { description: 'Already accepted: the existing record', content: { 'application/json': { schema: AgreementAcceptanceSchema } } },
    ...problemResponses(
      'malformed_json',
      'validation_failed',
      'unauthenticated',
      'session_expired',
      'account_frozen',
      'csrf_failed',
      'agreement_version_not_current',
      'payload_too_large',
      'unsupported_media_type',
    ),
  },
});

export function agreementRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  return createRouter()
    .openapi({ ...currentRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getCurrentAgreement(deps.store, c.get('principal').user.id), 200);
    })
    .openapi({ ...acceptRoute, middleware: [auth, ...acceptRoute.middleware] as const }, async (c) => {
      const principal = c.get('principal');
      const { acceptance, created } = await acceptAgreement(deps.store, {
        userId: principal.user.id,
        tenantId: principal.tenant.id,
        version: c.req.valid('param').version,
        language: c.req.valid('json').language,
        ip: clientIpOrNull(c, deps.config.trustProxy),
        userAgent: c.req.header('user-agent') ?? null,
      });
      return c.json(acceptance, created ? 201 : 200);
    });
}
