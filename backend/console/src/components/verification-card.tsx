import { RIGHT_STATUSES, type RightStatus } from '@openipp/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { LoadError, LoadingLine } from './load-status';

/** Rights and shop claims go through the same three states of staff verification. */
type Filter = RightStatus | 'all';
const FILTERS: readonly Filter[] = [...RIGHT_STATUSES, 'all'];

interface VerificationCardProps<T extends { id: string }> {
  /** The card's id and test-id prefix, e.g. `admin-rights`. */
  name: string;
  heading: string;
  subtitle: string;
  emptyPending: string;
  empty: string;
  /** `undefined`: every state. */
  load: (status: RightStatus | undefined) => Promise<T[]>;
  /** The table; `onDecided` takes a decided item off the pending list at once (the next load confirms it). */
  children: (items: T[], onDecided: (id: string) => void) => ReactNode;
}

/** A staff verification queue: a state filter, refresh, loading and errors, and the caller's table. */
export function VerificationCard<T extends { id: string }>({ name, heading, subtitle, emptyPending, empty, load, children }: VerificationCardProps<T>) {
  const { t } = useTranslation(NAMESPACES);
  const [filter, setFilter] = useState<Filter>('pending');
  const { data: items, setData, error, loading, reload } = useResource<T[]>(() => load(filter === 'all' ? undefined : filter), [load, filter]);
  const onDecided = (id: string) => {
    if (filter === 'pending') setData((current) => current?.filter((item) => item.id !== id));
    else void reload();
  };

  return (
    <div className="card" id={name} aria-labelledby={`${name}-heading`}>
      <div className="card-heading">
        <div>
          <h2 id={`${name}-heading`}>{heading}</h2>
          <p className="muted">{subtitle}</p>
        </div>
        <div className="page-actions">
          <label className="inline-field">
            <span>{t('admin.users.filter')}</span>
            <select data-testid={`${name}-filter`} value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
              {FILTERS.map((value) => (
                <option key={value} value={value}>
                  {value === 'all' ? t('adminRights.all') : t(`rights.states.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <button className="button" type="button" data-testid={`${name}-refresh`} onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {items?.length === 0 && (
        <p className="muted" data-testid={`${name}-empty`}>
          {filter === 'pending' ? emptyPending : empty}
        </p>
      )}
      {items !== undefined && items.length > 0 && children(items, onDecided)}
    </div>
  );
}
