import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useLinkAction } from '../hooks/use-link-action';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { PublicScreen } from './public-screen';

/**
 * The "this was not me" link in a new-device sign-in mail. It waits for a
 * confirmation: mail scanners open links, and freezing locks the owner out too.
 */
export function FreezeLinkPage({ api, token, onFrozen }: { api: ApiClient; token: string | null; onFrozen: () => void }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const freeze = useCallback(
    async (value: string) => {
      await api.freezeByLink(value);
      // If this browser was signed in to the same account, that session has just ended too.
      onFrozen();
    },
    [api, onFrozen],
  );
  const { status, run } = useLinkAction(token, freeze, { auto: false, clearTo: '#/freeze' });

  return (
    <PublicScreen>
      {status.state === 'done' ? (
        <div data-testid="freeze-link-done" role="status">
          <span className="notice-icon notice-icon-lock" aria-hidden="true" />
          <h1 className="login-heading">{t('frozen.heading')}</h1>
          <ul className="notice-list">
            <li>{t('frozen.points.sessions')}</li>
            <li>{t('frozen.points.signIn')}</li>
            <li>{t('frozen.points.review')}</li>
          </ul>
          <a className="button button-block" href="#/">
            {t('frozen.back')}
          </a>
        </div>
      ) : (
        <>
          <h1 className="login-heading">{t('freezeLink.heading')}</h1>
          <p>{t('freezeLink.explanation')}</p>
          <ul className="notice-list">
            <li>{t('freezeLink.points.sessions')}</li>
            <li>{t('freezeLink.points.signIn')}</li>
            <li>{t('freezeLink.points.review')}</li>
          </ul>
          {status.state === 'failed' && (
            <p className="form-error" role="alert" data-testid="freeze-link-error">
              {errorText(status.error)}
            </p>
          )}
          <div className="form-actions-stack">
            {token && (
              <button
                data-testid="freeze-link-confirm"
                className="button button-danger-solid button-block"
                type="button"
                disabled={status.state === 'working' || (status.state === 'failed' && isAnswered(status.error))}
                onClick={run}
              >
                {status.state === 'working' ? t('account.compromise.submitting') : t('freezeLink.confirm')}
              </button>
            )}
            <a className="button button-block" href="#/">
              {t('freezeLink.cancel')}
            </a>
          </div>
        </>
      )}
    </PublicScreen>
  );
}

/** The server has answered (used, expired, invalid): trying the same link again cannot help. */
const isAnswered = (error: unknown): boolean => error instanceof ApiError && error.status !== 0;
