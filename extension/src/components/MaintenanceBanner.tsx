import { useTranslation } from 'react-i18next';
import type { Locale, PlatformStatus } from '@openipp/shared';

/**
 * The platform's maintenance announcement (MISSION item 20). Captures keep
 * queueing locally meanwhile; the queue uploads once writes are allowed again.
 */
export function MaintenanceBanner({ status, locale }: { status: PlatformStatus | undefined; locale: Locale }) {
  const { t } = useTranslation();
  if (!status?.maintenance.enabled) return null;
  const message = status.maintenance.message?.[locale]?.trim();
  return (
    <div className="banner banner-warn" role="status" data-testid="maintenance-banner">
      <strong>{t('maintenance.title')}</strong>
      <p>{message || t('maintenance.generic')}</p>
      <p className="small">{t('maintenance.queueNote')}</p>
    </div>
  );
}
