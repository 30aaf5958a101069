import { useTranslation } from 'react-i18next';
import { useQueue } from '@/hooks/useQueue';
import { QueueItem } from './QueueItem';

export function QueueList() {
  const { t } = useTranslation();
  const { entries, now, loaded } = useQueue();
  return (
    <section className="queue">
      <h2>{t('popup.queueTitle')}</h2>
      {loaded && entries.length === 0 && <p className="muted small">{t('popup.queueEmpty')}</p>}
      {/* data-loaded: lets automation tell "still reading" from "really empty". */}
      <ul data-testid="queue-list" data-loaded={loaded} aria-busy={!loaded}>
        {entries.map((entry) => (
          <QueueItem key={entry.id} entry={entry} now={now} />
        ))}
      </ul>
    </section>
  );
}
