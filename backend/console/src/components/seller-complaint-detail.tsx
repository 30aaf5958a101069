import { type CounterNotice, type ListingLocation, type SellerComplaint, type SellerCounterNotice, type User } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { CaptureFigure } from './capture-figure';
import { sellerCaptureImageUrl, type ApiClient } from '../lib/api';
import { EMPTY_COUNTER_NOTICE_DRAFT } from '../lib/counter-notice';
import { formatDateTime, formatShortDateTime } from '../lib/format';
import { SELLER_COMPLAINTS_HREF } from '../lib/pages';
import { ComplaintStateBadge, LocationSummary, OutcomeBadge } from './complaint-bits';
import { MarketplaceName } from './complaint-detail';
import { CounterNoticeDecision, CounterNoticeEvidence, CounterNoticeFacts, CounterNoticeIdentity, CounterNoticeStatePill } from './counter-notice-bits';
import { CounterNoticeForm } from './counter-notice-form';
import { LoadError, LoadingLine } from './load-status';

type Listing = SellerComplaint['listings'][number];
type Evidence = Listing['evidence'][number];

/**
 * A complaint about the seller's shop as disclosed to it (issue #6 part 2):
 * the right, the reason, its own listings with the evidence and the decision,
 * and of the complainant only the name and contact e-mail. Each load is
 * recorded as a disclosure, so the page loads once and a filed counter-notice
 * is put in place from the answer instead of reloading.
 */
export function SellerComplaintDetail({ api, user, id }: { api: ApiClient; user: User; id: string }) {
  const { t } = useTranslation(NAMESPACES);
  const { data: complaint, setData, error, loading, reload } = useResource<SellerComplaint>(() => api.sellerComplaint(id), [api, id]);

  const filed = (counterNotice: CounterNotice) =>
    setData((current) =>
      current && {
        ...current,
        listings: current.listings.map((listing) =>
          listing.id === counterNotice.listingId ? { ...listing, counterNoticeAllowed: false, counterNotice: sellerView(counterNotice) } : listing,
        ),
      },
    );

  return (
    <section className="stack" aria-labelledby="seller-complaint-heading" data-testid="seller-complaint">
      <div className="page-heading">
        <div>
          <a href={SELLER_COMPLAINTS_HREF} className="small" data-testid="seller-complaint-back">
            {t('seller:complaint.back')}
          </a>
          <h1 id="seller-complaint-heading">
            {t('seller:complaint.heading')} {complaint && <ComplaintStateBadge state={complaint.state} testId="seller-complaint-state" />}
          </h1>
          <p className="page-subtitle">
            <code data-testid="seller-complaint-id">{id}</code>
          </p>
        </div>
        <div className="page-actions">
          <button className="button" type="button" data-testid="seller-complaint-refresh" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} role="status" />
      {complaint && (
        <>
          <Grounds complaint={complaint} />
          {[...complaint.listings]
            .sort((a, b) => a.position - b.position)
            .map((listing) => (
              <SellerListingCard key={listing.id} api={api} user={user} complaintId={complaint.id} listing={listing} onFiled={filed} />
            ))}
        </>
      )}
    </section>
  );
}

/** The filing's answer as the seller's detail shows it: the complainant's proofs are not the seller's to see. */
function sellerView({ proofs, ...rest }: CounterNotice): SellerCounterNotice {
  return { ...rest, proofReceivedAt: proofs[0]?.uploadedAt ?? null };
}

