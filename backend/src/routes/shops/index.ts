import { createRoute, z } from '@hono/zod-openapi';
import { DOCUMENT_MAX_BYTES, SHOP_PROOFS_MAX, ShopClaimListSchema, ShopClaimSchema } from '@openipp/shared';
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
import { readShopClaimProof } from '../../services/counter-notice-files';
import { readMultipart } from '../../services/documents';
import { addShopClaim, listShopClaims, parseShopClaim, requireSellerTenant } from '../../services/shops';

const TAGS = ['shops'];
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;

const claimRoute = createRoute({
  method: 'post',
  path: '/',
  tags: TAGS,
  summary: 'Claim a shop (marketplace and shop id, or a shop URL) with 1–3 proof documents, pending staff verification. Sellers only; others: 404',
  security: AUTH_SECURITY,
  request: {
    body: documentUploadBody({ dataSchema: 'ShopClaimData', fileField: 'proof', minFiles: 1, maxFiles: SHOP_PROOFS_MAX, maxBytes: DOCUMENT_MAX_BYTES }),
  },
  responses: {
    201: { description: 'Claimed', content: { 'application/json': { schema: ShopClaimSchema } } },
    ...problemResponses(...COMMON, 'csrf_failed', ...DOCUMENT_UPLOAD_PROBLEMS, 'rate_limited', 'maintenance'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: TAGS,
  summary: "The seller's shop claims, oldest first. Sellers only; others: 404",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Shop claims', content: { 'application/json': { schema: ShopClaimListSchema } } },
    ...problemResponses(...COMMON),
  },
});

const idParam = (name: string) => z.string().min(1).max(64).openapi({ param: { name, in: 'path' } });

const proofRoute = createRoute({
  method: 'get',
  path: '/{claimId}/proofs/{documentId}',
  tags: TAGS,
  summary: "A proof document of one of the seller's own shop claims, as an attachment. Sellers only; another seller's claim: 404",
  security: AUTH_SECURITY,
  request: { params: z.object({ claimId: idParam('claimId'), documentId: idParam('documentId') }) },
  responses: {
    200: DOCUMENT_DOWNLOAD_RESPONSE,
    ...problemResponses(...COMMON),
  },
});

/** Shop claims of the seller's tenant; mounted under /api/shops. */
export function shopRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  // Before the body is read: a non-seller learns nothing and uploads nothing.
  const seller = guardPrincipal(requireSellerTenant);
  return createRouter()
    .openapi(
      { ...claimRoute, middleware: [auth, seller, writeRateLimit(deps), bodyLimit({ maxSize: documentUploadMaxBytes(SHOP_PROOFS_MAX) })] as const },
      async (c) => {
        const upload = await parseShopClaim(await readMultipart(c.req.raw));
        return c.json(await addShopClaim(deps, c.get('principal'), upload), 201);
      },
    )
    .openapi({ ...listRoute, middleware: [auth, seller] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await listShopClaims(deps.store, c.get('principal')) }, 200);
    })
    .openapi({ ...proofRoute, middleware: [auth, seller] as const }, async (c) => {
      const { claimId, documentId } = c.req.valid('param');
      const { row, bytes } = await readShopClaimProof(deps, { tenantId: c.get('principal').tenant.id }, claimId, documentId);
      return c.body(bytes, 200, documentDownloadHeaders(row, 'shop-proof'));
    });
}
