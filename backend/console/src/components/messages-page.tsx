import type { Message } from '@openipp/shared';
import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { localized } from '../lib/localized';
import { Markdown } from './markdown';

interface MessagesPageProps {
  api: ApiClient;
  onUnreadChange: Dispatch<SetStateAction<number>>;
}

export function MessagesPage({ api, onUnreadChange }: MessagesPageProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [items, setItems] = useState<Message[]>();
  const [error, setError] = useState<unknown>();
  const [open, setOpen] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const list = await api.listMessages();
      setItems(list.items);
      onUnreadChange(list.unread);
    } catch (caught) {
      setError(caught);
    }
  }, [api, onUnreadChange]);

  useEffect(() => {
    void load();
  }, [load]);

  async function toggle(message: Message) {
    const opening = open !== message.id;
    setOpen(opening ? message.id : undefined);
    if (!opening || message.readAt !== null) return;
    try {
      await api.markMessageRead(message.id);
      const readAt = new Date().toISOString();
      setItems((current) => current?.map((item) => (item.id === message.id ? { ...item, readAt } : item)));
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
          <button className="button" type="button" onClick={() => void load()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>

      {error !== undefined && (
        <div className="banner banner-error" role="alert">
          <span>{errorText(error)}</span>
          <button className="button button-small" type="button" onClick={() => void load()}>
            {t('common:retry')}
          </button>
        </div>
      )}

      {items === undefined && error === undefined && (
        <p className="muted" role="status">
          {t('common:loading')}
        </p>
      )}

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
