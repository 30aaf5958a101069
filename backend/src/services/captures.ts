import {
  CaptureMetaSchema,
  LIMITS,
  isStaff,
  labelMatchesKind,
  sniffFileKind,
  type Capture,
  type CaptureList,
  type CaptureMeta,
  type CaptureReceipt,
  type ProblemFieldError,
} from '@openipp/shared';
import type { BlobStore } from '../blobs';
import { AppError, zodFieldErrors } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { sha256Hex, uuidv7 } from '../lib/crypto';
import type { CaptureRecord, Store } from '../store';
import { appendAudit } from './audit';
import { makeRenditions } from './images';

export const IDEMPOTENCY_KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALLOWED_FIELDS = new Set(['meta', 'screenshot']);

export function parseIdempotencyKey(header: string | undefined): string {
  if (header === undefined || header.trim() === '') throw new AppError('missing_idempotency_key');
  const key = header.trim().toLowerCase();
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new AppError('invalid_idempotency_key');
  return key;
}

export interface ScreenshotUpload {
  bytes: Uint8Array;
  name: string | undefined;
  type: string | undefined;
}

export interface ParsedUpload {
  meta: CaptureMeta;
  screenshot: ScreenshotUpload;
}

function fieldError(path: string, code: string, message: string): AppError {
  return new AppError('validation_failed', { errors: [{ path, code, message } satisfies ProblemFieldError] });
}

async function metaText(value: string | Blob): Promise<string> {
  // Clients may send `meta` as a plain field or as a JSON blob part; both carry the same text.
  if (typeof value === 'string') return value;
  if (value.size > LIMITS.jsonBodyMaxBytes) throw new AppError('payload_too_large');
  return value.text();
}

/** Checks the multipart form in the order a client can act on: fields, meta, then the file. */
export async function parseUpload(form: FormData): Promise<ParsedUpload> {
  const unexpected = [...new Set([...form.keys()])].filter((key) => !ALLOWED_FIELDS.has(key));
  if (unexpected.length > 0) {
    throw new AppError('validation_failed', {
      errors: unexpected.map((path) => ({ path, code: 'unrecognized_keys', message: 'unexpected form field' })),
    });
  }

  const metas = form.getAll('meta');
  if (metas.length === 0) throw fieldError('meta', 'invalid_type', 'meta is required');
  if (metas.length > 1) throw fieldError('meta', 'too_big', 'meta must be sent once');
  let raw: unknown;
  try {
    raw = JSON.parse(await metaText(metas[0]!));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('malformed_json', { detail: 'meta is not valid JSON' });
  }
  const parsed = CaptureMetaSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation_failed', { errors: zodFieldErrors(parsed.error, 'meta') });

  const files = form.getAll('screenshot');
  if (files.length === 0) throw new AppError('missing_file', { detail: 'screenshot is required' });
  if (files.length > 1) throw fieldError('screenshot', 'too_big', 'exactly one screenshot is allowed');
  const file = files[0]!;
  if (typeof file === 'string') throw new AppError('missing_file', { detail: 'screenshot must be a file part' });
  if (file.size === 0) throw new AppError('empty_file');
  if (file.size > LIMITS.screenshotMaxBytes) throw new AppError('payload_too_large');
  return {
    meta: parsed.data,
    screenshot: { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name || undefined, type: file.type || undefined },
  };
}

function requestHash(meta: CaptureMeta, screenshotSha256: string): string {
  return sha256Hex(JSON.stringify({ meta, screenshotSha256 }));
}

function storedReceipt(response: string): CaptureReceipt {
  return JSON.parse(response) as CaptureReceipt;
}

export interface IngestResult {
  receipt: CaptureReceipt;
  /** True when an earlier request with the same key and body already stored it. */
  replayed: boolean;
}

/**
 * Stores one capture. Everything that can refuse the upload runs before
 * anything is written; the idempotency check is repeated inside the write
 * transaction so concurrent requests with one key produce exactly one row.
 */
