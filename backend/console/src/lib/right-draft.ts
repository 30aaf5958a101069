import { RightDataSchema, type ProblemFieldError, type RightData, type RightType } from '@openipp/shared';
import type { FieldErrors } from './field-errors';

/** The "Add right" form as typed: lists are free text until they are parsed. */
export interface RightDraft {
  type: RightType;
  registrationNumber: string;
  /** ISO codes or WW, separated by commas or spaces. */
  territories: string;
  /** '' for the tenant's own right; agencies pick one of their approved principals. */
  principalId: string;
  /** Nice classes, trademarks only: "25, 35". */
  niceClasses: string;
  scope: string;
  validFrom: string;
  validUntil: string;
}

export const EMPTY_RIGHT_DRAFT: RightDraft = {
  type: 'trademark',
  registrationNumber: '',
  territories: '',
  principalId: '',
  niceClasses: '',
  scope: '',
  validFrom: '',
  validUntil: '',
};

/** Splits a typed list on commas (Latin or Chinese), semicolons and spaces. */
export function splitList(text: string): string[] {
  return text.split(/[\s,;，、；]+/u).filter((part) => part !== '');
}

export type RightDataResult = { ok: true; data: RightData } | { ok: false; errors: FieldErrors };

/**
 * The `data` part of POST /api/rights from the form, checked with the same
 * schema the server uses. Errors are keyed by form field (`territories`, not
 * `territories.2`), and the schema's cross-field rules get their own codes.
 */
export function rightDataOf(draft: RightDraft): RightDataResult {
  const trademark = draft.type === 'trademark';
  const classTokens = trademark ? splitList(draft.niceClasses) : [];
  const badClass = classTokens.some((token) => !/^\d{1,2}$/.test(token));
  const scope = draft.scope.trim();
  const candidate = {
    type: draft.type,
    registrationNumber: draft.registrationNumber,
    territories: splitList(draft.territories),
    ...(draft.principalId ? { principalId: draft.principalId } : {}),
    ...(classTokens.length > 0 && !badClass ? { niceClasses: classTokens.map(Number) } : {}),
    ...(scope ? { scope } : {}),
    validFrom: draft.validFrom,
    validUntil: draft.validUntil,
  };
  const parsed = RightDataSchema.safeParse(candidate);
  const errors: Record<string, string[]> = {};
  const add = (field: string, code: string) => {
    const list = (errors[field] ??= []);
    if (!list.includes(code)) list.push(code);
  };
  if (badClass) add('niceClasses', 'invalid_format');
  // An empty date input is a missing date, not a badly written one.
  const empty = new Set((['validFrom', 'validUntil'] as const).filter((field) => draft[field].trim() === ''));
  for (const field of empty) add(field, 'required');
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'type');
      if (empty.has(field as 'validFrom')) continue;
      if (issue.code !== 'custom') add(field, issue.code);
      else if (field === 'validUntil') add(field, 'date_order');
      // "classes or scope": on the field the user is asked to fill for this type,
      // unless the classes were typed but unreadable, which says more.
      else if (field === 'scope') {
        if (!badClass) add(trademark ? 'niceClasses' : 'scope', 'required');
      }
      else add(field, 'duplicate');
    }
  }
  if (parsed.success && !badClass) return { ok: true, data: parsed.data };
  return { ok: false, errors };
}

/** Server field errors (paths `data.territories.0`, `proof[2]`, …) keyed by form field. */
export function rightFieldErrors(errors: readonly ProblemFieldError[]): FieldErrors {
  const result: Record<string, string[]> = {};
  for (const error of errors) {
    const field = error.path.replace(/^data\./, '').split(/[.[]/)[0] ?? '';
    (result[field] ??= []).push(error.code);
  }
  return result;
}
