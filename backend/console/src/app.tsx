import type { User } from '@openipp/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './components/app-header';
import { CapturesPage } from './components/captures-page';
import { LoginPage } from './components/login-page';
import { useErrorText } from './hooks/use-error-text';
import { NAMESPACES } from './i18n';
import { ApiError, type ApiClient } from './lib/api';

type Session =
  | { status: 'restoring' }
  | { status: 'signed-out'; notice?: unknown }
  | { status: 'signed-in'; user: User; signOutError?: unknown };

const isUnauthenticated = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

export function App({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [session, setSession] = useState<Session>({ status: 'restoring' });

  // Any 401 ends the session in the UI too. Whatever the server's code (a lost
  // cookie reads as `unauthenticated`), a signed-in user is told the session ended.
  useEffect(
    () =>
      api.onUnauthenticated((error) =>
        setSession((current) =>
          current.status === 'signed-in'
            ? { status: 'signed-out', notice: new ApiError(error.status, 'session_expired') }
            : { status: 'signed-out' },
        ),
      ),
    [api],
  );

  // The session cookie survives a reload; the CSRF token and user do not.
  useEffect(() => {
    let current = true;
    api.me().then(
      (user) => current && setSession({ status: 'signed-in', user }),
      // No session is the normal first visit, not something to report.
      (error: unknown) => current && setSession({ status: 'signed-out', notice: isUnauthenticated(error) ? undefined : error }),
    );
    return () => {
      current = false;
    };
  }, [api]);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
      setSession({ status: 'signed-out' });
    } catch (error) {
      if (isUnauthenticated(error)) setSession({ status: 'signed-out' });
      else setSession((current) => (current.status === 'signed-in' ? { ...current, signOutError: error } : current));
    }
  }, [api]);

  if (session.status === 'restoring') {
    return (
      <div className="restoring" role="status">
        {t('restoring')}
      </div>
    );
  }

  if (session.status === 'signed-out') {
    return (
      <LoginPage
        api={api}
        notice={session.notice === undefined ? undefined : errorText(session.notice)}
        onSignedIn={(user) => setSession({ status: 'signed-in', user })}
      />
    );
  }

  return (
    <div className="layout">
      <AppHeader user={session.user} onSignOut={signOut} />
      {session.signOutError !== undefined && (
        <div className="banner banner-error" role="alert">
          {errorText(session.signOutError)}
        </div>
      )}
      <main className="main">
        <CapturesPage api={api} user={session.user} />
      </main>
    </div>
  );
}
