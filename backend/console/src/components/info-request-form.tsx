import { DEFICIENCY_CODES, DEFICIENCY_ELEMENTS, STATEMENT_MAX_LENGTH, type DeficiencyCode, type InfoRequestRequest } from '@openipp/shared';
import { useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import { deadlineInstant, defaultDeadlineDate, jurisdictionToday } from '../lib/deadline';

interface InfoRequestFormProps {
  /** The calendar the complaint's due date runs on (its jurisdiction); null for the UTC default. */
  jurisdiction: string | null;
  now: number;
  disabled: boolean;
  /** `next`: move on to the next complaint once sent. */
  onSend: (request: InfoRequestRequest, next: boolean) => Promise<void>;
  onCancel: () => void;
  firstFieldRef?: Ref<HTMLInputElement>;
}

/**
 * Ask the complainant for supplementary material (issue #5 part 5): which
 * elements are deficient, what is wanted, and by when. The deadline defaults
 * to five business days on the complaint's own calendar and ends with that
 * day there; while the request is open the complaint's clock stands still.
 */
export function InfoRequestForm({ jurisdiction, now, disabled, onSend, onCancel, firstFieldRef }: InfoRequestFormProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [deficiencies, setDeficiencies] = useState<ReadonlySet<DeficiencyCode>>(new Set());
  const [message, setMessage] = useState('');
  const [date, setDate] = useState(() => defaultDeadlineDate(now, jurisdiction));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const deadline = deadlineInstant(date, jurisdiction);
  const past = deadline !== undefined && Date.parse(deadline) <= now;
  const ready = deficiencies.size > 0 && message.trim() !== '' && deadline !== undefined && !past && !busy && !disabled;

  function toggle(code: DeficiencyCode, on: boolean) {
    setDeficiencies((before) => {
      const next = new Set(before);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  }

  async function send(next: boolean) {
    if (!ready || deadline === undefined) return;
    setBusy(true);
    setFailure(undefined);
    try {
      // In the order the codes are listed, whatever order they were ticked in.
      await onSend({ deficiencies: DEFICIENCY_CODES.filter((code) => deficiencies.has(code)), message: message.trim(), deadline }, next);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <form className="card info-request-form" data-testid="info-request-form" onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void send(true);
      }}
      onKeyDown={(event) => {
        // Ctrl+Enter (⌘+Enter) anywhere in the form sends and moves on, as in a statement.
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void send(true);
        }
      }} aria-labelledby="info-request-heading">
      <div className="card-heading">
        <h2 id="info-request-heading">{t('review.infoRequest.heading')}</h2>
        <button className="button button-small" type="button" data-testid="info-cancel" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
      <fieldset className="form-section" disabled={disabled || busy}>
        <legend>{t('review.infoRequest.deficiencies')}</legend>
        <ul className="plain-list deficiency-list">
          {DEFICIENCY_CODES.map((code, index) => (
            <li key={code}>
              <label className="checkbox-field">
                <input
                  ref={index === 0 ? firstFieldRef : undefined}
                  type="checkbox"
                  data-testid="info-deficiency"
                  data-code={code}
                  checked={deficiencies.has(code)}
                  onChange={(event) => toggle(code, event.target.checked)}
                />
                <span>
                  <span className="strong">{t(`review:deficiencies.${code}`)}</span>
                  {DEFICIENCY_ELEMENTS[code].length > 0 && (
                    <span className="block muted small" data-testid="info-deficiency-elements">
                      {DEFICIENCY_ELEMENTS[code].map((element) => t(`review:elements.${element}`)).join(' · ')}
                    </span>
                  )}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label className="field">
        <span className="field-label">{t('review.infoRequest.message')}</span>
        <textarea
          data-testid="info-message"
          rows={4}
          maxLength={STATEMENT_MAX_LENGTH}
          value={message}
          disabled={disabled || busy}
          placeholder={t('review.infoRequest.messagePlaceholder')}
          onChange={(event) => setMessage(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('review.infoRequest.deadline')}</span>
        <input
          type="date"
          className="input-date"
          data-testid="info-deadline"
          data-deadline={deadline ?? ''}
          value={date}
          min={jurisdictionToday(now, jurisdiction)}
          disabled={disabled || busy}
          aria-invalid={past || deadline === undefined}
          onChange={(event) => setDate(event.target.value)}
        />
        <span className="muted small">
          {t('review.infoRequest.deadlineHint', { calendar: jurisdiction ?? 'UTC' })}
          {past && <span className="text-danger"> {t('errors:deadline_in_past')}</span>}
        </span>
      </label>
      {failure !== undefined && (
        <p className="form-error" role="alert" data-testid="info-error">
          {errorText(failure)}
        </p>
      )}
      <div className="form-actions">
        <button className="button" type="button" data-testid="info-send" disabled={!ready} onClick={() => void send(false)}>
          {busy ? t('review.decision.sending') : t('review.infoRequest.send')}
        </button>
        <button className="button button-primary" type="submit" data-testid="info-send-next" disabled={!ready}>
          {busy ? t('review.decision.sending') : t('review.infoRequest.sendNext')}
        </button>
      </div>
    </form>
  );
}
