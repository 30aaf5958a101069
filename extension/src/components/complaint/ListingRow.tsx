import { useTranslation } from 'react-i18next';
import type { ComplaintListingInput, ListingLocation, ListingLookup } from '@openipp/shared';
import { useCaptureImage } from '@/hooks/useCaptureImage';
import type { QueueEntry } from '@/lib/queue';
import { MarkList } from './CaptureMarks';
import { LocationSummary, QuoteInput } from './LocationEditor';
import { RegionPicker } from './RegionPicker';

export type CaptureState = 'verified' | 'pending' | 'unverified' | 'unknown';

export interface ListingRowProps {
  index: number;
  listing: ComplaintListingInput;
  /** The local queue entry behind a capture id (server or local), when this device has it. */
  entryOf: (captureId: string) => QueueEntry | undefined;
  stateOf: (captureId: string) => CaptureState;
  reports: ListingLookup['reports'] | undefined;
  backendUrl: string;
  marking: boolean;
  onToggleMarking: () => void;
  onLocation: (location: ListingLocation | null) => void;
  onRemoveCapture: (captureId: string) => void;
  onRemove: () => void;
}

function CaptureThumb({ entryId }: { entryId: string | undefined }) {
  const url = useCaptureImage(entryId);
  return url ? <img className="thumb" src={url} alt="" data-testid="capture-thumb" /> : <span className="thumb empty" />;
}

export function ListingRow(props: ListingRowProps) {
  const { index, listing, entryOf, stateOf, reports, backendUrl, marking } = props;
  const { t } = useTranslation();
  const first = listing.captureIds.map(entryOf).find((entry) => entry !== undefined);
  const image = useCaptureImage(first?.id);
  const aspect = first ? first.meta.viewport.height / first.meta.viewport.width : 9 / 16;
  const region = listing.location?.kind === 'region' ? listing.location : null;
  const reported = reports !== undefined && reports.length > 0;

  return (
    <li className="listing" data-testid="listing" data-index={index} data-url={listing.url} data-reported={reported}>
      <div className="listing-head">
        <strong>{t('complaint.listingNumber', { number: index + 1 })}</strong>
        <a className="listing-url small" data-testid="listing-url" href={listing.url} target="_blank" rel="noreferrer">
          {listing.url}
        </a>
        <button className="danger" data-testid="remove-listing" onClick={props.onRemove}>
          {t('complaint.removeListing')}
        </button>
      </div>
      {reported && (
        <div className="reported small" data-testid="listing-already-reported">
          <strong>{t('complaint.alreadyReported')}</strong>
          {reports.map((report) => (
            <a
              key={report.complaintId}
              data-testid="listing-report-link"
              href={`${backendUrl}/#/complaints/${encodeURIComponent(report.complaintId)}`}
              target="_blank"
              rel="noreferrer"
            >
              {t('complaint.reportLink', { id: report.complaintId, state: t(`complaintStates.${report.state}`) })}
            </a>
          ))}
        </div>
      )}
      <div className={`listing-body${marking ? ' marking' : ''}`}>
        <RegionPicker
          imageUrl={image}
          aspect={aspect}
          region={region}
          active={marking}
          onRegion={(next) => props.onLocation(next)}
          marks={first?.meta.marks}
        />
        <div className="listing-side">
          <ul className="captures">
            {listing.captureIds.map((id) => {
              const state = stateOf(id);
              return (
                <li key={id} data-testid="listing-capture" data-capture-id={id} data-state={state}>
                  <CaptureThumb entryId={entryOf(id)?.id} />
                  <span className="small">
                    {t('complaint.captureLabel', { id })}
                    <br />
                    <span className={state === 'verified' ? 'ok' : 'warn'}>{t(`complaint.captureState.${state}`)}</span>
                  </span>
                  <button className="link small" data-testid="remove-capture" onClick={() => props.onRemoveCapture(id)}>
                    {t('complaint.removeCapture')}
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="location">
            <span className="small strong">{t('complaint.location.title')}</span>
            <LocationSummary location={listing.location} />
            <div className="actions">
              <button data-testid="mark-region" aria-pressed={marking} onClick={props.onToggleMarking}>
                {marking ? t('complaint.location.doneMarking') : t('complaint.location.markRegion')}
              </button>
              {listing.location && (
                <button className="link" data-testid="clear-location" onClick={() => props.onLocation(null)}>
                  {t('complaint.location.clear')}
                </button>
              )}
            </div>
            <QuoteInput location={listing.location} onChange={props.onLocation} />
            <MarkList marks={first?.meta.marks} />
          </div>
        </div>
      </div>
    </li>
  );
}