function Grounds({ complaint }: { complaint: SellerComplaint }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <div className="detail-grid">
      <div className="card" aria-labelledby="seller-grounds-heading">
        <h2 id="seller-grounds-heading" className="card-title">
          {t('complaints.detail.grounds')}
        </h2>
        <dl className="facts facts-wide">
          <dt>{t('complaints.detail.right')}</dt>
          <dd data-testid="seller-complaint-right">
            {complaint.right ? (
              <>
                {t(`rights.types.${complaint.right.type}`)} <code>{complaint.right.registrationNumber}</code>
                <div className="muted small">{t('seller:complaint.territories', { territories: complaint.right.territories.join(', ') })}</div>
              </>
            ) : (
              <span className="muted">{t('complaints.noRight')}</span>
            )}
          </dd>
          <dt>{t('complaints.detail.reason')}</dt>
          <dd data-testid="seller-complaint-reason">{complaint.reason ? t(`complaints.reasons.${complaint.reason}`) : <span className="muted">{t('complaints.noReason')}</span>}</dd>
          <dt>{t('complaints.detail.explanation')}</dt>
          <dd className="pre-wrap" data-testid="seller-complaint-explanation">
            {complaint.explanation || <span className="muted">{t('complaints.detail.noExplanation')}</span>}
          </dd>
          <dt>{t('complaints.detail.submittedAt')}</dt>
          <dd>
            <time dateTime={complaint.submittedAt}>{formatDateTime(complaint.submittedAt, i18n.language)}</time>
          </dd>
        </dl>
      </div>
      <div className="card" aria-labelledby="seller-complainant-heading" data-testid="seller-complainant">
        <h2 id="seller-complainant-heading" className="card-title">
          {t('complaints.detail.complainant')}
        </h2>
        <dl className="facts facts-wide">
          <dt>{t('complaints.detail.legalName')}</dt>
          <dd data-testid="seller-complainant-name">{complaint.complainant.legalName}</dd>
          <dt>{t('common:email')}</dt>
          <dd data-testid="seller-complainant-email">
            <a href={`mailto:${complaint.complainant.email}`}>{complaint.complainant.email}</a>
          </dd>
        </dl>
        <p className="muted small" data-testid="seller-disclosure-note">
          {t('seller:complaint.disclosureNote')}
        </p>
      </div>
    </div>
  );
}

interface SellerListingCardProps {
  api: ApiClient;
  user: User;
  complaintId: string;
  listing: Listing;
  onFiled: (counterNotice: CounterNotice) => void;
}

/** One of the seller's listings: the page, the evidence with the marked region, the decision, and the counter-notice. */
export function SellerListingCard({ api, user, complaintId, listing, onFiled }: SellerListingCardProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <article className="card" data-testid="seller-listing" data-listing-id={listing.id} data-outcome={listing.outcome} aria-labelledby={`seller-listing-${listing.id}`}>
      <div className="card-heading">
        <div>
          <h2 id={`seller-listing-${listing.id}`}>
            {t('seller:complaint.listing', { position: listing.position })} <OutcomeBadge outcome={listing.outcome} />
          </h2>
          <a className="page-url" href={listing.canonicalUrl} target="_blank" rel="noopener noreferrer" data-testid="seller-listing-url">
            {listing.canonicalUrl}
          </a>
          <div className="muted small">
            <MarketplaceName marketplace={listing.marketplace} /> · {t('seller:complaint.shop')} <code>{listing.shopId}</code>
          </div>
        </div>
      </div>

      <h3 className="subheading">{t('seller:complaint.evidence')}</h3>
      <p className="small">
        <span className="muted">{t('complaints.detail.columns.location')}:</span> <LocationSummary location={listing.location} />
      </p>
      {listing.evidence.length === 0 ? (
        <p className="muted">{t('seller:complaint.noEvidence')}</p>
      ) : (
        <div className="stack-small">
          {listing.evidence.map((evidence, index) => (
            // The location is marked on the listing's first capture.
            <EvidenceItem key={evidence.id} complaintId={complaintId} evidence={evidence} location={index === 0 ? listing.location : null} />
          ))}
        </div>
      )}

      <h3 className="subheading">{t('seller:complaint.decision')}</h3>
      {listing.outcome === 'pending' || listing.statement === null ? (
        <p className="muted" data-testid="seller-listing-pending">
          {t('seller:complaint.pending')}
        </p>
      ) : (
        <div className="info-response">
          <p className="small muted">
            {listing.decidedAt && t('seller:complaint.decidedAt', { time: formatShortDateTime(listing.decidedAt, i18n.language) })}
            {listing.measure && <> · {t(`timeline.measures.${listing.measure}`)}</>}
          </p>
          <p className="pre-wrap" data-testid="seller-listing-statement">
            {listing.statement}
          </p>
        </div>
      )}

      <CounterNoticeSection api={api} user={user} listing={listing} onFiled={onFiled} />
    </article>
  );
}

