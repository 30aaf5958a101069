import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type CurrentAgreementResponse, type Locale } from '@openipp/shared';
import { sendMessage } from '@/lib/messaging';
import { ErrorText } from './ErrorText';
import { Markdown } from './Markdown';

const TEST_ID_SUFFIX: Record<Locale, string> = { 'zh-CN': 'zh', en: 'en' };

/**
 * The agreement gate (issue #3, MISSION items 17–18): both language versions
 * readable, the Chinese-prevails statement beside them, Accept or Decline.
 * Nothing else in the popup works until one of the two is chosen.
 */
export function AgreementGate({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<CurrentAgreementResponse>();
  const [loadError, setLoadError] = useState<string>();
  // The user's own language first; the language they accept in is the one on screen.
  const [shown, setShown] = useState<Locale>(locale);
  const [busy, setBusy] = useState<'accept' | 'decline'>();
  const [error, setError] = useState<string>();
  const [replaced, setReplaced] = useState(false);

  const load = useCallback(async () => {
    setLoadError(undefined);
    try {
      const result = await sendMessage('loadAgreement');
      if (result.ok) setCurrent(result.value);
      else setLoadError(result.code);
    } catch {
      setLoadError('internal_error');
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function accept() {
    if (!current) return;
    setBusy('accept');
    setError(undefined);
    try {
      const result = await sendMessage('acceptAgreement', { version: current.agreement.version, language: shown });
      // On success the hold clears and the popup swaps the gate for the capture screen by itself.
      if (!result.ok && result.code === 'agreement_version_not_current') {
        // A newer version was published while this one was open: show it instead.
        setReplaced(true);
        setCurrent(undefined);
        await load();
      } else if (!result.ok) {
        setError(result.code);
      }
    } catch {
      setError('internal_error');
    } finally {
      setBusy(undefined);
    }
  }

  async function decline() {
    setBusy('decline');
    try {
      await sendMessage('declineAgreement');
    } finally {
      setBusy(undefined);
    }
  }

  const tabs = [locale, ...LOCALES.filter((code) => code !== locale)];
  const agreement = current?.agreement;

  return (
    <section className="gate" data-testid="agreement-gate" aria-labelledby="gate-title">
      <h2 id="gate-title">{t('gate.title')}</h2>
      {!agreement ? (
        loadError ? (
          <div>
            <ErrorText code={loadError} testId="agreement-load-error" />
            <button onClick={() => void load()}>{t('common:retry')}</button>
          </div>
        ) : (
          <p className="muted">{t('gate.loading')}</p>
        )
      ) : (
        <>
          <p className="muted small">{t('gate.intro')}</p>
          {replaced && <p className="small warn">{t('gate.replaced')}</p>}
          <div className="gate-meta">
            <div data-testid="agreement-version" className="small">
              {t('gate.version', {
                version: agreement.version,
                date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(Date.parse(agreement.publishedAt)),
              })}
            </div>
            {/* Summaries can be long numbered lists: their own small scroll box keeps Accept in view. */}
            <div data-testid="agreement-summary" className="summary small" tabIndex={0}>
              <strong>{t('gate.summary')}</strong>
              <Markdown source={agreement.summary[locale]} />
            </div>
          </div>
          <p className="prevails small" data-testid="agreement-prevails-note">
            {t('gate.prevails')}
          </p>
          <div className="tabs" role="tablist" aria-label={t('gate.textLanguage')}>
            {tabs.map((code) => (
              <button
                key={code}
                role="tab"
                id={`agreement-tab-${TEST_ID_SUFFIX[code]}`}
                aria-selected={shown === code}
                aria-controls={`agreement-panel-${TEST_ID_SUFFIX[code]}`}
                className={shown === code ? 'tab active' : 'tab'}
                data-testid={`agreement-lang-${TEST_ID_SUFFIX[code]}`}
                onClick={() => setShown(code)}
              >
                {t(`common:languages.${code}`)}
                {code === agreement.prevailingLanguage && ` · ${t('gate.prevailing')}`}
              </button>
            ))}
          </div>
          {tabs.map((code) => (
            <div
              key={code}
              role="tabpanel"
              id={`agreement-panel-${TEST_ID_SUFFIX[code]}`}
              aria-labelledby={`agreement-tab-${TEST_ID_SUFFIX[code]}`}
              className="agreement-text"
              data-testid={`agreement-text-${TEST_ID_SUFFIX[code]}`}
              lang={code}
              hidden={shown !== code}
              tabIndex={0}
            >
              <Markdown source={agreement.texts[code].body} />
            </div>
          ))}
        </>
      )}
      {error && <ErrorText code={error} testId="agreement-error" />}
      <div className="gate-actions">
        <button
          data-testid="agreement-accept"
          className="primary"
          disabled={!agreement || busy !== undefined}
          onClick={() => void accept()}
        >
          {busy === 'accept' ? t('gate.accepting') : t('gate.accept')}
        </button>
        <button data-testid="agreement-decline" disabled={busy !== undefined} onClick={() => void decline()}>
          {t('gate.decline')}
        </button>
      </div>
      {agreement && <p className="muted small">{t('gate.acceptNote', { language: t(`common:languages.${shown}`) })}</p>}
    </section>
  );
}
