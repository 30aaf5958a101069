import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '@openipp/shared';
import { LanguageSelect } from '@/components/LanguageSelect';
import { RequestsView } from '@/components/requests/RequestsView';
import { useLocale } from '@/hooks/useLocale';

export function App() {
  const { i18n, locale } = useLocale();
  if (!i18n) return null;
  return (
    <I18nextProvider i18n={i18n}>
      <Page locale={locale} />
    </I18nextProvider>
  );
}

function Page({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('requests.title')} · ${t('common:appName')}`;
  }, [t]);
  return (
    <main className="requests-page">
      <header>
        <h1>
          {t('common:appName')} · {t('requests.title')}
        </h1>
        <LanguageSelect locale={locale} />
      </header>
      <RequestsView />
    </main>
  );
}
