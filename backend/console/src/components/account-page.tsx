import type { LoginEvent, User } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { AccountContacts } from './account-contacts';
import { LoadError, LoadingLine } from './load-status';

interface AccountPageProps {
  api: ApiClient;
  user: User;
  onSignedOutEverywhere: () => void;
  onFrozen: () => void;
  /** The contact details were confirmed or saved: the post-login prompt can go. */
  onContactsConfirmed: () => void;
}

export function AccountPage({ api, user, onSignedOutEverywhere, onFrozen, onContactsConfirmed }: AccountPageProps) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <section aria-labelledby="account-heading" className="stack">
      <div className="page-heading">
        <div>
          <h1 id="account-heading">{t('account.heading')}</h1>
          <p className="page-subtitle">
            {user.email} · {t(`common:roles.${user.role}`)} · {user.tenant.name}
          </p>
        </div>
      </div>
      <AccountContacts api={api} onConfirmed={onContactsConfirmed} />
      <ReportCompromise api={api} onFrozen={onFrozen} />
      <Sessions api={api} onSignedOutEverywhere={onSignedOutEverywhere} />
      <LoginHistory api={api} />
    </section>
  );
}

/** Sessions: the browser consoles and extension tokens signed in as this user. */
function Sessions({ api, onSignedOutEverywhere }: { api: ApiClient; onSignedOutEverywhere: () => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const { data: items, setData: setItems, error, loading, reload } = useResource(async () => (await api.listSessions()).items, [api]);
  /** A failed End or Sign out everywhere; retrying it is the user's call, not a reload's. */
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  async function end(id: string) {
    setBusy(id);
    setActionError(undefined);
    try {
      await api.endSession(id);
      setItems((current) => current?.filter((item) => item.id !== id));
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(undefined);
    }
  }

  async function revokeAll() {
    setBusy('all');
    setActionError(undefined);
    try {
      await api.revokeAllSessions();
      onSignedOutEverywhere();
    } catch (caught) {
      setActionError(caught);
      setBusy(undefined);
    }
  }

  return (
    <div className="card" aria-labelledby="sessions-heading">
      <div className="card-heading">
        <div>
          <h2 id="sessions-heading">{t('account.sessions.heading')}</h2>
          <p className="muted">{t('account.sessions.subtitle')}</p>
        </div>
        <button data-testid="revoke-all" className="button" type="button" disabled={busy !== undefined} onClick={() => void revokeAll()}>
          {busy === 'all' ? t('header.signingOut') : t('account.sessions.revokeAll')}
        </button>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      {actionError !== undefined && (
        <div className="banner banner-error" role="alert" data-testid="sessions-action-error">
          <span>{errorText(actionError)}</span>
        </div>
      )}
      <LoadingLine show={loading} />
      {items !== undefined && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('account.sessions.columns.kind')}</th>
                <th scope="col">{t('account.sessions.columns.created')}</th>
                <th scope="col">{t('account.sessions.columns.lastSeen')}</th>
                <th scope="col">{t('account.sessions.columns.ip')}</th>
                <th scope="col">{t('account.sessions.columns.userAgent')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('account.sessions.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((session) => (
                <tr key={session.id} data-testid="session-row" data-session-id={session.id} data-current={session.current}>
                  <td>
                    <span className="kind-label">{t(`account.sessions.kinds.${session.kind}`)}</span>
                    {session.current && (
                      <span className="pill pill-accent" data-testid="session-current">
                        {t('account.sessions.current')}
                      </span>
                    )}
                  </td>
                  <td>
                    <time dateTime={session.createdAt}>{formatShortDateTime(session.createdAt, i18n.language)}</time>
                  </td>
                  <td>
                    <time dateTime={session.lastSeenAt}>{formatShortDateTime(session.lastSeenAt, i18n.language)}</time>
                  </td>
                  <td>
                    <code>{session.ip ?? t('account.unknown')}</code>
                  </td>
                  <td className="cell-ua" title={session.userAgent ?? undefined}>
                    {session.userAgent ?? t('account.unknown')}
                  </td>
                  <td className="cell-actions">
                    {/* The current session ends with Sign out, which also clears this page. */}
                    {!session.current && (
                      <button
                        data-testid="session-end"
                        className="button button-small"
                        type="button"
                        disabled={busy !== undefined}
                        onClick={() => void end(session.id)}
                      >
                        {busy === session.id ? t('account.sessions.ending') : t('account.sessions.end')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function LoginHistory({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const { data: items, error, loading, reload } = useResource<LoginEvent[]>(() => api.loginHistory(), [api]);

  return (
    <div className="card" aria-labelledby="logins-heading">
      <div className="card-heading">
        <div>
          <h2 id="logins-heading">{t('account.logins.heading')}</h2>
          <p className="muted">{t('account.logins.subtitle')}</p>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {items?.length === 0 && <p className="muted">{t('account.logins.empty')}</p>}
      {items !== undefined && items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('account.logins.columns.time')}</th>
                <th scope="col">{t('account.logins.columns.outcome')}</th>
                <th scope="col">{t('account.sessions.columns.ip')}</th>
                <th scope="col">{t('account.sessions.columns.userAgent')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event, index) => (
                <tr key={`${event.at}-${index}`} data-testid="login-event" data-outcome={event.outcome}>
                  <td>
                    <time dateTime={event.at}>{formatShortDateTime(event.at, i18n.language)}</time>
                  </td>
                  <td>
                    <span className={`pill ${event.outcome === 'success' ? 'pill-ok' : 'pill-warn'}`}>
                      {t(`account.logins.outcomes.${event.outcome}`)}
                    </span>
                  </td>
                  <td>
                    <code>{event.ip ?? t('account.unknown')}</code>
                  </td>
                  <td className="cell-ua" title={event.userAgent ?? undefined}>
                    {event.userAgent ?? t('account.unknown')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/**
 * The emergency stop for a stolen password or lost laptop. Two steps, because it
 * locks the user out too, and only staff can undo it.
 */
function ReportCompromise({ api, onFrozen }: { api: ApiClient; onFrozen: () => void }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      await api.reportCompromise(note);
      onFrozen();
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  }

  return (
    <div className="card card-danger" data-testid="report-compromise-section" aria-labelledby="compromise-heading">
      <div className="card-heading">
        <div>
          <h2 id="compromise-heading">{t('account.compromise.heading')}</h2>
          <p>{t('account.compromise.explanation')}</p>
        </div>
        {!confirming && (
          <button data-testid="report-compromise" className="button button-danger" type="button" onClick={() => setConfirming(true)}>
            {t('account.compromise.start')}
          </button>
        )}
      </div>
      {confirming && (
        <form className="compromise-form" onSubmit={submit}>
          <label className="field">
            <span className="field-label">{t('account.compromise.noteLabel')}</span>
            <textarea
              data-testid="report-compromise-note"
              rows={3}
              maxLength={2000}
              value={note}
              placeholder={t('account.compromise.notePlaceholder')}
              onChange={(event) => setNote(event.target.value)}
              autoFocus
            />
          </label>
          <p className="form-warning">{t('account.compromise.warning')}</p>
          {error !== undefined && (
            <p className="form-error" role="alert">
              {errorText(error)}
            </p>
          )}
          <div className="form-actions">
            <button className="button" type="button" disabled={submitting} onClick={() => setConfirming(false)}>
              {t('actions.cancel')}
            </button>
            <button data-testid="report-compromise-confirm" className="button button-danger-solid" type="submit" disabled={submitting}>
              {submitting ? t('account.compromise.submitting') : t('account.compromise.confirm')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
