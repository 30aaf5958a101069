import {
  ARTEFACT_MAX_BYTES,
  CaptureMetaSchema,
  LIMITS,
  MAX_DECLARED_ARTEFACTS,
  PageReadCorrectionSchema,
  canonicalManifest,
  fileNameIsSafe,
  looksLikeMhtml,
  isStaff,
  labelMatchesKind,
  sniffFileKind,
  trailingByteCount,
  type Capture,
  type CaptureList,
  type CaptureMeta,
  type CaptureReceipt,
  type DeclaredArtefact,
  type PageReadCorrection,
  type ProblemFieldError,
} from '@openipp/shared';
import type { BlobStore } from '../blobs';
import { AppError, zodFieldErrors } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { sha256Hex, uuidv7 } from '../lib/crypto';
import type { CaptureArtefactRow, CaptureRecord, CaptureRow, NewCaptureArtefact, Store, StoreTransaction } from '../store';
import { appendAudit } from './audit';
import { buildManifest, storedMarks, storedPageRead } from './capture-manifest';
import { makeRenditions } from './images';

/**
 * Declared artefacts may come inside the capture's own upload, one file part
 * each, named by the SHA-256 they were declared under: a small capture (a
 * screenshot and its page archive) is then stored and receipted by one
 * request and one transaction instead of one per artefact. Larger ones still
 * go by PUT /api/captures/{id}/artefacts/{sha256}.
 */
export const INLINE_ARTEFACT_FIELD = 'artefact';
const SHA256_PART_NAME = /^[0-9a-f]{64}$/;

export const IDEMPOTENCY_KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALLOWED_FIELDS = new Set(['meta', 'screenshot', INLINE_ARTEFACT_FIELD]);

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
  /** Declared artefacts sent inline, by the SHA-256 their part names (checked against the bytes on ingest). */
  artefacts?: InlineArtefact[];
}

export interface InlineArtefact {
  sha256: string;
  bytes: Uint8Array;
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
  if (!fileNameIsSafe(file.name || undefined)) throw fieldError('screenshot', 'unsafe_file_name', 'the file name must be a plain base name');
  // A capture cannot begin after it ended: both times go into the signed manifest.
  const startedAt = parsed.data.client?.startedAt;
  if (startedAt !== undefined && Date.parse(startedAt) > Date.parse(parsed.data.capturedAt)) {
    throw fieldError('meta.client.startedAt', 'invalid_value', 'is after meta.capturedAt');
  }
  return {
    meta: parsed.data,
    screenshot: { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name || undefined, type: file.type || undefined },
    artefacts: await inlineArtefacts(form.getAll(INLINE_ARTEFACT_FIELD)),
  };
}

