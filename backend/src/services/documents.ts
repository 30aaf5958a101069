import {
  DOCUMENT_MAX_BYTES,
  LIMITS,
  fileNameIsSafe,
  isStaff,
  labelMatchesKind,
  sniffFileKind,
  trailingByteCount,
  type DocumentInfo,
  type ProblemFieldError,
  type SniffedKind,
} from '@openipp/shared';
import type { z } from 'zod';
import type { BlobStore } from '../blobs';
import { AppError, zodFieldErrors } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { sha256Hex } from '../lib/crypto';
import type { DocumentRow, Store } from '../store';
import { readBlob } from './captures';
import { assertImageDecodes } from './images';

const iso = (ms: number) => new Date(ms).toISOString();

export interface UploadedFile {
  field: string;
  bytes: Uint8Array;
  name: string | undefined;
  type: string | undefined;
}

export interface CheckedDocument extends UploadedFile {
  mime: SniffedKind;
  sha256: string;
  /** Safe for a Content-Disposition header: the base name, without quotes or control characters. */
  fileName: string;
}

export function fieldError(path: string, code: string, message: string): AppError {
  return new AppError('validation_failed', { errors: [{ path, code, message } satisfies ProblemFieldError] });
}

/** Refuses form fields the route does not take, naming each. */
export function rejectUnexpectedFields(form: FormData, allowed: readonly string[]): void {
  const unexpected = [...new Set([...form.keys()])].filter((key) => !allowed.includes(key));
  if (unexpected.length > 0) {
    throw new AppError('validation_failed', {
      errors: unexpected.map((path) => ({ path, code: 'unrecognized_keys', message: 'unexpected form field' })),
    });
  }
}

/** The one JSON field of a multipart form, parsed against `schema`. */
export async function jsonField<S extends z.ZodType>(form: FormData, field: string, schema: S): Promise<z.infer<S>> {
  const values = form.getAll(field);
  if (values.length === 0) throw fieldError(field, 'invalid_type', `${field} is required`);
  if (values.length > 1) throw fieldError(field, 'too_big', `${field} must be sent once`);
  const value = values[0]!;
  let raw: unknown;
  try {
    if (typeof value !== 'string' && value.size > LIMITS.jsonBodyMaxBytes) throw new AppError('payload_too_large');
    raw = JSON.parse(typeof value === 'string' ? value : await value.text());
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('malformed_json', { detail: `${field} is not valid JSON` });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation_failed', { errors: zodFieldErrors(parsed.error, field) });
  return parsed.data;
}

/** The file parts of `field`, between `min` and `max` of them, each non-empty and under the document cap. */
export async function fileParts(form: FormData, field: string, min: number, max: number): Promise<UploadedFile[]> {
  const parts = form.getAll(field);
  if (parts.length < min) throw new AppError('missing_file', { detail: `${field} is required` });
  if (parts.length > max) throw fieldError(field, 'too_big', `at most ${max} ${field} files`);
  const files: UploadedFile[] = [];
  for (const [index, part] of parts.entries()) {
    const path = max > 1 ? `${field}[${index}]` : field;
    if (typeof part === 'string') throw new AppError('missing_file', { detail: `${path} must be a file part` });
    if (part.size === 0) throw new AppError('empty_file', { detail: path });
    if (part.size > DOCUMENT_MAX_BYTES) throw new AppError('payload_too_large', { detail: path });
    if (!fileNameIsSafe(part.name || undefined)) throw fieldError(path, 'unsafe_file_name', 'the file name must be a plain base name');
    files.push({ field: path, bytes: new Uint8Array(await part.arrayBuffer()), name: part.name || undefined, type: part.type || undefined });
  }
  return files;
}

const PDF_EOF = Buffer.from('%%EOF', 'latin1');

function safeFileName(name: string | undefined, mime: SniffedKind): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"\\;]/g, '').trim().slice(0, 200);
  if (cleaned) return cleaned;
  return mime === 'application/pdf' ? 'document.pdf' : mime === 'image/png' ? 'document.png' : 'document.jpg';
}

/**
 * Identity and authority documents: PDF, PNG or JPEG by magic bytes, a label
 * that does not lie, and content that is whole (a PDF ends with %%EOF, an
 * image decodes under the pixel cap).
 */
export async function checkDocument(file: UploadedFile): Promise<CheckedDocument> {
  const kind = sniffFileKind(file.bytes);
  if (!kind) throw new AppError('unsupported_file_type', { detail: `${file.field}: PDF, PNG or JPEG only` });
  if (!labelMatchesKind(kind, file.name, file.type)) throw new AppError('file_type_mismatch', { detail: file.field });
  if (kind === 'application/pdf') {
    // A PDF cut off in transfer (or a renamed fragment) has no end-of-file marker.
    if (Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).indexOf(PDF_EOF) < 0) {
      throw new AppError('document_unreadable', {
        detail: `${file.field}: not a complete PDF`,
        errors: [{ path: file.field, code: 'pdf_incomplete', message: 'the PDF has no %%EOF marker' }],
      });
    }
  } else {
    await assertImageDecodes(file.bytes);
  }
  if ((trailingByteCount(file.bytes, kind) ?? 0) > 0) throw new AppError('trailing_data', { detail: `${file.field}: more bytes after the end of the file` });
  return { ...file, mime: kind, sha256: sha256Hex(file.bytes), fileName: safeFileName(file.name, kind) };
}

export async function readMultipart(request: Request): Promise<FormData> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'multipart/form-data') throw new AppError('malformed_multipart', { detail: 'expected multipart/form-data' });
  try {
    return await request.formData();
  } catch (error) {
    throw new AppError('malformed_multipart', { cause: error });
  }
}

export function toDocumentInfo(row: DocumentRow): DocumentInfo {
  return { id: row.id, purpose: row.purpose, fileName: row.fileName, mime: row.mime, bytes: row.bytes, sha256: row.sha256, uploadedAt: iso(row.uploadedAt) };
}

/** Uploaded documents are served to their tenant and to platform staff; anyone else gets 404. */
export async function readDocument(deps: { store: Store; blobs: BlobStore }, principal: Principal, id: string): Promise<{ row: DocumentRow; bytes: Uint8Array<ArrayBuffer> }> {
  const row = await deps.store.findDocument({ id, tenantId: isStaff(principal.user.role) ? null : principal.tenant.id });
  if (!row) throw new AppError('not_found');
  return { row, bytes: await readBlob(deps.blobs, row.sha256) };
}
