import { useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '@openipp/shared';
import { CapturePanel } from '@/components/CapturePanel';
import { LanguageSelect } from '@/components/LanguageSelect';
import { LoginForm } from '@/components/LoginForm';
import { QueueList } from '@/components/QueueList';
import { useLocale } from '@/hooks/useLocale';
import { useStorageValue } from '@/hooks/useStorageValue';
import { useTargetTab } from '@/hooks/useTargetTab';
import { sendMessage } from '@/lib/messaging';
import { backendUrlItem, sessionItem } from '@/lib/storage';

export function App() {
  const { i18n, locale } = useLocale();
  useEffect(() => {
    // Opening the popup is a natural moment to retry whatever is waiting.
    void sendMessage('popupOpened').catch(() => undefined);
  }, []);
  if (!i18n) return null;
  return (
    <I18nextProvider i18n={i18n}>
      <Popup locale={locale} />
    </I18nextProvider>
  );
}

function Popup({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const { value: session, loaded } = useStorageValue(sessionItem);
  const { value: backendUrl } = useStorageValue(backendUrlItem);
  const target = useTargetTab();
  const [syncing, setSyncing] = useState(false);
  const signedIn = session !== null && Date.parse(session.expiresAt) > Date.now();

  async function syncNow() {
    setSyncing(true);
    try {
      await sendMessage('syncNow');
    } finally {
      setSyncing(false);
    }
  }

  return (
    <main className="popup">
      <header>
        <h1>{t('common:appName')}</h1>
        <LanguageSelect locale={locale} />
      </header>
      {!loaded ? (
        <p className="muted">{t('common:loading')}</p>
      ) : !signedIn ? (
        <LoginForm backendUrl={backendUrl} />
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
          <CapturePanel tab={target.tab} tabLoaded={target.loaded} />
          <div className="toolbar">
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
