import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useLinkAction } from '../hooks/use-link-action';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { PublicScreen } from './public-screen';

/** The target of the verification mail's link: verifies the address as soon as it opens. */
export function VerifyEmailPage({ api, token }: { api: ApiClient; token: string | null }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const verify = useCallback((value: string) => api.verifyEmail(value), [api]);
  const { status, run } = useLinkAction(token, verify, { auto: true, clearTo: '#/verify-email' });

  return (
    <PublicScreen>
      <h1 className="login-heading">{t('verifyEmail.heading')}</h1>
      {(status.state === 'idle' || status.state === 'working') && (
        <p className="muted" role="status">
          {t('verifyEmail.working')}
        </p>
      )}
      {status.state === 'done' && (
        <div data-testid="verify-email-done" role="status">
          <p className="form-success-box">{t('verifyEmail.done')}</p>
          <p className="muted">{t('verifyEmail.next')}</p>
          <a className="button button-primary button-block" href="#/" data-testid="verify-email-sign-in">
            {t('common:signIn')}
          </a>
        </div>
      )}
      {status.state === 'failed' && (
        <div data-testid="verify-email-error">
          <p className="form-error" role="alert">
            {errorText(status.error)}
          </p>
          <p className="muted">{t('verifyEmail.failedHint')}</p>
          <div className="form-actions form-actions-split">
            {token && !(status.error instanceof ApiError && status.error.status !== 0) && (
              <button className="button" type="button" onClick={run}>
                {t('common:retry')}
              </button>
            )}
            <a className="button button-primary" href="#/">
              {t('common:signIn')}
            </a>
          </div>
        </div>
      )}
    </PublicScreen>
  );
}
