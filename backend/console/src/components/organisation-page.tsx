import type { TenantProfile, User } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { DocumentLink } from './document-link';
import { PILL_FOR_STATUS } from './identity-status';
import { LoadError, LoadingLine } from './load-status';
import { OrganisationPrincipals } from './organisation-principals';
import { OrganisationUsers } from './organisation-users';

/** The caller's own tenant: who it is, how far its verification got, and (for owners) its people. */
export function OrganisationPage({ api, user }: { api: ApiClient; user: User }) {
  const { t } = useTranslation(NAMESPACES);
  const owner = user.role === 'owner';
  return (
    <section aria-labelledby="organisation-heading" className="stack">
      <div className="page-heading">
        <div>
          <h1 id="organisation-heading">{t('organisation.heading')}</h1>
          <p className="page-subtitle">{t('organisation.subtitle')}</p>
        </div>
      </div>
      <Profile api={api} />
      {owner && <OrganisationUsers api={api} />}
      {owner && user.tenant.kind === 'agency' && <OrganisationPrincipals api={api} />}
    </section>
  );
}

function Profile({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const { data: profile, error, loading, reload } = useResource<TenantProfile>(() => api.tenantProfile(), [api]);

  return (
    <div className="card" aria-labelledby="profile-heading" data-testid="organisation-profile">
      <div className="card-heading">
        <div>
          <h2 id="profile-heading">{profile?.name ?? t('organisation.profile.heading')}</h2>
          {profile && <p className="muted">{t(`common:tenantKinds.${profile.kind}`)}</p>}
        </div>
        {profile && (
          <span className={`pill ${PILL_FOR_STATUS[profile.verification.status]}`} data-testid="organisation-verification" data-status={profile.verification.status}>
            {t(`identityStatus.states.${profile.verification.status}`)}
          </span>
        )}
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {profile && (
        <>
          <p className="muted">{t(`identityStatus.hints.${profile.verification.status}`)}</p>
          {profile.verification.decidedAt && (
            <p className="muted small">{t('organisation.profile.decidedAt', { time: formatShortDateTime(profile.verification.decidedAt, i18n.language) })}</p>
          )}
          {profile.verification.reasons && (
            <div className="reasons-box" data-testid="organisation-reasons">
              <strong>{t('identityStatus.reasons')}</strong> {profile.verification.reasons}
            </div>
          )}
          {profile.identity && (
            <dl className="facts facts-wide">
              <dt>{t(`identity.legalName.${profile.identity.entityKind}`)}</dt>
              <dd data-testid="organisation-legal-name">{profile.identity.legalName}</dd>
              <dt>{t('identity.entityKind')}</dt>
              <dd>{t(`identity.entityKinds.${profile.identity.entityKind}`)}</dd>
              <dt>{t('identity.country')}</dt>
              <dd>{profile.identity.country}</dd>
              <dt>{t(`identity.registrationNumber.${profile.identity.entityKind}`)}</dt>
              <dd>
                <code>{profile.identity.registrationNumber}</code>
              </dd>
              <dt>{t('organisation.profile.created')}</dt>
              <dd>{formatShortDateTime(profile.createdAt, i18n.language)}</dd>
            </dl>
          )}
          <h3 className="subheading">{t('organisation.profile.documents')}</h3>
          {profile.documents.length === 0 ? (
            <p className="muted">{t('organisation.profile.noDocuments')}</p>
          ) : (
            <ul className="plain-list">
              {profile.documents.map((document) => (
                <li key={document.id}>
                  <DocumentLink document={document} testId="organisation-document" />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
