import type { SellerComplaintList } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { sellerComplaintHref, SHOPS_HREF } from '../lib/pages';
import { ComplaintStateBadge, OutcomeBadge } from './complaint-bits';
import { MarketplaceName } from './complaint-detail';
import { CounterNoticeStatePill } from './counter-notice-bits';
import { LoadError, LoadingLine } from './load-status';

type Item = SellerComplaintList['items'][number];

/**
 * Complaints naming the seller's verified shops, newest first, each with only
 * the seller's own listings. The list names no complainant: personal data is
 * disclosed on the complaint's own page, where each view is recorded.
 */
export function SellerComplaintsPage({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const { data: items, error, loading, reload } = useResource<Item[]>(() => api.sellerComplaints(), [api]);

  return (
    <section className="stack" aria-labelledby="seller-complaints-heading">
      <div className="page-heading">
        <div>
          <h1 id="seller-complaints-heading">{t('seller:complaints.heading')}</h1>
          <p className="page-subtitle">{t('seller:complaints.subtitle')}</p>
        </div>
        <div className="page-actions">
          <button className="button" type="button" data-testid="seller-complaints-refresh" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>
      <div className="card" aria-labelledby="seller-complaint-list-heading">
        <div className="card-heading">
          <h2 id="seller-complaint-list-heading">{t('seller:complaints.listHeading')}</h2>
        </div>
        <LoadError error={error} onRetry={() => void reload()} />
        <LoadingLine show={loading} />
        {items?.length === 0 && (
          <p className="muted" data-testid="seller-complaints-empty">
            {t('seller:complaints.empty')} <a href={SHOPS_HREF}>{t('seller:complaints.emptyLink')}</a>
          </p>
        )}
        {items !== undefined && items.length > 0 && (
          <div className="table-wrap">
            <table className="data-table" data-testid="seller-complaints-table">
              <thead>
                <tr>
                  <th scope="col">{t('complaints.columns.complaint')}</th>
                  <th scope="col">{t('seller:complaints.columns.listings')}</th>
                  <th scope="col">{t('complaints.columns.state')}</th>
                  <th scope="col">{t('seller:complaints.columns.submitted')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <SellerComplaintRow key={item.id} item={item} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

function SellerComplaintRow({ item }: { item: Item }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const listings = [...item.listings].sort((a, b) => a.position - b.position);
  return (
    <tr data-testid="seller-complaint-row" data-complaint-id={item.id} data-state={item.state}>
      <td>
        <a href={sellerComplaintHref(item.id)} className="strong" data-testid="seller-complaint-link">
          {item.reason ? t(`complaints.reasons.${item.reason}`) : t('complaints.noReason')}
        </a>
        <div className="muted small">
          <code>{item.id}</code>
        </div>
      </td>
      <td>
        <ul className="plain-list small">
          {listings.map((listing) => (
            <li key={listing.id} data-testid="seller-complaint-listing" data-listing-id={listing.id}>
              <span className="page-url">{listing.canonicalUrl}</span>
              <span className="muted">
                <MarketplaceName marketplace={listing.marketplace} /> · <code>{listing.shopId}</code>
              </span>{' '}
              <OutcomeBadge outcome={listing.outcome} /> {listing.counterNotice && <CounterNoticeStatePill state={listing.counterNotice.state} />}
            </li>
          ))}
        </ul>
      </td>
      <td>
        <ComplaintStateBadge state={item.state} testId="seller-complaint-row-state" />
      </td>
      <td className="nowrap small">{formatShortDateTime(item.submittedAt, i18n.language)}</td>
    </tr>
  );
}
