import { pickLocale, type Locale } from '@openipp/shared';

/** Server texts stored in both languages ({ 'zh-CN', en }); picks the one for the UI language. */
export function localized(texts: Record<Locale, string>, language: string): string {
  return texts[pickLocale(language)];
}

/** The UI language first, then the other: the order in which the agreement's tabs are offered. */
export function localesFor(language: string): [Locale, Locale] {
  return pickLocale(language) === 'en' ? ['en', 'zh-CN'] : ['zh-CN', 'en'];
}
