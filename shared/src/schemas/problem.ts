import { z } from 'zod';
import { ERROR_CODES } from '../errors';

/** RFC 9457 problem details, with our stable `code` and a request id. */
export const ProblemFieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  /** Placeholder values for the client's own translation of `code` (e.g. qualification problems). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.enum(ERROR_CODES as [string, ...string[]]),
  errors: z.array(ProblemFieldErrorSchema).optional(),
  requestId: z.string().optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;
export type ProblemFieldError = z.infer<typeof ProblemFieldErrorSchema>;
