import { createRoute, z } from '@hono/zod-openapi';
import { DOCUMENT_MAX_BYTES, RIGHT_PROOFS_MAX, RightListSchema, RightSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, DOCUMENT_DOWNLOAD_RESPONSE, DOCUMENT_UPLOAD_PROBLEMS, createRouter, documentDownloadHeaders, documentUploadBody, documentUploadMaxBytes, problemResponses } from '../../lib/router';
import { guardPrincipal, requireAuth, writeRateLimit } from '../../middleware/session';
import { readMultipart } from '../../services/documents';
import { addRight, getRight, listRights, parseRight, readRightProof, requireRightsTenant } from '../../services/rights';

const TAGS = ['rights'];
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const idParam = (name: string) => z.string().min(1).max(64).openapi({ param: { name, in: 'path' } });

const addRoute = createRoute({
  method: 'post',
  path: '/',
  tags: TAGS,
  summary: 'Record a right with 1–5 proof documents (pending staff verification). Rights holders and agencies only; others: 404',
  security: AUTH_SECURITY,
  request: {
    body: documentUploadBody({ dataSchema: 'RightData', fileField: 'proof', minFiles: 1, maxFiles: RIGHT_PROOFS_MAX, maxBytes: DOCUMENT_MAX_BYTES }),
  },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: RightSchema } } },
    ...problemResponses(
      ...COMMON,
      'csrf_failed',
      ...DOCUMENT_UPLOAD_PROBLEMS,
      'principal_not_approved',
      'rate_limited',
      'maintenance',
    ),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: TAGS,
  summary: "The tenant's rights, oldest first. Rights holders and agencies only; others: 404",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Rights', content: { 'application/json': { schema: RightListSchema } } },
    ...problemResponses(...COMMON),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: TAGS,
  summary: "One of the tenant's rights; another tenant's is 404",
  security: AUTH_SECURITY,
  request: { params: z.object({ id: idParam('id') }) },
  responses: {
    200: { description: 'The right', content: { 'application/json': { schema: RightSchema } } },
    ...problemResponses(...COMMON),
  },
});

const proofRoute = createRoute({
  method: 'get',
  path: '/{id}/proofs/{proofId}',
  tags: TAGS,
  summary: "A right's proof document, as an attachment (its tenant and platform staff only)",
  security: AUTH_SECURITY,
  request: { params: z.object({ id: idParam('id'), proofId: idParam('proofId') }) },
  responses: {
    200: DOCUMENT_DOWNLOAD_RESPONSE,
    ...problemResponses(...COMMON),
  },
});

export function rightRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  // Before the body is read: a tenant without a portfolio learns nothing and uploads nothing.
  const rightsTenant = guardPrincipal(requireRightsTenant);
  return createRouter()
    .openapi(
      {
        ...addRoute,
        middleware: [
          auth,
          rightsTenant,
          writeRateLimit(deps),
          bodyLimit({ maxSize: documentUploadMaxBytes(RIGHT_PROOFS_MAX) }),
        ] as const,
      },
      async (c) => {
        const upload = await parseRight(await readMultipart(c.req.raw));
        return c.json(await addRight(deps, c.get('principal'), upload), 201);
      },
    )
    .openapi({ ...listRoute, middleware: [auth, rightsTenant] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await listRights(deps.store, c.get('principal')) }, 200);
    })
    .openapi({ ...getRoute, middleware: [auth, rightsTenant] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getRight(deps.store, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi({ ...proofRoute, middleware: [auth] as const }, async (c) => {
      const { id, proofId } = c.req.valid('param');
      const { row, bytes } = await readRightProof(deps, c.get('principal'), id, proofId);
      return c.body(bytes, 200, documentDownloadHeaders(row, 'proof'));
    });
}
