import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { LanguageSelect } from './language-select';

interface PublicScreenProps {
  /** `wide` for forms with several sections (registration, the mailbox). */
  width?: 'narrow' | 'wide';
  children: ReactNode;
}

/** The frame of every page reached without a session: the login screen's look, with the language switch. */
export function PublicScreen({ width = 'narrow', children }: PublicScreenProps) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <div className="login-screen">
      <div className="login-toolbar">
        <LanguageSelect />
      </div>
      <div className={`login-card${width === 'wide' ? ' login-card-wide' : ''}`}>
        <a className="brand brand-large brand-link" href="#/">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('common:appName')}</span>
        </a>
        {children}
      </div>
    </div>
  );
}
