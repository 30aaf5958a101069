import { COUNTER_NOTICE_EVIDENCE_MAX, type CounterNotice } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import {
  checkCounterNotice,
  COUNTER_NOTICE_STATEMENT_MIN,
  fileCounterNotice,
  IDENTITY_FIELDS,
  type CounterNoticeDraft,
  type CounterNoticeProblem,
} from '../lib/counter-notice';
import type { FieldErrors } from '../lib/field-errors';
import { DocumentPicker, type PickedDocuments } from './document-picker';
import { FieldError } from './field-error';

const NO_FILES: PickedDocuments = { files: [], checks: [] };

interface CounterNoticeFormProps {
  api: ApiClient;
  listingId: string;
  /** What the form starts with, e.g. the seller's name and e-mail from its account. */
  initial: CounterNoticeDraft;
  onFiled: (counterNotice: CounterNotice) => void;
}

/**
 * The seller's counter-notice against one upheld listing (issue #6 part 3):
 * a statement of non-infringement, its true identity, 1–5 evidence files and
 * the declaration. Once the seller has tried to send it, what still keeps it
 * back is listed and updated as the seller fixes it; nothing is sent until
 * it would pass the server's own checks.
 */
export function CounterNoticeForm({ api, listingId, initial, onFiled }: CounterNoticeFormProps) {
  const [draft, setDraft] = useState<CounterNoticeDraft>(initial);
  const [evidence, setEvidence] = useState<PickedDocuments>(NO_FILES);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; fieldErrors: FieldErrors }>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    setFailure(undefined);
    setBusy(true);
    const result = await fileCounterNotice(api, listingId, draft, evidence);
    // Filed: the parent shows the counter-notice in place of this form.
    if (result.status === 'filed') return onFiled(result.counterNotice);
    setBusy(false);
    if (result.status === 'failed') setFailure({ error: result.error, fieldErrors: result.fieldErrors });
  }

  const local = attempted ? checkCounterNotice(draft, evidence.checks) : undefined;
  const problems = local?.ok === false ? local.problems : [];
  const fieldErrors = { ...failure?.fieldErrors, ...(local?.ok === false ? local.fieldErrors : {}) };

  return (
    <CounterNoticeFormView
      listingId={listingId}
      draft={draft}
      evidence={evidence}
      problems={problems}
      fieldErrors={fieldErrors}
      failure={failure?.error}
      busy={busy}
      onDraft={setDraft}
      onEvidence={setEvidence}
      onSubmit={(event) => void submit(event)}
    />
  );
}

interface CounterNoticeFormViewProps {
  listingId: string;
  draft: CounterNoticeDraft;
  evidence: PickedDocuments;
  /** What keeps the form back, once the seller has tried to send it. */
  problems: readonly CounterNoticeProblem[];
  fieldErrors: FieldErrors;
  /** The server's refusal of the last attempt. */
  failure: unknown;
  busy: boolean;
  onDraft: (draft: CounterNoticeDraft) => void;
  onEvidence: (picked: PickedDocuments) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

export function CounterNoticeFormView(props: CounterNoticeFormViewProps) {
  const { listingId, draft, evidence, problems, fieldErrors, failure, busy, onDraft, onEvidence, onSubmit } = props;
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const set = <K extends keyof CounterNoticeDraft>(key: K, value: CounterNoticeDraft[K]) => onDraft({ ...draft, [key]: value });
  const others = problems.filter((problem) => problem !== 'declaration');

  return (
    <form className="stack-small" data-testid="counter-notice-form" data-listing-id={listingId} noValidate onSubmit={onSubmit}>
      <label className="field">
        <span className="field-label">{t('seller:counterNotice.form.statement')}</span>
        <textarea
          data-testid="counter-notice-statement"
          rows={6}
          maxLength={10_000}
          value={draft.statement}
          disabled={busy}
          placeholder={t('seller:counterNotice.form.statementPlaceholder')}
          onChange={(event) => set('statement', event.target.value)}
        />
        <span className="muted small">{t('seller:counterNotice.form.statementHint', { min: COUNTER_NOTICE_STATEMENT_MIN })}</span>
        <FieldError field="statement" codes={fieldErrors.statement} />
      </label>

      <fieldset className="form-section" disabled={busy}>
        <legend>{t('seller:counterNotice.form.identity')}</legend>
        <p className="section-hint">{t('seller:counterNotice.form.identityHint')}</p>
        <div className="form-grid">
          {IDENTITY_FIELDS.map((field) => (
            <label key={field} className={`field${field === 'address' ? ' field-wide' : ''}`}>
              <span className="field-label">{t(`seller:counterNotice.identity.${field}`)}</span>
              <input
                data-testid={`counter-notice-identity-${field}`}
                type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
                autoComplete={field === 'email' ? 'email' : field === 'phone' ? 'tel' : field === 'legalName' ? 'organization' : field === 'address' ? 'street-address' : 'off'}
                maxLength={field === 'address' ? 500 : field === 'email' ? 254 : 200}
                value={draft[field]}
                onChange={(event) => set(field, event.target.value)}
              />
              {field === 'registrationNumber' && <span className="muted small">{t('seller:counterNotice.form.registrationNumberHint')}</span>}
              <FieldError field={field} codes={fieldErrors[field]} />
            </label>
          ))}
        </div>
      </fieldset>

      <DocumentPicker
        testId="counter-notice-evidence"
        label={t('seller:counterNotice.form.evidence')}
        hint={t('seller:counterNotice.form.evidenceHint', { max: COUNTER_NOTICE_EVIDENCE_MAX })}
        multiple
        picked={evidence}
        onChange={onEvidence}
      />
      <FieldError field="evidence" codes={fieldErrors.evidence} />

      <label className="checkbox-field">
        <input type="checkbox" data-testid="counter-notice-declaration" checked={draft.declaration} disabled={busy} onChange={(event) => set('declaration', event.target.checked)} />
        <span>
          <strong>{t('seller:counterNotice.form.declaration')}</strong>
          <span className="block muted">{t('seller:counterNotice.form.declarationText')}</span>
        </span>
      </label>
      {problems.includes('declaration') && (
        <p className="form-error" role="alert" data-testid="counter-notice-declaration-error">
          {t('seller:counterNotice.form.problems.declaration')}
        </p>
      )}
      {others.length > 0 && (
        <ul className="plain-list form-error" role="alert">
          {others.map((problem) => (
            <li key={problem} data-testid="counter-notice-problem" data-code={problem}>
              {t(`seller:counterNotice.form.problems.${problem}`, { max: COUNTER_NOTICE_EVIDENCE_MAX })}
            </li>
          ))}
        </ul>
      )}
      {failure !== undefined && (
        <p className="form-error" role="alert" data-testid="counter-notice-error">
          {errorText(failure)}
        </p>
      )}
      <div className="form-actions">
        <button className="button button-primary" type="submit" data-testid="counter-notice-submit" disabled={busy}>
          {busy ? t('seller:counterNotice.form.filing') : t('seller:counterNotice.form.file')}
        </button>
      </div>
    </form>
  );
}
