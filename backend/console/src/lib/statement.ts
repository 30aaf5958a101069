import {
  STATEMENT_MAX_LENGTH,
  STATEMENT_MIN_LENGTH,
  unfilledPlaceholders,
  type ComplaintListingOut,
  type DecisionRequest,
  type DecisionTemplateId,
  type ReasonCode,
} from '@openipp/shared';

/**
 * Statements of reasons (issue #5 part 4): a template with [[placeholders]]
 * the reviewer replaces with the facts of the case. The console refuses to
 * send one with a placeholder left, as the server does (422 placeholder_unfilled).
 */

export type Outcome = DecisionRequest['listings'][number]['outcome'];

export const TEMPLATES_BY_OUTCOME: { readonly [O in Outcome]: readonly DecisionTemplateId[] } = {
  upheld: ['upheld_counterfeit', 'upheld_mark_use', 'upheld_copy', 'upheld_patent'],
  rejected: ['rejected_not_infringing', 'rejected_insufficient_evidence', 'rejected_duplicate', 'rejected_outside_competence'],
};

const UPHELD_BY_REASON: { readonly [R in ReasonCode]: DecisionTemplateId } = {
  counterfeit: 'upheld_counterfeit',
  trademark_misuse: 'upheld_mark_use',
  image_copied: 'upheld_copy',
  text_copied: 'upheld_copy',
  copyright_other: 'upheld_copy',
  patent_infringement: 'upheld_patent',
  design_copied: 'upheld_patent',
};

/** The template a reviewer most likely wants for this outcome on a complaint with this reason. */
export function defaultTemplate(outcome: Outcome, reason: ReasonCode | null): DecisionTemplateId {
  if (outcome === 'rejected') return 'rejected_not_infringing';
  return reason === null ? 'upheld_counterfeit' : UPHELD_BY_REASON[reason];
}

export type StatementProblem = 'empty' | 'too_short' | 'too_long' | 'placeholders';

/** Why a statement cannot be sent yet; null when it can. Counted as the server counts: trimmed, in UTF-16 units (zod's min/max). */
export function statementProblem(statement: string): StatementProblem | null {
  const trimmed = statement.trim();
  if (trimmed === '') return 'empty';
  if (unfilledPlaceholders(trimmed).length > 0) return 'placeholders';
  if (trimmed.length < STATEMENT_MIN_LENGTH) return 'too_short';
  if (trimmed.length > STATEMENT_MAX_LENGTH) return 'too_long';
  return null;
}

/** Where the next [[placeholder]] at or after `from` sits (wrapping to the first), to select it for typing over. */
export function nextPlaceholder(text: string, from: number): { start: number; end: number } | undefined {
  const all = [...text.matchAll(/\[\[[^\]]*?\]\]/gu)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  return all.find((range) => range.start >= from) ?? all[0];
}

export interface ListingDraft {
  outcome: Outcome;
  template: DecisionTemplateId | '';
  statement: string;
}

export interface DecisionBlockers {
  /** Positions (1-based) of listings still without an outcome. */
  undecided: number[];
  /** Listings whose statement cannot be sent, with the placeholders left in it. */
  statements: Array<{ position: number; problem: StatementProblem; placeholders: string[] }>;
}

/** Everything that keeps a decision from being sent; the request itself once nothing does. */
export function decisionOf(
  listings: readonly Pick<ComplaintListingOut, 'id' | 'position'>[],
  drafts: ReadonlyMap<string, ListingDraft>,
): { request: DecisionRequest; blockers?: undefined } | { request?: undefined; blockers: DecisionBlockers } {
  const blockers: DecisionBlockers = { undecided: [], statements: [] };
  const ordered = [...listings].sort((a, b) => a.position - b.position);
  for (const listing of ordered) {
    const draft = drafts.get(listing.id);
    if (!draft) {
      blockers.undecided.push(listing.position);
      continue;
    }
    const problem = statementProblem(draft.statement);
    if (problem) blockers.statements.push({ position: listing.position, problem, placeholders: unfilledPlaceholders(draft.statement) });
  }
  if (ordered.length === 0 || blockers.undecided.length > 0 || blockers.statements.length > 0) return { blockers };
  return {
    request: {
      listings: ordered.map((listing) => {
        const draft = drafts.get(listing.id)!;
        return { listingId: listing.id, outcome: draft.outcome, statement: draft.statement.trim() };
      }),
    },
  };
}
