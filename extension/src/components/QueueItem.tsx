import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@/lib/queue';
import { sendMessage } from '@/lib/messaging';
import { translateError } from '@/lib/i18n';
import { ErrorText } from './ErrorText';

function formatTime(locale: string, epochMs: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(epochMs);
}

function formatIn(locale: string, ms: number): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.ceil(ms / 1000), 'second');
}

/**
 * How many of the capture's files (screenshot, page tiles, page archive) the
 * server holds: all once synced; while incomplete, all but those its receipt
 * names as missing; none before the first upload.
 */
function fileCounts(entry: QueueEntry): { total: number; received: number; tiles: number; archives: number } {
  const declared = entry.meta.artefacts ?? [];
  const total = 1 + declared.length;
  const tiles = declared.filter((artefact) => artefact.kind === 'tile').length;
  const archives = declared.length - tiles;
  if (entry.status === 'synced') return { total, received: total, tiles, archives };
  const missing = entry.receipt?.state === 'incomplete' ? new Set(entry.receipt.missing ?? []) : undefined;
  const received = missing ? total - declared.filter((artefact) => missing.has(artefact.sha256)).length : 0;
  return { total, received, tiles, archives };
}

export function QueueItem({ entry, now }: { entry: QueueEntry; now: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const title = entry.meta.title || entry.meta.url;
  const files = fileCounts(entry);

  return (
    <li className={`item status-${entry.status}`} data-testid="queue-item" data-status={entry.status} data-id={entry.id}>
      <div className="item-head">
        <span className="title" title={entry.meta.url}>
          {title}
        </span>
        <span className={`badge badge-${entry.status}`} data-testid="queue-item-status" title={t(`status.${entry.status}`)}>
          {t(`status.${entry.status}`)}
        </span>
      </div>
      <div className="url muted small" title={entry.meta.url}>
        {entry.meta.url}
      </div>
      <div className="muted small">{t('queue.capturedAt', { time: formatTime(locale, Date.parse(entry.meta.capturedAt)) })}</div>
      {files.total > 1 && (
        <div className="muted small" data-testid="queue-item-files" data-received={files.received} data-total={files.total}>
          {files.received > 0 ? t('artefacts.files', files) : t('artefacts.filesPending', files)}
        </div>
      )}
      {entry.archive && entry.archive !== 'saved' && (
        <div className="muted small" data-testid="queue-item-archive" data-archive={entry.archive}>
          {t(`artefacts.archive.${entry.archive}`)}
        </div>
      )}

      {entry.status === 'pending' && (
        <div className="muted small">
          {entry.attempts > 0 && `${t('queue.attempts', { count: entry.attempts })} · `}
          {entry.nextAttemptAt > now
            ? t('queue.nextTry', { time: formatIn(locale, entry.nextAttemptAt - now) })
            : t('queue.nextTryNow')}
        </div>
      )}
      {(entry.status === 'pending' || entry.status === 'auth_required') && entry.lastError && (
        <div className="muted small">
          {t('queue.lastError', { error: translateError(t, (key) => i18n.exists(key), entry.lastError) })}
        </div>
      )}
      {entry.status === 'synced' && entry.receipt && (
        <div className="small receipt">
          <code>{t('queue.sha256', { hash: entry.receipt.sha256.slice(0, 12) })}</code>
          <span className="muted">{t('queue.receipt', { id: entry.receipt.id })}</span>
        </div>
      )}
      {entry.status === 'failed' && (
        <div className="failed">
          {entry.lastError && <ErrorText code={entry.lastError} />}
          <div className="actions">
            <button onClick={() => void sendMessage('retryEntry', { id: entry.id })}>{t('common:retry')}</button>
            <button className="danger" onClick={() => void sendMessage('deleteEntry', { id: entry.id })}>
              {t('popup.delete')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
