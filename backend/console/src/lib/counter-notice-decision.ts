import { CounterNoticeDecisionRequestSchema, unfilledPlaceholders, type CounterNoticeDecisionRequest } from '@openipp/shared';
import { ApiError } from './api';

/**
 * Staff's restore-or-retain decision on a counter-notice (issue #6 part 3):
 * restore the listing, or retain the measure, with a statement of reasons
 * both parties read. As for complaint decisions, a statement starts from a
 * template whose [[placeholders]] the reviewer replaces with the facts; the
 * console holds back one with a placeholder left, as the server does
 * (422 placeholder_unfilled).
 */

export type RestoreAction = CounterNoticeDecisionRequest['action'];

export const RESTORE_TEMPLATE_IDS = ['restore_window_ended', 'restore_not_infringing', 'retain_proof_received', 'retain_unfounded'] as const;
export type RestoreTemplateId = (typeof RESTORE_TEMPLATE_IDS)[number];

export const RESTORE_TEMPLATES: { readonly [A in RestoreAction]: readonly RestoreTemplateId[] } = {
  restore: ['restore_window_ended', 'restore_not_infringing'],
  retain: ['retain_proof_received', 'retain_unfounded'],
};

export interface RestoreDraft {
  action: RestoreAction;
  template: RestoreTemplateId | '';
  statement: string;
}

export type RestoreStatementProblem = 'empty' | 'placeholders' | 'too_short' | 'too_long';

const STATEMENT = CounterNoticeDecisionRequestSchema.shape.statement;
export const RESTORE_STATEMENT_MIN = STATEMENT.minLength ?? 1;
export const RESTORE_STATEMENT_MAX = STATEMENT.maxLength ?? Number.POSITIVE_INFINITY;

/** Why the statement cannot be sent yet; null when it can. Counted as the server counts: trimmed, in UTF-16 units. */
export function restoreStatementProblem(statement: string): RestoreStatementProblem | null {
  const trimmed = statement.trim();
  if (trimmed === '') return 'empty';
  if (unfilledPlaceholders(trimmed).length > 0) return 'placeholders';
  if (trimmed.length < RESTORE_STATEMENT_MIN) return 'too_short';
  if (trimmed.length > RESTORE_STATEMENT_MAX) return 'too_long';
  return null;
}

/** The request to send, or why there is none yet. */
export function restoreDecisionOf(draft: RestoreDraft): { request: CounterNoticeDecisionRequest; problem?: undefined } | { request?: undefined; problem: RestoreStatementProblem } {
  const problem = restoreStatementProblem(draft.statement);
  if (problem) return { problem };
  return { request: { action: draft.action, statement: draft.statement.trim() } };
}

/**
 * What the server named in a 422 placeholder_unfilled: each refused field's
 * `params.placeholders`, kept as sent (a placeholder's own text may hold a
 * comma, so the list is not split again).
 */
export function refusedPlaceholders(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'placeholder_unfilled') return [];
  return error.errors.flatMap((field) => {
    const named = field.params?.placeholders;
    return typeof named === 'string' && named.trim() !== '' ? [named.trim()] : [];
  });
}
