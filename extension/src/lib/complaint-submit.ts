import type { Complaint, ComplaintInput, CreateComplaintRequest, ProblemFieldError } from '@openipp/shared';
import { stableJson } from './complaint-draft';
import { sendMessage, type Result } from './messaging';
import { complaintDraftItem, complaintSubmissionItem, type PendingSubmission } from './storage';

/**
 * Filing the draft (issue #4) at most once. Each submission gets a fresh
 * Idempotency-Key, stored with the request before it is sent. Without a
 * definite answer (the network failed, the server was down) the key stays, and
 * the next click sends the same request under the same key: if the first one
 * was filed after all, the server answers 200 with that complaint instead of
 * filing a second. If the user edited the draft meanwhile, the stored request
 * is settled first, for the same reason.
 */
export type SubmitOutcome =
  | { kind: 'filed'; complaint: Complaint; replayed: boolean; earlier: boolean }
  | { kind: 'not_qualified'; problems: ProblemFieldError[] }
  | { kind: 'error'; code: string; retryable: boolean };

export type SendSubmission = (submission: PendingSubmission) => Promise<Result<{ complaint: Complaint; replayed: boolean }>>;

export const sendSubmission: SendSubmission = (submission) => sendMessage('submitComplaint', submission);

/** No HTTP answer, or one that says "try again later": the request may or may not have been filed. */
export function outcomeUnknown(status: number | undefined): boolean {
  return status === undefined || status === 0 || status === 429 || status >= 500;
}

async function attempt(submission: PendingSubmission, send: SendSubmission, earlier: boolean): Promise<SubmitOutcome> {
  let result: Awaited<ReturnType<SendSubmission>>;
  try {
    result = await send(submission);
  } catch {
    // The worker could not be reached: whether it sent anything is unknown.
    return { kind: 'error', code: 'network_error', retryable: true };
  }
  if (result.ok) {
    await complaintSubmissionItem.setValue(null);
    await complaintDraftItem.setValue(null);
    return { kind: 'filed', complaint: result.value.complaint, replayed: result.value.replayed, earlier };
  }
  if (outcomeUnknown(result.status)) return { kind: 'error', code: result.code, retryable: true };
  // A definite refusal: nothing was filed under this key, so the next try starts afresh.
  await complaintSubmissionItem.setValue(null);
  if (result.code === 'notice_not_qualified') return { kind: 'not_qualified', problems: result.errors ?? [] };
  return { kind: 'error', code: result.code, retryable: false };
}

export async function submitDraft(input: ComplaintInput, send: SendSubmission = sendSubmission): Promise<SubmitOutcome> {
  const request: CreateComplaintRequest = { ...input, submit: true };
  let pending = await complaintSubmissionItem.getValue();
  if (pending && stableJson(pending.request) !== stableJson(request)) {
    const settled = await attempt(pending, send, true);
    if (settled.kind === 'filed' || (settled.kind === 'error' && settled.retryable)) return settled;
    pending = null;
  }
  if (!pending) {
    pending = { idempotencyKey: crypto.randomUUID(), request };
    await complaintSubmissionItem.setValue(pending);
  }
  return attempt(pending, send, false);
}
