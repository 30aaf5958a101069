import { NICE_CLASS_MAX, NICE_CLASS_MIN, RIGHT_PROOFS_MAX, RIGHT_PROOFS_MIN, RIGHT_TYPES, type Principal, type RightType } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import type { FieldErrors } from '../lib/field-errors';
import { EMPTY_RIGHT_DRAFT, rightDataOf, rightFieldErrors, type RightDraft } from '../lib/right-draft';
import { DocumentPicker, type PickedDocuments } from './document-picker';
import { FieldError } from './field-error';
import { LoadError } from './load-status';

const NO_FILES: PickedDocuments = { files: [], checks: [] };

interface RightFormProps {
  api: ApiClient;
  /** An agency's approved principals; undefined for a rights holder, which records its own rights only. */
  principals: Principal[] | undefined;
  principalsError: unknown;
  onRetryPrincipals: () => void;
  onAdded: () => void;
}

type LocalProblem = 'fields' | 'proofs';

/** "Add right": the right's particulars and 1–5 proof documents, sent as one multipart request. */
export function RightForm({ api, principals, principalsError, onRetryPrincipals, onAdded }: RightFormProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [draft, setDraft] = useState<RightDraft>(EMPTY_RIGHT_DRAFT);
  const [proofs, setProofs] = useState<PickedDocuments>(NO_FILES);
  // Remounts the file input after a successful add, which is the only way to clear it.
  const [formKey, setFormKey] = useState(0);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>();
  const [localProblem, setLocalProblem] = useState<LocalProblem>();
  const [added, setAdded] = useState(false);
  const set = <K extends keyof RightDraft>(key: K, value: RightDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const trademark = draft.type === 'trademark';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitError(undefined);
    setLocalProblem(undefined);
    setAdded(false);
    const result = rightDataOf(draft);
    setFieldErrors(result.ok ? {} : result.errors);
    if (!result.ok) return setLocalProblem('fields');
    const count = proofs.files.length;
    if (count < RIGHT_PROOFS_MIN || count > RIGHT_PROOFS_MAX || proofs.checks.some((check) => check.problem)) return setLocalProblem('proofs');
    setSubmitting(true);
    try {
      await api.addRight(result.data, proofs.files);
      setDraft(EMPTY_RIGHT_DRAFT);
      setProofs(NO_FILES);
      setFormKey((key) => key + 1);
      setAdded(true);
      onAdded();
    } catch (caught) {
      setSubmitError(caught);
      if (caught instanceof ApiError && caught.code === 'validation_failed') setFieldErrors(rightFieldErrors(caught.errors));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="card" aria-labelledby="right-form-heading">
      <div className="card-heading">
        <div>
          <h2 id="right-form-heading">{t('rights.form.heading')}</h2>
          <p className="muted">{t('rights.form.subtitle')}</p>
        </div>
      </div>
      <form className="admin-form" onSubmit={submit} noValidate key={formKey} data-testid="right-form">
        <div className="form-grid">
          <label className="field">
            <span className="field-label">{t('rights.form.type')}</span>
            <select data-testid="right-type" value={draft.type} onChange={(event) => set('type', event.target.value as RightType)}>
              {RIGHT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`rights.types.${type}`)}
                </option>
              ))}
            </select>
            <FieldError field="type" codes={fieldErrors.type} />
          </label>
          <label className="field">
            <span className="field-label">{t('rights.form.registrationNumber')}</span>
            <input data-testid="right-number" maxLength={100} value={draft.registrationNumber} onChange={(event) => set('registrationNumber', event.target.value)} />
            <span className="muted small">{t('rights.form.registrationNumberHint')}</span>
            <FieldError field="registrationNumber" codes={fieldErrors.registrationNumber} />
          </label>
          {principals !== undefined && (
            <label className="field field-wide">
              <span className="field-label">{t('rights.form.principal')}</span>
              <select data-testid="right-principal" value={draft.principalId} onChange={(event) => set('principalId', event.target.value)}>
                <option value="">{t('rights.form.ownRight')}</option>
                {principals.map((principal) => (
                  <option key={principal.id} value={principal.id}>
                    {principal.identity.legalName}
                  </option>
                ))}
              </select>
              <span className="muted small">{principals.length === 0 ? t('rights.form.noApprovedPrincipals') : t('rights.form.principalHint')}</span>
              <LoadError error={principalsError} onRetry={onRetryPrincipals} />
              <FieldError field="principalId" codes={fieldErrors.principalId} />
            </label>
          )}
          <label className="field field-wide">
            <span className="field-label">{t('rights.form.territories')}</span>
            <input data-testid="right-territories" value={draft.territories} placeholder={t('rights.form.territoriesPlaceholder')} onChange={(event) => set('territories', event.target.value.toUpperCase())} />
            <span className="muted small">{t('rights.form.territoriesHint')}</span>
            <FieldError field="territories" codes={fieldErrors.territories} />
          </label>
          {trademark && (
            <label className="field field-wide">
              <span className="field-label">{t('rights.form.niceClasses')}</span>
              <input data-testid="right-classes" inputMode="numeric" value={draft.niceClasses} placeholder={t('rights.form.niceClassesPlaceholder')} onChange={(event) => set('niceClasses', event.target.value)} />
              <span className="muted small">{t('rights.form.niceClassesHint', { min: NICE_CLASS_MIN, max: NICE_CLASS_MAX })}</span>
              <FieldError field="niceClasses" codes={fieldErrors.niceClasses} />
            </label>
          )}
          <label className="field field-wide">
            <span className="field-label">{trademark ? t('rights.form.scopeOptional') : t('rights.form.scope')}</span>
            <textarea data-testid="right-scope" rows={3} maxLength={4000} value={draft.scope} onChange={(event) => set('scope', event.target.value)} />
            <span className="muted small">{trademark ? t('rights.form.scopeHintTrademark') : t('rights.form.scopeHint')}</span>
            <FieldError field="scope" codes={fieldErrors.scope} />
          </label>
          <label className="field">
            <span className="field-label">{t('rights.form.validFrom')}</span>
            <input data-testid="right-valid-from" type="date" value={draft.validFrom} onChange={(event) => set('validFrom', event.target.value)} />
            <FieldError field="validFrom" codes={fieldErrors.validFrom} />
          </label>
          <label className="field">
            <span className="field-label">{t('rights.form.validUntil')}</span>
            <input data-testid="right-valid-until" type="date" value={draft.validUntil} onChange={(event) => set('validUntil', event.target.value)} />
            <FieldError field="validUntil" codes={fieldErrors.validUntil} />
          </label>
        </div>
        <DocumentPicker
          testId="right-proofs"
          label={t('rights.form.proofs')}
          hint={t('rights.form.proofsHint', { max: RIGHT_PROOFS_MAX })}
          multiple
          picked={proofs}
          onChange={setProofs}
        />
        <FieldError field="proof" codes={fieldErrors.proof} />
        {localProblem && (
          <p className="form-error" role="alert" data-testid="right-error">
            {t(`rights.form.problems.${localProblem}`, { max: RIGHT_PROOFS_MAX })}
          </p>
        )}
        {submitError !== undefined && (
          <p className="form-error" role="alert" data-testid="right-error">
            {errorText(submitError)}
          </p>
        )}
        {added && (
          <p className="form-success" role="status" data-testid="right-added">
            {t('rights.form.added')}
          </p>
        )}
        <div className="form-actions">
          <button data-testid="right-submit" className="button button-primary" type="submit" disabled={submitting}>
            {submitting ? t('rights.form.adding') : t('rights.form.add')}
          </button>
        </div>
      </form>
    </div>
  );
}
