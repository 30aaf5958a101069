import { OpenAPIHono } from '@hono/zod-openapi';
import { ERROR_STATUS, ProblemSchema, type ErrorCode } from '@openipp/shared';
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
 */
export function documentUploadBody(options: { dataSchema: string; fileField: string; minFiles: number; maxFiles: number; maxBytes: number; fileDescription?: string }) {
  const file = { ...BINARY, description: options.fileDescription ?? `PDF, PNG or JPEG, at most ${options.maxBytes} bytes each` };
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object' as const,
          required: ['data', options.fileField],
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
