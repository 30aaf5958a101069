import type { ComplaintState, ListingLocation, ListingOutcome } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { regionPercent } from '../lib/region';

const STATE_PILL: Record<ComplaintState, string> = {
  draft: 'pill-muted',
  submitted: 'pill-accent',
  in_review: 'pill-warn',
  needs_info: 'pill-warn',
  decided: 'pill-ok',
  withdrawn: 'pill-muted',
};

const OUTCOME_PILL: Record<ListingOutcome, string> = { pending: 'pill-muted', upheld: 'pill-ok', rejected: 'pill-danger' };

/** The complaint's state; `data-state` carries the raw state for tests and styling. */
export function ComplaintStateBadge({ state, testId }: { state: ComplaintState; testId: string }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <span className={`pill ${STATE_PILL[state]}`} data-testid={testId} data-state={state}>
      {t(`complaints.states.${state}`)}
    </span>
  );
}

export function OutcomeBadge({ outcome }: { outcome: ListingOutcome }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <span className={`pill ${OUTCOME_PILL[outcome]}`} data-testid="listing-outcome" data-outcome={outcome}>
      {t(`complaints.outcomes.${outcome}`)}
    </span>
  );
}

/** Where the infringing content is, in words: the region's place, or the quote or element. */
export function LocationSummary({ location }: { location: ListingLocation | null }) {
  const { t } = useTranslation(NAMESPACES);
  if (location === null) {
    return (
      <span className="muted" data-testid="location-summary" data-kind="none">
        {t('complaints.location.none')}
      </span>
    );
  }
  switch (location.kind) {
    case 'region':
      return (
        <span data-testid="location-summary" data-kind="region">
          {t('complaints.location.regionSummary', regionPercent(location))}
        </span>
      );
    case 'text':
      return (
        <span data-testid="location-summary" data-kind="text">
          <span className="muted small">{t('complaints.location.quoteLabel')}</span> <q className="location-quote">{location.quote}</q>
        </span>
      );
    case 'element':
      return (
        <span data-testid="location-summary" data-kind="element">
          <span className="muted small">{t('complaints.location.elementLabel')}</span> <code className="location-selector">{location.selector}</code>
          {location.excerpt && <q className="location-quote block">{location.excerpt}</q>}
        </span>
      );
  }
}
