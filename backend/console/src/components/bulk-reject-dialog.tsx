import type { DecisionTemplateId, QueueItem } from '@openipp/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient, type BulkResult } from '../lib/api';
import { statementProblem, TEMPLATES_BY_OUTCOME } from '../lib/statement';
import { ComplaintStateBadge } from './complaint-bits';
import { StatementEditor } from './statement-editor';

interface BulkRejectDialogProps {
  api: ApiClient;
  items: readonly QueueItem[];
  onClose: () => void;
  onDone: (result: BulkResult) => void;
}

/**
 * Reject a whole selection as duplicates with one statement (issue #5 part 2).
 * Each complaint goes with the version the queue showed (`seen`, its
 * updatedAt): one that has changed since makes the server refuse the whole
 * selection (409 stale_selection), so nothing is rejected on a stale view.
 */
export function BulkRejectDialog({ api, items, onClose, onDone }: BulkRejectDialogProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const dialog = useRef<HTMLDialogElement>(null);
  // The selection as it was when the dialog opened: the queue behind it may reload meanwhile.
  const [selection] = useState(items);
  const [template, setTemplate] = useState<DecisionTemplateId | ''>('rejected_duplicate');
  const [statement, setStatement] = useState(() => t('review:templates.rejected_duplicate'));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    return () => element.close();
  }, []);

  const problem = statementProblem(statement);
  const ready = problem === null && !busy;

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (problem !== null) return;
    setBusy(true);
    setFailure(undefined);
    try {
      onDone(
        await api.bulkReview({
          action: 'reject_all',
          statement: statement.trim(),
          selection: selection.map((item) => ({ complaintId: item.id, seen: item.updatedAt })),
        }),
      );
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  const failureText =
    failure instanceof ApiError && failure.status === 404 ? t('review.bulk.notFound') : failure === undefined ? undefined : errorText(failure);

  return (
    <dialog ref={dialog} className="lightbox review-dialog" data-testid="bulk-reject-dialog" aria-labelledby="bulk-reject-title" onClose={onClose}>
      <form onSubmit={(event) => void send(event)}>
        <div className="lightbox-bar">
          <span className="lightbox-title" id="bulk-reject-title">
            {t('review.bulk.heading', { count: selection.length })}
          </span>
          <button className="button button-small" type="button" data-testid="bulk-reject-cancel" onClick={onClose}>
            {t('actions.cancel')}
          </button>
        </div>
        <div className="review-dialog-body stack-small">
          <p className="muted">{t('review.bulk.explain')}</p>
          <ul className="plain-list" data-testid="bulk-reject-items">
            {selection.map((item) => (
              <li key={item.id} data-testid="bulk-reject-item" data-complaint-id={item.id} data-seen={item.updatedAt}>
                <span className="strong">{item.tenant.name}</span> <code className="small">{item.id}</code>{' '}
                <ComplaintStateBadge state={item.state} testId="bulk-reject-item-state" />{' '}
                <span className="muted small">{t('complaints.listingCount', { count: item.listingCount })}</span>
              </li>
            ))}
          </ul>
          <StatementEditor
            templates={TEMPLATES_BY_OUTCOME.rejected}
            template={template}
            statement={statement}
            disabled={busy}
            onChange={(next) => {
              setTemplate(next.template);
              setStatement(next.statement);
            }}
          />
          {failureText !== undefined && (
            <p className="form-error" role="alert" data-testid="bulk-reject-error">
              {failureText}
            </p>
          )}
          <div className="form-actions">
            <button className="button button-danger-solid" type="submit" data-testid="bulk-reject-send" disabled={!ready}>
              {busy ? t('review.decision.sending') : t('review.bulk.send', { count: selection.length })}
            </button>
          </div>
        </div>
      </form>
    </dialog>
  );
}
