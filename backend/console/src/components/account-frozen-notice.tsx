import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { LanguageSelect } from './language-select';

/** What a user sees right after freezing their own account: what happened, and what happens next. */
export function AccountFrozenNotice({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <div className="login-screen">
      <div className="login-toolbar">
        <LanguageSelect />
      </div>
      <div className="login-card notice-card" data-testid="account-frozen-notice" role="alert">
        <span className="notice-icon notice-icon-lock" aria-hidden="true" />
        <h1 className="login-heading">{t('frozen.heading')}</h1>
        <p>{t('frozen.body')}</p>
        <ul className="notice-list">
          <li>{t('frozen.points.sessions')}</li>
          <li>{t('frozen.points.signIn')}</li>
          <li>{t('frozen.points.review')}</li>
        </ul>
        <button className="button button-block" type="button" onClick={onDone}>
          {t('frozen.back')}
        </button>
      </div>
    </div>
  );
}
