import type { User } from '@openipp/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { LanguageSelect } from './language-select';

interface AppHeaderProps {
  user: User;
  onSignOut: () => Promise<void>;
}

export function AppHeader({ user, onSignOut }: AppHeaderProps) {
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
      <div className="header-tools">
        <div className="account" aria-label={t('header.account')}>
          <span className="account-email" data-testid="user-email">
            {user.email}
          </span>
          <span className="account-meta">
            <span className="role-badge" data-testid="user-role">
              {t(`common:roles.${user.role}`)}
            </span>
            <span className="account-tenant" data-testid="user-tenant">
              {user.tenant.name}
            </span>
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
