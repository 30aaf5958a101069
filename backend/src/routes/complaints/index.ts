import { createRoute, z } from '@hono/zod-openapi';
import {
  COMPLAINT_STATES,
  ComplainantStatsSchema,
  ComplaintCheckSchema,
  ComplaintContextSchema,
  ComplaintInputSchema,
  ComplaintListSchema,
  ComplaintSchema,
  CreateComplaintRequestSchema,
  IDEMPOTENCY_HEADER,
  LIMITS,
  ListingLookupSchema,
  TimelineSchema,
  WithdrawComplaintRequestSchema,
  type ErrorCode,
} from '@openipp/shared';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../lib/context';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { guardPrincipal, requireAuth, writeRateLimit } from '../../middleware/session';
import { IDEMPOTENCY_KEY_PATTERN, parseIdempotencyKey } from '../../services/captures';
import {
  checkComplaint,
  complainantStats,
  createComplaint,
  getComplaint,
  requireComplainant,
  getComplaintContext,
  listComplaints,
  lookupListing,
  submitComplaint,
  updateComplaint,
  withdrawComplaint,
} from '../../services/complaints';
import { complaintTimeline } from '../../services/review/timeline';

const TAGS = ['complaints'];
const COMMON = ['unauthenticated', 'session_expired', 'account_frozen', 'agreement_acceptance_required', 'not_found'] as const;
const WRITE = [...COMMON, 'forbidden', 'csrf_failed', 'malformed_json', 'validation_failed', 'unsupported_media_type', 'payload_too_large', 'rate_limited', 'maintenance'] as const;
/** The problems of bad complaint input, each with nothing written. */
const BAD_INPUT = [
  'principal_not_found',
  'principal_not_approved',
  'right_not_found',
  'capture_not_found',
  'too_many_listings',
  'duplicate_listing',
  'reason_not_for_right',
] as const satisfies readonly ErrorCode[];
/**
 * A batch of 300 listings, each with its captures and location, is far above
 * the generic JSON cap; past this the body is not even read.
 */
export const COMPLAINT_BODY_MAX_BYTES = 4 * 1024 * 1024;

const idParams = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });
const idempotencyHeaders = z.object({
  [IDEMPOTENCY_HEADER.toLowerCase()]: z.string().regex(IDEMPOTENCY_KEY_PATTERN).openapi({ description: 'A fresh UUID per change; retries reuse it' }),
});
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const contextRoute = createRoute({
  method: 'get',
  path: '/context',
  tags: TAGS,
  summary: 'What a complaint builder needs: the complainant as filed now, the rights, the approved principals, server time',
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'The builder context', content: json(ComplaintContextSchema) },
    ...problemResponses(...COMMON, 'forbidden'),
  },
});

const checkRoute = createRoute({
  method: 'post',
  path: '/check',
  tags: TAGS,
  summary: "The server's qualification verdict on an input (unknown ids count as missing or unverified); writes nothing",
  security: AUTH_SECURITY,
  request: { body: { required: true, content: json(ComplaintInputSchema) } },
  responses: {
    200: { description: 'Every problem; empty means qualified', content: json(ComplaintCheckSchema) },
    ...problemResponses(...WRITE),
  },
});

