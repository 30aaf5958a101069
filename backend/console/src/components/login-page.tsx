import type { User } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { LanguageSelect } from './language-select';

interface LoginPageProps {
  api: ApiClient;
  /** Why the user is here, e.g. an expired session; replaced by the next attempt's outcome. */
  notice: string | undefined;
  onSignedIn: (user: User) => void;
}

export function LoginPage({ api, notice, onSignedIn }: LoginPageProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [attempted, setAttempted] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setAttempted(true);
    setError(undefined);
    try {
      onSignedIn(await api.login(email, password));
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  }

  const message = error !== undefined ? errorText(error) : attempted ? undefined : notice;

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
          {message !== undefined && (
            <p className="form-error" role="alert" data-testid="login-error">
              {message}
            </p>
          )}
          <button data-testid="login-submit" className="button button-primary button-block" type="submit" disabled={submitting}>
            {submitting ? t('login.submitting') : t('common:signIn')}
          </button>
        </form>
        <p className="login-hint">{t('login.hint')}</p>
      </div>
    </div>
  );
}
