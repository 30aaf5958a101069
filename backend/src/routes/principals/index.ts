import { createRoute } from '@hono/zod-openapi';
import { DOCUMENT_MAX_BYTES, PrincipalListSchema, PrincipalSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, DOCUMENT_UPLOAD_PROBLEMS, createRouter, documentUploadBody, documentUploadMaxBytes, problemResponses } from '../../lib/router';
import { guardPrincipal, requireAuth, writeRateLimit } from '../../middleware/session';
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
      ...DOCUMENT_UPLOAD_PROBLEMS,
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
          guardPrincipal((principal) => requireAgency(principal, { ownerOnly: true })),
          writeRateLimit(deps),
          bodyLimit({ maxSize: documentUploadMaxBytes(1) }),
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
