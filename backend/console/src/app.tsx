import type { User } from '@openipp/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountFrozenNotice } from './components/account-frozen-notice';
import { AccountPage } from './components/account-page';
import { AdminPage } from './components/admin-page';
import { AgreementGate } from './components/agreement-gate';
import { AppHeader } from './components/app-header';
import { CapturesPage } from './components/captures-page';
import { ComplaintBuilder } from './components/complaint-builder';
import { ComplaintDetail } from './components/complaint-detail';
import { ComplaintsPage } from './components/complaints-page';
import { ContactsPrompt } from './components/contacts-prompt';
import { FreezeLinkPage } from './components/freeze-link-page';
import { IdentityBanner } from './components/identity-status';
import { InvitationPage } from './components/invitation-page';
import { LoginPage, type LoginNotice } from './components/login-page';
import { MaintenanceBanner } from './components/maintenance-banner';
import { MailboxPage } from './components/mailbox-page';
import { MessagesPage } from './components/messages-page';
import { OrganisationPage } from './components/organisation-page';
import { RegisterPage } from './components/register-page';
import { ReviewComplaintPage } from './components/review-complaint-page';
import { ReviewQueuePage } from './components/review-queue-page';
import { RightsPage } from './components/rights-page';
import { SellerComplaintDetail } from './components/seller-complaint-detail';
import { SellerComplaintsPage } from './components/seller-complaints-page';
import { ShopsPage } from './components/shops-page';
import { VerifyEmailPage } from './components/verify-email-page';
import { useErrorText } from './hooks/use-error-text';
import { isPublicRoute, useHashLocation, type HashLocation } from './hooks/use-hash-route';
import { usePlatformStatus } from './hooks/use-platform-status';
import { NAMESPACES } from './i18n';
import { AGREEMENT_REQUIRED, ApiError, type ApiClient } from './lib/api';
import { navKeyOf, resolvePage } from './lib/pages';

/** Why the login form is showing: a failure to explain, or one of these plain notices. */
type Notice = { error: unknown } | { key: 'agreementDeclined' | 'signedOutEverywhere' };

type Session =
  | { status: 'restoring' }
  | { status: 'signed-out'; notice?: Notice }
  /** Signed in, but the current agreement is not accepted: the server refuses everything else. */
  | { status: 'gate'; user: User; contactsDue: boolean }
  /**
   * `visit` changes on every entry, so pages remount and reload what the gate kept from them.
   * `contactsDue`: the contact details want re-confirming; asked once the gate is passed.
   */
  | { status: 'signed-in'; user: User; visit: number; contactsDue: boolean; signOutError?: unknown }
  /** The user has just frozen their own account; every session, this one included, is gone. */
  | { status: 'frozen' };

const isUnauthenticated = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

let visits = 0;
const signedIn = (user: User, contactsDue: boolean): Session => ({ status: 'signed-in', user, visit: ++visits, contactsDue });

