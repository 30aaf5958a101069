import type { Message } from '@openipp/shared';
import { useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { localized } from '../lib/localized';
import { LoadError, LoadingLine } from './load-status';
import { Markdown } from './markdown';

interface MessagesPageProps {
  api: ApiClient;
  onUnreadChange: Dispatch<SetStateAction<number>>;
}

export function MessagesPage({ api, onUnreadChange }: MessagesPageProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  // The header's unread count follows every list that is shown, not just the first.
  const { data: list, setData: setList, error, setError, loading, reload } = useResource(() => api.listMessages(), [api], {
    onLoad: (loaded) => onUnreadChange(loaded.unread),
  });
  const items = list?.items;
  const [open, setOpen] = useState<string>();

  async function toggle(message: Message) {
    const opening = open !== message.id;
    setOpen(opening ? message.id : undefined);
    if (!opening || message.readAt !== null) return;
    try {
      await api.markMessageRead(message.id);
      const readAt = new Date().toISOString();
      setList((current) => current && { ...current, items: current.items.map((item) => (item.id === message.id ? { ...item, readAt } : item)) });
      onUnreadChange((count) => Math.max(0, count - 1));
    } catch (caught) {
      // The message stays unread; the reader still sees it.
      setError(caught);
    }
  }

  return (
    <section aria-labelledby="messages-heading">
      <div className="page-heading">
        <div>
          <h1 id="messages-heading">{t('messages.heading')}</h1>
          <p className="page-subtitle">{t('messages.subtitle')}</p>
        </div>
        <div className="page-actions">
          <button className="button" type="button" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>

      <LoadError error={error} onRetry={() => void reload()} />

      <LoadingLine show={loading} role="status" />

      {items?.length === 0 && (
        <div className="empty-state" data-testid="messages-empty">
          <h2>{t('messages.empty')}</h2>
        </div>
      )}

      {items !== undefined && items.length > 0 && (
        <ul className="message-list">
          {items.map((message) => {
            const expanded = open === message.id;
            const unread = message.readAt === null;
            return (
              <li
                key={message.id}
                className={`message-item${unread ? ' message-unread' : ''}`}
                data-testid="message-item"
                data-message-id={message.id}
                data-read={unread ? 'false' : 'true'}
              >
                <button
                  className="message-head"
                  type="button"
                  aria-expanded={expanded}
                  aria-controls={`message-body-${message.id}`}
                  onClick={() => void toggle(message)}
                >
                  <span className="message-dot" aria-hidden="true" />
                  <span className="message-title">{localized(message.title, i18n.language)}</span>
                  {unread && <span className="visually-hidden">{t('messages.unread')}</span>}
                  <span className="message-kind">{t(`messages.kinds.${message.kind}`)}</span>
                  <time className="message-time muted" dateTime={message.createdAt}>
                    {formatShortDateTime(message.createdAt, i18n.language)}
                  </time>
                </button>
                {expanded && (
                  <div className="message-body" id={`message-body-${message.id}`} data-testid="message-body">
                    <div className="summary-text">
                      <Markdown source={localized(message.body, i18n.language)} />
                    </div>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
