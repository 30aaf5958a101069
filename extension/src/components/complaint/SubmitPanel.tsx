import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintInput } from '@openipp/shared';
import type { DraftSnapshot } from '@/lib/draft-store';
import { submitDraft, type SubmitOutcome } from '@/lib/complaint-submit';
import { ErrorText } from '@/components/ErrorText';
import { ProblemList } from './ProblemList';

export interface SubmitPanelProps {
  draft: DraftSnapshot;
  /** Resolves once the page's own edits have reached storage. */
  flushed: () => Promise<void>;
  backendUrl: string;
  disabled: boolean;
}

/**
 * Files the draft. The button stays usable while the live check still lists
 * problems: the server has the last word, and its answer shows here.
 */
export function SubmitPanel({ draft, flushed, backendUrl, disabled }: SubmitPanelProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome>();

  async function submit(input: ComplaintInput) {
    setBusy(true);
    setOutcome(undefined);
    try {
      // Whatever was just typed is stored before the draft can be cleared on success.
      await flushed();
      setOutcome(await submitDraft(input));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="submit">
      <button
        className="primary"
        data-testid="submit"
        disabled={busy || disabled || !draft.loaded || !draft.valid}
        onClick={() => void submit(draft.input)}
      >
        {busy ? t('complaint.submitting') : t('complaint.submit')}
      </button>
      <p className="muted small">{t('complaint.submitHint')}</p>
      {outcome?.kind === 'filed' && (
        <div className="filed" data-testid="submit-result" role="status">
          <p className="ok">
            <span>{t('complaint.filed')}</span>{' '}
            <code data-testid="complaint-id">{outcome.complaint.id}</code>
          </p>
          {outcome.earlier && (
            <p className="warn small" data-testid="submit-earlier">
              {t('complaint.filedEarlier')}
            </p>
          )}
          <a
            data-testid="complaint-link"
            href={`${backendUrl}/#/complaints/${encodeURIComponent(outcome.complaint.id)}`}
            target="_blank"
            rel="noreferrer"
          >
            {t('complaint.viewInConsole')}
          </a>
        </div>
      )}
      {outcome?.kind === 'not_qualified' && (
        <div data-testid="submit-not-qualified" role="alert">
          <ErrorText code="notice_not_qualified" />
          <ProblemList problems={outcome.problems} server />
        </div>
      )}
      {outcome?.kind === 'error' && (
        <div data-testid="submit-error" data-code={outcome.code} data-retryable={outcome.retryable}>
          <ErrorText code={outcome.code} />
          {outcome.retryable && (
            <p className="muted small" data-testid="submit-retry-hint">
              {t('complaint.retryHint')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
