import { isStaff, type Principal, type Right, type User } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { LoadError, LoadingLine } from './load-status';
import { RightForm } from './right-form';
import { RightProofs, RightScope, RightStatusPill, RightValidity } from './right-bits';

/** Rights holders and agencies: the rights complaints rest on, each verified by staff from its proofs. */
export function RightsPage({ api, user }: { api: ApiClient; user: User }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const agency = user.tenant.kind === 'agency';
  const { data: rights, error, loading, reload } = useResource<Right[]>(() => api.listRights(), [api]);
  // Rights can be recorded only for principals whose letter of authority staff approved.
  const principals = useResource<Principal[]>(() => (agency ? api.listPrincipals() : Promise.resolve([])), [api, agency]);
  const approved = (principals.data ?? []).filter((principal) => principal.authority.status === 'approved');

  return (
    <section className="stack" aria-labelledby="rights-heading">
      <div className="page-heading">
        <div>
          <h1 id="rights-heading">{t('rights.heading')}</h1>
          <p className="page-subtitle">{t('rights.subtitle')}</p>
        </div>
        <div className="page-actions">
          <button className="button" type="button" data-testid="rights-refresh" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>

      <div className="card" aria-labelledby="rights-list-heading">
        <div className="card-heading">
          <h2 id="rights-list-heading">{t('rights.listHeading')}</h2>
        </div>
        <LoadError error={error} onRetry={() => void reload()} />
        <LoadingLine show={loading} />
        {rights?.length === 0 && (
          <p className="muted" data-testid="rights-empty">
            {t('rights.empty')}
          </p>
        )}
        {rights !== undefined && rights.length > 0 && (
          <div className="table-wrap">
            <table className="data-table" data-testid="rights-table">
              <thead>
                <tr>
                  <th scope="col">{t('rights.columns.right')}</th>
                  <th scope="col">{t('rights.columns.owner')}</th>
                  <th scope="col">{t('rights.columns.territories')}</th>
                  <th scope="col">{t('rights.columns.scope')}</th>
                  <th scope="col">{t('rights.columns.validity')}</th>
                  <th scope="col">{t('rights.columns.verification')}</th>
                  <th scope="col">{t('rights.columns.proofs')}</th>
                </tr>
              </thead>
              <tbody>
                {rights.map((right) => (
                  <tr key={right.id} data-testid="right-row" data-right-id={right.id} data-status={right.verification.status}>
                    <td>
                      <div className="strong">{t(`rights.types.${right.type}`)}</div>
                      <code data-testid="right-row-registration">{right.registrationNumber}</code>
                    </td>
                    <td>{right.principal ? right.principal.legalName : <span className="muted">{t('rights.ownRight', { name: user.tenant.name })}</span>}</td>
                    <td data-testid="right-row-territories">{right.territories.join(', ')}</td>
                    <td className="cell-summary">
                      <RightScope right={right} />
                    </td>
                    <td className="nowrap">
                      <RightValidity right={right} />
                    </td>
                    <td>
                      <RightStatusPill status={right.verification.status} />
                      {right.verification.decidedAt && (
                        <div className="muted small">{t('organisation.profile.decidedAt', { time: formatShortDateTime(right.verification.decidedAt, i18n.language) })}</div>
                      )}
                      {right.verification.reasons && (
                        <div className="muted small reasons-inline" data-testid="right-reasons">
                          {t('identityStatus.reasons')} {right.verification.reasons}
                        </div>
                      )}
                    </td>
                    <td>
                      <RightProofs right={right} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      {!isStaff(user.role) && (
        <RightForm
          api={api}
          principals={agency ? approved : undefined}
          principalsError={principals.error}
          onRetryPrincipals={() => void principals.reload()}
          onAdded={() => void reload()}
        />
      )}
    </section>
  );
}
