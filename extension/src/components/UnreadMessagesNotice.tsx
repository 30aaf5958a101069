import { useTranslation } from 'react-i18next';
import type { Locale } from '@openipp/shared';
import type { UnreadMessageSummary } from '@/lib/storage';

export interface UnreadMessagesNoticeProps {
  /** All unread messages, as the server counted them. */
  unread: number;
  /** The newest few unread. */
  latest: UnreadMessageSummary[];
  /** Messages carry both languages; the one shown is the popup's. */
  locale: Locale;
  /** The console is served by the backend; its inbox is `#/messages`. */
  backendUrl: string;
  /** A message title was clicked: it is read now. */
  onRead: (id: string) => void;
}

/**
 * "N unread messages" in the popup (issue #6, part 4), with the newest titles.
 * Each title opens the console's inbox, where the body is read, and marks the
 * message read through the worker.
 */
export function UnreadMessagesNotice({ unread, latest, locale, backendUrl, onRead }: UnreadMessagesNoticeProps) {
  const { t } = useTranslation();
  if (unread <= 0) return null;
  const inbox = `${backendUrl}/#/messages`;
  return (
    <section className="banner banner-info" data-testid="unread-messages" data-count={unread} role="status">
      <strong>{t('popup.unreadMessages', { count: unread })}</strong>
      {latest.length > 0 && (
        <ul className="message-titles">
          {latest.map((message) => (
            <li key={message.id}>
              <a
                data-testid="unread-message"
                data-id={message.id}
                href={inbox}
                target="_blank"
                rel="noreferrer"
                title={t('popup.unreadMessageHint')}
                onClick={() => onRead(message.id)}
              >
                {message.title[locale]}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a data-testid="messages-inbox-link" href={inbox} target="_blank" rel="noreferrer">
          {t('popup.messagesOpen')}
        </a>
      </p>
    </section>
  );
}
