import { LOCALES, pickLocale, type Locale } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES, setLocale } from '../i18n';

export function LanguageSelect() {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <label className="language-select">
      <span className="visually-hidden">{t('common:language')}</span>
      <select
        data-testid="language-select"
        value={pickLocale(i18n.language)}
        onChange={(event) => void setLocale(event.target.value as Locale)}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`common:languages.${locale}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
