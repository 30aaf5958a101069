import type { VerificationQueue } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { DecisionRow } from './decision-row';
import { DocumentLink } from './document-link';
import { LoadError, LoadingLine } from './load-status';

type TenantItem = VerificationQueue['tenants'][number];
type PrincipalItem = VerificationQueue['principals'][number];

/** The staff queue: identities and letters of authority waiting for a decision, oldest first. */
export function AdminVerifications({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const { data: queue, setData: setQueue, error, loading, reload } = useResource<VerificationQueue>(() => api.adminVerifications(), [api]);

  // A decided row leaves the queue at once; the next load confirms it.
  const drop = (kind: 'tenants' | 'principals', id: string) =>
    setQueue((current) => current && { ...current, [kind]: current[kind].filter((item) => item.id !== id) });

  return (
    <div className="stack" id="admin-verifications">
      <div className="card" aria-labelledby="verify-tenants-heading">
        <div className="card-heading">
          <div>
            <h2 id="verify-tenants-heading">{t('admin.verifications.tenantsHeading')}</h2>
            <p className="muted">{t('admin.verifications.tenantsSubtitle')}</p>
          </div>
          <button className="button" type="button" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
        <LoadError error={error} onRetry={() => void reload()} />
        <LoadingLine show={loading} />
        {queue?.tenants.length === 0 && <p className="muted">{t('admin.verifications.tenantsEmpty')}</p>}
        {queue !== undefined && queue.tenants.length > 0 && (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.verifications.columns.entity')}</th>
                  <th scope="col">{t('admin.verifications.columns.owner')}</th>
                  <th scope="col">{t('admin.verifications.columns.documents')}</th>
                  <th scope="col">{t('admin.users.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.tenants.map((tenant) => (
                  <DecisionRow
                    key={tenant.id}
                    testId="verification-tenant-row"
                    id={tenant.id}
                    decide={(decision) => api.adminDecideTenant(tenant.id, decision)}
                    onDecided={() => drop('tenants', tenant.id)}
                  >
                    <td>
                      <EntityCell identity={tenant.identity} />
                      <div className="muted small">
                        {t(`common:tenantKinds.${tenant.kind}`)} · {t('admin.verifications.registered', { time: formatShortDateTime(tenant.createdAt, i18n.language) })}
                      </div>
                    </td>
                    <td>
                      <div>{tenant.ownerEmail}</div>
                      <span className={`pill ${tenant.emailVerified ? 'pill-ok' : 'pill-warn'}`} data-testid="verification-email-state" data-verified={tenant.emailVerified}>
                        {tenant.emailVerified ? t('admin.verifications.emailVerified') : t('admin.verifications.emailUnverified')}
                      </span>
                    </td>
                    <td>
                      <ul className="plain-list">
                        {tenant.documents.map((document) => (
                          <li key={document.id}>
                            <DocumentLink document={document} testId="verification-document" />
                          </li>
                        ))}
                      </ul>
                    </td>
                  </DecisionRow>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <div className="card" aria-labelledby="verify-principals-heading">
        <div className="card-heading">
          <div>
            <h2 id="verify-principals-heading">{t('admin.verifications.principalsHeading')}</h2>
            <p className="muted">{t('admin.verifications.principalsSubtitle')}</p>
          </div>
        </div>
        {queue?.principals.length === 0 && <p className="muted">{t('admin.verifications.principalsEmpty')}</p>}
        {queue !== undefined && queue.principals.length > 0 && (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.verifications.columns.principal')}</th>
                  <th scope="col">{t('admin.verifications.columns.agency')}</th>
                  <th scope="col">{t('admin.verifications.columns.authority')}</th>
                  <th scope="col">{t('admin.users.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.principals.map((principal: PrincipalItem) => (
                  <DecisionRow
                    key={principal.id}
                    testId="verification-principal-row"
                    id={principal.id}
                    decide={(decision) => api.adminDecidePrincipal(principal.id, decision)}
                    onDecided={() => drop('principals', principal.id)}
                  >
                    <td>
                      <EntityCell identity={principal.identity} />
                      <div className="muted small">{t('admin.verifications.registered', { time: formatShortDateTime(principal.createdAt, i18n.language) })}</div>
                    </td>
                    <td className="strong">{principal.agency.name}</td>
                    <td>
                      <DocumentLink document={principal.letterOfAuthority} testId="verification-document" />
                    </td>
                  </DecisionRow>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}

function EntityCell({ identity }: { identity: TenantItem['identity'] }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <>
      <div className="strong">{identity.legalName}</div>
      <div className="muted small">
        {t(`identity.entityKinds.${identity.entityKind}`)} · {identity.country} · <code>{identity.registrationNumber}</code>
      </div>
    </>
  );
}
