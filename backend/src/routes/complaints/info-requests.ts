import { createRoute, z } from '@hono/zod-openapi';
import { ComplaintSchema, DOCUMENT_MAX_BYTES, InfoRequestListSchema, LIMITS } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../lib/context';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth, writeRateLimit } from '../../middleware/session';
import { requireComplainant } from '../../services/complaints';
import { readMultipart } from '../../services/documents';
import { INFO_RESPONSE_DOCUMENTS_MAX, listInfoRequests, parseInfoResponse, readInfoDocument, respondToInfoRequest } from '../../services/info-requests';

const TAGS = ['complaints'];
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const binary = { type: 'string', format: 'binary' } as const;
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
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object' as const,
            required: ['data'],
            additionalProperties: false,
            properties: {
              data: { type: 'string' as const, description: 'JSON text matching InfoResponseData' },
              document: {
                type: 'array' as const,
                minItems: 0,
                maxItems: INFO_RESPONSE_DOCUMENTS_MAX,
                items: { ...binary, description: `PDF, PNG or JPEG, at most ${DOCUMENT_MAX_BYTES} bytes each` },
              },
            },
          },
        },
      },
    },
  },
  responses: {
    200: { description: 'The complaint, back in review', content: json(ComplaintSchema) },
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
    200: {
      description: 'The original bytes',
      content: { 'application/pdf': { schema: binary }, 'image/png': { schema: binary }, 'image/jpeg': { schema: binary } },
    },
    ...problemResponses(...COMMON),
  },
});

/** The complainant's side of requests for material; mounted under /api/complaints beside the complaint routes. */
export function complaintInfoRequestRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  // Before the body is read: staff and sellers upload nothing and spend no budget.
  const complainant = createMiddleware<AppEnv>(async (c, next) => {
    requireComplainant(c.get('principal'));
    await next();
  });
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
          bodyLimit({ maxSize: INFO_RESPONSE_DOCUMENTS_MAX * DOCUMENT_MAX_BYTES + LIMITS.jsonBodyMaxBytes }),
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
      // Always a download, never rendered inline: a file from a customer is untrusted.
      return c.body(bytes, 200, {
        'Content-Type': row.mime,
        'Content-Disposition': `attachment; filename="document-${row.id}.${row.mime === 'application/pdf' ? 'pdf' : row.mime === 'image/png' ? 'png' : 'jpg'}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
        'Cache-Control': 'private, no-store',
        'X-Content-SHA256': row.sha256,
      });
    });
}
