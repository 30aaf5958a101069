import { useTranslation } from 'react-i18next';
import { useQueue } from '@/hooks/useQueue';
import { capturesPageUrl, openCapturesPage } from '@/lib/captures-page';
import { QueueItem } from './QueueItem';
import './QueueList.css';

export function QueueList() {
  const { t } = useTranslation();
  const { entries, now, loaded } = useQueue();
  return (
    <section className="queue">
      <div className="queue-head">
        <h2>{t('popup.queueTitle')}</h2>
        {/* The popup is small: the captures page shows each capture in full, with filters. */}
        <a
          href={capturesPageUrl()}
          className="small"
          data-testid="open-captures"
          onClick={(event) => {
            event.preventDefault();
            void openCapturesPage();
          }}
        >
          {t('capturesPage.open')}
        </a>
      </div>
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
