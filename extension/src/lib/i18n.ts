import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from '@openipp/locales';
import type { Locale } from '@openipp/shared';

export { browserLanguages, resolveLocale } from './locale';

export async function createI18n(locale: Locale): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: false,
    ns: ['extension', 'common', 'errors', 'qualification'],
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

/**
 * A qualification problem as text (issue #4): the code is the key in the
 * `qualification` namespace and its params fill the placeholders, whether the
 * problem came from the live check or from the server's 422.
 */
export function translateProblem(
  t: TFunction,
  exists: (key: string) => boolean,
  problem: { code: string; params?: Record<string, string | number> | undefined },
): string {
  const key = `qualification:${problem.code}`;
  if (exists(key)) return t(key, problem.params ?? {});
  return t('errors:unknown', { code: problem.code });
}
