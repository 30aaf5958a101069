import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import { ErrorText } from './ErrorText';

export function LoginForm({ backendUrl }: { backendUrl: string }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await sendMessage('login', { email: email.trim(), password });
      // On success the stored session changes and the popup re-renders by itself. A frozen
      // account is explained by the notice above the form (it is stored), not said twice here.
      if (!result.ok && result.code !== 'account_frozen') setError(result.code);
    } catch {
      setError('internal_error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="login" onSubmit={(event) => void submit(event)}>
      <h2>{t('popup.signInTitle')}</h2>
      <label>
        {t('common:email')}
        <input
          data-testid="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      <label>
        {t('common:password')}
        <input
          data-testid="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      {error && <ErrorText code={error} testId="login-error" />}
      <button data-testid="login-submit" type="submit" className="primary" disabled={busy}>
        {busy ? t('popup.signingIn') : t('common:signIn')}
      </button>
      <p className="muted small">
        {t('popup.backendUsed', { url: backendUrl })}{' '}
        <a
          href={browser.runtime.getURL('/options.html')}
          data-testid="options-link"
          onClick={(event) => {
            event.preventDefault();
            void browser.runtime.openOptionsPage();
          }}
        >
          {t('popup.changeBackend')}
        </a>
      </p>
    </form>
  );
}
