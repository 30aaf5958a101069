import { COMPLAINT_STATES, isStaff, type ComplainantStats, type ComplaintState, type ComplaintSummary, type User } from '@openipp/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../hooks/use-paged-list';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { canComplain, complaintHref, NEW_COMPLAINT_HREF } from '../lib/pages';
import { ComplaintStateBadge } from './complaint-bits';
import { StatsPanel } from './complaint-stats';
import { LoadError, LoadingLine } from './load-status';

const PAGE_SIZE = 25;

/** The complainant's dashboard: its record on top, then its complaints, newest first. Staff see every tenant's. */
export function ComplaintsPage({ api, user }: { api: ApiClient; user: User }) {
  const { t } = useTranslation(NAMESPACES);
  const staff = isStaff(user.role);
  const [state, setState] = useState<ComplaintState | ''>('');
  const list = usePagedList(
    (cursor) => api.listComplaints({ limit: PAGE_SIZE, ...(state ? { state } : {}), ...(cursor === undefined ? {} : { cursor }) }),
    [api, state],
  );

  return (
    <section className="stack" aria-labelledby="complaints-heading">
      <div className="page-heading">
        <div>
          <h1 id="complaints-heading">{t('complaints.heading')}</h1>
          <p className="page-subtitle">{staff ? t('complaints.staffSubtitle') : t('complaints.subtitle')}</p>
        </div>
        <div className="page-actions">
          {staff && (
            <span className="staff-note" data-testid="staff-note" title={t('complaints.staffNoteDetail')}>
              {t('captures.staffNote')}
            </span>
          )}
          {canComplain(user) && (
            <a className="button button-primary" href={NEW_COMPLAINT_HREF} data-testid="new-complaint">
              {t('complaints.new')}
            </a>
          )}
        </div>
      </div>

      {!staff && <StatsCard api={api} />}

      <div className="card" aria-labelledby="complaint-list-heading">
        <div className="card-heading">
          <h2 id="complaint-list-heading">{t('complaints.listHeading')}</h2>
          <div className="page-actions">
            <label className="inline-field">
              <span>{t('complaints.filter')}</span>
              <select data-testid="complaints-filter" value={state} onChange={(event) => setState(event.target.value as ComplaintState | '')}>
                <option value="">{t('complaints.allStates')}</option>
                {COMPLAINT_STATES.map((value) => (
                  <option key={value} value={value}>
                    {t(`complaints.states.${value}`)}
                  </option>
                ))}
              </select>
            </label>
            <button className="button" type="button" data-testid="complaints-refresh" onClick={list.reload} disabled={list.loading !== false}>
              {t('captures.refresh')}
            </button>
          </div>
        </div>
        <LoadError error={list.error} onRetry={list.retry} />
        <LoadingLine show={list.loading === 'first'} />
        {list.items.length === 0 && list.loading === false && list.error === undefined && (
          <p className="muted" data-testid="complaints-empty">
            {state ? t('complaints.emptyFiltered') : staff ? t('complaints.emptyStaff') : t('complaints.empty')}
          </p>
        )}
        {list.items.length > 0 && (
          <>
            <div className="table-wrap">
              <table className="data-table" data-testid="complaints-table">
                <thead>
                  <tr>
                    <th scope="col">{t('complaints.columns.complaint')}</th>
                    <th scope="col">{t('complaints.columns.right')}</th>
                    <th scope="col">{t('complaints.columns.listings')}</th>
                    <th scope="col">{t('complaints.columns.state')}</th>
                    <th scope="col">{t('complaints.columns.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((item) => (
                    <ComplaintRow key={item.id} item={item} />
                  ))}
                </tbody>
              </table>
            </div>
            <div className="list-footer">
              <span className="muted">{t('complaints.shown', { count: list.items.length })}</span>
              {list.nextCursor !== undefined ? (
                <button data-testid="complaints-load-more" className="button" type="button" onClick={list.loadMore} disabled={list.loading !== false}>
                  {list.loading === 'more' ? t('captures.loadingMore') : t('captures.loadMore')}
                </button>
              ) : (
                <span className="muted">{t('complaints.allShown')}</span>
              )}
            </div>
          </>
        )}
      </div>
    </section>
  );
}

function StatsCard({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const { data, error, loading, reload } = useResource<ComplainantStats>(() => api.complaintStats(), [api]);
  return (
    <div className="card" aria-labelledby="complaint-stats-heading">
      <div className="card-heading">
        <div>
          <h2 id="complaint-stats-heading">{t('complaints.stats.heading')}</h2>
          <p className="muted">{t('complaints.stats.subtitle')}</p>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {data && <StatsPanel stats={data} />}
    </div>
  );
}

function ComplaintRow({ item }: { item: ComplaintSummary }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const href = complaintHref(item.id);
  return (
    <tr data-testid="complaint-row" data-complaint-id={item.id} data-state={item.state}>
      <td>
        <a href={href} className="strong" data-testid="complaint-link">
          {item.reason ? t(`complaints.reasons.${item.reason}`) : t('complaints.noReason')}
        </a>
        <div className="muted small">
          <code>{item.id}</code>
        </div>
        {item.principal && <div className="muted small">{t('complaints.forPrincipal', { name: item.principal.legalName })}</div>}
      </td>
      <td>
        {item.right ? (
          <>
            <div>{t(`rights.types.${item.right.type}`)}</div>
            <code className="small">{item.right.registrationNumber}</code>
          </>
        ) : (
          <span className="muted">{t('complaints.noRight')}</span>
        )}
      </td>
      <td className="nowrap">{t('complaints.listingCount', { count: item.listingCount })}</td>
      <td>
        <ComplaintStateBadge state={item.state} testId="complaint-row-state" />
      </td>
      <td className="nowrap small">
        <div>{formatShortDateTime(item.updatedAt, i18n.language)}</div>
        {item.submittedAt && <div className="muted">{t('complaints.submittedAt', { time: formatShortDateTime(item.submittedAt, i18n.language) })}</div>}
      </td>
    </tr>
  );
}