async function inlineArtefacts(parts: ReadonlyArray<string | File>): Promise<InlineArtefact[]> {
  if (parts.length > MAX_DECLARED_ARTEFACTS) throw fieldError(INLINE_ARTEFACT_FIELD, 'too_big', `at most ${MAX_DECLARED_ARTEFACTS} artefacts`);
  const seen = new Set<string>();
  const artefacts: InlineArtefact[] = [];
  for (const part of parts) {
    if (typeof part === 'string' || !SHA256_PART_NAME.test(part.name)) {
      throw fieldError(INLINE_ARTEFACT_FIELD, 'invalid_format', 'each artefact is a file part named by its SHA-256 (hex)');
    }
    if (seen.has(part.name)) throw fieldError(INLINE_ARTEFACT_FIELD, 'invalid_value', `artefact ${part.name} is sent twice`);
    seen.add(part.name);
    if (part.size === 0) throw new AppError('empty_file');
    artefacts.push({ sha256: part.name, bytes: new Uint8Array(await part.arrayBuffer()) });
  }
  return artefacts;
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
  if ((trailingByteCount(bytes, kind) ?? 0) > 0) throw new AppError('trailing_data');

  const sha256 = sha256Hex(bytes);
  const declared = upload.meta.artefacts ?? [];
  // A declared artefact with the screenshot's hash arrives with it (a one-tile-high first tile is the screenshot itself).
  for (const [index, artefact] of declared.entries()) {
    if (artefact.sha256 !== sha256) continue;
    if (artefact.mime !== kind || artefact.bytes !== bytes.byteLength) {
      throw fieldError(`meta.artefacts.${index}`, 'invalid_value', 'declares the screenshot\'s hash with another type or size');
    }
  }
  // The artefacts sent inline are not part of the request hash: the meta already names each by its SHA-256.
  const hash = requestHash(upload.meta, sha256);
  const userId = principal.user.id;

  const earlier = await deps.store.findIdempotencyKey(userId, idempotencyKey);
  if (earlier) {
    if (earlier.requestHash !== hash) throw new AppError('idempotency_key_reused');
    const receipt = storedReceipt(earlier.response);
    // A retry may bring inline artefacts the first attempt did not deliver: each goes in as its own PUT would.
    for (const artefact of upload.artefacts ?? []) {
      if (artefact.sha256 !== sha256) await ingestArtefact(deps, principal, { captureId: receipt.id, ...artefact }, now);
    }
    return { receipt, replayed: true };
  }

  // Every inline artefact is checked (declared, hash, size, kind) before anything is written.
  const inline: CheckedArtefact[] = [];
  for (const artefact of upload.artefacts ?? []) {
    // The screenshot's own hash arrives with the screenshot.
    if (artefact.sha256 === sha256 && sha256Hex(artefact.bytes) === sha256) continue;
    const index = declared.findIndex((candidate) => candidate.sha256 === artefact.sha256);
    if (index < 0) throw fieldError(INLINE_ARTEFACT_FIELD, 'invalid_value', `artefact ${artefact.sha256} is not declared in meta.artefacts`);
    inline.push(await checkArtefact(declared[index]!, artefact.sha256, artefact.bytes));
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
    // Side by side: each put waits on its own fsyncs, and this section holds the store's write lock.
    const [, displaySha256, thumbSha256] = await Promise.all([deps.blobs.put(bytes), deps.blobs.put(renditions.display), deps.blobs.put(renditions.thumb)]);
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
      marksJson: JSON.stringify(upload.meta.marks ?? []),
      pageReadJson: upload.meta.pageRead ? JSON.stringify(upload.meta.pageRead) : null,
      clientJson: upload.meta.client ? JSON.stringify(upload.meta.client) : null,
    });
    await tx.insertCaptureArtefacts(
      declared.map((artefact, position): NewCaptureArtefact => ({
        captureId: id,
        position,
        kind: artefact.kind,
        sha256: artefact.sha256,
        mime: artefact.mime,
        bytes: artefact.bytes,
        sequence: artefact.kind === 'tile' ? artefact.sequence : null,
      })),
    );
    await tx.receiveCaptureArtefact({ captureId: id, sha256, at: now, width: renditions.width, height: renditions.height, displaySha256 });
    for (const artefact of inline) await storeArtefact(tx, deps.blobs, id, artefact, now);
    await tx.insertIdempotencyKey({
      userId,
      key: idempotencyKey,
      requestHash: hash,
      status: 201,
      response: JSON.stringify(receipt),
      createdAt: now,
    });
    await receiptIfComplete(tx, deps.blobs, principal, id, now);
    return { receipt, replayed: false };
  });
}

/**
 * Once no declared artefact is missing: freezes the manifest (its canonical
 * bytes go to the blob store) and appends the capture to the audit chain,
 * naming the manifest's SHA-256, in the transaction that brought the last
 * bytes in. The receipt's promise (these bytes, this page, at this time) goes
 * on the record with it; a replay, or a second call, adds nothing.
 */
