import type { TenantUserList } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES, currentLocale } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { LoadError, LoadingLine } from './load-status';

/** Owner only: the tenant's users, open invitations, and inviting another brand monitor. */
export function OrganisationUsers({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const { data: list, error, loading, reload } = useResource<TenantUserList>(() => api.tenantUsers(), [api]);
  const [email, setEmail] = useState('');
  const [inviting, setInviting] = useState(false);
  const [inviteError, setInviteError] = useState<unknown>();
  const [invited, setInvited] = useState<string>();

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    if (!address) return;
    setInviting(true);
    setInviteError(undefined);
    setInvited(undefined);
    try {
      // The invitation mail is written in the inviter's language; the invitee can switch later.
      await api.inviteMonitor(address, currentLocale());
      setInvited(address);
      setEmail('');
      void reload();
    } catch (caught) {
      setInviteError(caught);
    } finally {
      setInviting(false);
    }
  }

  return (
    <div className="card" aria-labelledby="org-users-heading">
      <div className="card-heading">
        <div>
          <h2 id="org-users-heading">{t('organisation.users.heading')}</h2>
          <p className="muted">{t('organisation.users.subtitle')}</p>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {list && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('organisation.users.columns.user')}</th>
                <th scope="col">{t('organisation.users.columns.role')}</th>
                <th scope="col">{t('organisation.users.columns.state')}</th>
                <th scope="col">{t('organisation.users.columns.since')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id} data-testid="org-user-row" data-email={item.email}>
                  <td>
                    <div className="strong">{item.displayName}</div>
                    <div className="muted small">{item.email}</div>
                  </td>
                  <td>{t(`common:roles.${item.role}`)}</td>
                  <td>
                    <span className={`pill ${item.emailVerified ? 'pill-ok' : 'pill-warn'}`}>
                      {item.emailVerified ? t('organisation.users.verified') : t('organisation.users.unverified')}
                    </span>
                  </td>
                  <td className="nowrap">{formatShortDateTime(item.createdAt, i18n.language)}</td>
                </tr>
              ))}
              {list.invitations.map((invitation) => (
                <tr key={invitation.id} data-testid="org-invitation-row" data-email={invitation.email}>
                  <td>
                    <div className="muted">{invitation.email}</div>
                  </td>
                  <td>{t(`common:roles.${invitation.role}`)}</td>
                  <td>
                    <span className="pill pill-accent">{t('organisation.users.invited')}</span>
                  </td>
                  <td className="nowrap muted small">
                    {t('organisation.users.expires', { time: formatShortDateTime(invitation.expiresAt, i18n.language) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="inline-form" onSubmit={invite}>
        <label className="field">
          <span className="field-label">{t('organisation.users.inviteLabel')}</span>
          <input
            data-testid="invite-email"
            type="email"
            required
            maxLength={254}
            placeholder="name@example.com"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <button data-testid="invite-submit" className="button button-primary" type="submit" disabled={inviting || !email.trim()}>
          {inviting ? t('organisation.users.inviting') : t('organisation.users.invite')}
        </button>
      </form>
      <p className="muted small">{t('organisation.users.inviteHint')}</p>
      {invited && (
        <p className="form-notice" role="status" data-testid="invite-done">
          {t('organisation.users.invitedNotice', { email: invited })}
        </p>
      )}
      {inviteError !== undefined && (
        <p className="form-error" role="alert" data-testid="invite-error">
          {errorText(inviteError)}
        </p>
      )}
    </div>
  );
}
