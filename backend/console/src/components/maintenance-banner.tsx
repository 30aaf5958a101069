import type { PlatformStatus } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { formatShortDateTime } from '../lib/format';
import { localized } from '../lib/localized';

/** The admin's maintenance announcement, on every screen including the login form. */
export function MaintenanceBanner({ status }: { status: PlatformStatus | undefined }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const maintenance = status?.maintenance;
  if (!maintenance?.enabled) return null;
  const message = maintenance.message ? localized(maintenance.message, i18n.language).trim() : '';
  return (
    <div className="maintenance-banner" role="status" data-testid="maintenance-banner">
      <span className="maintenance-icon" aria-hidden="true" />
      <div className="maintenance-text">
        <strong>{t('maintenance.banner.title')}</strong>{' '}
        <span data-testid="maintenance-banner-message">{message || t('maintenance.banner.generic')}</span>
        <span className="maintenance-detail">
          {' '}
          {t('maintenance.banner.detail')}
          {maintenance.since && (
            <>
              {' · '}
              {t('maintenance.banner.since', { time: formatShortDateTime(maintenance.since, i18n.language) })}
            </>
          )}
        </span>
      </div>
    </div>
  );
}