async function receiptIfComplete(tx: StoreTransaction, blobs: BlobStore, principal: Principal, captureId: string, now: number): Promise<void> {
  const record = await tx.getCapture({ id: captureId, tenantId: principal.tenant.id });
  if (!record || record.missingArtefacts > 0) return;
  if ((await tx.auditEntriesFor(captureId)).some(({ entry }) => entry.kind === 'capture_received')) return;
  const { capture } = record;
  const manifestText = canonicalManifest(buildManifest(capture, await tx.listCaptureArtefacts(captureId)));
  const manifestSha256 = await blobs.put(new TextEncoder().encode(manifestText));
  await appendAudit(tx, {
    at: now,
    tenantId: capture.tenantId,
    actorId: principal.user.id,
    kind: 'capture_received',
    subjectId: captureId,
    payload: { captureId, sha256: capture.screenshotSha256, url: capture.url, receivedAt: new Date(capture.receivedAt).toISOString(), manifestSha256 },
  });
}

export interface ArtefactUpload {
  captureId: string;
  /** The hash the client sent the bytes under (the path of the PUT). */
  sha256: string;
  bytes: Uint8Array;
}

/**
 * Stores one declared artefact of a capture, by its hash. Everything that can
 * refuse it (not declared, wrong hash, wrong size, wrong kind of file) runs
 * before anything is written. Bytes already received answer as a replay
 * without being stored again; the request that completes the capture
 * receipts it.
 */
export async function ingestArtefact(
  deps: { store: Store; blobs: BlobStore },
  principal: Principal,
  upload: ArtefactUpload,
  now = Date.now(),
): Promise<{ capture: CaptureRow; replayed: boolean }> {
  const { capture } = await getCaptureRecord(deps.store, principal, upload.captureId);
  const rows = (await deps.store.listCaptureArtefacts(capture.id)).filter((row) => row.sha256 === upload.sha256);
  const declared = rows[0];
  // Only what the capture declared can be added to it: its manifest was fixed at upload.
  if (!declared) throw new AppError('not_found', { detail: 'the capture declared no artefact with this SHA-256' });
  if (rows.every((row) => row.receivedAt !== null)) {
    checkArtefactBytes(declared, upload.sha256, upload.bytes);
    return { capture, replayed: true };
  }
  const checked = await checkArtefact(declared, upload.sha256, upload.bytes);
  return deps.store.transaction(async (tx) => {
    const changed = await storeArtefact(tx, deps.blobs, capture.id, checked, now);
    await receiptIfComplete(tx, deps.blobs, principal, capture.id, now);
    // A concurrent request with the same bytes got there first: this one is its replay.
    return { capture, replayed: changed === 0 };
  });
}

/** A declared artefact whose bytes passed every check, with its display rendition when it is an image. */
interface CheckedArtefact {
  sha256: string;
  bytes: Uint8Array;
  image: { width: number; height: number; display: Uint8Array } | undefined;
}

/** Size cap, hash and declared size: what a replay must match too. */
function checkArtefactBytes(declared: Pick<DeclaredArtefact, 'kind' | 'bytes'>, sha256: string, bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw new AppError('empty_file');
  if (bytes.byteLength > ARTEFACT_MAX_BYTES[declared.kind]) throw new AppError('payload_too_large');
  const actual = sha256Hex(bytes);
  if (actual !== sha256) {
    throw new AppError('hash_mismatch', { detail: `received bytes hash to ${actual}, not ${sha256}` });
  }
  if (bytes.byteLength !== declared.bytes) {
    throw fieldError('bytes', 'invalid_value', `declared as ${declared.bytes} bytes, received ${bytes.byteLength}`);
  }
}

/** Everything that can refuse an artefact, run before anything is written: its bytes, then its kind of file. */
async function checkArtefact(declared: Pick<DeclaredArtefact, 'kind' | 'bytes'>, sha256: string, bytes: Uint8Array): Promise<CheckedArtefact> {
  checkArtefactBytes(declared, sha256, bytes);
  const image = declared.kind === 'tile' ? await checkTile(bytes) : checkPageArchive(bytes);
  return { sha256, bytes, image };
}

