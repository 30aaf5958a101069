import type { ComplaintListingOut, ReviewComplaint } from '@openipp/shared';
import { useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { captureOriginalUrl } from '../lib/api';
import { formatDateTime, formatShortDateTime } from '../lib/format';
import { complaintHref } from '../lib/pages';
import { TEMPLATES_BY_OUTCOME, type ListingDraft, type Outcome } from '../lib/statement';
import { CaptureFigure } from './capture-figure';
import { ComplaintStateBadge, LocationSummary, OutcomeBadge } from './complaint-bits';
import { MarketplaceName } from './complaint-detail';
import { CopyButton } from './copy-button';
import { StatementEditor } from './statement-editor';

type EvidenceCapture = ReviewComplaint['evidence'][string][number];
type EarlierComplaint = ReviewComplaint['earlier'][string][number];

interface ReviewListingProps {
  listing: ComplaintListingOut;
  evidence: readonly EvidenceCapture[];
  earlier: readonly EarlierComplaint[];
  current: boolean;
  draft: ListingDraft | undefined;
  /** False while this reviewer holds no live claim: the evidence is shown, the decision is not open. */
  canDecide: boolean;
  onChoose: (outcome: Outcome) => void;
  onDraft: (draft: ListingDraft) => void;
  /** Copies this listing's outcome and statement to every listing still without one. */
  onApplyToRest: () => void;
  undecidedOthers: number;
  onFocus: () => void;
  onView: (capture: EvidenceCapture) => void;
  statementRef: Ref<HTMLTextAreaElement>;
  /** Ctrl+Enter in the statement: send the decision and move on. */
  onSubmitKey: () => void;
}

/**
 * One listing as a reviewer weighs it: the page, its captures with the marked
 * region on the screenshot and each capture's hash re-checked, earlier
 * complaints about the same listing, and the reviewer's outcome and statement.
 */
export function ReviewListing(props: ReviewListingProps) {
  const { listing, evidence, earlier, current, draft, canDecide, onChoose, onDraft, onApplyToRest, undecidedOthers, onFocus, onView, statementRef, onSubmitKey } = props;
  const { t } = useTranslation(NAMESPACES);
  // The region is marked on the listing's first capture; show that one first, whatever order the evidence came in.
  const order = (capture: EvidenceCapture) => {
    const index = listing.captureIds.indexOf(capture.id);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const captures = [...evidence].sort((a, b) => order(a) - order(b));
  const marked = listing.captureIds[0];

  return (
    <article
      className={`card review-listing${current ? ' review-listing-current' : ''}`}
      data-testid="review-listing"
      data-listing-id={listing.id}
      data-position={listing.position}
      data-current={String(current)}
      data-outcome={listing.outcome}
      data-draft-outcome={draft?.outcome ?? ''}
      aria-current={current ? 'true' : undefined}
      onFocus={onFocus}
      onClick={onFocus}
    >
      <div className="card-heading">
        <div className="review-listing-title">
          <h3>
            {t('review.listing.heading', { position: listing.position })} {listing.outcome !== 'pending' && <OutcomeBadge outcome={listing.outcome} />}
          </h3>
          <a className="page-url" href={listing.canonicalUrl} target="_blank" rel="noopener noreferrer" data-testid="review-listing-url">
            {listing.canonicalUrl}
          </a>
          <div className="muted small">
            <MarketplaceName marketplace={listing.marketplace} />
            {' · '}
            {listing.jurisdiction ? t('complaints.detail.jurisdiction', { code: listing.jurisdiction }) : t('complaints.detail.noJurisdiction')}
            {listing.listingId && (
              <>
                {' · '}
                {t('complaints.detail.listingId')} <code>{listing.listingId}</code>
              </>
            )}
            {listing.shopId && (
              <>
                {' · '}
                {t('review.listing.shop')} <code>{listing.shopId}</code>
              </>
            )}
          </div>
        </div>
      </div>

      <div className="review-listing-body">
        <div className="review-evidence">
          <p className="small">
            <span className="muted">{t('complaints.detail.columns.location')}:</span> <LocationSummary location={listing.location} />
          </p>
          {captures.length === 0 && (
            <p className="form-warning" data-testid="review-no-evidence">
              {t('review.listing.noEvidence')}
            </p>
          )}
          {captures.map((capture) => (
            <EvidenceItem key={capture.id} capture={capture} listing={listing} marked={capture.id === marked} onView={() => onView(capture)} />
          ))}
        </div>

        <div className="review-side-column">
          <EarlierComplaints earlier={earlier} />
          <div className="review-decision" data-testid="listing-decision" data-listing-id={listing.id}>
            <div className="segmented" role="group" aria-label={t('review.decision.outcome')}>
              <button
                type="button"
                className={`button ${draft?.outcome === 'upheld' ? 'button-primary' : ''}`}
                data-testid="listing-uphold"
                data-listing-id={listing.id}
                aria-pressed={draft?.outcome === 'upheld'}
                disabled={!canDecide}
                onClick={() => onChoose('upheld')}
              >
                {t('review.decision.uphold')} <kbd>u</kbd>
              </button>
              <button
                type="button"
                className={`button ${draft?.outcome === 'rejected' ? 'button-danger-solid' : 'button-danger'}`}
                data-testid="listing-reject"
                data-listing-id={listing.id}
                aria-pressed={draft?.outcome === 'rejected'}
                disabled={!canDecide}
                onClick={() => onChoose('rejected')}
              >
                {t('review.decision.reject')} <kbd>r</kbd>
              </button>
            </div>
            {draft && (
              <>
                <StatementEditor
                  templates={TEMPLATES_BY_OUTCOME[draft.outcome]}
                  template={draft.template}
                  statement={draft.statement}
                  listingId={listing.id}
                  textareaRef={statementRef}
                  disabled={!canDecide}
                  onSubmitKey={onSubmitKey}
                  onChange={(next) => onDraft({ ...draft, ...next })}
                />
                {undecidedOthers > 0 && (
                  <button className="button button-small" type="button" data-testid="statement-apply-all" data-listing-id={listing.id} disabled={!canDecide} onClick={onApplyToRest}>
                    {t('review.decision.applyToRest', { count: undecidedOthers })}
                  </button>
                )}
              </>
            )}
          </div>
        </div>
      </div>
    </article>
  );
}

function EvidenceItem({ capture, listing, marked, onView }: { capture: EvidenceCapture; listing: ComplaintListingOut; marked: boolean; onView: () => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const hashRef = useRef<HTMLElement>(null);
  return (
    <div className="evidence-item" data-testid="evidence-capture" data-capture-id={capture.id} data-verified={String(capture.hashVerified)}>
      <button type="button" className="evidence-shot" data-testid="evidence-open" data-capture-id={capture.id} title={t('captures.openScreenshot')} onClick={onView}>
        <CaptureFigure
          captureId={capture.id}
          location={marked ? listing.location : null}
          alt={t('complaints.detail.captureAlt', { listing: listing.position })}
          className="capture-figure-review"
        />
      </button>
      <dl className="facts facts-wide small">
        <dt>{t('review.capture.title')}</dt>
        <dd>{capture.title.trim() || t('captures.untitled')}</dd>
        <dt>{t('review.capture.url')}</dt>
        <dd className="page-url">{capture.url}</dd>
        <dt title={t('captures.capturedAtHint')}>{t('captures.capturedAt')}</dt>
        <dd>
          <time dateTime={capture.capturedAt}>{formatDateTime(capture.capturedAt, i18n.language)}</time>
        </dd>
        <dt title={t('captures.receivedAtHint')}>{t('captures.receivedAt')}</dt>
        <dd>
          <time dateTime={capture.receivedAt}>{formatDateTime(capture.receivedAt, i18n.language)}</time>
        </dd>
        <dt>{t('review.capture.viewport')}</dt>
        <dd>{t('review.capture.viewportValue', { width: capture.viewport.width, height: capture.viewport.height, ratio: capture.devicePixelRatio })}</dd>
        <dt title={t('captures.sha256Hint')}>{t('captures.sha256')}</dt>
        <dd className="hash-line">
          <code className="hash" ref={hashRef}>
            {capture.sha256}
          </code>
          <CopyButton text={capture.sha256} target={hashRef} />
        </dd>
        <dt>{t('review.capture.integrity')}</dt>
        <dd>
          <span
            className={`pill ${capture.hashVerified ? 'pill-ok' : 'pill-danger'}`}
            data-testid="capture-hash-status"
            data-verified={String(capture.hashVerified)}
            title={t(capture.hashVerified ? 'review.capture.verifiedHint' : 'review.capture.notVerifiedHint')}
          >
            {capture.hashVerified ? t('review.capture.verified') : t('review.capture.notVerified')}
          </span>
        </dd>
      </dl>
      <a className="download-link small" href={captureOriginalUrl(capture.id)} download title={t('captures.downloadOriginalHint')}>
        {t('captures.downloadOriginal')}
      </a>
    </div>
  );
}

function EarlierComplaints({ earlier }: { earlier: readonly EarlierComplaint[] }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <div className="earlier" data-testid="earlier-complaints" data-count={earlier.length}>
      <h4 className="stats-heading">{t('review.listing.earlier')}</h4>
      {earlier.length === 0 ? (
        <p className="muted small">{t('review.listing.noEarlier')}</p>
      ) : (
        <ul className="plain-list small">
          {earlier.map((item) => (
            <li key={item.complaintId} data-testid="earlier-complaint" data-complaint-id={item.complaintId} data-outcome={item.outcome}>
              <a href={complaintHref(item.complaintId)}>
                <code>{item.complaintId}</code>
              </a>{' '}
              {item.tenantName} <ComplaintStateBadge state={item.state} testId="earlier-state" />{' '}
              {item.outcome !== 'pending' && <OutcomeBadge outcome={item.outcome} />}
              {item.submittedAt && <span className="muted"> {formatShortDateTime(item.submittedAt, i18n.language)}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
