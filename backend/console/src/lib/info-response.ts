import { InfoResponseDataSchema, type InfoResponseData } from '@openipp/shared';
import type { DocumentCheck } from './documents';

/** An answer carries at most this many documents (the route's limit). */
export const INFO_RESPONSE_DOCUMENTS_MAX = 5;

export type AnswerProblem = 'message' | 'too_many_documents' | 'refused_documents';

export interface AnswerDraft {
  message: string;
  /** Ticked captures, in the order the list shows them. */
  captureIds: readonly string[];
  documents: readonly DocumentCheck[];
}

/** What keeps the answer from being sent, checked as the server checks it; null when it can go. */
export function answerProblem(draft: AnswerDraft): AnswerProblem | null {
  if (draft.documents.length > INFO_RESPONSE_DOCUMENTS_MAX) return 'too_many_documents';
  if (draft.documents.some((check) => check.problem !== undefined)) return 'refused_documents';
  const parsed = InfoResponseDataSchema.safeParse(answerData(draft));
  return parsed.success ? null : 'message';
}

/** The multipart `data` part: the message trimmed, each capture once. */
export function answerData(draft: Pick<AnswerDraft, 'message' | 'captureIds'>): InfoResponseData {
  return { message: draft.message.trim(), captureIds: [...new Set(draft.captureIds)] };
}
