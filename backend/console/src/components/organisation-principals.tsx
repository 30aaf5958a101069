import { PrincipalDataSchema, type Principal } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { fieldErrorsFromProblem, fieldErrorsFromZod, type FieldErrors } from '../lib/field-errors';
import { formatShortDateTime } from '../lib/format';
import { DocumentLink } from './document-link';
import { DocumentPicker, type PickedDocuments } from './document-picker';
import { PILL_FOR_STATUS } from './identity-status';
import { EMPTY_IDENTITY, IdentityFields, type IdentityDraft } from './identity-fields';
import { LoadError, LoadingLine } from './load-status';

const NO_FILES: PickedDocuments = { files: [], checks: [] };

/** Agency owners: the rights holders the agency acts for, each with its own letter of authority. */
export function OrganisationPrincipals({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const { data: items, error, loading, reload } = useResource<Principal[]>(() => api.listPrincipals(), [api]);
  const [identity, setIdentity] = useState<IdentityDraft>(EMPTY_IDENTITY);
  const [authority, setAuthority] = useState<PickedDocuments>(NO_FILES);
  // Remounts the file input after a successful add, which is the only way to clear it.
  const [formKey, setFormKey] = useState(0);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>();
  const [localProblem, setLocalProblem] = useState<'fields' | 'authority'>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitError(undefined);
    setLocalProblem(undefined);
    const parsed = PrincipalDataSchema.safeParse(identity);
    setFieldErrors(parsed.success ? {} : fieldErrorsFromZod(parsed.error.issues));
    const file = authority.files[0];
    if (!parsed.success) return setLocalProblem('fields');
    if (!file || authority.files.length !== 1 || authority.checks[0]?.problem) return setLocalProblem('authority');
    setSubmitting(true);
    try {
      await api.addPrincipal(parsed.data, file);
      setIdentity(EMPTY_IDENTITY);
      setAuthority(NO_FILES);
      setFormKey((key) => key + 1);
      await reload();
    } catch (caught) {
      setSubmitError(caught);
      if (caught instanceof ApiError && caught.code === 'validation_failed') setFieldErrors(fieldErrorsFromProblem(caught.errors));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="card" aria-labelledby="principals-heading" data-testid="organisation-principals">
      <div className="card-heading">
        <div>
          <h2 id="principals-heading">{t('organisation.principals.heading')}</h2>
          <p className="muted">{t('organisation.principals.subtitle')}</p>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {items?.length === 0 && <p className="muted">{t('organisation.principals.empty')}</p>}
      {items !== undefined && items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('organisation.principals.columns.principal')}</th>
                <th scope="col">{t('organisation.principals.columns.authority')}</th>
                <th scope="col">{t('organisation.principals.columns.state')}</th>
                <th scope="col">{t('organisation.users.columns.since')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((principal) => (
                <tr key={principal.id} data-testid="principal-row" data-status={principal.authority.status}>
                  <td>
                    <div className="strong">{principal.identity.legalName}</div>
                    <div className="muted small">
                      {t(`identity.entityKinds.${principal.identity.entityKind}`)} · {principal.identity.country} · <code>{principal.identity.registrationNumber}</code>
                    </div>
                  </td>
                  <td>
                    <DocumentLink document={principal.letterOfAuthority} testId="principal-document" />
                  </td>
                  <td>
                    <span className={`pill ${PILL_FOR_STATUS[principal.authority.status]}`} data-testid="principal-status">
                      {t(`organisation.principals.states.${principal.authority.status}`)}
                    </span>
                    {principal.authority.reasons && <div className="muted small reasons-inline">{principal.authority.reasons}</div>}
                  </td>
                  <td className="nowrap">{formatShortDateTime(principal.createdAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="admin-form publish-form" onSubmit={submit} noValidate key={formKey}>
        <h3>{t('organisation.principals.addHeading')}</h3>
        <IdentityFields testIdPrefix="principal" value={identity} onChange={setIdentity} errors={fieldErrors} />
        <DocumentPicker
          testId="principal-authority"
          label={t('organisation.principals.authority')}
          hint={t('organisation.principals.authorityHint')}
          multiple={false}
          picked={authority}
          onChange={setAuthority}
        />
        {localProblem && (
          <p className="form-error" role="alert" data-testid="principal-error">
            {t(`organisation.principals.problems.${localProblem}`)}
          </p>
        )}
        {submitError !== undefined && (
          <p className="form-error" role="alert" data-testid="principal-error">
            {errorText(submitError)}
          </p>
        )}
        <div className="form-actions">
          <button data-testid="principal-submit" className="button button-primary" type="submit" disabled={submitting}>
            {submitting ? t('organisation.principals.adding') : t('organisation.principals.add')}
          </button>
        </div>
      </form>
    </div>
  );
}