/** A capture as the seller may see it: the re-encoded image only, with the marked region drawn over it. */
function EvidenceItem({ complaintId, evidence, location }: { complaintId: string; evidence: Evidence; location: ListingLocation | null }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const src = sellerCaptureImageUrl(complaintId, evidence.id);
  return (
    <div className="evidence-item" data-testid="seller-evidence" data-capture-id={evidence.id}>
      <a className="evidence-shot" href={src} target="_blank" rel="noopener noreferrer" title={t('lightbox.openInNewTab')}>
        <CaptureFigure
          captureId={evidence.id}
          src={src}
          location={location}
          alt={t('captures.thumbnailAlt', { title: evidence.title })}
          className="capture-figure-review"
        />
      </a>
      <div className="small">
        <span className="page-title">{evidence.title.trim() || t('captures.untitled')}</span>
        <span className="page-url">{evidence.url}</span>
      </div>
      <dl className="facts">
        <dt>{t('seller:complaint.receivedAt')}</dt>
        <dd>
          <time dateTime={evidence.receivedAt}>{formatDateTime(evidence.receivedAt, i18n.language)}</time>
        </dd>
        <dt title={t('captures.sha256Hint')}>{t('captures.sha256')}</dt>
        <dd className="hash-line">
          <code className="hash" data-testid="seller-evidence-sha256">
            {evidence.sha256}
          </code>
        </dd>
      </dl>
    </div>
  );
}

/** The seller's counter-notice on the listing: filed (with its window and any decision), or the form while one may be filed. */
function CounterNoticeSection({ api, user, listing, onFiled }: { api: ApiClient; user: User; listing: Listing; onFiled: (counterNotice: CounterNotice) => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const counterNotice = listing.counterNotice;

  if (counterNotice) {
    return (
      <div className="open-request" data-testid="seller-counter-notice" data-counter-notice-id={counterNotice.id}>
        <h3 className="subheading">
          {t('seller:counterNotice.yours')} <CounterNoticeStatePill state={counterNotice.state} />
        </h3>
        <p className="form-notice" data-testid="counter-notice-next">
          {counterNotice.state === 'window_open' &&
            t('seller:counterNotice.sellerNext.window_open', { time: formatDateTime(counterNotice.windowEndsAt, i18n.language) })}
          {counterNotice.state === 'proof_received' &&
            t('seller:counterNotice.sellerNext.proof_received', {
              time: formatDateTime(counterNotice.proofReceivedAt ?? counterNotice.windowEndsAt, i18n.language),
            })}
          {counterNotice.state === 'restore_due' && t('seller:counterNotice.sellerNext.restore_due')}
          {counterNotice.state === 'restored' && t('seller:counterNotice.sellerNext.restored')}
          {counterNotice.state === 'retained' && t('seller:counterNotice.sellerNext.retained')}
        </p>
        <CounterNoticeFacts counterNotice={counterNotice} />
        {counterNotice.decision && <CounterNoticeDecision decision={counterNotice.decision} />}
        <h4 className="subheading">{t('seller:counterNotice.statement')}</h4>
        <p className="pre-wrap" data-testid="counter-notice-statement-text">
          {counterNotice.statement}
        </p>
        <h4 className="subheading">{t('seller:counterNotice.identityHeading')}</h4>
        <CounterNoticeIdentity identity={counterNotice.identity} />
        <CounterNoticeEvidence counterNotice={counterNotice} />
      </div>
    );
  }

  if (!listing.counterNoticeAllowed) {
    if (listing.outcome !== 'upheld') return null;
    return (
      <p className="muted" data-testid="counter-notice-unavailable">
        {t('seller:counterNotice.unavailable')}
      </p>
    );
  }

  return (
    <div className="open-request" data-testid="seller-counter-notice-open">
      <h3 className="subheading">{t('seller:counterNotice.formHeading')}</h3>
      <p className="form-warning">{t('seller:counterNotice.form.intro')}</p>
      <CounterNoticeForm
        api={api}
        listingId={listing.id}
        // The account's organisation and e-mail are the likeliest identity; the seller corrects them as needed.
        initial={{ ...EMPTY_COUNTER_NOTICE_DRAFT, legalName: user.tenant.name, email: user.email }}
        onFiled={onFiled}
      />
    </div>
  );
}
