import type { Claim, RiskLevel } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { formatShortDateTime } from '../lib/format';

const RISK_PILL: Record<RiskLevel, string> = { low: 'pill-ok', medium: 'pill-warn', high: 'pill-danger' };

/** The complainant's risk (from its abuse score and any sanction); `data-risk` carries the raw level. */
export function RiskBadge({ risk }: { risk: RiskLevel }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <span className={`pill ${RISK_PILL[risk]}`} data-testid="risk-badge" data-risk={risk}>
      {t(`review.risk.${risk}`)}
    </span>
  );
}

/** A length of time in whole hours, as "3 d 4 h" or "5 h". */
export function useDurationText(): (hours: number) => string {
  const { t } = useTranslation(NAMESPACES);
  return (hours: number) => {
    const whole = Math.max(0, Math.floor(hours));
    const days = Math.floor(whole / 24);
    const rest = whole % 24;
    return days > 0 ? t('review.duration.days', { days, hours: rest }) : t('review.duration.hours', { hours: rest });
  };
}

const HOUR_MS = 3_600_000;

/**
 * When the complaint is due, and how far off or overdue that is. `overdue`
 * comes from the server (its clock decided the queue order); the distance is
 * from this page's clock.
 */
export function DueText({ dueAt, overdue, now, testId }: { dueAt: string | null; overdue: boolean; now: number; testId: string }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const duration = useDurationText();
  if (dueAt === null) {
    return (
      <span className="muted" data-testid={testId} data-overdue="false" data-stopped="true">
        {t('review:dueDate.stopped')}
      </span>
    );
  }
  const distance = Date.parse(dueAt) - now;
  return (
    <span data-testid={testId} data-overdue={String(overdue)} data-due-at={dueAt}>
      <time dateTime={dueAt} title={dueAt}>
        {formatShortDateTime(dueAt, i18n.language)}
      </time>
      <span className={`block small ${overdue ? 'text-danger strong' : 'muted'}`}>
        {overdue ? t('review.due.overdueBy', { time: duration(Math.abs(distance) / HOUR_MS) }) : t('review.due.dueIn', { time: duration(Math.max(0, distance) / HOUR_MS) })}
      </span>
    </span>
  );
}

/** Who holds a live claim on the complaint, if anyone; the caller's own claim says so. */
export function ClaimHolder({ claim, userId, testId }: { claim: Claim | null; userId: string; testId: string }) {
  const { t } = useTranslation(NAMESPACES);
  if (claim === null) {
    return (
      <span className="muted" data-testid={testId} data-claimed="false">
        {t('review.claim.unclaimed')}
      </span>
    );
  }
  const mine = claim.reviewer.id === userId;
  return (
    <span data-testid={testId} data-claimed="true" data-mine={String(mine)} data-holder={claim.reviewer.email} title={claim.expiresAt}>
      {mine ? t('review.claim.byYou') : claim.reviewer.email}
    </span>
  );
}
