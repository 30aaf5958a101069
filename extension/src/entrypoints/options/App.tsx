import { useEffect, useRef, useState, type FormEvent } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '@openipp/shared';
import { LanguageSelect } from '@/components/LanguageSelect';
import { useLocale } from '@/hooks/useLocale';
import { useStorageValue } from '@/hooks/useStorageValue';
import { saveBackendUrl } from '@/lib/settings';
import { backendUrlItem } from '@/lib/storage';

export function App() {
  const { i18n, locale } = useLocale();
  if (!i18n) return null;
  return (
    <I18nextProvider i18n={i18n}>
      <Options locale={locale} />
    </I18nextProvider>
  );
}

function Options({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const { value: current, loaded } = useStorageValue(backendUrlItem);
  const [draft, setDraft] = useState('');
  const [outcome, setOutcome] = useState<'saved' | 'invalid'>();
  // What the user typed wins over the stored value arriving late: storage loads
  // asynchronously, and a fast typist must not see the field reset under them.
  const edited = useRef(false);

  useEffect(() => {
    if (loaded && !edited.current) setDraft(current);
  }, [loaded, current]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const saved = await saveBackendUrl(draft);
    setOutcome(saved === undefined ? 'invalid' : 'saved');
    if (saved !== undefined) {
      setDraft(saved);
      edited.current = false;
    }
  }

  return (
    <main className="options">
      <header>
        <h1>{t('options.title')}</h1>
        <LanguageSelect locale={locale} />
      </header>
      <form onSubmit={(event) => void save(event)} noValidate>
        <label>
          {t('options.backendUrl')}
          <input
            data-testid="backend-url"
            type="url"
            inputMode="url"
            spellCheck={false}
            value={draft}
            aria-invalid={outcome === 'invalid'}
            onChange={(event) => {
              edited.current = true;
              setDraft(event.target.value);
              setOutcome(undefined);
            }}
          />
        </label>
        <p className="muted small">{t('options.backendUrlHelp')}</p>
        {outcome === 'invalid' && (
          <p className="error" role="alert" data-testid="backend-url-error">
            {t('options.invalidUrl')}
          </p>
        )}
        {outcome === 'saved' && (
          <p className="ok" role="status" data-testid="save-status">
            {t('options.saved')}
          </p>
        )}
        <button data-testid="save-button" type="submit" className="primary">
          {t('options.save')}
        </button>
        <p className="muted small">{t('options.current', { url: current })}</p>
      </form>
    </main>
  );
}
