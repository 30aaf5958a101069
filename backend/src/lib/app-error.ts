import { ERROR_STATUS, type ErrorCode, type ProblemFieldError } from '@openipp/shared';
import type { ZodError } from 'zod';

/** The one error type routes and services throw; `onError` turns it into problem+json. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly options: { detail?: string; errors?: ProblemFieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export function zodFieldErrors(error: ZodError, prefix?: string): ProblemFieldError[] {
  return error.issues.map((issue) => {
    const parts = [prefix, ...issue.path.map(String)].filter((part) => part !== undefined && part !== '');
    return { path: parts.join('.'), code: issue.code, message: issue.message };
  });
}
