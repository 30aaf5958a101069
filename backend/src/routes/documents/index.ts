import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, DOCUMENT_DOWNLOAD_RESPONSE, createRouter, documentDownloadHeaders, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { readDocument } from '../../services/documents';

const documentRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['tenant'],
  summary: 'An identity proof or letter of authority, as an attachment (its tenant and platform staff only)',
  security: AUTH_SECURITY,
  request: { params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: DOCUMENT_DOWNLOAD_RESPONSE,
    ...problemResponses('unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'),
  },
});

export function documentRoutes(deps: AppDeps) {
  return createRouter().openapi({ ...documentRoute, middleware: [requireAuth(deps)] as const }, async (c) => {
    const { row, bytes } = await readDocument(deps, c.get('principal'), c.req.valid('param').id);
    return c.body(bytes, 200, documentDownloadHeaders(row, 'document'));
  });
}
