import type { AdminRightList, RightStatus } from '@openipp/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { DecisionRow } from './decision-row';
import { RightProofs, RightScope, RightStatusPill, RightValidity } from './right-bits';
import { VerificationCard } from './verification-card';

type AdminRight = AdminRightList['items'][number];

/** Staff verification of rights: each with its proofs and the tenant that filed it, oldest first. */
export function AdminRights({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const load = useCallback((status: RightStatus | undefined) => api.adminListRights(status), [api]);
  return (
    <VerificationCard<AdminRight>
      name="admin-rights"
      heading={t('adminRights.heading')}
      subtitle={t('adminRights.subtitle')}
      emptyPending={t('adminRights.emptyPending')}
      empty={t('adminRights.empty')}
      load={load}
    >
      {(items, onDecided) => (
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
                    onDecided={() => onDecided(right.id)}
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
    </VerificationCard>
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
