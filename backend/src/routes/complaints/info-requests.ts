import { createRoute, z } from '@hono/zod-openapi';
import { ComplaintSchema, DOCUMENT_MAX_BYTES, InfoRequestListSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, DOCUMENT_DOWNLOAD_RESPONSE, DOCUMENT_UPLOAD_PROBLEMS, createRouter, documentDownloadHeaders, documentUploadBody, documentUploadMaxBytes, problemResponses } from '../../lib/router';
import { guardPrincipal, requireAuth, writeRateLimit } from '../../middleware/session';
import { requireComplainant } from '../../services/complaints';
import { readMultipart } from '../../services/documents';
import { INFO_RESPONSE_DOCUMENTS_MAX, listInfoRequests, parseInfoResponse, readInfoDocument, respondToInfoRequest } from '../../services/info-requests';

const TAGS = ['complaints'];
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const idParam = (name: string) => z.string().min(1).max(64).openapi({ param: { name, in: 'path' } });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const listRoute = createRoute({
  method: 'get',
  path: '/{id}/info-requests',
  tags: TAGS,
  summary: "The complaint's requests for supplementary material with their answers, newest first (its tenant and platform staff)",
  security: AUTH_SECURITY,
  request: { params: z.object({ id: idParam('id') }) },
  responses: {
    200: { description: 'Requests', content: json(InfoRequestListSchema) },
    ...problemResponses(...COMMON),
  },
});

const respondRoute = createRoute({
  method: 'post',
  path: '/{id}/info-response',
  tags: TAGS,
  summary:
    "Answer the open request for material before its deadline: text, the tenant's captures (optionally per listing) and 0–5 documents. needs_info → in_review, the review clock resumes",
  security: AUTH_SECURITY,
  request: {
    params: z.object({ id: idParam('id') }),
    body: documentUploadBody({ dataSchema: 'InfoResponseData', fileField: 'document', minFiles: 0, maxFiles: INFO_RESPONSE_DOCUMENTS_MAX, maxBytes: DOCUMENT_MAX_BYTES }),
  },
  responses: {
    200: { description: 'The complaint, back in review', content: json(ComplaintSchema) },
    ...problemResponses(
      ...COMMON,
      'forbidden',
      'csrf_failed',
      ...DOCUMENT_UPLOAD_PROBLEMS,
      'capture_not_found',
      'invalid_transition',
      'rate_limited',
      'maintenance',
    ),
  },
});

const documentRoute = createRoute({
  method: 'get',
  path: '/{id}/info-documents/{documentId}',
  tags: TAGS,
  summary: 'A document sent with an answer, as an attachment (its tenant and platform staff only)',
  security: AUTH_SECURITY,
  request: { params: z.object({ id: idParam('id'), documentId: idParam('documentId') }) },
  responses: {
    200: DOCUMENT_DOWNLOAD_RESPONSE,
    ...problemResponses(...COMMON),
  },
});

/** The complainant's side of requests for material; mounted under /api/complaints beside the complaint routes. */
export function complaintInfoRequestRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  // Before the body is read: staff and sellers upload nothing and spend no budget.
  const complainant = guardPrincipal(requireComplainant);
  return createRouter()
    .openapi({ ...listRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listInfoRequests(deps.store, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi(
      {
        ...respondRoute,
        middleware: [
          auth,
          complainant,
          writeRateLimit(deps),
          bodyLimit({ maxSize: documentUploadMaxBytes(INFO_RESPONSE_DOCUMENTS_MAX) }),
        ] as const,
      },
      async (c) => {
        const { id } = c.req.valid('param');
        const upload = await parseInfoResponse(await readMultipart(c.req.raw));
        return c.json(await respondToInfoRequest(deps, c.get('principal'), id, upload), 200);
      },
    )
    .openapi({ ...documentRoute, middleware: [auth] as const }, async (c) => {
      const { id, documentId } = c.req.valid('param');
      const { row, bytes } = await readInfoDocument(deps, c.get('principal'), id, documentId);
      return c.body(bytes, 200, documentDownloadHeaders(row, 'document'));
    });
}
