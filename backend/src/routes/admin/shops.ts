import { createRoute, z } from '@hono/zod-openapi';
import { AdminShopClaimListSchema, LIMITS, SHOP_CLAIM_STATUSES, ShopClaimDecisionSchema, VerificationDecisionRequestSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, DOCUMENT_DOWNLOAD_RESPONSE, createRouter, documentDownloadHeaders, problemResponses } from '../../lib/router';
import { requireAuth } from '../../middleware/session';
import { readShopClaimProof } from '../../services/counter-notice-files';
import { decideShopClaim, listShopClaimsForAdmin } from '../../services/shops';

const TAGS = ['admin'];
/** Every admin route may answer these; a non-admin gets not_found. */
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const WRITE = [...COMMON, 'csrf_failed', 'malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'maintenance'] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: TAGS,
  summary: 'Shop claims of every seller, optionally in one status (pending: the verification queue), oldest first',
  security: AUTH_SECURITY,
  request: { query: z.object({ status: z.enum(SHOP_CLAIM_STATUSES).optional() }) },
  responses: {
    200: { description: 'Shop claims', content: { 'application/json': { schema: AdminShopClaimListSchema } } },
    ...problemResponses(...COMMON, 'validation_failed'),
  },
});

const decisionRoute = createRoute({
  method: 'post',
  path: '/{id}/verification',
  tags: TAGS,
  summary: 'Verify or reject a shop claim (reasons required to reject); 409 already_decided when decided, or when another claim on the shop is verified',
  security: AUTH_SECURITY,
  middleware: [bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const,
  request: {
    params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: VerificationDecisionRequestSchema } } },
  },
  responses: {
    200: { description: 'The decision', content: { 'application/json': { schema: ShopClaimDecisionSchema } } },
    ...problemResponses(...WRITE, 'already_decided'),
  },
});

const idParam = (name: string) => z.string().min(1).max(64).openapi({ param: { name, in: 'path' } });

const proofRoute = createRoute({
  method: 'get',
  path: '/{claimId}/proofs/{documentId}',
  tags: TAGS,
  summary: "A proof document of any seller's shop claim, as an attachment, for verifying the claim",
  security: AUTH_SECURITY,
  request: { params: z.object({ claimId: idParam('claimId'), documentId: idParam('documentId') }) },
  responses: {
    200: DOCUMENT_DOWNLOAD_RESPONSE,
    ...problemResponses(...COMMON),
  },
});

/** Staff verification of shop claims; mounted under /api/admin/shops. Anyone but an admin gets 404. */
export function adminShopRoutes(deps: AppDeps) {
  const admin = requireAuth(deps, { adminOnly: true });
  return createRouter()
    .openapi({ ...listRoute, middleware: [admin] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listShopClaimsForAdmin(deps.store, c.req.valid('query').status), 200);
    })
    .openapi({ ...decisionRoute, middleware: [admin, ...decisionRoute.middleware] as const }, async (c) => {
      return c.json(await decideShopClaim(deps.store, c.get('principal').user.id, c.req.valid('param').id, c.req.valid('json')), 200);
    })
    .openapi({ ...proofRoute, middleware: [admin] as const }, async (c) => {
      const { claimId, documentId } = c.req.valid('param');
      const { row, bytes } = await readShopClaimProof(deps, { tenantId: null }, claimId, documentId);
      return c.body(bytes, 200, documentDownloadHeaders(row, 'shop-proof'));
    });
}
