import {
  COMPLAINANT_PROOF_DOCUMENTS_MAX,
  COMPLAINANT_PROOF_DOCUMENTS_MIN,
  COUNTER_NOTICE_EVIDENCE_MAX,
  COUNTER_NOTICE_EVIDENCE_MIN,
  ComplainantProofDataSchema,
  CounterNoticeDataSchema,
  type CounterNotice,
  type CounterNoticeData,
  type ProblemFieldError,
} from '@openipp/shared';
import { ApiError, type ApiClient, type NamedBlob } from './api';
import type { DocumentCheck } from './documents';
import type { FieldErrors } from './field-errors';

/** The counter-notice form as typed: the statement, the seller's true identity, and the declaration. */
export interface CounterNoticeDraft {
  statement: string;
  legalName: string;
  registrationNumber: string;
  address: string;
  email: string;
  phone: string;
  declaration: boolean;
}

export const EMPTY_COUNTER_NOTICE_DRAFT: CounterNoticeDraft = {
  statement: '',
  legalName: '',
  registrationNumber: '',
  address: '',
  email: '',
  phone: '',
  declaration: false,
};

/** The shortest statement the server takes (CounterNoticeDataSchema), said in the form's hint. */
export const COUNTER_NOTICE_STATEMENT_MIN = 20;

/** The identity fields, in the order the form shows them. */
export const IDENTITY_FIELDS = ['legalName', 'registrationNumber', 'address', 'email', 'phone'] as const;

/** What keeps a counter-notice from being filed, each with its own sentence. */
export type CounterNoticeProblem = 'fields' | 'declaration' | 'evidence_count' | 'refused_evidence';

/** Picked files: what is uploaded, and what the first bytes of each said. */
export interface PickedFiles {
  files: readonly NamedBlob[];
  checks: readonly DocumentCheck[];
}

export type CounterNoticeCheck = { ok: true; data: CounterNoticeData } | { ok: false; problems: CounterNoticeProblem[]; fieldErrors: FieldErrors };

/**
 * The `data` part of the filing, checked with the server's own schema. The
 * declaration is the seller's answerability for what it states, so a form
 * without it is not sent at all, whatever else is right.
 */
export function checkCounterNotice(draft: CounterNoticeDraft, evidence: readonly DocumentCheck[]): CounterNoticeCheck {
  const parsed = CounterNoticeDataSchema.safeParse({
    statement: draft.statement,
    identity: {
      legalName: draft.legalName,
      registrationNumber: draft.registrationNumber,
      address: draft.address,
      email: draft.email.trim(),
      phone: draft.phone,
    },
    declaration: draft.declaration,
  });
  const problems: CounterNoticeProblem[] = [];
  const fieldErrors: Record<string, string[]> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formField(issue.path.map(String));
      if (field === 'declaration') continue;
      const codes = (fieldErrors[field] ??= []);
      if (!codes.includes(issue.code)) codes.push(issue.code);
    }
  }
  if (Object.keys(fieldErrors).length > 0) problems.push('fields');
  if (!draft.declaration) {
    problems.push('declaration');
    fieldErrors.declaration = ['required'];
  }
  if (evidence.length < COUNTER_NOTICE_EVIDENCE_MIN || evidence.length > COUNTER_NOTICE_EVIDENCE_MAX) problems.push('evidence_count');
  else if (evidence.some((check) => check.problem !== undefined)) problems.push('refused_evidence');
  if (parsed.success && problems.length === 0) return { ok: true, data: parsed.data };
  return { ok: false, problems, fieldErrors };
}

/** A server or schema path (`data.identity.email`, `evidence[2]`, `statement`) as the form field it belongs to. */
function formField(path: readonly string[]): string {
  const parts = path.flatMap((part) => part.split('.')).filter((part) => part !== 'data' && part !== 'identity');
  return (parts[0] ?? 'statement').split('[')[0] ?? 'statement';
}

/** Server field errors keyed by form field. */
export function counterNoticeFieldErrors(errors: readonly ProblemFieldError[]): FieldErrors {
  const result: Record<string, string[]> = {};
  for (const error of errors) (result[formField([error.path])] ??= []).push(error.code);
  return result;
}

export type FilingResult =
  | { status: 'refused'; problems: CounterNoticeProblem[]; fieldErrors: FieldErrors }
  | { status: 'filed'; counterNotice: CounterNotice }
  | { status: 'failed'; error: unknown; fieldErrors: FieldErrors };

/** Checks the form, and files it only when it passes: a form the server would refuse is not sent. */
export async function fileCounterNotice(api: ApiClient, listingId: string, draft: CounterNoticeDraft, evidence: PickedFiles): Promise<FilingResult> {
  const checked = checkCounterNotice(draft, evidence.checks);
  if (!checked.ok) return { status: 'refused', problems: checked.problems, fieldErrors: checked.fieldErrors };
  try {
    return { status: 'filed', counterNotice: await api.fileCounterNotice(listingId, checked.data, evidence.files) };
  } catch (error) {
    const fieldErrors = error instanceof ApiError && error.code === 'validation_failed' ? counterNoticeFieldErrors(error.errors) : {};
    return { status: 'failed', error, fieldErrors };
  }
}

/** What keeps the complainant's proof from being sent; null when it can go. */
export type ProofProblem = 'note' | 'document_count' | 'refused_documents';

export function proofProblem(note: string, documents: readonly DocumentCheck[]): ProofProblem | null {
  if (!ComplainantProofDataSchema.safeParse({ note }).success) return 'note';
  if (documents.length < COMPLAINANT_PROOF_DOCUMENTS_MIN || documents.length > COMPLAINANT_PROOF_DOCUMENTS_MAX) return 'document_count';
  if (documents.some((check) => check.problem !== undefined)) return 'refused_documents';
  return null;
}

export type ProofResult = { status: 'refused'; problem: ProofProblem } | { status: 'sent'; counterNotice: CounterNotice } | { status: 'failed'; error: unknown };

/** Sends the proof of an action filed; after the window the server answers 409 window_closed, which the form shows. */
export async function submitProof(api: ApiClient, counterNoticeId: string, note: string, documents: PickedFiles): Promise<ProofResult> {
  const problem = proofProblem(note, documents.checks);
  if (problem !== null) return { status: 'refused', problem };
  try {
    return { status: 'sent', counterNotice: await api.submitCounterNoticeProof(counterNoticeId, { note: note.trim() }, documents.files) };
  } catch (error) {
    return { status: 'failed', error };
  }
}
