import { createRoute, z } from '@hono/zod-openapi';
import {
  ARTEFACT_MAX_BYTES,
  CaptureListSchema,
  CaptureReceiptSchema,
  CaptureSchema,
  IDEMPOTENCY_HEADER,
  LIMITS,
  PageReadCorrectionSchema,
  isStaff,
} from '@openipp/shared';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../lib/app-error';
import type { AppEnv } from '../../lib/context';
import type { AppDeps } from '../../lib/deps';
import { AUTH_SECURITY, createRouter, problemResponses } from '../../lib/router';
import { requireAuth, writeRateLimit } from '../../middleware/session';
import {
  IDEMPOTENCY_KEY_PATTERN,
  INLINE_ARTEFACT_FIELD,
  correctPageRead,
  getCaptureArtefact,
  getCaptureRecord,
  ingestArtefact,
  ingestCapture,
  listCaptures,
  parseIdempotencyKey,
  parseUpload,
  readBlob,
  toCapture,
} from '../../services/captures';
import { buildEvidenceBundle, signedReceipt } from '../../services/evidence-bundle';
import { DISPLAY_MIME, THUMB_MIME } from '../../services/images';

const IdParamsSchema = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });
const binary = { type: 'string', format: 'binary' } as const;
const ArtefactParamsSchema = IdParamsSchema.extend({
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .openapi({ param: { name: 'sha256', in: 'path' }, description: 'SHA-256 (hex) of the artefact, as declared in the capture meta' }),
});

const createCaptureRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['captures'],
  summary: 'Upload one capture: `meta` (JSON, CaptureMeta), `screenshot` (PNG or JPEG) and optionally declared artefacts (`artefact` parts)',
  security: AUTH_SECURITY,
  request: {
    // Documents the header; requireIdempotencyKey (route middleware, which runs before
    // this validator) has already refused a missing or malformed key with its own code.
    headers: z.object({
      [IDEMPOTENCY_HEADER.toLowerCase()]: z.string().regex(IDEMPOTENCY_KEY_PATTERN).openapi({ description: 'A fresh UUID per capture; retries reuse it' }),
    }),
    body: {
      required: true,
      content: {
        // A plain schema object (not zod) documents the form without attaching
        // the generic form validator: the upload has its own, finer error codes.
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['meta', 'screenshot'],
            additionalProperties: false,
            properties: {
              meta: { type: 'string', description: 'JSON text matching CaptureMeta' },
              screenshot: { ...binary, description: `PNG or JPEG, at most ${LIMITS.screenshotMaxBytes} bytes` },
              [INLINE_ARTEFACT_FIELD]: {
                type: 'array',
                items: binary,
                description:
                  'Optional: artefacts declared in `meta.artefacts`, one file part each, whose file name is the SHA-256 it was declared under. Checked as the PUT of each would be (422 hash_mismatch for bytes that hash otherwise) and stored in the same transaction as the capture; the rest may follow by PUT.',
              },
            },
          },
        },
      },
    },
  },
  responses: {
    201: { description: 'Stored', content: { 'application/json': { schema: CaptureReceiptSchema } } },
    200: { description: 'Replay of an earlier request with the same key and body', content: { 'application/json': { schema: CaptureReceiptSchema } } },
    ...problemResponses(
      'malformed_json',
      'validation_failed',
      'missing_file',
      'missing_idempotency_key',
      'invalid_idempotency_key',
      'malformed_multipart',
      'unauthenticated',
      'csrf_failed',
      'forbidden',
      'payload_too_large',
      'unsupported_file_type',
      'empty_file',
      'file_type_mismatch',
      'image_unreadable',
      'trailing_data',
      'image_too_large',
      'idempotency_key_reused',
      'hash_mismatch',
      'not_found',
      'rate_limited',
    ),
  },
});

const listCapturesRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['captures'],
  summary: 'Captures, newest first (own tenant; platform staff see all tenants)',
  security: AUTH_SECURITY,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(LIMITS.listPageMax).default(50),
      cursor: z.string().max(512).optional(),
    }),
  },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: CaptureListSchema } } },
    ...problemResponses('validation_failed', 'unauthenticated', 'session_expired'),
  },
});

const getCaptureRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['captures'],
  summary: 'One capture',
  security: AUTH_SECURITY,
  request: { params: IdParamsSchema },
  responses: {
    200: { description: 'The capture', content: { 'application/json': { schema: CaptureSchema } } },
    ...problemResponses('unauthenticated', 'not_found'),
  },
});

const imageRoute = createRoute({
  method: 'get',
  path: '/{id}/image',
  tags: ['captures'],
  summary: 'Re-encoded screenshot for display (PNG), or a thumbnail ≤ 320 px wide (WebP) with ?size=thumb',
  security: AUTH_SECURITY,
  request: { params: IdParamsSchema, query: z.object({ size: z.enum(['display', 'thumb']).default('display') }) },
  responses: {
    200: { description: 'Image', content: { [DISPLAY_MIME]: { schema: binary }, [THUMB_MIME]: { schema: binary } } },
    ...problemResponses('unauthenticated', 'not_found', 'validation_failed'),
  },
});

