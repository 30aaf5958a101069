import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaptureCard } from '@/components/CaptureCard';
import { ExtensionPageShell } from '@/components/ExtensionPageShell';
import { useQueue } from '@/hooks/useQueue';
import { useSyncNow } from '@/hooks/useSyncNow';
import { SHOWN_STATES, shownState, stateCounts, type ShownState } from '@/lib/capture-view';

/** Every capture on this device and where its upload stands (issue #7 part 6). */
export function App() {
  return (
    <ExtensionPageShell titleKey="capturesPage.title" className="captures-page">
      <Captures />
    </ExtensionPageShell>
  );
}

/** Cards rendered at a time: a queue of thousands stays quick to redraw every second. */
const PAGE_SIZE = 100;

function Captures() {
  const { t } = useTranslation();
  // The worker announces every queue change, and the list is re-read each second besides.
  const { entries, now, loaded } = useQueue();
  const [filter, setFilter] = useState<ShownState | 'all'>('all');
  const [shown, setShown] = useState(PAGE_SIZE);
  const { syncing, syncNow } = useSyncNow();
  const counts = stateCounts(entries);
  const visible = filter === 'all' ? entries : entries.filter((entry) => shownState(entry.status) === filter);

  return (
    <>
      <p className="muted">{t('capturesPage.intro')}</p>
      <div className="captures-toolbar">
        <strong data-testid="captures-unsynced" data-count={counts.unsynced}>
          {counts.unsynced > 0 ? t('capturesPage.unsynced', { count: counts.unsynced }) : loaded ? t('capturesPage.allReceipted') : ''}
        </strong>
        <button onClick={() => void syncNow()} disabled={syncing} data-testid="captures-sync-now">
          {syncing ? t('capturesPage.syncing') : t('capturesPage.syncNow')}
        </button>
      </div>
      <div className="captures-filters" role="radiogroup" aria-label={t('capturesPage.filterLabel')}>
        {(['all', ...SHOWN_STATES] as const).map((state) => (
          <button
            key={state}
            role="radio"
            aria-checked={filter === state}
            className={filter === state ? 'active' : undefined}
            data-testid={`captures-filter-${state}`}
            onClick={() => {
              setFilter(state);
              setShown(PAGE_SIZE);
            }}
          >
            {t(`capturesPage.filter.${state}`, { count: counts[state] })}
          </button>
        ))}
      </div>
      {!loaded ? (
        <p className="muted">{t('capturesPage.loading')}</p>
      ) : visible.length === 0 ? (
        <p className="muted" data-testid="captures-empty">
          {entries.length === 0 ? t('capturesPage.empty') : t('capturesPage.emptyFilter')}
        </p>
      ) : null}
      {/* data-loaded: lets automation tell "still reading" from "really empty". */}
      <ul className="capture-list" data-testid="capture-list" data-loaded={loaded} aria-busy={!loaded}>
        {visible.slice(0, shown).map((entry) => (
          <CaptureCard key={entry.id} entry={entry} now={now} />
        ))}
      </ul>
      {visible.length > shown && (
        <button className="show-more" onClick={() => setShown((n) => n + PAGE_SIZE)} data-testid="captures-show-more">
          {t('capturesPage.showMore', { count: Math.min(PAGE_SIZE, visible.length - shown) })}
        </button>
      )}
    </>
  );
}