export async function ingestCapture(
  deps: { store: Store; blobs: BlobStore },
  principal: Principal,
  idempotencyKey: string,
  upload: ParsedUpload,
  now = Date.now(),
): Promise<IngestResult> {
  const { bytes } = upload.screenshot;
  const kind = sniffFileKind(bytes);
  if (kind !== 'image/png' && kind !== 'image/jpeg') throw new AppError('unsupported_file_type');
  if (!labelMatchesKind(kind, upload.screenshot.name, upload.screenshot.type)) throw new AppError('file_type_mismatch');

  const sha256 = sha256Hex(bytes);
  const hash = requestHash(upload.meta, sha256);
  const userId = principal.user.id;

  const earlier = await deps.store.findIdempotencyKey(userId, idempotencyKey);
  if (earlier) {
    if (earlier.requestHash !== hash) throw new AppError('idempotency_key_reused');
    return { receipt: storedReceipt(earlier.response), replayed: true };
  }

  const renditions = await makeRenditions(bytes);

  return deps.store.transaction(async (tx) => {
    const raced = await tx.findIdempotencyKey(userId, idempotencyKey);
    if (raced) {
      if (raced.requestHash !== hash) throw new AppError('idempotency_key_reused');
      return { receipt: storedReceipt(raced.response), replayed: true };
    }
    // Blobs are written inside the transaction's critical section so a refused
    // request leaves nothing behind; a put is idempotent by content address.
    await deps.blobs.put(bytes);
    const displaySha256 = await deps.blobs.put(renditions.display);
    const thumbSha256 = await deps.blobs.put(renditions.thumb);
    const id = uuidv7(now);
    const receipt: CaptureReceipt = { id, sha256, receivedAt: new Date(now).toISOString() };
    await tx.insertCapture({
      id,
      tenantId: principal.tenant.id,
      createdBy: userId,
      url: upload.meta.url,
      title: upload.meta.title,
      capturedAt: upload.meta.capturedAt,
      receivedAt: now,
      viewportW: upload.meta.viewport.width,
      viewportH: upload.meta.viewport.height,
      dpr: upload.meta.devicePixelRatio,
      screenshotSha256: sha256,
      mime: kind,
      bytes: bytes.byteLength,
      width: renditions.width,
      height: renditions.height,
      displaySha256,
      thumbSha256,
    });
    await tx.insertIdempotencyKey({
      userId,
      key: idempotencyKey,
      requestHash: hash,
      status: 201,
      response: JSON.stringify(receipt),
      createdAt: now,
    });
    // The receipt's promise (these bytes, this page, at this time) goes on the record with it; a replay adds nothing.
    await appendAudit(tx, {
      at: now,
      tenantId: principal.tenant.id,
      actorId: userId,
      kind: 'capture_received',
      subjectId: id,
      payload: { captureId: id, sha256, url: upload.meta.url, receivedAt: receipt.receivedAt },
    });
    return { receipt, replayed: false };
  });
}

export function toCapture({ capture, tenantName, creatorEmail }: CaptureRecord): Capture {
  const receivedAt = new Date(capture.receivedAt).toISOString();
  return {
    id: capture.id,
    tenantId: capture.tenantId,
    tenantName,
    createdBy: { id: capture.createdBy, email: creatorEmail },
    url: capture.url,
    title: capture.title,
    capturedAt: capture.capturedAt,
    receivedAt,
    viewport: { width: capture.viewportW, height: capture.viewportH },
    devicePixelRatio: capture.dpr,
    screenshot: {
      sha256: capture.screenshotSha256,
      mime: capture.mime,
      bytes: capture.bytes,
      width: capture.width,
      height: capture.height,
    },
    receipt: { id: capture.id, sha256: capture.screenshotSha256, receivedAt },
  };
}

/** Customers see their own tenant; platform staff see every tenant (read-only). */
function visibleTenant(principal: Principal): string | null {
  return isStaff(principal.user.role) ? null : principal.tenant.id;
}

function encodeCursor(record: CaptureRecord): string {
  return Buffer.from(JSON.stringify([record.capture.receivedAt, record.capture.id])).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
      return { receivedAt: value[0] as number, id: value[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw fieldError('cursor', 'invalid_format', 'not a cursor returned by this API');
}

export async function listCaptures(store: Store, principal: Principal, query: { limit: number; cursor?: string }): Promise<CaptureList> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  // One extra row tells us whether another page exists without a count query.
  const rows = await store.listCaptures({ tenantId: visibleTenant(principal), limit: query.limit + 1, ...(after ? { after } : {}) });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toCapture),
    ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last) } : {}),
  };
}

/** Tenant AND id together: another tenant's capture is indistinguishable from a missing one. */
export async function getCaptureRecord(store: Store, principal: Principal, id: string): Promise<CaptureRecord> {
  const record = await store.getCapture({ id, tenantId: visibleTenant(principal) });
  if (!record) throw new AppError('not_found');
  return record;
}

export async function readBlob(blobs: BlobStore, sha256: string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await blobs.get(sha256);
  // A row without its bytes means the data directory was damaged, not that the client erred.
  if (!bytes) throw new Error(`blob ${sha256} is missing`);
  return bytes;
}
