import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { complaintNeedsAction, type Locale, type Message, type SyncComplaint, type SyncInfoRequest } from '@openipp/shared';
import { ErrorText } from '@/components/ErrorText';
import { ExtensionPageShell } from '@/components/ExtensionPageShell';
import { isOpen, type InboxView } from '@/lib/down-sync';
import { openRequestsPage, requestsPageUrl } from '@/lib/extension-page';
import { sendMessage } from '@/lib/messaging';

/** "Your complaints" (issue #7, part 7): the down-synced copy, readable with the server out of reach. */
export function App() {
  return (
    <ExtensionPageShell titleKey="inbox.title" className="inbox-page">
      <Inbox />
    </ExtensionPageShell>
  );
}

const when = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(iso));

function Inbox() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<InboxView>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const result = await sendMessage('loadInbox');
      if (result.ok) {
        setView(result.value);
        setError(undefined);
      } else setError(result.code);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void load(), [load]);

  if (error && !view) return <ErrorText code={error} />;
  if (!view) return <p className="muted">{t('inbox.loading')}</p>;
  if (view.unavailable === 'signed_out') return <p data-testid="inbox-signed-out">{t('inbox.signedOut')}</p>;
  if (view.unavailable === 'staff') return <p data-testid="inbox-staff">{t('inbox.staff')}</p>;
  const snapshot = view.snapshot;
  if (!snapshot) return null;
  const locale = i18n.language;
  const syncedAt = snapshot.syncedAt;

  return (
    <>
      <div className="inbox-status">
        {view.offline ? (
          <p className="offline" data-testid="inbox-offline">
            {syncedAt ? t('inbox.offline', { time: when(locale, syncedAt) }) : t('inbox.offlineNever')}
          </p>
        ) : (
          <p className="muted small" data-testid="inbox-updated">
            {syncedAt ? t('inbox.updated', { time: when(locale, syncedAt) }) : null}
          </p>
        )}
        <button onClick={() => void load()} disabled={loading} data-testid="inbox-refresh">
          {loading ? t('inbox.loading') : t('inbox.refresh')}
        </button>
      </div>
      <section>
        <h2>{t('inbox.complaints')}</h2>
        <ComplaintList complaints={snapshot.complaints} locale={locale} />
      </section>
      <section>
        <h2>{t('inbox.requests')}</h2>
        <RequestList requests={snapshot.infoRequests} locale={locale} />
      </section>
      <section>
        <h2>{t('inbox.messages')}</h2>
        <MessageList messages={snapshot.messages} locale={locale as Locale} />
      </section>
    </>
  );
}

function ComplaintList({ complaints, locale }: { complaints: SyncComplaint[]; locale: string }) {
  const { t } = useTranslation();
  if (complaints.length === 0) return <p className="muted">{t('inbox.noComplaints')}</p>;
  return (
    <ul className="inbox-list" data-testid="inbox-complaints">
      {complaints.map((complaint) => (
        <li key={complaint.id} className={complaintNeedsAction(complaint) ? 'needs-action' : undefined} data-testid="inbox-complaint">
          <div className="row">
            <strong>{t(`complaintStates.${complaint.state}`)}</strong>
            {complaintNeedsAction(complaint) ? <span className="mark">{t('inbox.needsAction')}</span> : null}
            <span className="muted small">{when(locale, complaint.submittedAt ?? complaint.updatedAt)}</span>
          </div>
          <div className="muted small">
            {complaint.right ? `${complaint.right.registrationNumber} · ` : ''}
            {complaint.reason ? `${t(`reasons.${complaint.reason}`)} · ` : ''}
            {t('inbox.listings', { count: complaint.listings.length })}
          </div>
          <ul className="listings">
            {complaint.listings.map((listing) => (
              <li key={listing.id}>
                <span className={`outcome ${listing.outcome}`}>{t(`inbox.outcomes.${listing.outcome}`)}</span>{' '}
                <span className="url">{listing.canonicalUrl ?? listing.url}</span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function RequestList({ requests, locale }: { requests: SyncInfoRequest[]; locale: string }) {
  const { t } = useTranslation();
  if (requests.length === 0) return <p className="muted">{t('inbox.noRequests')}</p>;
  return (
    <>
      {requests.some(isOpen) ? (
        <p>
          <a
            href={requestsPageUrl()}
            data-testid="inbox-answer-requests"
            onClick={(event) => {
              event.preventDefault();
              void openRequestsPage();
            }}
          >
            {t('inbox.answerRequests')}
          </a>
        </p>
      ) : null}
      <ul className="inbox-list" data-testid="inbox-requests">
        {requests.map((request) => (
          <li key={request.id} className={isOpen(request) ? 'needs-action' : undefined} data-testid="inbox-request">
            <div className="row">
              <strong>
                {isOpen(request)
                  ? t('inbox.requestOpen', { deadline: when(locale, request.deadline) })
                  : request.response
                    ? t('inbox.requestAnswered', { time: when(locale, request.response.respondedAt) })
                    : t('inbox.requestExpired', { time: when(locale, request.expiredAt ?? request.deadline) })}
              </strong>
            </div>
            <p className="reviewer-message">{request.message}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

function MessageList({ messages, locale }: { messages: Message[]; locale: Locale }) {
  const { t } = useTranslation();
  if (messages.length === 0) return <p className="muted">{t('inbox.noMessages')}</p>;
  const language: Locale = locale === 'en' ? 'en' : 'zh-CN';
  return (
    <ul className="inbox-list" data-testid="inbox-messages">
      {messages.map((message) => (
        <li key={message.id} className={message.readAt === null ? 'unread' : undefined} data-testid="inbox-message">
          <div className="row">
            {message.readAt === null ? <span className="mark">{t('inbox.unread')}</span> : null}
            <strong>{message.title[language]}</strong>
            <span className="muted small">{when(locale, message.createdAt)}</span>
          </div>
          <p className="body">{message.body[language]}</p>
        </li>
      ))}
    </ul>
  );
}