const originalRoute = createRoute({
  method: 'get',
  path: '/{id}/original',
  tags: ['captures'],
  summary: 'The original evidence bytes, as an attachment',
  security: AUTH_SECURITY,
  request: { params: IdParamsSchema },
  responses: {
    200: { description: 'Original bytes', content: { 'image/png': { schema: binary }, 'image/jpeg': { schema: binary } } },
    ...problemResponses('unauthenticated', 'not_found'),
  },
});

const bundleRoute = createRoute({
  method: 'get',
  path: '/{id}/bundle',
  tags: ['captures'],
  summary: 'The evidence bundle (zip): manifest, original artefacts, signed receipt, chain proof and public key; `npm run verify-evidence` checks it offline',
  security: AUTH_SECURITY,
  request: { params: IdParamsSchema },
  responses: {
    200: { description: 'Zip archive (Content-Disposition: attachment)', content: { 'application/zip': { schema: binary } } },
    ...problemResponses('unauthenticated', 'not_found', 'capture_incomplete'),
  },
});

const putArtefactRoute = createRoute({
  method: 'put',
  path: '/{id}/artefacts/{sha256}',
  tags: ['captures'],
  summary:
    'Upload one artefact the capture declared in `meta.artefacts` (raw bytes as the body): idempotent by its SHA-256; the upload that brings the last one in receipts the capture',
  description: `Tiles: PNG, at most ${ARTEFACT_MAX_BYTES.tile} bytes. Page archive: MHTML (multipart/related), at most ${ARTEFACT_MAX_BYTES.page_archive} bytes. Bytes that do not hash to the path's SHA-256 are refused with 422 hash_mismatch and nothing is stored.`,
  security: AUTH_SECURITY,
  request: {
    params: ArtefactParamsSchema,
    body: { required: true, content: { 'application/octet-stream': { schema: binary } } },
  },
  responses: {
    201: { description: 'Stored; the receipt as it now stands (incomplete, or signed when this was the last one)', content: { 'application/json': { schema: CaptureReceiptSchema } } },
    200: { description: 'Already held: nothing stored again', content: { 'application/json': { schema: CaptureReceiptSchema } } },
    ...problemResponses(
      'validation_failed',
      'unauthenticated',
      'csrf_failed',
      'forbidden',
      'not_found',
      'payload_too_large',
      'empty_file',
      'unsupported_file_type',
      'image_unreadable',
      'trailing_data',
      'image_too_large',
      'hash_mismatch',
      'rate_limited',
    ),
  },
});

const getArtefactRoute = createRoute({
  method: 'get',
  path: '/{id}/artefacts/{sha256}',
  tags: ['captures'],
  summary: 'One received artefact: the original bytes as an attachment, or a tile re-encoded for display (PNG) with ?size=display',
  security: AUTH_SECURITY,
  request: { params: ArtefactParamsSchema, query: z.object({ size: z.enum(['original', 'display']).default('original') }) },
  responses: {
    200: { description: 'The artefact', content: { 'application/octet-stream': { schema: binary }, [DISPLAY_MIME]: { schema: binary } } },
    ...problemResponses('unauthenticated', 'not_found', 'validation_failed'),
  },
});

const correctPageReadRoute = createRoute({
  method: 'put',
  path: '/{id}/page-read-correction',
  tags: ['captures'],
  summary:
    "The user's correction of what was read from the page: stored beside the read and audited; the signed manifest, which carries the read, is never changed",
  security: AUTH_SECURITY,
  request: { params: IdParamsSchema, body: { required: true, content: { 'application/json': { schema: PageReadCorrectionSchema } } } },
  responses: {
    200: { description: 'The capture with the correction', content: { 'application/json': { schema: CaptureSchema } } },
    ...problemResponses('malformed_json', 'validation_failed', 'unauthenticated', 'csrf_failed', 'forbidden', 'not_found', 'payload_too_large', 'rate_limited'),
  },
});

/** Platform staff read every tenant's captures but never create them (they belong to no customer tenant). */
const customersOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (isStaff(c.get('principal').user.role)) throw new AppError('forbidden');
  await next();
};

/** Checked before the body is read, so a client without a key gets told without uploading 15 MB. */
const requireIdempotencyKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  parseIdempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
  await next();
};

async function readMultipart(request: Request): Promise<FormData> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'multipart/form-data') throw new AppError('malformed_multipart', { detail: 'expected multipart/form-data' });
  try {
    return await request.formData();
  } catch (error) {
    throw new AppError('malformed_multipart', { cause: error });
  }
}

