import { createRoute, z } from '@hono/zod-openapi';
import { COMPLAINANT_PROOF_DOCUMENTS_MAX, COUNTER_NOTICE_EVIDENCE_MAX, CounterNoticeListSchema, CounterNoticeSchema, DOCUMENT_MAX_BYTES } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import {
  AUTH_SECURITY,
  DOCUMENT_DOWNLOAD_RESPONSE,
  DOCUMENT_UPLOAD_PROBLEMS,
  createRouter,
  documentDownloadHeaders,
  documentUploadBody,
  documentUploadMaxBytes,
  problemResponses,
} from '../../lib/router';
import { guardPrincipal, requireAuth, writeRateLimit } from '../../middleware/session';
import { requireComplainant } from '../../services/complaints';
import { readComplainantProofDocument, readCounterNoticeEvidence } from '../../services/counter-notice-files';
import { fileCounterNotice, listComplaintCounterNotices, parseComplainantProof, parseCounterNotice, submitComplainantProof } from '../../services/counter-notices';
import { readMultipart } from '../../services/documents';
import { requireSellerTenant } from '../../services/shops';

const TAGS = ['counter-notices'];
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const WRITE = [...COMMON, 'csrf_failed', 'rate_limited', 'maintenance', ...DOCUMENT_UPLOAD_PROBLEMS] as const;
const idParam = (name: string) => z.string().min(1).max(64).openapi({ param: { name, in: 'path' } });

const fileRoute = createRoute({
  method: 'post',
  path: '/seller/listings/{listingId}/counter-notice',
  tags: TAGS,
  summary:
    "File a counter-notice against an upheld listing of the seller's verified shop: statement, true identity, declaration, 1–5 evidence files. Forwarded to the complainant; its window starts. Not upheld: 409 invalid_transition; filed before: 409 already_decided",
  security: AUTH_SECURITY,
  request: {
    params: z.object({ listingId: idParam('listingId') }),
    body: documentUploadBody({ dataSchema: 'CounterNoticeData', fileField: 'evidence', minFiles: 1, maxFiles: COUNTER_NOTICE_EVIDENCE_MAX, maxBytes: DOCUMENT_MAX_BYTES }),
  },
  responses: {
    201: { description: 'Filed and forwarded', content: { 'application/json': { schema: CounterNoticeSchema } } },
    ...problemResponses(...WRITE, 'invalid_transition', 'already_decided'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/complaints/{id}/counter-notices',
  tags: TAGS,
  summary: "Counter-notices on a complaint, oldest first: the complainant's own, or any for staff",
  security: AUTH_SECURITY,
  request: { params: z.object({ id: idParam('id') }) },
  responses: {
    200: { description: 'Counter-notices', content: { 'application/json': { schema: CounterNoticeListSchema } } },
    ...problemResponses(...COMMON, 'forbidden'),
  },
});

const proofRoute = createRoute({
  method: 'post',
  path: '/counter-notices/{id}/proof',
  tags: TAGS,
  summary: 'The complainant shows, within the window, that it complained to the authorities or sued: a note and 1–5 documents. After the window: 409 window_closed',
  security: AUTH_SECURITY,
  request: {
    params: z.object({ id: idParam('id') }),
    body: documentUploadBody({ dataSchema: 'ComplainantProofData', fileField: 'document', minFiles: 1, maxFiles: COMPLAINANT_PROOF_DOCUMENTS_MAX, maxBytes: DOCUMENT_MAX_BYTES }),
  },
  responses: {
    200: { description: 'The counter-notice, proof received', content: { 'application/json': { schema: CounterNoticeSchema } } },
    ...problemResponses(...WRITE, 'forbidden', 'window_closed', 'invalid_transition'),
  },
});

const evidenceRoute = createRoute({
  method: 'get',
  path: '/counter-notices/{id}/evidence/{documentId}',
  tags: TAGS,
  summary: "A seller's evidence file, as an attachment: to the seller that filed the counter-notice, the complainant it answers, and staff",
  security: AUTH_SECURITY,
  request: { params: z.object({ id: idParam('id'), documentId: idParam('documentId') }) },
  responses: {
    200: DOCUMENT_DOWNLOAD_RESPONSE,
    ...problemResponses(...COMMON),
  },
});

const proofDocumentRoute = createRoute({
  method: 'get',
  path: '/counter-notices/{id}/proofs/{documentId}',
  tags: TAGS,
  summary: "A document of the complainant's proof of an action, as an attachment: to the complainant and staff only (the seller's view says that proof came in time)",
  security: AUTH_SECURITY,
  request: { params: z.object({ id: idParam('id'), documentId: idParam('documentId') }) },
  responses: {
    200: DOCUMENT_DOWNLOAD_RESPONSE,
    ...problemResponses(...COMMON),
  },
});

/** The seller's filing, the complainant's side of counter-notices and their documents; mounted under /api. */
export function counterNoticeRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  // Before the body is read: the wrong kind of tenant learns nothing and uploads nothing.
  const seller = guardPrincipal(requireSellerTenant);
  const complainant = guardPrincipal(requireComplainant);
  return createRouter()
    .openapi(
      { ...fileRoute, middleware: [auth, seller, writeRateLimit(deps), bodyLimit({ maxSize: documentUploadMaxBytes(COUNTER_NOTICE_EVIDENCE_MAX) })] as const },
      async (c) => {
        const upload = await parseCounterNotice(await readMultipart(c.req.raw));
        return c.json(await fileCounterNotice(deps, c.get('principal'), c.req.valid('param').listingId, upload), 201);
      },
    )
    // Complainants and staff read these; the service tells them apart.
    .openapi({ ...listRoute, middleware: [auth] as const }, async (c) => {
      // The seller's identity: never kept by a cache.
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await listComplaintCounterNotices(deps.store, c.get('principal'), c.req.valid('param').id) }, 200);
    })
    .openapi(
      { ...proofRoute, middleware: [auth, complainant, writeRateLimit(deps), bodyLimit({ maxSize: documentUploadMaxBytes(COMPLAINANT_PROOF_DOCUMENTS_MAX) })] as const },
      async (c) => {
        const upload = await parseComplainantProof(await readMultipart(c.req.raw));
        return c.json(await submitComplainantProof(deps, c.get('principal'), c.req.valid('param').id, upload), 200);
      },
    )
    // Each party is checked by the service: the seller, the complainant and staff read different sets.
    .openapi({ ...evidenceRoute, middleware: [auth] as const }, async (c) => {
      const { id, documentId } = c.req.valid('param');
      const { row, bytes } = await readCounterNoticeEvidence(deps, c.get('principal'), id, documentId);
      return c.body(bytes, 200, documentDownloadHeaders(row, 'evidence'));
    })
    .openapi({ ...proofDocumentRoute, middleware: [auth] as const }, async (c) => {
      const { id, documentId } = c.req.valid('param');
      const { row, bytes } = await readComplainantProofDocument(deps, c.get('principal'), id, documentId);
      return c.body(bytes, 200, documentDownloadHeaders(row, 'proof'));
    });
}
