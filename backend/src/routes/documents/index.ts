import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { readDocument } from '../../services/documents';

const binary = { type: 'string', format: 'binary' } as const;

const documentRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['tenant'],
  summary: 'An identity proof or letter of authority, as an attachment (its tenant and platform staff only)',
  security: AUTH_SECURITY,
  request: { params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: {
      description: 'The original bytes',
      content: { 'application/pdf': { schema: binary }, 'image/png': { schema: binary }, 'image/jpeg': { schema: binary } },
    },
    ...problemResponses('unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'),
  },
});

export function documentRoutes(deps: AppDeps) {
  return createRouter().openapi({ ...documentRoute, middleware: [requireAuth(deps)] as const }, async (c) => {
    const { row, bytes } = await readDocument(deps, c.get('principal'), c.req.valid('param').id);
    // Always a download, never rendered inline: a PDF or image from a registrant is untrusted.
    return c.body(bytes, 200, {
      'Content-Type': row.mime,
      'Content-Disposition': `attachment; filename="document-${row.id}.${row.mime === 'application/pdf' ? 'pdf' : row.mime === 'image/png' ? 'png' : 'jpg'}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-SHA256': row.sha256,
    });
  });
}
