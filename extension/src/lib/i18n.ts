import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { browser } from 'wxt/browser';
import { resources } from '@openipp/locales';
import { pickLocale, type Locale } from '@openipp/shared';

/** The browser's UI language decides unless the user picked one in the popup. */
export function resolveLocale(override: Locale | null, browserLanguages: readonly string[]): Locale {
  return override ?? pickLocale(browserLanguages);
}

export function browserLanguages(): string[] {
  const ui = browser.i18n?.getUILanguage?.();
  return [...(ui ? [ui] : []), ...(typeof navigator !== 'undefined' ? navigator.languages : [])];
}

export async function createI18n(locale: Locale): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: false,
    ns: ['extension', 'common', 'errors'],
    defaultNS: 'extension',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}

/**
 * An error code as text: extension-only codes first (capture refusals), then
 * the server's closed list, else the generic text naming the code.
 */
export function translateError(t: TFunction, exists: (key: string) => boolean, code: string): string {
  if (exists(`extension:errors.${code}`)) return t(`extension:errors.${code}`);
  if (exists(`errors:${code}`)) return t(`errors:${code}`);
  return t('errors:unknown', { code });
}
