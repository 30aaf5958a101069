import { useTranslation } from 'react-i18next';
import type { SignInNotice as Notice } from '@/lib/storage';

/** Why the user is looking at the login screen again, when they did not sign out themselves. */
export function SignInNotice({ notice }: { notice: Notice | null }) {
  const { t } = useTranslation();
  if (!notice) return null;
  if (notice.reason === 'account_frozen') {
    return (
      <div className="banner banner-bad" role="alert" data-testid="account-frozen">
        <strong>{t('notice.frozenTitle')}</strong>
        <p>{notice.email ? t('notice.frozenBodyEmail', { email: notice.email }) : t('notice.frozenBody')}</p>
        <p className="small">{t('notice.frozenQueue')}</p>
      </div>
    );
  }
  return (
    <div className="banner banner-warn" role="status" data-testid="agreement-declined">
      <strong>{t('notice.declinedTitle')}</strong>
      <p>{t('notice.declinedBody')}</p>
    </div>
  );
}
