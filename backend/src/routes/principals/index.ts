import { createRoute } from '@hono/zod-openapi';
import { DOCUMENT_MAX_BYTES, LIMITS, PrincipalListSchema, PrincipalSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses, documentUploadBody } from '../../lib/router';
import { requireAuth, writeRateLimit } from '../../middleware/session';
import { readMultipart } from '../../services/documents';
import { addPrincipal, listPrincipals, parsePrincipal, requireAgency } from '../../services/principals';

const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;

const addRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['principals'],
  summary: 'Agency owner: add a principal with its letter of authority (pending staff verification). Non-agencies: 404',
  security: AUTH_SECURITY,
  request: {
    body: documentUploadBody({
      dataSchema: 'EntityIdentity',
      fileField: 'authority',
      minFiles: 1,
      maxFiles: 1,
      maxBytes: DOCUMENT_MAX_BYTES,
      fileDescription: `Letter of authority: PDF, PNG or JPEG, at most ${DOCUMENT_MAX_BYTES} bytes`,
    }),
  },
  responses: {
    201: { description: 'Added', content: { 'application/json': { schema: PrincipalSchema } } },
    ...problemResponses(
      ...COMMON,
      'forbidden',
      'csrf_failed',
      'malformed_json',
      'validation_failed',
      'malformed_multipart',
      'missing_file',
      'empty_file',
      'payload_too_large',
      'unsupported_file_type',
      'file_type_mismatch',
      'image_unreadable',
      'document_unreadable',
      'image_too_large',
      'entity_already_registered',
      'rate_limited',
      'maintenance',
    ),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['principals'],
  summary: "The agency's principals, oldest first. Non-agencies: 404",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Principals', content: { 'application/json': { schema: PrincipalListSchema } } },
    ...problemResponses(...COMMON),
  },
});

export function principalRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  return createRouter()
    .openapi(
      {
        ...addRoute,
        middleware: [
          auth,
          // Before the body is read: a non-agency learns nothing and uploads nothing.
          async (c, next) => {
            requireAgency(c.get('principal'), { ownerOnly: true });
            await next();
          },
          writeRateLimit(deps),
          bodyLimit({ maxSize: DOCUMENT_MAX_BYTES + LIMITS.jsonBodyMaxBytes }),
        ] as const,
      },
      async (c) => {
        const upload = await parsePrincipal(await readMultipart(c.req.raw));
        return c.json(await addPrincipal(deps, c.get('principal'), upload), 201);
      },
    )
    .openapi({ ...listRoute, middleware: [auth] as const }, async (c) => {
      requireAgency(c.get('principal'));
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await listPrincipals(deps.store, c.get('principal')) }, 200);
    });
}
