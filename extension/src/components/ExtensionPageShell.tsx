import { useEffect, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '@openipp/shared';
import { LanguageSelect } from '@/components/LanguageSelect';
import { useLocale } from '@/hooks/useLocale';

export interface ExtensionPageShellProps {
  /** The i18n key of the page's title, shown after the app name in the heading and the tab. */
  titleKey: string;
  /** The page's root class, which its stylesheet hangs from. */
  className: string;
  children: ReactNode;
}

/**
 * The frame of a full extension page (opened in a tab, not the popup): the
 * page's i18n instance, a heading with the language switch, and the tab title.
 * Nothing renders until the translations are loaded, so no key flashes.
 */
export function ExtensionPageShell({ titleKey, className, children }: ExtensionPageShellProps) {
  const { i18n, locale } = useLocale();
  if (!i18n) return null;
  return (
    <I18nextProvider i18n={i18n}>
      <Page titleKey={titleKey} className={className} locale={locale}>
        {children}
      </Page>
    </I18nextProvider>
  );
}

function Page({ titleKey, className, locale, children }: ExtensionPageShellProps & { locale: Locale }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t(titleKey)} · ${t('common:appName')}`;
  }, [t, titleKey]);
  return (
    <main className={className}>
      <header>
        <h1>
          {t('common:appName')} · {t(titleKey)}
        </h1>
        <LanguageSelect locale={locale} />
      </header>
      {children}
    </main>
  );
}
