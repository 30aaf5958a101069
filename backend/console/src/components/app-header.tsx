import type { User } from '@openipp/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref, type Route } from '../hooks/use-hash-route';
import { NAMESPACES } from '../i18n';
import { IdentityStatusBadge, hasIdentityCheck } from './identity-status';
import { LanguageSelect } from './language-select';

interface AppHeaderProps {
  user: User;
  route: Route;
  unread: number;
  onSignOut: () => Promise<void>;
}

export function AppHeader({ user, route, unread, onSignOut }: AppHeaderProps) {
  const { t } = useTranslation(NAMESPACES);
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      await onSignOut();
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('common:appName')}</span>
        <span className="brand-subtitle">{t('productSubtitle')}</span>
      </div>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <NavLink route="captures" current={route}>
          {t('nav.captures')}
        </NavLink>
        <NavLink route="messages" current={route}>
          {t('nav.messages')}
          {unread > 0 && (
            <span className="nav-badge" data-testid="unread-count" aria-label={t('nav.unread', { count: unread })}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </NavLink>
        {hasIdentityCheck(user) && (
          <NavLink route="organisation" current={route}>
            {t('nav.organisation')}
          </NavLink>
        )}
        <NavLink route="account" current={route}>
          {t('nav.account')}
        </NavLink>
        {user.role === 'admin' && (
          <NavLink route="admin" current={route}>
            {t('nav.admin')}
          </NavLink>
        )}
      </nav>
      <div className="header-tools">
        <div className="account" aria-label={t('header.account')}>
          <span className="account-email" data-testid="user-email" title={user.email}>
            {user.email}
          </span>
          <span className="account-meta">
            <span className="role-badge" data-testid="user-role">
              {t(`common:roles.${user.role}`)}
            </span>
            <span className="account-tenant" data-testid="user-tenant" title={user.tenant.name}>
              {user.tenant.name}
            </span>
            {hasIdentityCheck(user) && <IdentityStatusBadge status={user.tenant.identityStatus} />}
          </span>
        </div>
        <LanguageSelect />
        <button data-testid="logout-button" className="button" type="button" onClick={() => void signOut()} disabled={signingOut}>
          {signingOut ? t('header.signingOut') : t('common:signOut')}
        </button>
      </div>
    </header>
  );
}

function NavLink({ route, current, children }: { route: Route; current: Route; children: ReactNode }) {
  return (
    <a
      href={routeHref(route)}
      className={`nav-link${route === current ? ' nav-link-active' : ''}`}
      data-testid={`nav-${route}`}
      aria-current={route === current ? 'page' : undefined}
    >
      {children}
    </a>
  );
}