const createComplaintRoute = createRoute({
  method: 'post',
  path: '/',
  tags: TAGS,
  summary: 'Save a draft (submit: false) or file a qualified notice (submit: true)',
  security: AUTH_SECURITY,
  request: { headers: idempotencyHeaders, body: { required: true, content: json(CreateComplaintRequestSchema) } },
  responses: {
    201: { description: 'Created', content: json(ComplaintSchema) },
    200: { description: 'Replay of an earlier request with the same key and body', content: json(ComplaintSchema) },
    ...problemResponses(
      ...WRITE,
      ...BAD_INPUT,
      'missing_idempotency_key',
      'invalid_idempotency_key',
      'idempotency_key_reused',
      'identity_not_verified',
      'filing_suspended',
      'notice_not_qualified',
    ),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: TAGS,
  summary: "The tenant's complaints, newest first (platform staff: every tenant's, read-only)",
  security: AUTH_SECURITY,
  request: {
    query: z.object({
      state: z.enum(COMPLAINT_STATES).optional(),
      limit: z.coerce.number().int().min(1).max(LIMITS.listPageMax).default(50),
      cursor: z.string().max(512).optional(),
    }),
  },
  responses: {
    200: { description: 'One page', content: json(ComplaintListSchema) },
    ...problemResponses(...COMMON, 'validation_failed'),
  },
});

const lookupRoute = createRoute({
  method: 'get',
  path: '/lookup',
  tags: TAGS,
  summary: "Already reported? The tenant's open complaints naming this listing, whatever spelling of its URL",
  security: AUTH_SECURITY,
  request: { query: z.object({ url: z.string().min(1).max(LIMITS.urlMaxLength) }) },
  responses: {
    200: { description: 'The canonical listing and the open complaints naming it', content: json(ListingLookupSchema) },
    ...problemResponses(...COMMON, 'forbidden', 'validation_failed'),
  },
});

const statsRoute = createRoute({
  method: 'get',
  path: '/stats',
  tags: TAGS,
  summary: "The tenant's record as complainant, computed from its complaints",
  security: AUTH_SECURITY,
  responses: {
    200: { description: 'Counts and the median time to decision', content: json(ComplainantStatsSchema) },
    ...problemResponses(...COMMON, 'forbidden'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: TAGS,
  summary: "One complaint with its listings and transitions; another tenant's is 404",
  security: AUTH_SECURITY,
  request: { params: idParams },
  responses: {
    200: { description: 'The complaint', content: json(ComplaintSchema) },
    ...problemResponses(...COMMON),
  },
});

const updateRoute = createRoute({
  method: 'put',
  path: '/{id}',
  tags: TAGS,
  summary: "Replace a draft's content (drafts only; otherwise 409 invalid_transition)",
  security: AUTH_SECURITY,
  request: { params: idParams, body: { required: true, content: json(ComplaintInputSchema) } },
  responses: {
    200: { description: 'The saved draft', content: json(ComplaintSchema) },
    ...problemResponses(...WRITE, ...BAD_INPUT, 'invalid_transition'),
  },
});

const submitRoute = createRoute({
  method: 'post',
  path: '/{id}/submit',
  tags: TAGS,
  summary: 'File a saved draft; it must qualify',
  security: AUTH_SECURITY,
  request: { params: idParams, headers: idempotencyHeaders },
  responses: {
    200: { description: 'Filed (or the replay of an earlier filing with the same key)', content: json(ComplaintSchema) },
    ...problemResponses(
      ...WRITE,
      'missing_idempotency_key',
      'invalid_idempotency_key',
      'idempotency_key_reused',
      'identity_not_verified',
      'filing_suspended',
      'notice_not_qualified',
      'invalid_transition',
    ),
  },
});

const withdrawRoute = createRoute({
  method: 'post',
  path: '/{id}/withdraw',
  tags: TAGS,
  summary: 'Withdraw a complaint from any open state, with an optional note',
  security: AUTH_SECURITY,
  request: { params: idParams, body: { required: false, content: json(WithdrawComplaintRequestSchema) } },
  responses: {
    200: { description: 'Withdrawn', content: json(ComplaintSchema) },
    ...problemResponses(...WRITE, 'invalid_transition'),
  },
});

// ---- timeline (issue #5): the complaint's audit entries, each checked against the chain.
const timelineRoute = createRoute({
  method: 'get',
  path: '/{id}/timeline',
  tags: TAGS,
  summary: "The complaint's audit entries, oldest first, each re-verified against the hash chain (the complainant's tenant, and staff)",
  security: AUTH_SECURITY,
  request: { params: idParams },
  responses: {
    200: { description: 'The timeline', content: json(TimelineSchema) },
    ...problemResponses(...COMMON),
  },
});

/** Checked before the body is read, like every idempotent write. */
const requireIdempotencyKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  parseIdempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
  await next();
};

export function complaintRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  // Before the body is read: staff and sellers learn nothing from validation and spend no budget.
  const complainant = guardPrincipal(requireComplainant);
  const limit = writeRateLimit(deps);
  const body = bodyLimit({ maxSize: COMPLAINT_BODY_MAX_BYTES });
  const small = bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes });
  // Fixed paths before /{id}: the first matching route answers.
  return createRouter()
    .openapi({ ...contextRoute, middleware: [auth, complainant] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getComplaintContext(deps.store, c.get('principal')), 200);
    })
    .openapi({ ...lookupRoute, middleware: [auth, complainant] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await lookupListing(deps.store, c.get('principal'), c.req.valid('query').url), 200);
    })
    .openapi({ ...statsRoute, middleware: [auth, complainant] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await complainantStats(deps.store, c.get('principal')), 200);
    })
    // Writes nothing, but re-reads and re-hashes evidence: it spends the write budget like a write.
    .openapi({ ...checkRoute, middleware: [auth, complainant, limit, body] as const }, async (c) => {
      return c.json(await checkComplaint(deps, c.get('principal'), c.req.valid('json')), 200);
    })
    .openapi({ ...createComplaintRoute, middleware: [auth, complainant, limit, requireIdempotencyKey, body] as const }, async (c) => {
      const key = parseIdempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
      const { complaint, replayed } = await createComplaint(deps, c.get('principal'), key, c.req.valid('json'));
      if (replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(complaint, replayed ? 200 : 201);
    })
    .openapi({ ...listRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listComplaints(deps.store, c.get('principal'), c.req.valid('query')), 200);
    })
    .openapi({ ...timelineRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await complaintTimeline(deps.store, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi({ ...getRoute, middleware: [auth] as const }, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getComplaint(deps.store, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi({ ...updateRoute, middleware: [auth, complainant, limit, body] as const }, async (c) => {
      return c.json(await updateComplaint(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200);
    })
    .openapi({ ...submitRoute, middleware: [auth, complainant, limit, requireIdempotencyKey] as const }, async (c) => {
      const key = parseIdempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
      const { complaint, replayed } = await submitComplaint(deps, c.get('principal'), c.req.valid('param').id, key);
      if (replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(complaint, 200);
    })
    .openapi({ ...withdrawRoute, middleware: [auth, complainant, limit, small] as const }, async (c) => {
      const { note } = c.req.valid('json');
      return c.json(await withdrawComplaint(deps.store, c.get('principal'), c.req.valid('param').id, note), 200);
    });
}
