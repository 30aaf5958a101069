import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@openipp/shared';
import { localeOverrideItem } from '@/lib/storage';

export function LanguageSelect({ locale }: { locale: Locale }) {
  const { t } = useTranslation('common');
  return (
    <label className="language">
      <span className="visually-hidden">{t('language')}</span>
      <select
        data-testid="language-select"
        aria-label={t('language')}
        value={locale}
        onChange={(event) => void localeOverrideItem.setValue(event.target.value as Locale)}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {t(`languages.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
