import type { ComplainantStats } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';

const COMPLAINT_COUNTS = ['submitted', 'open', 'decided', 'withdrawn'] as const;
const LISTING_COUNTS = ['upheld', 'rejected', 'pending', 'reversed'] as const;

/**
 * The complainant's record (issue #4, part 6), as the server computed it from
 * the complaints themselves. Complaints and listings are counted apart: one
 * complaint may hold hundreds of listings with different outcomes.
 */
export function StatsPanel({ stats }: { stats: ComplainantStats }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const number = new Intl.NumberFormat(i18n.language);
  const hours = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const median = stats.medianHoursToDecision;
  return (
    <div className="stats-panel" data-testid="complaint-stats">
      <div className="stats-group" aria-label={t('complaints.stats.complaints')}>
        <h3 className="stats-heading">{t('complaints.stats.complaints')}</h3>
        <div className="stats-row">
          {COMPLAINT_COUNTS.map((name) => (
            <Stat key={name} name={name} value={stats.complaints[name]} text={number.format(stats.complaints[name])} label={t(`complaints.stats.labels.${name}`)} />
          ))}
        </div>
      </div>
      <div className="stats-group" aria-label={t('complaints.stats.listings')}>
        <h3 className="stats-heading">{t('complaints.stats.listings')}</h3>
        <div className="stats-row">
          {LISTING_COUNTS.map((name) => (
            <Stat key={name} name={name} value={stats.listings[name]} text={number.format(stats.listings[name])} label={t(`complaints.stats.labels.${name}`)} />
          ))}
        </div>
      </div>
      <div className="stats-group">
        <h3 className="stats-heading">{t('complaints.stats.timing')}</h3>
        <div className="stats-row">
          <Stat
            name="median-hours"
            value={median}
            text={median === null ? t('complaints.stats.none') : t('complaints.stats.hours', { value: hours.format(median) })}
            label={t('complaints.stats.labels.medianHours')}
          />
        </div>
      </div>
    </div>
  );
}

function Stat({ name, value, text, label }: { name: string; value: number | null; text: string; label: string }) {
  return (
    <div className="stat" data-testid={`stat-${name}`} data-value={value ?? ''}>
      <span className="stat-value">{text}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