export function App({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [session, setSession] = useState<Session>({ status: 'restoring' });
  const location = useHashLocation();
  const route = location.route;
  const platform = usePlatformStatus(api);
  const [unread, setUnread] = useState(0);

  // Any 401 ends the session in the UI too. Whatever the server's code (a lost
  // cookie reads as `unauthenticated`), a signed-in user is told the session ended;
  // a frozen account says so, since signing in again will not help.
  useEffect(
    () =>
      api.onUnauthenticated((error) =>
        setSession((current) => {
          if (current.status === 'frozen') return current;
          if (current.status !== 'signed-in' && current.status !== 'gate') return { status: 'signed-out' };
          const code = error.code === 'account_frozen' ? 'account_frozen' : 'session_expired';
          return { status: 'signed-out', notice: { error: new ApiError(error.status, code) } };
        }),
      ),
    [api],
  );

  // The server decides when the gate closes (a version published meanwhile, by
  // anyone): any call refused for it sends the user to the gate. A write refused
  // for maintenance means the banner is stale.
  const { refresh: refreshStatus } = platform;
  useEffect(
    () =>
      api.onProblem((error) => {
        if (error.code === AGREEMENT_REQUIRED) {
          setSession((current) =>
            current.status === 'signed-in' ? { status: 'gate', user: current.user, contactsDue: current.contactsDue } : current,
          );
        } else if (error.code === 'maintenance') {
          refreshStatus();
        }
      }),
    [api, refreshStatus],
  );

  /** Asks the server whether the current agreement is accepted, then opens the console or the gate. */
  const enter = useCallback(
    async (fallbackUser?: User) => {
      try {
        const me = await api.me();
        setSession(
          me.pendingAgreementVersion === null
            ? signedIn(me.user, me.contactConfirmationDue)
            : { status: 'gate', user: me.user, contactsDue: me.contactConfirmationDue },
        );
      } catch (error) {
        if (fallbackUser && !isUnauthenticated(error)) {
          // Just signed in, but the check failed: open the console; the server still
          // enforces the gate, and its first refusal brings the gate up.
          setSession(signedIn(fallbackUser, false));
        } else {
          // No session is the normal first visit, not something to report.
          setSession({ status: 'signed-out', notice: isUnauthenticated(error) ? undefined : { error } });
        }
      }
    },
    [api],
  );

  // The session cookie survives a reload; the CSRF token and user do not.
  useEffect(() => {
    void enter();
  }, [enter]);

  const visit = session.status === 'signed-in' ? session.visit : undefined;

  // The unread badge: fresh on entry and on each page change, and with the status poll's rhythm otherwise.
  useEffect(() => {
    if (visit === undefined) return;
    let current = true;
    const load = () =>
      api.listMessages().then(
        (list) => current && setUnread(list.unread),
        // The badge is a hint; the messages page reports failures.
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), 60_000);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [api, visit, route]);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
      setSession({ status: 'signed-out' });
    } catch (error) {
      if (isUnauthenticated(error)) setSession({ status: 'signed-out' });
      else setSession((current) => (current.status === 'signed-in' ? { ...current, signOutError: error } : current));
    }
  }, [api]);

  const decline = useCallback(async () => {
    // Declining must leave the user signed out even if the logout call fails:
    // the server refuses this session everything but the gate anyway.
    await api.logout().catch(() => undefined);
    setSession({ status: 'signed-out', notice: { key: 'agreementDeclined' } });
  }, [api]);

  const accepted = useCallback(() => {
    setSession((current) => (current.status === 'gate' ? signedIn(current.user, current.contactsDue) : current));
  }, []);

  const contactsConfirmed = useCallback(() => {
    setSession((current) => (current.status === 'signed-in' ? { ...current, contactsDue: false } : current));
  }, []);

  // After a freeze by e-mailed link, find out whether this browser's own session survived.
  const recheck = useCallback(() => void enter(), [enter]);

  const notice = (value: Notice | undefined): LoginNotice | undefined => {
    if (value === undefined) return undefined;
    if ('key' in value) return { text: t(`login.notices.${value.key}`), tone: 'info' };
    return { text: errorText(value.error), tone: 'error' };
  };

  const banner = <MaintenanceBanner status={platform.status} />;

  // Registration, e-mailed links and the demo mailbox need no session: shown whatever the session is.
  if (isPublicRoute(route)) {
    return (
      <>
        {banner}
        <PublicPage key={location.visit} api={api} location={location} onFrozen={recheck} />
      </>
    );
  }

  if (session.status === 'restoring') {
    return (
      <>
        {banner}
        <div className="restoring" role="status">
          {t('restoring')}
        </div>
      </>
    );
  }

  if (session.status === 'signed-out') {
    return (
      <>
        {banner}
        <LoginPage api={api} notice={notice(session.notice)} onSignedIn={enter} />
      </>
    );
  }

  if (session.status === 'frozen') {
    return (
      <>
        {banner}
        <AccountFrozenNotice onDone={() => setSession({ status: 'signed-out' })} />
      </>
    );
  }

  if (session.status === 'gate') {
    return (
      <>
        {banner}
        <AgreementGate api={api} user={session.user} onAccepted={accepted} onDeclined={decline} />
      </>
    );
  }

  const page = resolvePage(location, session.user);

  return (
    <div className="layout">
      {banner}
      <AppHeader user={session.user} current={navKeyOf(page)} unread={unread} onSignOut={signOut} />
      <div className="layout-notices">
        <IdentityBanner api={api} user={session.user} />
        {session.contactsDue && (
          <ContactsPrompt
            api={api}
            onDone={contactsConfirmed}
            onUpdate={() => {
              window.location.hash = '#/account';
              // The account page mounts with the hash change; bring its contacts section into view.
              setTimeout(() => document.getElementById('contacts')?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 100);
            }}
          />
        )}
      </div>
      {session.signOutError !== undefined && (
        <div className="banner banner-error" role="alert">
          {errorText(session.signOutError)}
        </div>
      )}
      <main className="main" key={session.visit}>
        {page.name === 'captures' && <CapturesPage api={api} user={session.user} />}
        {page.name === 'complaints' && <ComplaintsPage api={api} user={session.user} />}
        {/* Keyed by id: following a link from one complaint to another loads the other afresh. */}
        {page.name === 'complaint' && <ComplaintDetail key={page.id} api={api} user={session.user} id={page.id} />}
        {page.name === 'complaint-new' && <ComplaintBuilder api={api} user={session.user} />}
        {page.name === 'complaint-edit' && <ComplaintBuilder key={page.id} api={api} user={session.user} draftId={page.id} />}
        {page.name === 'rights' && <RightsPage api={api} user={session.user} />}
        {page.name === 'review-queue' && <ReviewQueuePage api={api} user={session.user} filters={page.filters} />}
        {/* Keyed by id: "Submit & Next" changes only the hash, and the next complaint is claimed and read afresh. */}
        {page.name === 'review' && <ReviewComplaintPage key={page.id} api={api} user={session.user} id={page.id} filters={page.filters} />}
        {page.name === 'shops' && <ShopsPage api={api} />}
        {page.name === 'seller-complaints' && <SellerComplaintsPage api={api} />}
        {/* Keyed by id, as the complainant's complaint page is. */}
        {page.name === 'seller-complaint' && <SellerComplaintDetail key={page.id} api={api} user={session.user} id={page.id} />}
        {page.name === 'messages' && <MessagesPage api={api} onUnreadChange={setUnread} />}
        {page.name === 'account' && (
          <AccountPage
            api={api}
            user={session.user}
            onSignedOutEverywhere={() => setSession({ status: 'signed-out', notice: { key: 'signedOutEverywhere' } })}
            onFrozen={() => setSession({ status: 'frozen' })}
            onContactsConfirmed={contactsConfirmed}
          />
        )}
        {page.name === 'organisation' && <OrganisationPage api={api} user={session.user} />}
        {page.name === 'admin' && (
          <AdminPage
            api={api}
            tab={page.tab}
            status={platform.status}
            onStatus={platform.update}
            // Publishing takes effect at once, for the admin too: re-check, which opens the gate.
            onPublished={() => void enter(session.user)}
          />
        )}
      </main>
    </div>
  );
}

function PublicPage({ api, location, onFrozen }: { api: ApiClient; location: HashLocation; onFrozen: () => void }) {
  const token = location.params.get('token');
  switch (location.route) {
    case 'register':
      return <RegisterPage api={api} />;
    case 'verify-email':
      return <VerifyEmailPage api={api} token={token} />;
    case 'invitation':
      return <InvitationPage api={api} token={token} />;
    case 'freeze':
      return <FreezeLinkPage api={api} token={token} onFrozen={onFrozen} />;
    case 'mailbox':
      return <MailboxPage api={api} />;
    default:
      return null;
  }
}
