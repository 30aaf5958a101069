import { useTranslation } from 'react-i18next';
import type { ListingLookup } from '@openipp/shared';

/** "Already reported" in the popup: this page is in one of the tenant's open complaints (issue #4). */
export function AlreadyReported({ reports, backendUrl }: { reports: ListingLookup['reports']; backendUrl: string }) {
  const { t } = useTranslation();
  if (reports.length === 0) return null;
  return (
    <section className="banner banner-bad" data-testid="already-reported" role="status">
      <strong>{t('popup.alreadyReportedTitle')}</strong>
      <p>{t('popup.alreadyReportedBody')}</p>
      {reports.map((report) => (
        <p key={report.complaintId}>
          <a
            data-testid="already-reported-link"
            href={`${backendUrl}/#/complaints/${encodeURIComponent(report.complaintId)}`}
            target="_blank"
            rel="noreferrer"
          >
            {t('popup.alreadyReportedLink', { id: report.complaintId, state: t(`complaintStates.${report.state}`) })}
          </a>
        </p>
      ))}
    </section>
  );
}
