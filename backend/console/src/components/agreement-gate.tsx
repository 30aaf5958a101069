import { PREVAILING_AGREEMENT_LANGUAGE, type AgreementVersion, type Locale, type User } from '@openipp/shared';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { formatDate } from '../lib/format';
import { localesFor, localized } from '../lib/localized';
import { LanguageSelect } from './language-select';
import { Markdown } from './markdown';

interface AgreementGateProps {
  api: ApiClient;
  user: User;
  onAccepted: () => void;
  onDeclined: () => Promise<void>;
}

/** Test ids and element ids use the short language names. */
const SHORT: Record<Locale, 'zh' | 'en'> = { 'zh-CN': 'zh', en: 'en' };

type Load = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; agreement: AgreementVersion };

/**
 * Shown instead of the console until the user accepts the current agreement.
 * The server refuses everything else meanwhile; this screen only explains why
 * and records the acceptance of the text the user actually had on screen.
 */
export function AgreementGate({ api, user, onAccepted, onDeclined }: AgreementGateProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  // The tab starts in the reader's language; Accept records whichever tab is open.
  const [shown, setShown] = useState<Locale>(() => localesFor(i18n.language)[0]);
  const [busy, setBusy] = useState<'accept' | 'decline'>();
  const [actionError, setActionError] = useState<unknown>();
  const tabs = useRef<Partial<Record<Locale, HTMLButtonElement | null>>>({});
  // Read through a ref so a parent re-render does not refetch the agreement.
  const accepted = useRef(onAccepted);
  useEffect(() => {
    accepted.current = onAccepted;
  }, [onAccepted]);

  const fetchAgreement = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      const current = await api.currentAgreement();
      // Accepted meanwhile (e.g. in another tab or the extension): nothing to ask.
      if (current.acceptedAt !== null) accepted.current();
      else setLoad({ state: 'ready', agreement: current.agreement });
    } catch (error) {
      setLoad({ state: 'failed', error });
    }
  }, [api]);

  useEffect(() => {
    void fetchAgreement();
  }, [fetchAgreement]);

  async function accept(agreement: AgreementVersion) {
    setBusy('accept');
    setActionError(undefined);
    try {
      await api.acceptAgreement(agreement.version, shown);
      accepted.current();
    } catch (error) {
      setBusy(undefined);
      setActionError(error);
      // A newer version was published while this one was on screen: show that one instead.
      if (error instanceof ApiError && error.code === 'agreement_version_not_current') void fetchAgreement();
    }
  }

  async function decline() {
    setBusy('decline');
    await onDeclined();
  }

  const order = localesFor(i18n.language);
  const otherUiLocale = order[1];

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = shown === order[0] ? order[1] : order[0];
    setShown(next);
    tabs.current[next]?.focus();
  }

  return (
    <div className="gate-screen" data-testid="agreement-gate">
      <header className="gate-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('common:appName')}</span>
          <span className="brand-subtitle">{t('agreement.title')}</span>
        </div>
        <div className="header-tools">
          <span className="muted">{t('agreement.signedInAs', { email: user.email })}</span>
          <LanguageSelect />
        </div>
      </header>

      <main className="gate-main">
        <div className="gate-card">
          {load.state === 'loading' && (
            <p className="muted" role="status">
              {t('common:loading')}
            </p>
          )}

          {load.state === 'failed' && (
            <div className="banner banner-error" role="alert">
              <span>{errorText(load.error)}</span>
              <button className="button button-small" type="button" onClick={() => void fetchAgreement()}>
                {t('common:retry')}
              </button>
            </div>
          )}

          {load.state === 'ready' && (
            <>
              <div className="gate-intro">
                <h1>{t('agreement.heading')}</h1>
                <p className="page-subtitle">{t('agreement.intro')}</p>
              </div>

              <dl className="gate-facts">
                <div>
                  <dt>{t('agreement.version')}</dt>
                  <dd data-testid="agreement-version">{t('agreement.versionValue', { version: load.agreement.version })}</dd>
                </div>
                <div>
                  <dt>{t('agreement.published')}</dt>
                  <dd>
                    <time dateTime={load.agreement.publishedAt}>{formatDate(load.agreement.publishedAt, i18n.language)}</time>
                  </dd>
                </div>
                <div className="gate-summary">
                  <dt>{t('agreement.summary')}</dt>
                  <dd data-testid="agreement-summary" className="summary-text">
                    <Markdown source={localized(load.agreement.summary, i18n.language)} />
                  </dd>
                </div>
              </dl>

              <div className="prevails-note" data-testid="agreement-prevails-note" role="note">
                <span className="prevails-icon" aria-hidden="true">
                  中
                </span>
                <div>
                  <strong>{t('agreement.prevails')}</strong>
                  {/* The same statement in the other language, so it reads right whichever text is open. */}
                  <div className="prevails-other" lang={otherUiLocale}>
                    {i18n.getFixedT(otherUiLocale, 'console')('agreement.prevails')}
                  </div>
                </div>
              </div>

              <div className="tabs" role="tablist" aria-label={t('agreement.languageTabs')}>
                {order.map((locale) => (
                  <button
                    key={locale}
                    ref={(element) => {
                      tabs.current[locale] = element;
                    }}
                    id={`agreement-tab-${SHORT[locale]}`}
                    data-testid={`agreement-lang-${SHORT[locale]}`}
                    className="tab"
                    type="button"
                    role="tab"
                    aria-selected={shown === locale}
                    aria-controls={`agreement-panel-${SHORT[locale]}`}
                    tabIndex={shown === locale ? 0 : -1}
                    onClick={() => setShown(locale)}
                    onKeyDown={onTabKey}
                  >
                    {t(`common:languages.${locale}`)}
                    {locale === PREVAILING_AGREEMENT_LANGUAGE && <span className="tab-tag">{t('agreement.prevailingTag')}</span>}
                  </button>
                ))}
              </div>

              {order.map((locale) => (
                <section
                  key={locale}
                  id={`agreement-panel-${SHORT[locale]}`}
                  role="tabpanel"
                  aria-labelledby={`agreement-tab-${SHORT[locale]}`}
                  hidden={shown !== locale}
                  className="agreement-panel"
                >
                  <div className="agreement-text" lang={locale} data-testid={`agreement-text-${SHORT[locale]}`} tabIndex={0}>
                    <Markdown source={load.agreement.texts[locale].body} />
                  </div>
                  <p className="agreement-hash muted small">
                    {t('agreement.textHash')} <code>{load.agreement.texts[locale].sha256}</code>
                  </p>
                </section>
              ))}

              {actionError !== undefined && (
                <p className="form-error" role="alert" data-testid="agreement-error">
                  {errorText(actionError)}
                </p>
              )}

              <div className="gate-actions">
                <p className="muted small gate-record-note">
                  {t('agreement.recordNote', { language: t(`common:languages.${shown}`) })}
                </p>
                <div className="gate-buttons">
                  <button
                    data-testid="agreement-decline"
                    className="button"
                    type="button"
                    disabled={busy !== undefined}
                    onClick={() => void decline()}
                  >
                    {busy === 'decline' ? t('header.signingOut') : t('agreement.decline')}
                  </button>
                  <button
                    data-testid="agreement-accept"
                    className="button button-primary"
                    type="button"
                    disabled={busy !== undefined}
                    onClick={() => void accept(load.agreement)}
                  >
                    {busy === 'accept' ? t('agreement.accepting') : t('agreement.accept', { version: load.agreement.version })}
                  </button>
                </div>
              </div>
              <p className="muted small">{t('agreement.declineNote')}</p>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
