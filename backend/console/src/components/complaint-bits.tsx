import { regionPercent, type Complainant, type ComplaintState, type ListingLocation, type ListingOutcome } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { CaptureFigure } from './capture-figure';

const STATE_PILL: Record<ComplaintState, string> = {
  draft: 'pill-muted',
  submitted: 'pill-accent',
  in_review: 'pill-warn',
  needs_info: 'pill-warn',
  decided: 'pill-ok',
  withdrawn: 'pill-muted',
  closed: 'pill-danger',
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

/** The first columns of every table of a complaint's listings, in the builder and on the complaint. */
export function ListingHeadings() {
  const { t } = useTranslation(NAMESPACES);
  return (
    <>
      <th scope="col">#</th>
      <th scope="col">{t('complaints.detail.columns.listing')}</th>
      <th scope="col">{t('complaints.detail.columns.evidence')}</th>
      <th scope="col">{t('complaints.detail.columns.location')}</th>
    </>
  );
}

interface ListingThumbsProps {
  captureIds: readonly string[];
  location: ListingLocation | null;
  /** 1-based, as the problem list counts listings. */
  listingNumber: number;
  /** When given, each thumbnail is a button that opens its capture. */
  onOpen?: (captureId: string) => void;
}

/** A listing's captures as thumbnails; the location is marked on the listing's first capture, so only that one shows it. */
export function ListingThumbs({ captureIds, location, listingNumber, onOpen }: ListingThumbsProps) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <div className="thumb-row">
      {captureIds.map((captureId, index) => {
        const figure = (
          <CaptureFigure
            key={captureId}
            captureId={captureId}
            size="thumb"
            location={index === 0 ? location : null}
            alt={t('complaints.detail.captureAlt', { listing: listingNumber })}
            className="capture-thumb"
          />
        );
        if (!onOpen) return figure;
        return (
          <button
            key={captureId}
            type="button"
            className="thumb-button"
            data-testid="listing-capture"
            data-capture-id={captureId}
            title={t('captures.openScreenshot')}
            onClick={() => onOpen(captureId)}
          >
            {figure}
          </button>
        );
      })}
    </div>
  );
}

/** Who files the notice and how to reach them: as it will go on the notice in the builder, as filed on the complaint. */
export function ComplainantFacts({ complainant }: { complainant: Complainant }) {
  const { t } = useTranslation(NAMESPACES);
  const notGiven = <span className="muted">{t('complaints.detail.notGiven')}</span>;
  return (
    <dl className="facts facts-wide">
      <dt>{t('complaints.detail.legalName')}</dt>
      <dd data-testid="complainant-name">{complainant.legalName}</dd>
      <dt>{t('common:email')}</dt>
      <dd data-testid="complainant-email">{complainant.email}</dd>
      <dt>{t('contacts.phone')}</dt>
      <dd>{complainant.phone ?? notGiven}</dd>
      <dt>{t('contacts.address')}</dt>
      <dd className="pre-wrap">{complainant.postalAddress ?? notGiven}</dd>
    </dl>
  );
}
