import type { Complaint, ComplaintInput, CreateComplaintRequest } from '@openipp/shared';
import type { ApiClient } from './api';
import { IdempotentAttempt } from './idempotency';

export interface FileOptions {
  /** false: save as a draft; true: file it (the server qualifies it first). */
  submit: boolean;
  /** An existing draft to update (and, when submitting, submit) instead of creating one. */
  draftId?: string;
}

export interface ComplaintFiler {
  file(input: ComplaintInput, options: FileOptions): Promise<Complaint>;
}

type FilingApi = Pick<ApiClient, 'createComplaint' | 'updateComplaint' | 'submitComplaint'>;

/**
 * What the builder's Save draft and Submit buttons do. One filer lives as long
 * as the builder: pressing Submit again after a lost answer resends the same
 * Idempotency-Key, so the complaint is created once.
 */
export function createComplaintFiler(api: FilingApi): ComplaintFiler {
  const attempt = new IdempotentAttempt();
  return {
    async file(input, { submit, draftId }) {
      if (draftId === undefined) {
        const body: CreateComplaintRequest = { ...input, submit };
        const complaint = await api.createComplaint(body, attempt.keyFor(JSON.stringify(body)));
        attempt.done();
        return complaint;
      }
      // Drafts are updated in place (no key needed: a PUT is idempotent by nature).
      const saved = await api.updateComplaint(draftId, input);
      if (!submit) return saved;
      const complaint = await api.submitComplaint(draftId, attempt.keyFor(`${draftId} ${JSON.stringify(input)}`));
      attempt.done();
      return complaint;
    },
  };
}

/** Submit on the detail page: one key per draft until the server has answered for good. */
export function createDraftSubmitter(api: Pick<ApiClient, 'submitComplaint'>): (id: string) => Promise<Complaint> {
  const attempt = new IdempotentAttempt();
  return async (id) => {
    const complaint = await api.submitComplaint(id, attempt.keyFor(id));
    attempt.done();
    return complaint;
  };
}
