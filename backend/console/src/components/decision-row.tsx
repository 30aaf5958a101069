import type { VerificationDecisionRequest } from '@openipp/shared';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';

interface DecisionRowProps {
  testId: string;
  /** Prefix of the buttons' and fields' test ids: `verification` gives verification-approve, … */
  actionPrefix?: string;
  /** The approve button's text; "Approve" unless the thing decided on calls for another word. */
  approveLabel?: string;
  id: string;
  decide: (decision: VerificationDecisionRequest) => Promise<unknown>;
  onDecided: () => void;
  children: ReactNode;
}

/** One queue row with Approve, and Reject that asks for the reasons the applicant will read. */
export function DecisionRow({ testId, actionPrefix = 'verification', approveLabel, id, decide, onDecided, children }: DecisionRowProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [rejecting, setRejecting] = useState(false);
  const [reasons, setReasons] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject'>();
  const [error, setError] = useState<unknown>();

  async function send(decision: VerificationDecisionRequest) {
    setBusy(decision.decision);
    setError(undefined);
    try {
      await decide(decision);
      onDecided();
    } catch (caught) {
      setError(caught);
      setBusy(undefined);
    }
  }

  function reject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = reasons.trim();
    if (text) void send({ decision: 'reject', reasons: text });
  }

  return (
    <tr data-testid={testId} data-id={id}>
      {children}
      <td className="cell-actions-wide">
        <div className="row-actions">
          <button data-testid={`${actionPrefix}-approve`} className="button button-small button-primary" type="button" disabled={busy !== undefined} onClick={() => void send({ decision: 'approve' })}>
            {busy === 'approve' ? t('admin.verifications.deciding') : (approveLabel ?? t('admin.verifications.approve'))}
          </button>
          {!rejecting && (
            <button data-testid={`${actionPrefix}-reject`} className="button button-small button-danger" type="button" disabled={busy !== undefined} onClick={() => setRejecting(true)}>
              {t('admin.verifications.reject')}
            </button>
          )}
        </div>
        {rejecting && (
          <form className="unfreeze-form" onSubmit={reject}>
            <label className="field">
              <span className="field-label">{t('admin.verifications.reasons')}</span>
              <textarea
                data-testid={`${actionPrefix}-reasons`}
                rows={3}
                maxLength={4000}
                required
                value={reasons}
                placeholder={t('admin.verifications.reasonsPlaceholder')}
                onChange={(event) => setReasons(event.target.value)}
                autoFocus
              />
            </label>
            <div className="form-actions">
              <button className="button button-small" type="button" disabled={busy !== undefined} onClick={() => setRejecting(false)}>
                {t('actions.cancel')}
              </button>
              <button data-testid={`${actionPrefix}-reject-confirm`} className="button button-small button-danger-solid" type="submit" disabled={busy !== undefined || !reasons.trim()}>
                {busy === 'reject' ? t('admin.verifications.deciding') : t('admin.verifications.rejectConfirm')}
              </button>
            </div>
          </form>
        )}
        {error !== undefined && (
          <p className="form-error small" role="alert" data-testid={`${actionPrefix}-error`}>
            {errorText(error)}
          </p>
        )}
      </td>
    </tr>
  );
}
