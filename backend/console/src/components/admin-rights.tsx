import { RIGHT_STATUSES, type AdminRightList, type RightStatus } from '@openipp/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { DecisionRow } from './decision-row';
import { LoadError, LoadingLine } from './load-status';
import { RightProofs, RightScope, RightStatusPill, RightValidity } from './right-bits';

type AdminRight = AdminRightList['items'][number];
type Filter = RightStatus | 'all';
const FILTERS: readonly Filter[] = [...RIGHT_STATUSES, 'all'];

/** Staff verification of rights: each with its proofs and the tenant that filed it, oldest first. */
export function AdminRights({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const [filter, setFilter] = useState<Filter>('pending');
  const { data: items, setData, error, loading, reload } = useResource<AdminRight[]>(
    () => api.adminListRights(filter === 'all' ? undefined : filter),
    [api, filter],
  );
  // A decided right leaves the pending queue at once; the next load confirms it.
  const drop = (id: string) => setData((current) => current?.filter((item) => item.id !== id));

  return (
    <div className="card" id="admin-rights" aria-labelledby="admin-rights-heading">
      <div className="card-heading">
        <div>
          <h2 id="admin-rights-heading">{t('adminRights.heading')}</h2>
          <p className="muted">{t('adminRights.subtitle')}</p>
        </div>
        <div className="page-actions">
          <label className="inline-field">
            <span>{t('admin.users.filter')}</span>
            <select data-testid="admin-rights-filter" value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
              {FILTERS.map((value) => (
                <option key={value} value={value}>
                  {value === 'all' ? t('adminRights.all') : t(`rights.states.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <button className="button" type="button" data-testid="admin-rights-refresh" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {items?.length === 0 && (
        <p className="muted" data-testid="admin-rights-empty">
          {filter === 'pending' ? t('adminRights.emptyPending') : t('adminRights.empty')}
        </p>
      )}
      {items !== undefined && items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="admin-rights-table">
            <thead>
              <tr>
                <th scope="col">{t('rights.columns.right')}</th>
                <th scope="col">{t('adminRights.columns.tenant')}</th>
                <th scope="col">{t('rights.columns.territories')}</th>
                <th scope="col">{t('rights.columns.scope')}</th>
                <th scope="col">{t('rights.columns.validity')}</th>
                <th scope="col">{t('rights.columns.proofs')}</th>
                <th scope="col">{t('rights.columns.verification')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((right) =>
                right.verification.status === 'pending' ? (
                  <DecisionRow
                    key={right.id}
                    testId="admin-right-row"
                    actionPrefix="right-decision"
                    approveLabel={t('adminRights.verify')}
                    id={right.id}
                    decide={(decision) => api.adminDecideRight(right.id, decision)}
                    onDecided={() => (filter === 'pending' ? drop(right.id) : void reload())}
                  >
                    <RightCells right={right} />
                  </DecisionRow>
                ) : (
                  <tr key={right.id} data-testid="admin-right-row" data-id={right.id} data-status={right.verification.status}>
                    <RightCells right={right} />
                    <td>
                      <RightStatusPill status={right.verification.status} />
                      {right.verification.reasons && <div className="muted small reasons-inline">{right.verification.reasons}</div>}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function RightCells({ right }: { right: AdminRight }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <>
      <td>
        <div className="strong">{t(`rights.types.${right.type}`)}</div>
        <code>{right.registrationNumber}</code>
        <div className="muted small">{t('adminRights.filed', { time: formatShortDateTime(right.createdAt, i18n.language) })}</div>
      </td>
      <td>
        <div className="strong" data-testid="admin-right-tenant">
          {right.tenant.name}
        </div>
        {right.principal && <div className="muted small">{t('adminRights.forPrincipal', { name: right.principal.legalName })}</div>}
      </td>
      <td>{right.territories.join(', ')}</td>
      <td className="cell-summary">
        <RightScope right={right} />
      </td>
      <td className="nowrap">
        <RightValidity right={right} />
      </td>
      <td>
        <RightProofs right={right} />
      </td>
    </>
  );
}