/** Inside the write transaction: bytes in the critical section, so a refused request leaves nothing behind; puts are idempotent by address. */
async function storeArtefact(tx: StoreTransaction, blobs: BlobStore, captureId: string, artefact: CheckedArtefact, now: number): Promise<number> {
  const [, displaySha256] = await Promise.all([blobs.put(artefact.bytes), artefact.image ? blobs.put(artefact.image.display) : null]);
  return tx.receiveCaptureArtefact({
    captureId,
    sha256: artefact.sha256,
    at: now,
    width: artefact.image?.width ?? null,
    height: artefact.image?.height ?? null,
    displaySha256,
  });
}

/** A tile is a PNG, decoded in full and re-encoded for display like the screenshot. */
async function checkTile(bytes: Uint8Array): Promise<{ width: number; height: number; display: Uint8Array }> {
  if (sniffFileKind(bytes) !== 'image/png') throw new AppError('unsupported_file_type');
  if ((trailingByteCount(bytes, 'image/png') ?? 0) > 0) throw new AppError('trailing_data');
  const { width, height, display } = await makeRenditions(bytes);
  return { width, height, display };
}

/** An MHTML page archive is kept as it came and only ever served as a download: its head must be MHTML's. */
function checkPageArchive(bytes: Uint8Array): undefined {
  if (!looksLikeMhtml(bytes)) throw new AppError('unsupported_file_type');
  return undefined;
}

/** One declared artefact of a capture, by hash (tenant-scoped through the capture). */
export async function getCaptureArtefact(store: Store, principal: Principal, captureId: string, sha256: string): Promise<CaptureArtefactRow> {
  const { capture } = await getCaptureRecord(store, principal, captureId);
  const row = (await store.listCaptureArtefacts(capture.id)).find((artefact) => artefact.sha256 === sha256 && artefact.receivedAt !== null);
  if (!row) throw new AppError('not_found');
  return row;
}

export function toCapture({ capture, tenantName, creatorEmail, missingArtefacts }: CaptureRecord): Capture {
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
    marks: storedMarks(capture.marksJson),
    pageRead: capture.pageReadJson === null ? null : storedPageRead(capture.pageReadJson),
    pageReadCorrection: capture.pageReadCorrectionJson === null ? null : PageReadCorrectionSchema.parse(JSON.parse(capture.pageReadCorrectionJson)),
    receipt: { id: capture.id, sha256: capture.screenshotSha256, receivedAt, state: missingArtefacts > 0 ? 'incomplete' : 'receipted' },
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

/**
 * The user's correction of what was read from the page (issue #7 part 4).
 * Sync starts at once, so the correction usually arrives after the receipt:
 * it is stored beside the read, never in it, and the frozen manifest and its
 * signature are untouched. Each correction goes on the audit chain, so what
 * the user changed, and when, stays on the record even when corrected again.
 * Only the capturing tenant may correct (staff, who see all, may not).
 */
export async function correctPageRead(store: Store, principal: Principal, id: string, correction: PageReadCorrection, now = Date.now()): Promise<CaptureRecord> {
  return store.transaction(async (tx) => {
    const record = await tx.getCapture({ id, tenantId: principal.tenant.id });
    if (!record) throw new AppError('not_found');
    await tx.setCapturePageReadCorrection({ id, tenantId: principal.tenant.id, json: JSON.stringify(correction) });
    await appendAudit(tx, {
      at: now,
      tenantId: principal.tenant.id,
      actorId: principal.user.id,
      kind: 'capture_corrected',
      subjectId: id,
      payload: { captureId: id, correction },
    });
    const updated = await tx.getCapture({ id, tenantId: principal.tenant.id });
    if (!updated) throw new Error(`capture ${id} vanished inside its own transaction`);
    return updated;
  });
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
