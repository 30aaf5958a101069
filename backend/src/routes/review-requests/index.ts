import { createRoute, z } from '@hono/zod-openapi';
import { ABUSE_KINDS, AbuseMarkRequestSchema, ComplaintSchema, InfoRequestRequestSchema, LIMITS } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { guardPrincipal, requireAuth } from '../../middleware/session';
import { requestInfo } from '../../services/info-requests';
import { requireStaff } from '../../services/review/claims';
import { markAbuse } from '../../services/sanctions';

const TAGS = ['review'];
/** Every staff route may answer these; anyone but a reviewer or admin gets not_found. */
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const WRITE = [...COMMON, 'csrf_failed', 'malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'maintenance'] as const;

const idParams = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

export const AbuseMarkSchema = z.object({
  id: z.string(),
  complaintId: z.string(),
  kind: z.enum(ABUSE_KINDS),
  note: z.string(),
  markedAt: z.string(),
  markedBy: z.object({ id: z.string(), email: z.string() }),
});

const infoRequestRoute = createRoute({
  method: 'post',
  path: '/complaints/{id}/info-request',
  tags: TAGS,
  summary:
    "Ask the complainant for supplementary material by a deadline: in_review → needs_info, the review clock paused, the complainant told. Needs the caller's live claim",
  security: AUTH_SECURITY,
  request: { params: idParams, body: { required: true, content: json(InfoRequestRequestSchema) } },
  responses: {
    200: { description: 'The complaint, now waiting for material', content: json(ComplaintSchema) },
    ...problemResponses(...WRITE, 'deadline_in_past', 'invalid_transition', 'claim_required', 'lease_expired', 'already_claimed'),
  },
});

const abuseRoute = createRoute({
  method: 'post',
  path: '/complaints/{id}/abuse',
  tags: TAGS,
  summary: "Mark a filed complaint wrongful or malicious, with a note; it counts into the complainant's abuse score",
  security: AUTH_SECURITY,
  request: { params: idParams, body: { required: true, content: json(AbuseMarkRequestSchema) } },
  responses: {
    201: { description: 'The mark', content: json(AbuseMarkSchema) },
    ...problemResponses(...WRITE),
  },
});

/**
 * Requests for material and abuse marks; mounted under /api/review beside the
 * queue and decision routes. Anyone but staff gets 404, before the body is read.
 */
export function reviewRequestRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  const staff = guardPrincipal(requireStaff);
  const small = bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes });
  return createRouter()
    .openapi({ ...infoRequestRoute, middleware: [auth, staff, small] as const }, async (c) => {
      return c.json(await requestInfo(deps.store, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200);
    })
    .openapi({ ...abuseRoute, middleware: [auth, staff, small] as const }, async (c) => {
      return c.json(await markAbuse(deps.store, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 201);
    });
}
