import { OpenAPIHono } from '@hono/zod-openapi';
import { DOCUMENT_MAX_BYTES, ERROR_STATUS, LIMITS, ProblemSchema, type ErrorCode } from '@openipp/shared';
import { AppError, zodFieldErrors } from './app-error';
import type { AppEnv } from './context';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * Validation failures from any route's zod schemas become `validation_failed`
 * problems, thrown so the one onError renders them.
 */
export const defaultHook = (result: { success: true } | { success: false; error: import('zod').ZodError }): void => {
  if (!result.success) throw new AppError('validation_failed', { errors: zodFieldErrors(result.error) });
};

/** Every sub-app is created here so none forgets the shared validation hook. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook });
}

/** OpenAPI response entries for the problem+json errors a route may answer with. */
export function problemResponses(...codes: ErrorCode[]) {
  const byStatus: Record<number, ErrorCode[]> = {};
  for (const code of codes) (byStatus[ERROR_STATUS[code]] ??= []).push(code);
  return Object.fromEntries(
    Object.entries(byStatus).map(([status, list]) => [
      status,
      { description: `Problem: ${list.join(', ')}`, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } },
    ]),
  );
}

export const AUTH_SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { cookieAuth: [] }];

const BINARY = { type: 'string', format: 'binary' } as const;

/**
 * The OpenAPI body of an upload made of a `data` JSON field plus document files.
 * A plain schema object (not zod) documents the form without attaching the
 * generic form validator: uploads have their own, finer error codes.
 * With `minFiles: 0` the file field may be left out altogether.
 */
export function documentUploadBody(options: { dataSchema: string; fileField: string; minFiles: number; maxFiles: number; maxBytes: number; fileDescription?: string }) {
  const file = { ...BINARY, description: options.fileDescription ?? `PDF, PNG or JPEG, at most ${options.maxBytes} bytes each` };
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object' as const,
          required: options.minFiles > 0 ? ['data', options.fileField] : ['data'],
          additionalProperties: false,
          properties: {
            data: { type: 'string' as const, description: `JSON text matching ${options.dataSchema}` },
            [options.fileField]: options.maxFiles === 1 ? file : { type: 'array' as const, minItems: options.minFiles, maxItems: options.maxFiles, items: file },
          },
        },
      },
    },
  };
}

/** The problems every document upload may answer with, on top of the route's own: the form, the JSON field and each file's checks. */
export const DOCUMENT_UPLOAD_PROBLEMS = [
  'malformed_json',
  'validation_failed',
  'malformed_multipart',
  'missing_file',
  'empty_file',
  'payload_too_large',
  'unsupported_file_type',
  'file_type_mismatch',
  'image_unreadable',
  'trailing_data',
  'document_unreadable',
  'image_too_large',
] as const satisfies readonly ErrorCode[];

/** The cap on a document upload's whole body: every file at the document cap, plus the data field. */
export function documentUploadMaxBytes(maxFiles: number): number {
  return maxFiles * DOCUMENT_MAX_BYTES + LIMITS.jsonBodyMaxBytes;
}

/** The 200 of a route that serves a stored document (PDF, PNG or JPEG) as it was received. */
export const DOCUMENT_DOWNLOAD_RESPONSE = {
  description: 'The original bytes',
  content: { 'application/pdf': { schema: BINARY }, 'image/png': { schema: BINARY }, 'image/jpeg': { schema: BINARY } },
};

/**
 * Headers that serve a stored document as `<stem>-<id>.<ext>`, always as a
 * download and never rendered inline: a file from a customer is untrusted.
 * `fileName` is the sanitised name it was sent with (checkDocument).
 */
export function documentDownloadHeaders(row: { id: string; mime: string; fileName: string; sha256: string }, stem: string): Record<string, string> {
  const extension = row.mime === 'application/pdf' ? 'pdf' : row.mime === 'image/png' ? 'png' : 'jpg';
  return {
    'Content-Type': row.mime,
    'Content-Disposition': `attachment; filename="${stem}-${row.id}.${extension}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
    'Cache-Control': 'private, no-store',
    'X-Content-SHA256': row.sha256,
  };
}
