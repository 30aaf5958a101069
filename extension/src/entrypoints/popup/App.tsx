import { useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '@openipp/shared';
import { AgreementGate } from '@/components/AgreementGate';
import { AlreadyReported } from '@/components/AlreadyReported';
import { CapturePanel } from '@/components/CapturePanel';
import { InfoRequestsNotice } from '@/components/InfoRequestsNotice';
import { LanguageSelect } from '@/components/LanguageSelect';
import { LoginForm } from '@/components/LoginForm';
import { MaintenanceBanner } from '@/components/MaintenanceBanner';
import { PageReadPanel } from '@/components/PageReadPanel';
import { QueueList } from '@/components/QueueList';
import { SignInNotice } from '@/components/SignInNotice';
import { UnreadMessagesNotice } from '@/components/UnreadMessagesNotice';
import { useLocale } from '@/hooks/useLocale';
import { useListingReports } from '@/hooks/useListingReports';
import { usePlatformStatus } from '@/hooks/usePlatformStatus';
import { usePopupOpened } from '@/hooks/usePopupOpened';
import { useStorageValue } from '@/hooks/useStorageValue';
import { useTargetTab } from '@/hooks/useTargetTab';
import { openComplaintBuilder } from '@/lib/complaint-page';
import { openExtensionPage, openRequestsPage, requestsPageUrl } from '@/lib/extension-page';
import { sendMessage } from '@/lib/messaging';
import {
  agreementHoldItem,
  backendUrlItem,
  openInfoRequestsItem,
  sessionItem,
  signInNoticeItem,
  unreadMessagesItem,
} from '@/lib/storage';
import { openRequestsFor, unreadFor } from '@/lib/toolbar-badge';
import { useSyncNow } from '@/hooks/useSyncNow';

export function App() {
  const { i18n, locale } = useLocale();
  // Opening the popup is a natural moment to retry whatever is waiting, and to ask about a new agreement.
  const { checked } = usePopupOpened();
  if (!i18n) return null;
  return (
    <I18nextProvider i18n={i18n}>
      <Popup locale={locale} checked={checked} />
    </I18nextProvider>
  );
}

function Popup({ locale, checked }: { locale: Locale; checked: boolean }) {
  const { t } = useTranslation();
  const { value: session, loaded: sessionLoaded } = useStorageValue(sessionItem);
  const { value: hold, loaded: holdLoaded } = useStorageValue(agreementHoldItem);
  const { value: notice } = useStorageValue(signInNoticeItem);
  const { value: backendUrl } = useStorageValue(backendUrlItem);
  // Refreshed by the worker when the popup opens (popupOpened); shown from storage meanwhile.
  const { value: infoRequests } = useStorageValue(openInfoRequestsItem);
  const { value: messages } = useStorageValue(unreadMessagesItem);
  const status = usePlatformStatus(backendUrl);
  const target = useTargetTab();
  const { syncing, syncNow } = useSyncNow();
  const [captures, setCaptures] = useState(0);
  const signedIn = session !== null && Date.parse(session.expiresAt) > Date.now();
  const gated = signedIn && hold?.userId === session.user.id;
  const reports = useListingReports(target.tab?.url, signedIn && !gated && checked, captures);

  return (
    <main className="popup">
      <header>
        <h1>{t('common:appName')}</h1>
        <LanguageSelect locale={locale} />
      </header>
      <MaintenanceBanner status={status} locale={locale} />
      {!sessionLoaded || !holdLoaded ? (
        <p className="muted">{t('common:loading')}</p>
      ) : !signedIn ? (
        <>
          <SignInNotice notice={notice} />
          <LoginForm backendUrl={backendUrl} />
        </>
      ) : gated ? (
        <>
          <section className="user">
            <div data-testid="user-email" className="email">
              {session.user.email}
            </div>
          </section>
          <AgreementGate locale={locale} />
          {/* Below the gate, so the user sees which captures wait for the acceptance. */}
          <QueueList />
        </>
      ) : (
        <>
          <section className="user">
            <div>
              <div data-testid="user-email" className="email">
                {session.user.email}
              </div>
              <div className="muted small" data-testid="user-tenant">
                {session.user.tenant.name} · {t(`common:roles.${session.user.role}`)}
              </div>
            </div>
            <button data-testid="logout-button" className="link" onClick={() => void sendMessage('logout')}>
              {t('common:signOut')}
            </button>
          </section>
          <InfoRequestsNotice
            count={openRequestsFor(infoRequests, session.user.id).length}
            href={requestsPageUrl()}
            onOpen={() => void openRequestsPage()}
          />
          <p className="small">
            <a href="#" data-testid="open-inbox" onClick={(event) => (event.preventDefault(), void openExtensionPage('/inbox.html'))}>
              {t('inbox.open')}
            </a>
          </p>
          <UnreadMessagesNotice
            unread={unreadFor(messages, session.user.id)}
            latest={messages?.userId === session.user.id ? messages.latest : []}
            locale={locale}
            backendUrl={backendUrl}
            onRead={(id) => void sendMessage('readMessage', { id }).catch(() => undefined)}
          />
          <AlreadyReported reports={reports} backendUrl={backendUrl} />
          <CapturePanel
            tab={target.tab}
            tabLoaded={target.loaded && checked}
            onCaptured={() => setCaptures((n) => n + 1)}
          />
          <PageReadPanel />
          <div className="toolbar">
            <button data-testid="build-complaint" onClick={() => void openComplaintBuilder()}>
              {t('popup.buildComplaint')}
            </button>
            <button data-testid="sync-now" onClick={() => void syncNow()} disabled={syncing}>
              {syncing ? t('popup.syncing') : t('popup.syncNow')}
            </button>
          </div>
          <QueueList />
        </>
      )}
    </main>
  );
}
