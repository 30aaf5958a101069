import {
  MARKETPLACES,
  QUEUE_STATES,
  REASON_CODES,
  RIGHT_TYPES,
  RISK_LEVELS,
  type QueueItem,
  type User,
} from '@openipp/shared';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../hooks/use-paged-list';
import { useShortcuts } from '../hooks/use-shortcuts';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { queueFilterKey, reviewComplaintHref, reviewQueueHref, withFilter, type QueueFilterName, type QueueFilters } from '../lib/review-filters';
import { BulkRejectDialog } from './bulk-reject-dialog';
import { MarketplaceName } from './complaint-detail';
import { LoadError, LoadingLine } from './load-status';
import { RestoreDueSection } from './restore-due';
import { ClaimHolder, DueText, RiskBadge, useDurationText } from './review-bits';
import { ShortcutHelp } from './shortcut-help';

const PAGE_SIZE = 50;

/**
 * The staff review queue (issue #5 part 2): submitted and in-review
 * complaints, overdue first and then by due date, exactly as the server
 * orders them; above them, listings whose restoring is due after a
 * counter-notice (issue #6 part 3). Filters live in the hash so a reload or a shared link keeps
 * them; j/k move, o opens, x selects, n opens the next complaint to work.
 */
export function ReviewQueuePage({ api, user, filters, now = Date.now() }: { api: ApiClient; user: User; filters: QueueFilters; now?: number }) {
  const { t } = useTranslation(NAMESPACES);
  const key = queueFilterKey(filters);
  const list = usePagedList((cursor) => api.reviewQueue({ ...filters, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) }), [api, key]);
  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [overlay, setOverlay] = useState<'help' | 'bulk'>();
  const [notice, setNotice] = useState<string>();
  const [restoring, setRestoring] = useState(false);

  // Another filter is another queue: the cursor and the selection belong to the old one.
  useEffect(() => {
    setCurrent(0);
    setSelected(new Set());
  }, [key]);

  const items = list.items;
  const at = Math.min(current, Math.max(0, items.length - 1));

  useEffect(() => {
    const item = items[at];
    if (item) document.querySelector(`[data-testid="queue-row"][data-complaint-id="${CSS.escape(item.id)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [at, items]);

  const open = (item: QueueItem | undefined) => {
    if (item) window.location.hash = reviewComplaintHref(item.id, filters);
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  useShortcuts(
    [
      {
        key: 'j',
        repeat: true,
        run: () => {
          if (at + 1 < items.length) setCurrent(at + 1);
          else if (list.nextCursor !== undefined && list.loading === false) list.loadMore();
        },
      },
      { key: 'k', repeat: true, run: () => setCurrent(Math.max(0, at - 1)) },
      { key: 'o', run: () => open(items[at]) },
      { key: 'Enter', run: () => open(items[at]) },
      { key: 'x', run: () => items[at] && toggle(items[at].id, !selected.has(items[at].id)) },
      { key: 'n', run: () => open(items.find((item) => item.claim === null || item.claim.reviewer.id === user.id)) },
      { key: '?', run: () => setOverlay('help') },
    ],
    overlay === undefined && !restoring,
  );

  const chosen = items.filter((item) => selected.has(item.id));
  const setFilter = (name: QueueFilterName, value: string) => {
    window.location.hash = reviewQueueHref(withFilter(filters, name, value));
  };

  return (
    <section className="stack" aria-labelledby="review-heading">
      <div className="page-heading">
        <div>
          <h1 id="review-heading">{t('review.queue.heading')}</h1>
          <p className="page-subtitle">{t('review.queue.subtitle')}</p>
        </div>
        <div className="page-actions">
          <button className="button" type="button" data-testid="shortcut-help-open" onClick={() => setOverlay('help')} title={t('review.shortcuts.title')}>
            <kbd>?</kbd> {t('review.shortcuts.button')}
          </button>
          <button className="button" type="button" data-testid="queue-refresh" onClick={list.reload} disabled={list.loading !== false}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>

      <RestoreDueSection api={api} onDialog={setRestoring} />

      <div className="card">
        <div className="filter-bar" data-testid="queue-filters">
          <FilterSelect name="marketplace" value={filters.marketplace} onChange={setFilter}>
            {MARKETPLACES.map((value) => (
              <option key={value} value={value}>
                {t(`complaints.marketplaces.${value}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect name="reason" value={filters.reason} onChange={setFilter}>
            {REASON_CODES.map((value) => (
              <option key={value} value={value}>
                {t(`complaints.reasons.${value}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect name="rightType" value={filters.rightType} onChange={setFilter}>
            {RIGHT_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`rights.types.${value}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect name="state" value={filters.state} onChange={setFilter}>
            {QUEUE_STATES.map((value) => (
              <option key={value} value={value}>
                {t(`complaints.states.${value}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect name="overdue" value={filters.overdue} onChange={setFilter}>
            <option value="true">{t('review.filters.overdueOnly')}</option>
            <option value="false">{t('review.filters.notOverdue')}</option>
          </FilterSelect>
          <FilterSelect name="risk" value={filters.risk} onChange={setFilter}>
            {RISK_LEVELS.map((value) => (
              <option key={value} value={value}>
                {t(`review.risk.${value}`)}
              </option>
            ))}
          </FilterSelect>
          {key !== '' && (
            <a className="button button-small" href={reviewQueueHref()} data-testid="queue-filters-clear">
              {t('review.filters.clear')}
            </a>
          )}
        </div>

        {chosen.length > 0 && (
          <div className="bulk-bar" data-testid="bulk-bar" data-count={chosen.length}>
            <span className="strong">{t('review.bulk.selected', { count: chosen.length })}</span>
            <button className="button button-danger" type="button" data-testid="bulk-reject-open" onClick={() => setOverlay('bulk')}>
              {t('review.bulk.rejectAll')}
            </button>
            <button className="button button-small" type="button" data-testid="bulk-clear" onClick={() => setSelected(new Set())}>
              {t('review.bulk.clear')}
            </button>
          </div>
        )}
        {notice && (
          <p className="form-success" role="status" data-testid="queue-notice">
            {notice}
          </p>
        )}

        <LoadError error={list.error} onRetry={list.retry} />
        <LoadingLine show={list.loading === 'first'} />
        {items.length === 0 && list.loading === false && list.error === undefined && (
          <p className="muted" data-testid="queue-empty">
            {key === '' ? t('review.queue.empty') : t('review.queue.emptyFiltered')}
          </p>
        )}
        {items.length > 0 && (
          <>
            <div className="table-wrap">
              <table className="data-table queue-table" data-testid="review-queue-table">
                <thead>
                  <tr>
                    <th scope="col">
                      <input
                        type="checkbox"
                        data-testid="queue-select-all"
                        aria-label={t('review.bulk.selectAll')}
                        checked={chosen.length === items.length}
                        onChange={(event) => setSelected(event.target.checked ? new Set(items.map((item) => item.id)) : new Set())}
                      />
                    </th>
                    <th scope="col">{t('review.columns.tenant')}</th>
                    <th scope="col">{t('review.columns.reason')}</th>
                    <th scope="col">{t('review.columns.rightType')}</th>
                    <th scope="col">{t('review.columns.marketplaces')}</th>
                    <th scope="col">{t('review.columns.listings')}</th>
                    <th scope="col">{t('review.columns.submitted')}</th>
                    <th scope="col">{t('review.columns.due')}</th>
                    <th scope="col">{t('review.columns.risk')}</th>
                    <th scope="col">{t('review.columns.claim')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item, index) => (
                    <QueueRow
                      key={item.id}
                      item={item}
                      current={index === at}
                      selected={selected.has(item.id)}
                      onSelect={(on) => toggle(item.id, on)}
                      onFocus={() => setCurrent(index)}
                      href={reviewComplaintHref(item.id, filters)}
                      userId={user.id}
                      now={now}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <div className="list-footer">
              <span className="muted">{t('review.queue.shown', { count: items.length })}</span>
              {list.nextCursor !== undefined ? (
                <button data-testid="queue-load-more" className="button" type="button" onClick={list.loadMore} disabled={list.loading !== false}>
                  {list.loading === 'more' ? t('captures.loadingMore') : t('captures.loadMore')}
                </button>
              ) : (
                <span className="muted">{t('review.queue.allShown')}</span>
              )}
            </div>
          </>
        )}
        <p className="muted small shortcut-hint">{t('review.queue.keysHint')}</p>
      </div>

      {overlay === 'help' && <ShortcutHelp view="queue" onClose={() => setOverlay(undefined)} />}
      {overlay === 'bulk' && (
        <BulkRejectDialog
          api={api}
          items={chosen}
          onClose={() => setOverlay(undefined)}
          onDone={(result) => {
            setOverlay(undefined);
            setSelected(new Set());
            const proposed = result.proposed.length;
            setNotice(`${t('review.bulk.done', { count: result.decided.length })}${proposed > 0 ? ` ${t('review.bulk.proposed', { count: proposed })}` : ''}`);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function FilterSelect({ name, value, onChange, children }: { name: QueueFilterName; value: string | undefined; onChange: (name: QueueFilterName, value: string) => void; children: ReactNode }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <label className="inline-field">
      <span>{t(`review.filters.${name}`)}</span>
      <select data-testid={`queue-filter-${name}`} value={value ?? ''} onChange={(event) => onChange(name, event.target.value)}>
        <option value="">{t('review.filters.any')}</option>
        {children}
      </select>
    </label>
  );
}

interface QueueRowProps {
  item: QueueItem;
  current: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onFocus: () => void;
  href: string;
  userId: string;
  now: number;
}

export function QueueRow({ item, current, selected, onSelect, onFocus, href, userId, now }: QueueRowProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const duration = useDurationText();
  return (
    <tr
      data-testid="queue-row"
      data-complaint-id={item.id}
      data-current={String(current)}
      data-overdue={String(item.overdue)}
      data-risk={item.risk}
      data-state={item.state}
      data-claimed={String(item.claim !== null)}
      className={`${current ? 'row-current' : ''} ${item.overdue ? 'row-overdue' : ''}`}
      aria-current={current ? 'true' : undefined}
      onFocus={onFocus}
    >
      <td>
        <input
          type="checkbox"
          data-testid="queue-select"
          data-complaint-id={item.id}
          aria-label={t('review.bulk.selectOne', { id: item.id })}
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
      </td>
      <td>
        <a href={href} className="strong" data-testid="queue-open">
          {item.tenant.name}
        </a>
        <div className="muted small">
          <code>{item.id}</code>
        </div>
      </td>
      <td>{item.reason ? t(`complaints.reasons.${item.reason}`) : <span className="muted">{t('complaints.noReason')}</span>}</td>
      <td>{item.rightType ? t(`rights.types.${item.rightType}`) : <span className="muted">{t('complaints.noRight')}</span>}</td>
      <td data-testid="queue-marketplaces">
        {item.marketplaces.map((marketplace, index) => (
          <span key={marketplace}>
            {index > 0 && ', '}
            <MarketplaceName marketplace={marketplace} />
          </span>
        ))}
      </td>
      <td className="nowrap">{t('complaints.listingCount', { count: item.listingCount })}</td>
      <td className="nowrap small">
        <time dateTime={item.submittedAt}>{formatShortDateTime(item.submittedAt, i18n.language)}</time>
        <div className="muted" data-testid="queue-age" data-hours={item.ageHours}>
          {t('review.due.age', { time: duration(item.ageHours) })}
        </div>
      </td>
      <td className="nowrap small">
        <DueText dueAt={item.dueAt} overdue={item.overdue} now={now} testId="queue-due" />
      </td>
      <td>
        <RiskBadge risk={item.risk} />
      </td>
      <td className="small">
        <ClaimHolder claim={item.claim} userId={userId} testId="queue-claim" />
      </td>
    </tr>
  );
}
