import { UpdateContactsRequestSchema, type ContactsResponse } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { fieldErrorsFromProblem, fieldErrorsFromZod, type FieldErrors } from '../lib/field-errors';
import { formatShortDateTime } from '../lib/format';
import { FieldError } from './field-error';
import { LoadError, LoadingLine } from './load-status';

interface Draft {
  email: string;
  phone: string;
  postalAddress: string;
}

const draftOf = (current: ContactsResponse['current']): Draft => ({
  email: current.email,
  phone: current.phone ?? '',
  postalAddress: current.postalAddress ?? '',
});

/**
 * The contact details notices go to. Every change is a new version: a notice
 * sent last year went to last year's address, and the history shows which.
 */
export function AccountContacts({ api, onConfirmed }: { api: ApiClient; onConfirmed: () => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Draft>({ email: '', phone: '', postalAddress: '' });
  // Each loaded answer resets the form to what is on file, so an edit always starts from the truth.
  const { data: contacts, error, loading, reload } = useResource<ContactsResponse>(() => api.contacts(), [api], {
    onLoad: (loaded) => setDraft(draftOf(loaded.current)),
  });
  const [busy, setBusy] = useState<'save' | 'confirm'>();
  const [actionError, setActionError] = useState<unknown>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<'saved' | 'confirmed'>();

  const changed = contacts !== undefined && JSON.stringify(draft) !== JSON.stringify(draftOf(contacts.current));

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setActionError(undefined);
    setNotice(undefined);
    const parsed = UpdateContactsRequestSchema.safeParse({
      email: draft.email,
      phone: draft.phone.trim() || null,
      postalAddress: draft.postalAddress.trim() || null,
    });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZod(parsed.error.issues));
      return;
    }
    setFieldErrors({});
    setBusy('save');
    try {
      await api.updateContacts(parsed.data);
      setNotice('saved');
      // Saving counts as confirming.
      onConfirmed();
      await reload();
    } catch (caught) {
      setActionError(caught);
      if (caught instanceof ApiError && caught.code === 'validation_failed') setFieldErrors(fieldErrorsFromProblem(caught.errors));
    } finally {
      setBusy(undefined);
    }
  }

  async function confirm() {
    setActionError(undefined);
    setNotice(undefined);
    setBusy('confirm');
    try {
      await api.confirmContacts();
      setNotice('confirmed');
      onConfirmed();
      await reload();
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="card" id="contacts" aria-labelledby="contacts-heading" data-testid="contacts-section">
      <div className="card-heading">
        <div>
          <h2 id="contacts-heading">{t('contacts.heading')}</h2>
          <p className="muted">{t('contacts.subtitle')}</p>
        </div>
        {contacts && (
          <span className={`pill ${contacts.confirmationDue ? 'pill-warn' : 'pill-ok'}`} data-testid="contacts-state">
            {contacts.confirmationDue
              ? t('contacts.due')
              : t('contacts.confirmedAt', { time: formatShortDateTime(contacts.current.confirmedAt, i18n.language) })}
          </span>
        )}
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {contacts && (
        <>
          <form className="admin-form" onSubmit={save} noValidate>
            <div className="form-grid">
              <label className="field">
                <span className="field-label">{t('common:email')}</span>
                <input
                  data-testid="contacts-email"
                  type="email"
                  required
                  maxLength={254}
                  value={draft.email}
                  onChange={(event) => setDraft({ ...draft, email: event.target.value })}
                />
                <FieldError field="email" codes={fieldErrors.email} />
              </label>
              <label className="field">
                <span className="field-label">{t('contacts.phone')}</span>
                <input
                  data-testid="contacts-phone"
                  type="tel"
                  maxLength={40}
                  value={draft.phone}
                  onChange={(event) => setDraft({ ...draft, phone: event.target.value })}
                />
                <FieldError field="phone" codes={fieldErrors.phone} />
              </label>
              <label className="field field-wide">
                <span className="field-label">{t('contacts.address')}</span>
                <textarea
                  data-testid="contacts-address"
                  rows={2}
                  maxLength={1000}
                  value={draft.postalAddress}
                  onChange={(event) => setDraft({ ...draft, postalAddress: event.target.value })}
                />
                <FieldError field="postalAddress" codes={fieldErrors.postalAddress} />
              </label>
            </div>
            <p className="muted small">{t('contacts.emailNote')}</p>
            {actionError !== undefined && (
              <p className="form-error" role="alert" data-testid="contacts-error">
                {errorText(actionError)}
              </p>
            )}
            <div className="form-actions">
              {notice && (
                <span className="form-success" role="status" data-testid="contacts-notice">
                  {t(`contacts.notices.${notice}`)}
                </span>
              )}
              <button data-testid="contacts-confirm" className="button" type="button" disabled={busy !== undefined || changed} onClick={() => void confirm()}>
                {busy === 'confirm' ? t('contacts.confirming') : t('contacts.confirm')}
              </button>
              <button data-testid="contacts-save" className="button button-primary" type="submit" disabled={busy !== undefined || !changed}>
                {busy === 'save' ? t('actions.saving') : t('contacts.save')}
              </button>
            </div>
          </form>
          <h3 className="subheading">{t('contacts.history.heading')}</h3>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('contacts.history.columns.period')}</th>
                  <th scope="col">{t('common:email')}</th>
                  <th scope="col">{t('contacts.phone')}</th>
                  <th scope="col">{t('contacts.address')}</th>
                  <th scope="col">{t('contacts.history.columns.confirmed')}</th>
                </tr>
              </thead>
              <tbody>
                {contacts.history.map((version, index) => (
                  <tr key={`${version.since}-${index}`} data-testid="contacts-history-row" data-current={version.until === null}>
                    <td className="nowrap">
                      {formatShortDateTime(version.since, i18n.language)} –{' '}
                      {version.until ? formatShortDateTime(version.until, i18n.language) : <span className="pill pill-accent">{t('contacts.history.current')}</span>}
                    </td>
                    <td>{version.email}</td>
                    <td>{version.phone ?? '—'}</td>
                    <td className="cell-address">{version.postalAddress ?? '—'}</td>
                    <td className="nowrap">{formatShortDateTime(version.confirmedAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