export function captureRoutes(deps: AppDeps) {
  const auth = requireAuth(deps);
  const privateCache = 'private, max-age=3600';
  return createRouter()
    .openapi(
      {
        ...createCaptureRoute,
        middleware: [auth, customersOnly, writeRateLimit(deps), requireIdempotencyKey, bodyLimit({ maxSize: LIMITS.captureBodyMaxBytes })] as const,
      },
      async (c) => {
        const key = parseIdempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
        const upload = await parseUpload(await readMultipart(c.req.raw));
        const { receipt, replayed } = await ingestCapture(deps, c.get('principal'), key, upload);
        if (replayed) c.header('Idempotent-Replayed', 'true');
        // Signed from the stored row and its audit entry: a replay gets the very same signature.
        const { capture } = await getCaptureRecord(deps.store, c.get('principal'), receipt.id);
        return c.json(await signedReceipt(deps, capture), replayed ? 200 : 201);
      },
    )
    .openapi({ ...listCapturesRoute, middleware: [auth] as const }, async (c) => {
      const query = c.req.valid('query');
      c.header('Cache-Control', 'no-store');
      return c.json(await listCaptures(deps.store, c.get('principal'), query), 200);
    })
    .openapi({ ...getCaptureRoute, middleware: [auth] as const }, async (c) => {
      const record = await getCaptureRecord(deps.store, c.get('principal'), c.req.valid('param').id);
      c.header('Cache-Control', 'no-store');
      return c.json({ ...toCapture(record), receipt: await signedReceipt(deps, record.capture) }, 200);
    })
    .openapi({ ...correctPageReadRoute, middleware: [auth, customersOnly, writeRateLimit(deps), bodyLimit({ maxSize: LIMITS.jsonBodyMaxBytes })] as const }, async (c) => {
      const record = await correctPageRead(deps.store, c.get('principal'), c.req.valid('param').id, c.req.valid('json'));
      c.header('Cache-Control', 'no-store');
      return c.json({ ...toCapture(record), receipt: await signedReceipt(deps, record.capture) }, 200);
    })
    .openapi({ ...imageRoute, middleware: [auth] as const }, async (c) => {
      const { capture } = await getCaptureRecord(deps.store, c.get('principal'), c.req.valid('param').id);
      const thumb = c.req.valid('query').size === 'thumb';
      const bytes = await readBlob(deps.blobs, thumb ? capture.thumbSha256 : capture.displaySha256);
      return c.body(bytes, 200, { 'Content-Type': thumb ? THUMB_MIME : DISPLAY_MIME, 'Cache-Control': privateCache });
    })
    .openapi({ ...originalRoute, middleware: [auth] as const }, async (c) => {
      const { capture } = await getCaptureRecord(deps.store, c.get('principal'), c.req.valid('param').id);
      const bytes = await readBlob(deps.blobs, capture.screenshotSha256);
      const extension = capture.mime === 'image/png' ? 'png' : 'jpg';
      return c.body(bytes, 200, {
        'Content-Type': capture.mime,
        'Content-Disposition': `attachment; filename="capture-${capture.id}.${extension}"`,
        'Cache-Control': privateCache,
        'X-Content-SHA256': capture.screenshotSha256,
      });
    })
    .openapi(
      {
        ...putArtefactRoute,
        middleware: [auth, customersOnly, writeRateLimit(deps), bodyLimit({ maxSize: ARTEFACT_MAX_BYTES.page_archive })] as const,
      },
      async (c) => {
        const { id, sha256 } = c.req.valid('param');
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        const { capture, replayed } = await ingestArtefact(deps, c.get('principal'), { captureId: id, sha256, bytes });
        if (replayed) c.header('Idempotent-Replayed', 'true');
        return c.json(await signedReceipt(deps, capture), replayed ? 200 : 201);
      },
    )
    .openapi({ ...getArtefactRoute, middleware: [auth] as const }, async (c) => {
      const { id, sha256 } = c.req.valid('param');
      const artefact = await getCaptureArtefact(deps.store, c.get('principal'), id, sha256);
      if (c.req.valid('query').size === 'display') {
        // Only images have a display rendition; an archive is never rendered inline.
        if (!artefact.displaySha256) throw new AppError('not_found');
        return c.body(await readBlob(deps.blobs, artefact.displaySha256), 200, { 'Content-Type': DISPLAY_MIME, 'Cache-Control': privateCache });
      }
      const extension = artefact.kind === 'tile' ? 'png' : 'mhtml';
      return c.body(await readBlob(deps.blobs, artefact.sha256), 200, {
        'Content-Type': artefact.kind === 'tile' ? artefact.mime : 'application/octet-stream',
        'Content-Disposition': `attachment; filename="capture-${artefact.captureId}-${artefact.kind}-${artefact.sha256.slice(0, 12)}.${extension}"`,
        'Cache-Control': privateCache,
        'X-Content-SHA256': artefact.sha256,
      });
    })
    .openapi({ ...bundleRoute, middleware: [auth] as const }, async (c) => {
      const { capture } = await getCaptureRecord(deps.store, c.get('principal'), c.req.valid('param').id);
      const zip = await buildEvidenceBundle(deps, capture);
      return c.body(zip, 200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="evidence-${capture.id}.zip"`,
        'Cache-Control': 'no-store',
      });
    });
}
