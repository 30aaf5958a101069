import { isStaff, type Capture, type User } from '@openipp/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { CaptureRow } from './capture-row';
import { Lightbox } from './lightbox';

const PAGE_SIZE = 20;

interface CapturesState {
  items: Capture[];
  nextCursor: string | undefined;
  loading: 'first' | 'more' | false;
  error: unknown;
  /** The cursor of the page that failed, so Retry repeats that request rather than starting over. */
  failedCursor: string | undefined;
}

export function CapturesPage({ api, user }: { api: ApiClient; user: User }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const staff = isStaff(user.role);
  const [state, setState] = useState<CapturesState>({
    items: [],
    nextCursor: undefined,
    loading: 'first',
    error: undefined,
    failedCursor: undefined,
  });
  const [viewing, setViewing] = useState<Capture>();
  // A refresh supersedes any page still in flight; its answer must not be appended.
  const generation = useRef(0);

  const load = useCallback(
    async (cursor?: string) => {
      const mine = cursor === undefined ? ++generation.current : generation.current;
      setState((current) => ({ ...current, loading: cursor === undefined ? 'first' : 'more', error: undefined }));
      try {
        const page = await api.listCaptures(cursor === undefined ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, cursor });
        if (mine !== generation.current) return;
        setState((current) => ({
          items: cursor === undefined ? page.items : [...current.items, ...page.items],
          nextCursor: page.nextCursor,
          loading: false,
          error: undefined,
          failedCursor: undefined,
        }));
      } catch (error) {
        if (mine !== generation.current) return;
        setState((current) => ({ ...current, loading: false, error, failedCursor: cursor }));
      }
    },
    [api],
  );

  useEffect(() => {
    void load();
    return () => {
      generation.current++;
    };
  }, [load]);

  const { items, nextCursor, loading, error, failedCursor } = state;
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
          <button data-testid="refresh-button" className="button" type="button" onClick={() => void load()} disabled={loading !== false}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>

      {error !== undefined && (
        <div className="banner banner-error" role="alert" data-testid="captures-error">
          <span>{errorText(error)}</span>
          <button className="button button-small" type="button" onClick={() => void load(failedCursor)}>
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
          <button className="button button-primary" type="button" onClick={() => void load()}>
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
                onClick={() => void load(nextCursor)}
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

      {viewing && <Lightbox capture={viewing} onClose={() => setViewing(undefined)} />}
    </section>
  );
}
