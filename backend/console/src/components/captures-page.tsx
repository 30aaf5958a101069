import { isStaff, marksOf, type Capture, type User } from '@openipp/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { usePagedList } from '../hooks/use-paged-list';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { CaptureRow } from './capture-row';
import { Lightbox } from './lightbox';

const PAGE_SIZE = 20;

export function CapturesPage({ api, user }: { api: ApiClient; user: User }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const staff = isStaff(user.role);
  const [viewing, setViewing] = useState<Capture>();
  const { items, nextCursor, loading, error, reload, loadMore, retry } = usePagedList(
    (cursor) => api.listCaptures(cursor === undefined ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, cursor }),
    [api],
    { keepItemsOnReload: true },
  );
  const empty = items.length === 0 && !loading && error === undefined;

  return (
    <section className="captures" aria-labelledby="captures-heading">
      <div className="page-heading">
        <div>
          <h1 id="captures-heading">{t('captures.heading')}</h1>
          <p className="page-subtitle">{t('captures.subtitle')}</p>
        </div>
        <div className="page-actions">
          {staff && (
            <span className="staff-note" data-testid="staff-note" title={t('captures.staffNoteDetail')}>
              {t('captures.staffNote')}
            </span>
          )}
          <button data-testid="refresh-button" className="button" type="button" onClick={reload} disabled={loading !== false}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>

      {error !== undefined && (
        <div className="banner banner-error" role="alert" data-testid="captures-error">
          <span>{errorText(error)}</span>
          <button className="button button-small" type="button" onClick={retry}>
            {t('common:retry')}
          </button>
        </div>
      )}

      {loading === 'first' && items.length === 0 && (
        <p className="muted" role="status">
          {t('common:loading')}
        </p>
      )}

      {empty && (
        <div className="empty-state" data-testid="captures-empty">
          <span className="empty-icon" aria-hidden="true" />
          <h2>{t('captures.empty.title')}</h2>
          <p>{staff ? t('captures.empty.staffBody') : t('captures.empty.body')}</p>
          <button className="button button-primary" type="button" onClick={reload}>
            {t('captures.refresh')}
          </button>
        </div>
      )}

      {items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="captures-table" data-testid="captures-table">
              <thead>
                <tr>
                  <th scope="col">{t('captures.columns.screenshot')}</th>
                  <th scope="col">{t('captures.columns.page')}</th>
                  <th scope="col">{t('captures.columns.time')}</th>
                  <th scope="col">{t('captures.columns.evidence')}</th>
                  <th scope="col">{t('captures.columns.capturedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((capture) => (
                  <CaptureRow key={capture.id} capture={capture} showTenant={staff} onView={setViewing} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="list-footer">
            <span className="muted">{t('captures.shown', { count: items.length })}</span>
            {nextCursor !== undefined ? (
              <button
                data-testid="load-more"
                className="button"
                type="button"
                onClick={loadMore}
                disabled={loading !== false}
              >
                {loading === 'more' ? t('captures.loadingMore') : t('captures.loadMore')}
              </button>
            ) : (
              <span className="muted">{t('captures.allShown')}</span>
            )}
          </div>
        </>
      )}

      {viewing && <Lightbox capture={viewing} marks={marksOf(viewing)} onClose={() => setViewing(undefined)} />}
    </section>
  );
}
