import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { replaceHash } from '../hooks/use-hash-route';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { PasswordField, isPasswordProblem } from './password-field';
import { PublicScreen } from './public-screen';

/** The target of an invitation mail: the invited monitor picks a name and password. */
export function InvitationPage({ api, token }: { api: ApiClient; token: string | null }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [serverProblems, setServerProblems] = useState<readonly string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(() => (token ? undefined : new ApiError(400, 'link_invalid')));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    setSubmitting(true);
    setError(undefined);
    setServerProblems([]);
    try {
      await api.acceptInvitation({ token, displayName: displayName.trim(), password });
      replaceHash('#/invitation');
      setDone(true);
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError && caught.code === 'weak_password') {
        setServerProblems(caught.errors.map((item) => item.code).filter(isPasswordProblem));
      }
    } finally {
      setSubmitting(false);
    }
  }

  if (done) {
    return (
      <PublicScreen>
        <div data-testid="invitation-done" role="status">
          <h1 className="login-heading">{t('invitation.doneHeading')}</h1>
          <p className="form-success-box">{t('invitation.done')}</p>
          <a className="button button-primary button-block" href="#/" data-testid="invitation-sign-in">
            {t('common:signIn')}
          </a>
        </div>
      </PublicScreen>
    );
  }

  return (
    <PublicScreen>
      <h1 className="login-heading">{t('invitation.heading')}</h1>
      <p className="muted">{t('invitation.intro')}</p>
      <form className="login-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('register.displayName')}</span>
          <input
            data-testid="invitation-display-name"
            required
            maxLength={120}
            autoComplete="name"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </label>
        <PasswordField
          testId="invitation-password"
          value={password}
          email=""
          serverProblems={serverProblems}
          onChange={(value) => {
            setPassword(value);
            setServerProblems([]);
          }}
        />
        {error !== undefined && (
          <p className="form-error" role="alert" data-testid="invitation-error">
            {errorText(error)}
          </p>
        )}
        <button
          data-testid="invitation-submit"
          className="button button-primary button-block"
          type="submit"
          disabled={!token || submitting || !displayName.trim() || password === ''}
        >
          {submitting ? t('invitation.submitting') : t('invitation.submit')}
        </button>
      </form>
    </PublicScreen>
  );
}
