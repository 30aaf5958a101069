import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '@openipp/shared';
import { ErrorText } from '@/components/ErrorText';
import { useNow } from '@/hooks/useNow';
import { useOpenInfoRequests } from '@/hooks/useOpenInfoRequests';
import { useQueue } from '@/hooks/useQueue';
import { useStorageValue } from '@/hooks/useStorageValue';
import { backendUrlItem, sessionItem } from '@/lib/storage';
import { answerCaptureOptions } from './AnswerCaptures';
import { AnswerForm } from './AnswerForm';
import { RequestList } from './RequestList';

/** The time-left texts need no finer step than this. */
const TICK_MS = 30_000;

/** `requests.html#<complaintId>` opens that complaint's answer form. */
function complaintFromHash(): string | null {
  if (typeof location === 'undefined') return null;
  const id = decodeURIComponent(location.hash.slice(1));
  return id === '' ? null : id;
}

/**
 * The requests page (issue #5, part 5): the complaints waiting for more
 * material from the user, and the answer form for the one they pick.
 */
export function RequestsView() {
  const { t, i18n } = useTranslation();
  const { value: session, loaded: sessionLoaded } = useStorageValue(sessionItem);
  const { value: backendUrl } = useStorageValue(backendUrlItem);
  const signedIn = session !== null && Date.parse(session.expiresAt) > Date.now();
  const userId = signedIn ? session.user.id : null;
  const { items, checkedAt, load, reload } = useOpenInfoRequests(userId);
  const queue = useQueue();
  const now = useNow(TICK_MS);
  const [selectedId, setSelectedId] = useState<string | null>(complaintFromHash);
  const [answered, setAnswered] = useState<Complaint>();

  const selected = items.find((item) => item.complaint.id === selectedId);
  const options = useMemo(
    () => (userId === null || !selected ? [] : answerCaptureOptions(queue.entries, userId, selected.complaint.listings)),
    [queue.entries, userId, selected],
  );

  if (!sessionLoaded) return <p className="muted">{t('common:loading')}</p>;
  if (!signedIn) {
    return (
      <p className="notice" data-testid="requests-signed-out">
        {t('requests.signedOut')}
      </p>
    );
  }

  return (
    <div className={selected ? 'requests-layout answering' : 'requests-layout'} data-testid="requests-view">
      <section className="requests-main">
        <p className="muted">{t('requests.intro')}</p>
        <div className="actions">
          <button data-testid="requests-refresh" disabled={load.status === 'loading'} onClick={reload}>
            {load.status === 'loading' ? t('requests.loading') : t('requests.refresh')}
          </button>
          {checkedAt && (
            <span className="muted small" data-testid="requests-checked-at">
              {t('requests.checkedAt', {
                time: new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(Date.parse(checkedAt)),
              })}
            </span>
          )}
        </div>
        {answered && (
          <div className="filed" data-testid="answer-result" data-complaint-id={answered.id} data-state={answered.state} role="status">
            <p className="ok">{t('requests.answered', { id: answered.id, state: t(`complaintStates.${answered.state}`) })}</p>
          </div>
        )}
        {load.status === 'error' && (
          <div className="banner banner-bad" data-testid="requests-error" data-code={load.code}>
            <ErrorText code={load.code} />
          </div>
        )}
        {items.length === 0 && load.status !== 'error' && (
          <p className="notice" data-testid={load.status === 'ready' ? 'requests-empty' : 'requests-loading'}>
            {load.status === 'ready' ? t('requests.empty') : t('requests.loading')}
          </p>
        )}
        <RequestList
          items={items}
          now={now}
          selectedId={selected ? selected.complaint.id : null}
          backendUrl={backendUrl}
          onSelect={(id) => {
            setAnswered(undefined);
            setSelectedId(id);
          }}
        />
      </section>
      {selected && (
        <aside className="requests-side">
          <AnswerForm
            // A new request for the same complaint starts a fresh form.
            key={selected.request.id}
            item={selected}
            options={options}
            onAnswered={(complaint) => {
              setAnswered(complaint);
              setSelectedId(null);
            }}
            onClose={() => setSelectedId(null)}
          />
        </aside>
      )}
    </div>
  );
}
