import { useEffect, useState } from 'react';
import type { i18n as I18n } from 'i18next';
import type { Locale } from '@openipp/shared';
import { browserLanguages, createI18n, resolveLocale } from '@/lib/i18n';
import { localeOverrideItem } from '@/lib/storage';
import { useStorageValue } from './useStorageValue';

/** An i18n instance that follows the browser language, or the stored override, live. */
export function useLocale(): { i18n: I18n | undefined; locale: Locale } {
  const { value: override, loaded } = useStorageValue(localeOverrideItem);
  const locale = resolveLocale(override, browserLanguages());
  const [i18n, setI18n] = useState<I18n>();
  useEffect(() => {
    if (!loaded) return;
    if (i18n) {
      void i18n.changeLanguage(locale);
      return;
    }
    void createI18n(locale).then(setI18n);
  }, [loaded, locale, i18n]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return { i18n, locale };
}
