import { resources } from '@openipp/locales';
import { LOCALES, pickLocale, type Locale } from '@openipp/shared';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

const STORAGE_KEY = 'openipp.console.locale';

/**
 * Pass to useTranslation(): `console` is the default, the others are reached as
 * `common:…`, `errors:…`, `qualification:…` (why a complaint is not yet a qualified notice)
 * `review:…` (statement templates, deficiencies, the due-date breakdown), `seller:…` (shops, the seller's
 * complaints, counter-notices) and `staff:…` (shop verification, deliveries, restore or retain).
 */
export const NAMESPACES = ['console', 'common', 'errors', 'qualification', 'review', 'seller', 'staff'] as const;

function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LOCALES.find((locale) => locale === value);
  } catch {
    // Storage can be disabled by privacy settings; fall back to the browser's languages.
    return undefined;
  }
}

export function currentLocale(): Locale {
  return pickLocale(i18next.language);
}

export async function setLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across reloads, but the switch still applies now.
  }
  await i18next.changeLanguage(locale);
}

export function initI18n(): typeof i18next {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    document.title = i18next.t('console:documentTitle');
  });
  void i18next.use(initReactI18next).init({
    resources,
    lng: storedLocale() ?? pickLocale(navigator.languages),
    fallbackLng: false,
    supportedLngs: [...LOCALES],
    ns: [...NAMESPACES],
    defaultNS: 'console',
    // Resources are bundled, so initialise synchronously and render translated from the first paint.
    initAsync: false,
    // React already escapes what it renders.
    interpolation: { escapeValue: false },
  });
  return i18next;
}
