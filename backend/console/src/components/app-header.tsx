import { isStaff, type User } from '@openipp/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { canComplain, canSeeComplaints, isSeller, type NavKey } from '../lib/pages';
import { IdentityStatusBadge, hasIdentityCheck } from './identity-status';
import { LanguageSelect } from './language-select';

interface AppHeaderProps {
  user: User;
  /** The entry of the page on screen. */
  current: NavKey;
  unread: number;
  onSignOut: () => Promise<void>;
}

export function AppHeader({ user, current, unread, onSignOut }: AppHeaderProps) {
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
        <NavLink to="captures" current={current}>
          {t('nav.captures')}
        </NavLink>
        {canSeeComplaints(user) && (
          <NavLink to="complaints" current={current}>
            {t('nav.complaints')}
          </NavLink>
        )}
        {canComplain(user) && (
          <NavLink to="rights" current={current}>
            {t('nav.rights')}
          </NavLink>
        )}
        {isSeller(user) && (
          <NavLink to="sellerComplaints" current={current}>
            {t('nav.sellerComplaints')}
          </NavLink>
        )}
        {isSeller(user) && (
          <NavLink to="shops" current={current}>
            {t('nav.shops')}
          </NavLink>
        )}
        {isStaff(user.role) && (
          <NavLink to="review" current={current}>
            {t('nav.review')}
          </NavLink>
        )}
        <NavLink to="messages" current={current}>
          {t('nav.messages')}
          {unread > 0 && (
            <span className="nav-badge" data-testid="unread-count" aria-label={t('nav.unread', { count: unread })}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </NavLink>
        {hasIdentityCheck(user) && (
          <NavLink to="organisation" current={current}>
            {t('nav.organisation')}
          </NavLink>
        )}
        <NavLink to="account" current={current}>
          {t('nav.account')}
        </NavLink>
        {user.role === 'admin' && (
          <NavLink to="admin" current={current}>
            {t('nav.admin')}
          </NavLink>
        )}
        {user.role === 'admin' && (
          <NavLink to="admin-rights" current={current}>
            {t('nav.adminRights')}
          </NavLink>
        )}
        {user.role === 'admin' && (
          <NavLink to="admin-complainants" current={current}>
            {t('nav.adminComplainants')}
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

const NAV_HREF: Record<NavKey, string> = {
  captures: '#/captures',
  complaints: '#/complaints',
  rights: '#/rights',
  messages: '#/messages',
  organisation: '#/organisation',
  account: '#/account',
  review: '#/review',
  admin: '#/admin',
  'admin-rights': '#/admin/rights',
  'admin-complainants': '#/admin/complainants',
  shops: '#/shops',
  sellerComplaints: '#/seller',
};

function NavLink({ to, current, children }: { to: NavKey; current: NavKey; children: ReactNode }) {
  return (
    <a
      href={NAV_HREF[to]}
      className={`nav-link${to === current ? ' nav-link-active' : ''}`}
      data-testid={`nav-${to}`}
      aria-current={to === current ? 'page' : undefined}
    >
      {children}
    </a>
  );
}
