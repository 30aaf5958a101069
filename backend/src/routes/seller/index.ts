import { createRoute, z } from '@hono/zod-openapi';
import { SellerComplaintListSchema, SellerComplaintSchema } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { guardPrincipal, requireAuth } from '../../middleware/session';
import { DISPLAY_MIME, THUMB_MIME } from '../../services/images';
import { getSellerComplaint, listSellerComplaints, readSellerCaptureImage, requireSellerTenant } from '../../services/shops';

const TAGS = ['seller'];
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const idParam = (name: string) => z.string().min(1).max(64).openapi({ param: { name, in: 'path' } });
const binary = { type: 'string', format: 'binary' } as const;

const listRoute = createRoute({
  method: 'get',
  path: '/complaints',
  tags: TAGS,
  summary: "Filed complaints naming the seller's verified shops, newest first, each with only the seller's own listings. Sellers only; others: 404",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Complaints', content: { 'application/json': { schema: SellerComplaintListSchema } } },
    ...problemResponses(...COMMON),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/complaints/{id}',
  tags: TAGS,
  summary:
    "One complaint as the seller sees it: right, reason, its own listings with evidence, decisions, whether a counter-notice may be filed and the seller's own counter-notice, and the complainant's legal name and e-mail. Each read is recorded as a disclosure (legal basis: handling the complaint). A complaint naming none of the seller's shops: 404",
  security: AUTH_SECURITY,
  request: { params: z.object({ id: idParam('id') }) },
  responses: {
    200: { description: 'The complaint', content: { 'application/json': { schema: SellerComplaintSchema } } },
    ...problemResponses(...COMMON),
  },
});

const imageRoute = createRoute({
  method: 'get',
  path: '/complaints/{id}/captures/{captureId}/image',
  tags: TAGS,
  summary: "Re-encoded evidence image (PNG), or a thumbnail (WebP) with ?size=thumb, of a capture attached to one of the seller's own listings",
  security: AUTH_SECURITY,
  request: { params: z.object({ id: idParam('id'), captureId: idParam('captureId') }), query: z.object({ size: z.enum(['display', 'thumb']).default('display') }) },
  responses: {
    200: { description: 'Image', content: { [DISPLAY_MIME]: { schema: binary }, [THUMB_MIME]: { schema: binary } } },
    ...problemResponses(...COMMON, 'validation_failed'),
  },
});

/** The seller's view of complaints about its shops; mounted under /api/seller. */
export function sellerRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  const seller = guardPrincipal(requireSellerTenant);
  return createRouter()
    .openapi({ ...listRoute, middleware: [auth, seller] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listSellerComplaints(deps.store, c.get('principal')), 200);
    })
    .openapi({ ...getRoute, middleware: [auth, seller] as const }, async (c) => {
      // Personal data of the complainant: never kept by a cache.
      c.header('Cache-Control', 'no-store');
      return c.json(await getSellerComplaint(deps.store, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi({ ...imageRoute, middleware: [auth, seller] as const }, async (c) => {
      const { id, captureId } = c.req.valid('param');
      const { bytes, mime } = await readSellerCaptureImage(deps, c.get('principal'), id, captureId, c.req.valid('query').size);
      return c.body(bytes, 200, { 'Content-Type': mime, 'Cache-Control': 'private, max-age=3600' });
    });
}
