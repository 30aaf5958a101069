import { createRoute, z } from '@hono/zod-openapi';
import {
  BulkActionRequestSchema,
  BulkActionResultSchema,
  ClaimSchema,
  ComplaintSchema,
  DECISION_STAGE_HEADER,
  DecisionRequestSchema,
  LIMITS,
  QueuePageSchema,
  QueueQuerySchema,
  ReviewComplaintSchema,
} from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { guardPrincipal, requireAuth, writeRateLimit } from '../../middleware/session';
import { claimComplaint, releaseClaim, requireStaff } from '../../services/review/claims';
import { bulkAction, decideOnComplaint } from '../../services/review/decisions';
import { getReviewComplaint } from '../../services/review/evidence';
import { reviewQueue } from '../../services/review/queue';
import { COMPLAINT_BODY_MAX_BYTES } from '../complaints';

const TAGS = ['review'];
/** Every review route may answer these; anyone but a reviewer or admin gets not_found. */
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const WRITE = [...COMMON, 'csrf_failed', 'rate_limited', 'maintenance'] as const;
const BODY = [...WRITE, 'malformed_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type'] as const;
const LEASE = ['claim_required', 'lease_expired', 'already_claimed'] as const;

const idParams = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });


const queueRoute = createRoute({
  method: 'get',
  path: '/queue',
  tags: TAGS,
  summary: 'Submitted and in-review complaints: overdue first, then by due date, then by id; keyset-paginated',
  security: AUTH_SECURITY,
  request: { query: QueueQuerySchema },
  responses: {
    200: { description: 'One page', content: json(QueuePageSchema) },
    ...problemResponses(...COMMON, 'validation_failed'),
  },
});

const claimRoute = createRoute({
  method: 'post',
  path: '/complaints/{id}/claim',
  tags: TAGS,
  summary: 'Take or renew a 15-minute lease; a submitted complaint is taken into review',
  security: AUTH_SECURITY,
  request: { params: idParams },
  responses: {
    200: { description: 'The claim', content: json(ClaimSchema) },
    ...problemResponses(...WRITE, 'already_claimed', 'invalid_transition'),
  },
});

const releaseRoute = createRoute({
  method: 'delete',
  path: '/complaints/{id}/claim',
  tags: TAGS,
  summary: "Give the caller's claim back (idempotent; another reviewer's claim is never touched)",
  security: AUTH_SECURITY,
  request: { params: idParams },
  responses: {
    204: { description: 'Released' },
    ...problemResponses(...WRITE),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/complaints/{id}',
  tags: TAGS,
  summary: 'The evidence view: captures re-hashed, the right, earlier complaints on the same listings, the complainant’s history, the due date, requests for material',
  security: AUTH_SECURITY,
  request: { params: idParams },
  responses: {
    200: { description: 'The complaint under review', content: json(ReviewComplaintSchema) },
    ...problemResponses(...COMMON),
  },
});

const decisionRoute = createRoute({
  method: 'post',
  path: '/complaints/{id}/decision',
  tags: TAGS,
  summary: "Decide every listing with a statement of reasons; needs the caller's live claim. Under enhanced review the first decision is a proposal",
  security: AUTH_SECURITY,
  request: { params: idParams, body: { required: true, content: json(DecisionRequestSchema) } },
  responses: {
    200: {
      description: 'The complaint: decided, or still in review with the decision proposed',
      headers: z.object({ [DECISION_STAGE_HEADER]: z.enum(['final', 'proposed']) }),
      content: json(ComplaintSchema),
    },
    ...problemResponses(...BODY, ...LEASE, 'invalid_transition', 'placeholder_unfilled'),
  },
});

const bulkRoute = createRoute({
  method: 'post',
  path: '/bulk',
  tags: TAGS,
  summary: 'Reject every listing of a selection with one statement; all or nothing',
  security: AUTH_SECURITY,
  request: { body: { required: true, content: json(BulkActionRequestSchema) } },
  responses: {
    200: { description: 'What was decided (and, under enhanced review, proposed)', content: json(BulkActionResultSchema) },
    ...problemResponses(...BODY, 'stale_selection', 'already_claimed', 'invalid_transition', 'placeholder_unfilled'),
  },
});

/** The reviewer's queue, claims, evidence view and decisions; mounted under /api/review. */
export function reviewRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  // Before any body is read or budget spent: to non-staff these routes do not exist.
  const staff = guardPrincipal(requireStaff);
  const limit = writeRateLimit(deps);
  const small = bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes });
  // 300 listings, each with a statement of up to 4,000 characters.
  const large = bodyLimit({ maxSize: COMPLAINT_BODY_MAX_BYTES });
  return createRouter()
    .openapi({ ...queueRoute, middleware: [auth, staff] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await reviewQueue(deps.store, c.get('principal'), c.req.valid('query')), 200);
    })
    .openapi({ ...claimRoute, middleware: [auth, staff, limit] as const }, async (c) => {
      return c.json(await claimComplaint(deps.store, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi({ ...releaseRoute, middleware: [auth, staff, limit] as const }, async (c) => {
      await releaseClaim(deps.store, c.get('principal'), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi({ ...detailRoute, middleware: [auth, staff] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getReviewComplaint(deps, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi({ ...decisionRoute, middleware: [auth, staff, limit, large] as const }, async (c) => {
      const { complaint, stage } = await decideOnComplaint(deps.store, c.get('principal'), c.req.valid('param').id, c.req.valid('json'));
      c.header(DECISION_STAGE_HEADER, stage);
      return c.json(complaint, 200);
    })
    .openapi({ ...bulkRoute, middleware: [auth, staff, limit, small] as const }, async (c) => {
      return c.json(await bulkAction(deps.store, c.get('principal'), c.req.valid('json')), 200);
    });
}
