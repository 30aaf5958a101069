/**
 * RFC 9457 problem+json for every error path: thrown AppErrors, validation
 * hooks, Hono's own HTTPExceptions (body limit, malformed JSON/form, media
 * type) and anything unexpected, which becomes a 500 without leaking details.
 */
import { resources } from '@openipp/locales';
import { ERROR_STATUS, type ErrorCode, type Problem, type ProblemFieldError } from '@openipp/shared';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { AppError, zodFieldErrors } from './app-error';
import type { AppEnv } from './context';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(
  c: Context<AppEnv>,
  code: ErrorCode,
  extra: { detail?: string; errors?: ProblemFieldError[]; headers?: Record<string, string> } = {},
): Response {
  const status = ERROR_STATUS[code];
  const body: Problem = {
    type: `urn:openipp:error:${code}`,
    // English prose for developers; clients translate `code` via `errors:<code>`.
    title: resources.en.errors[code],
    status,
    code,
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.errors?.length ? { errors: extra.errors } : {}),
    requestId: c.get('requestId'),
  };
  const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store', ...extra.headers };
  return c.body(JSON.stringify(body), status as 400, headers);
}

function codeForHttpException(error: HTTPException): ErrorCode {
  switch (error.status) {
    case 400:
      if (/json/i.test(error.message)) return 'malformed_json';
      if (/formdata|multipart/i.test(error.message)) return 'malformed_multipart';
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 503:
      return 'service_unavailable';
    default:
      return error.status >= 500 ? 'internal_error' : 'validation_failed';
  }
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof AppError) {
    return problemResponse(c, error.code, error.options);
  }
  if (error instanceof ZodError) {
    return problemResponse(c, 'validation_failed', { errors: zodFieldErrors(error) });
  }
  if (error instanceof HTTPException) {
    const code = codeForHttpException(error);
    if (code === 'internal_error') c.get('logger')?.error({ err: error }, 'http exception');
    return problemResponse(c, code);
  }
  c.get('logger')?.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
  return problemResponse(c, 'internal_error');
};

export const notFound: NotFoundHandler<AppEnv> = (c) => problemResponse(c, 'not_found');
