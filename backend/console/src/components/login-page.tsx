import type { User } from '@openipp/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { LanguageSelect } from './language-select';

/** Why the user is here; replaced by the next attempt's outcome. */
export interface LoginNotice {
  text: string;
  /** An error (e.g. an expired session) or plain information (e.g. signed out everywhere). */
  tone: 'error' | 'info';
}

interface LoginPageProps {
  api: ApiClient;
  notice: LoginNotice | undefined;
  /** May take a moment (the agreement check); the form stays busy until it settles. */
  onSignedIn: (user: User) => Promise<void>;
}

export function LoginPage({ api, notice, onSignedIn }: LoginPageProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [attempted, setAttempted] = useState(false);
  const [mailbox, setMailbox] = useState(false);

  // The demo mailbox link appears only where the server runs one (demo mode).
  useEffect(() => {
    let current = true;
    api.devMailbox().then(
      () => current && setMailbox(true),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setAttempted(true);
    setError(undefined);
    try {
      await onSignedIn(await api.login(email, password));
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  }

  const message: LoginNotice | undefined =
    error !== undefined ? { text: errorText(error), tone: 'error' } : attempted ? undefined : notice;

  return (
    <div className="login-screen">
      <div className="login-toolbar">
        <LanguageSelect />
      </div>
      <div className="login-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('common:appName')}</span>
        </div>
        <p className="tagline">{t('tagline')}</p>
        <h1 className="login-heading">{t('login.heading')}</h1>
        <form className="login-form" onSubmit={submit}>
          <label className="field">
            <span className="field-label">{t('common:email')}</span>
            <input
              data-testid="login-email"
              type="email"
              name="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('common:password')}</span>
            <input
              data-testid="login-password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          {message?.tone === 'error' && (
            <p className="form-error" role="alert" data-testid="login-error">
              {message.text}
            </p>
          )}
          {message?.tone === 'info' && (
            <p className="form-notice" role="status" data-testid="login-notice">
              {message.text}
            </p>
          )}
          <button data-testid="login-submit" className="button button-primary button-block" type="submit" disabled={submitting}>
            {submitting ? t('login.submitting') : t('common:signIn')}
          </button>
        </form>
        <p className="login-hint">{t('login.hint')}</p>
        <div className="login-links">
          <span>{t('login.noAccount')}</span>{' '}
          <a href="#/register" data-testid="register-link">
            {t('login.register')}
          </a>
        </div>
        {mailbox && (
          <div className="login-links login-links-demo">
            <a href="#/mailbox" data-testid="mailbox-link">
              {t('login.mailbox')}
            </a>
          </div>
        )}
      </div>
    </div>
  );
}
