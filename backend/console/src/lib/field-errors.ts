import type { ProblemFieldError } from '@openipp/shared';

/** Field path (dotted, as the server reports it) → the error codes for that field. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export function fieldErrorsFromProblem(errors: readonly ProblemFieldError[]): FieldErrors {
  const result: Record<string, string[]> = {};
  for (const error of errors) (result[error.path] ??= []).push(error.code);
  return result;
}

/** The same shape from a local zod check, so the form shows both the same way. */
export function fieldErrorsFromZod(issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[]): FieldErrors {
  return fieldErrorsFromProblem(issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code, message: issue.message })));
}

/** Field error codes with their own sentence; anything else reads as "invalid". */
export const FIELD_ERROR_CODES = ['too_small', 'too_big', 'invalid_format', 'invalid_string', 'invalid_type', 'required', 'date_order', 'duplicate'] as const;
export type KnownFieldErrorCode = (typeof FIELD_ERROR_CODES)[number] | 'invalid';

export function knownFieldError(code: string): KnownFieldErrorCode {
  return FIELD_ERROR_CODES.find((known) => known === code) ?? 'invalid';
}
