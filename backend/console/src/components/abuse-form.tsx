import { ABUSE_KINDS, type AbuseKind } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';

/**
 * Mark the complaint as wrongful or malicious (issue #5 part 6). Marks feed
 * the complainant's abuse score, on which admins decide sanctions, so the
 * note says what the mark rests on.
 */
export function AbuseForm({ api, complaintId, onDone, onCancel }: { api: ApiClient; complaintId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [kind, setKind] = useState<AbuseKind>('wrongful');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState(false);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!note.trim()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await api.markAbuse(complaintId, { kind, note });
      setDone(true);
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="card">
        <p className="form-success" role="status" data-testid="abuse-done" data-kind={kind}>
          {t('review.abuse.done', { kind: t(`review.abuse.kinds.${kind}`) })}
        </p>
        <button className="button button-small" type="button" onClick={onCancel}>
          {t('lightbox.close')}
        </button>
      </div>
    );
  }

  return (
    <form className="card" data-testid="abuse-form" onSubmit={(event) => void send(event)} aria-labelledby="abuse-heading">
      <div className="card-heading">
        <div>
          <h2 id="abuse-heading">{t('review.abuse.heading')}</h2>
          <p className="muted">{t('review.abuse.explain')}</p>
        </div>
        <button className="button button-small" type="button" data-testid="abuse-cancel" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
      <fieldset className="form-section" disabled={busy}>
        <legend>{t('review.abuse.kind')}</legend>
        {ABUSE_KINDS.map((value) => (
          <label key={value} className="checkbox-field">
            <input type="radio" name="abuse-kind" data-testid="abuse-kind" data-kind={value} checked={kind === value} onChange={() => setKind(value)} />
            <span>
              <span className="strong">{t(`review.abuse.kinds.${value}`)}</span>
              <span className="block muted small">{t(`review.abuse.hints.${value}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">{t('review.abuse.note')}</span>
        <textarea data-testid="abuse-note" rows={3} maxLength={2000} value={note} disabled={busy} onChange={(event) => setNote(event.target.value)} />
      </label>
      {failure !== undefined && (
        <p className="form-error" role="alert" data-testid="abuse-error">
          {errorText(failure)}
        </p>
      )}
      <div className="form-actions">
        <button className="button button-danger-solid" type="submit" data-testid="abuse-send" disabled={busy || !note.trim()}>
          {busy ? t('review.decision.sending') : t('review.abuse.send')}
        </button>
      </div>
    </form>
  );
}
