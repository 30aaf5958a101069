import i18next, { type TFunction } from 'i18next';
import { browser } from 'wxt/browser';
import { resources } from '@openipp/locales';
import { pickLocale, type Locale } from '@openipp/shared';
import { localeOverrideItem } from './storage';

/**
 * Language choice without React, so the service worker can word the toolbar
 * badge's title without bundling react-i18next (lib/i18n.ts builds on this).
 */

/** The browser's UI language decides unless the user picked one in the popup. */
export function resolveLocale(override: Locale | null, browserLanguages: readonly string[]): Locale {
  return override ?? pickLocale(browserLanguages);
}

export function browserLanguages(): string[] {
  let ui: string | undefined;
  try {
    ui = browser.i18n?.getUILanguage?.();
  } catch {
    // No UI language to ask for (outside a browser): navigator.languages still speaks.
  }
  return [...(ui ? [ui] : []), ...(typeof navigator !== 'undefined' ? navigator.languages : [])];
}

export async function currentLocale(): Promise<Locale> {
  return resolveLocale(await localeOverrideItem.getValue(), browserLanguages());
}

/** A plain translator for code outside React (the worker). */
export async function createTranslator(locale: Locale): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: locale,
    fallbackLng: false,
    ns: ['extension', 'common'],
    defaultNS: 'extension',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance.t;
}
