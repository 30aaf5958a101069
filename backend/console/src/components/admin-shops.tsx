import type { AdminShopClaimList, ShopClaimStatus } from '@openipp/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatBytes, formatShortDateTime } from '../lib/format';
import { DecisionRow } from './decision-row';
import { VerificationCard } from './verification-card';

export type AdminShopClaim = AdminShopClaimList['items'][number];

const STATUS_PILL: Record<ShopClaimStatus, string> = { pending: 'pill-warn', verified: 'pill-ok', rejected: 'pill-danger' };

/** A proof of any seller's shop claim, as a download for the admin verifying it. */
export function adminShopProofUrl(claimId: string, proofId: string): string {
  return `/api/admin/shops/${encodeURIComponent(claimId)}/proofs/${encodeURIComponent(proofId)}`;
}

/**
 * Staff verification of shop claims (issue #6 part 1), as for rights: each
 * claim with its seller tenant and proofs, oldest first. Only a verified
 * claim makes complaints about the shop visible to the seller, so a claim is
 * checked against its proofs and rejected with reasons the seller reads.
 */
export function AdminShops({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const load = useCallback((status: ShopClaimStatus | undefined) => api.adminListShopClaims(status), [api]);
  return (
    <VerificationCard<AdminShopClaim>
      name="admin-shops"
      heading={t('staff:shops.heading')}
      subtitle={t('staff:shops.subtitle')}
      emptyPending={t('staff:shops.emptyPending')}
      empty={t('staff:shops.empty')}
      load={load}
    >
      {(items, onDecided) => <ShopClaimTable api={api} items={items} onDecided={onDecided} />}
    </VerificationCard>
  );
}

/** The claims; a pending one offers Verify, and Reject with the reasons the seller reads. */
export function ShopClaimTable({ api, items, onDecided }: { api: ApiClient; items: readonly AdminShopClaim[]; onDecided: (id: string) => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="admin-shops-table">
        <thead>
          <tr>
            <th scope="col">{t('staff:shops.columns.shop')}</th>
            <th scope="col">{t('staff:shops.columns.tenant')}</th>
            <th scope="col">{t('staff:shops.columns.proofs')}</th>
            <th scope="col">{t('staff:shops.columns.verification')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((claim) =>
            claim.verification.status === 'pending' ? (
              <DecisionRow
                key={claim.id}
                testId="admin-shop-row"
                actionPrefix="shop-decision"
                approveLabel={t('adminRights.verify')}
                id={claim.id}
                decide={(decision) => api.adminDecideShopClaim(claim.id, decision)}
                onDecided={() => onDecided(claim.id)}
              >
                <ShopClaimCells claim={claim} />
              </DecisionRow>
            ) : (
              <tr key={claim.id} data-testid="admin-shop-row" data-id={claim.id} data-status={claim.verification.status}>
                <ShopClaimCells claim={claim} />
                <td>
                  <span className={`pill ${STATUS_PILL[claim.verification.status]}`} data-testid="shop-status" data-status={claim.verification.status}>
                    {t(`rights.states.${claim.verification.status}`)}
                  </span>
                  {claim.verification.decidedAt && <div className="muted small">{formatShortDateTime(claim.verification.decidedAt, i18n.language)}</div>}
                  {claim.verification.reasons && (
                    <div className="muted small reasons-inline" data-testid="shop-reasons">
                      {claim.verification.reasons}
                    </div>
                  )}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function ShopClaimCells({ claim }: { claim: AdminShopClaim }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <>
      <td>
        <div className="strong" data-testid="admin-shop-marketplace" data-marketplace={claim.marketplace}>
          {t(`complaints.marketplaces.${claim.marketplace}`)}
        </div>
        <code data-testid="admin-shop-id">{claim.shopId}</code>
        <div className="muted small">{t('adminRights.filed', { time: formatShortDateTime(claim.createdAt, i18n.language) })}</div>
      </td>
      <td>
        <div className="strong" data-testid="admin-shop-tenant" data-tenant-id={claim.tenant.id}>
          {claim.tenant.name}
        </div>
        <div className="muted small">
          <code>{claim.tenant.id}</code>
        </div>
      </td>
      <td>
        <ul className="plain-list">
          {claim.proofs.map((proof) => (
            <li key={proof.id} className="document-link">
              <a href={adminShopProofUrl(claim.id, proof.id)} download data-testid="admin-shop-proof" data-proof-id={proof.id} title={`SHA-256 ${proof.sha256}`}>
                {proof.fileName}
              </a>
              <span className="muted small"> {formatBytes(proof.bytes, i18n.language)}</span>
            </li>
          ))}
        </ul>
      </td>
    </>
  );
}
