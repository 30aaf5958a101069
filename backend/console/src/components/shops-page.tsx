import type { ShopClaim, ShopClaimStatus } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { shopProofUrl, type ApiClient } from '../lib/api';
import { formatBytes, formatShortDateTime } from '../lib/format';
import { MarketplaceName } from './complaint-detail';
import { LoadError, LoadingLine } from './load-status';
import { ShopClaimForm } from './shop-claim-form';

const STATUS_PILL: Record<ShopClaimStatus, string> = { pending: 'pill-warn', verified: 'pill-ok', rejected: 'pill-danger' };

/**
 * Sellers: the shops they claim, each verified by staff from its proofs. Only
 * a verified shop's complaints reach the seller (issue #6 part 1).
 */
export function ShopsPage({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const { data: claims, error, loading, reload } = useResource<ShopClaim[]>(() => api.listShopClaims(), [api]);

  return (
    <section className="stack" aria-labelledby="shops-heading">
      <div className="page-heading">
        <div>
          <h1 id="shops-heading">{t('seller:shops.heading')}</h1>
          <p className="page-subtitle">{t('seller:shops.subtitle')}</p>
        </div>
        <div className="page-actions">
          <button className="button" type="button" data-testid="shops-refresh" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>

      <div className="card" aria-labelledby="shops-list-heading">
        <div className="card-heading">
          <h2 id="shops-list-heading">{t('seller:shops.listHeading')}</h2>
        </div>
        <LoadError error={error} onRetry={() => void reload()} />
        <LoadingLine show={loading} />
        {claims?.length === 0 && (
          <p className="muted" data-testid="shops-empty">
            {t('seller:shops.empty')}
          </p>
        )}
        {claims !== undefined && claims.length > 0 && (
          <div className="table-wrap">
            <table className="data-table" data-testid="shop-claims-table">
              <thead>
                <tr>
                  <th scope="col">{t('seller:shops.columns.shop')}</th>
                  <th scope="col">{t('seller:shops.columns.status')}</th>
                  <th scope="col">{t('seller:shops.columns.proofs')}</th>
                  <th scope="col">{t('seller:shops.columns.claimed')}</th>
                </tr>
              </thead>
              <tbody>
                {claims.map((claim) => (
                  <tr key={claim.id} data-testid="shop-claim-row" data-claim-id={claim.id} data-status={claim.verification.status} data-shop-id={claim.shopId}>
                    <td>
                      <div className="strong">
                        <MarketplaceName marketplace={claim.marketplace} />
                      </div>
                      <code data-testid="shop-claim-shop-id">{claim.shopId}</code>
                    </td>
                    <td>
                      <span className={`pill ${STATUS_PILL[claim.verification.status]}`} data-testid="shop-claim-status" data-status={claim.verification.status}>
                        {t(`seller:shops.states.${claim.verification.status}`)}
                      </span>
                      {claim.verification.decidedAt && (
                        <div className="muted small">{t('organisation.profile.decidedAt', { time: formatShortDateTime(claim.verification.decidedAt, i18n.language) })}</div>
                      )}
                      {claim.verification.reasons && (
                        <div className="muted small reasons-inline" data-testid="shop-claim-reasons">
                          {t('identityStatus.reasons')} {claim.verification.reasons}
                        </div>
                      )}
                    </td>
                    <td>
                      <ul className="plain-list">
                        {claim.proofs.map((proof) => (
                          <li key={proof.id} className="document-link">
                            <a href={shopProofUrl(claim.id, proof.id)} download data-testid="shop-claim-proof" data-proof-id={proof.id} title={`SHA-256 ${proof.sha256}`}>
                              {proof.fileName}
                            </a>
                            <span className="muted small"> {formatBytes(proof.bytes, i18n.language)}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="nowrap small">{formatShortDateTime(claim.createdAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <ShopClaimForm api={api} onAdded={() => void reload()} />
    </section>
  );
}
