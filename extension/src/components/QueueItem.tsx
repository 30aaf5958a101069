import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@/lib/queue';
import { sendMessage } from '@/lib/messaging';
import { translateError } from '@/lib/i18n';
import { formatIn } from '@/lib/capture-format';
import { uploadProgress } from '@/lib/capture-view';
import { ErrorText } from './ErrorText';
import { ProgressSummary } from './CaptureProgress';

function formatTime(locale: string, epochMs: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(epochMs);
}

export function QueueItem({ entry, now }: { entry: QueueEntry; now: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const title = entry.meta.title || entry.meta.url;
  const progress = uploadProgress(entry);

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
      {/* How far the upload has got, whenever there is more to say than the status badge does. */}
      {(entry.status === 'uploading' || progress.total > 1 || (progress.screenshotSent && entry.status !== 'synced')) && (
        <div className="muted small" data-testid="queue-item-progress">
          <ProgressSummary progress={progress} status={entry.status} />
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
