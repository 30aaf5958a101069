import { MARKETPLACES, QUEUE_STATES, allowedEvents, isStaff, type Complaint, type ComplaintListingOut, type User } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { createDraftSubmitter } from '../lib/complaint-filing';
import { formatDateTime, formatShortDateTime } from '../lib/format';
import { complaintEditHref } from '../lib/pages';
import { reviewComplaintHref } from '../lib/review-filters';
import { ComplainantFacts, ComplaintStateBadge, ListingHeadings, ListingThumbs, LocationSummary, OutcomeBadge } from './complaint-bits';
import { ComplaintTimeline } from './complaint-timeline';
import { CounterNoticesCard } from './counter-notices-card';
import { InfoRequestsCard } from './info-request-answer';
import { Lightbox } from './lightbox';
import { LoadError, LoadingLine } from './load-status';
import { ProblemList, serverProblems } from './problem-list';

/** One complaint as filed: its state, grounds, complainant, listings with their evidence, and every transition. */
export function ComplaintDetail({ api, user, id }: { api: ApiClient; user: User; id: string }) {
  const { t } = useTranslation(NAMESPACES);
  const { data: complaint, setData, error, loading, reload } = useResource<Complaint>(() => api.getComplaint(id), [api, id]);

  return (
    <section className="stack" aria-labelledby="complaint-heading">
      <div className="page-heading">
        <div>
          <a href="#/complaints" className="small" data-testid="complaint-back">
            {t('complaints.detail.back')}
          </a>
          <h1 id="complaint-heading">
            {t('complaints.detail.heading')} {complaint && <ComplaintStateBadge state={complaint.state} testId="complaint-state" />}
          </h1>
          <p className="page-subtitle">
            <code data-testid="complaint-id">{id}</code>
          </p>
        </div>
        <div className="page-actions">
          {complaint && isStaff(user.role) && (QUEUE_STATES as readonly string[]).includes(complaint.state) && (
            <a className="button button-primary" href={reviewComplaintHref(complaint.id)} data-testid="complaint-open-review">
              {t('review.evidence.openInReview')}
            </a>
          )}
          <button className="button" type="button" data-testid="complaint-refresh" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} role="status" />
      {complaint && (
        <>
          {!isStaff(user.role) && <ComplaintActions api={api} complaint={complaint} onChanged={setData} />}
          {/* Material can only have been asked for once a review started; staff read the requests in the review view. */}
          {!isStaff(user.role) && complaint.state !== 'draft' && complaint.state !== 'submitted' && (
            <InfoRequestsCard api={api} complaint={complaint} onChanged={setData} />
          )}
          {/* A seller can answer only an upheld listing with a counter-notice. */}
          {!isStaff(user.role) && complaint.listings.some((listing) => listing.outcome === 'upheld') && <CounterNoticesCard api={api} complaint={complaint} />}
          <Grounds complaint={complaint} />
          <Listings complaint={complaint} />
          <History complaint={complaint} />
          <ComplaintTimeline api={api} complaint={complaint} />
        </>
      )}
    </section>
  );
}

/** Submit (drafts) and Withdraw (any open state): offered only where the shared lifecycle allows them. */
function ComplaintActions({ api, complaint, onChanged }: { api: ApiClient; complaint: Complaint; onChanged: (complaint: Complaint) => void }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const events = allowedEvents(complaint.state);
  const [submit] = useState(() => createDraftSubmitter(api));
  const [busy, setBusy] = useState<'submit' | 'withdraw'>();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<unknown>();

  async function run(kind: 'submit' | 'withdraw', action: () => Promise<Complaint>) {
    setBusy(kind);
    setFailure(undefined);
    try {
      onChanged(await action());
      setConfirming(false);
      setNote('');
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(undefined);
    }
  }

  function withdraw(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run('withdraw', () => api.withdrawComplaint(complaint.id, note));
  }

  if (!events.includes('submit') && !events.includes('withdraw')) return null;
  const problems = failure instanceof ApiError && failure.code === 'notice_not_qualified' ? serverProblems(failure.errors) : [];

  return (
    <div className="card" data-testid="complaint-actions">
      <div className="row-actions">
        {events.includes('submit') && (
          <>
            <button
              className="button button-primary"
              type="button"
              data-testid="complaint-submit"
              disabled={busy !== undefined}
              onClick={() => void run('submit', () => submit(complaint.id))}
            >
              {busy === 'submit' ? t('complaints.detail.submitting') : t('complaints.detail.submit')}
            </button>
            <a className="button" href={complaintEditHref(complaint.id)} data-testid="complaint-edit">
              {t('complaints.detail.edit')}
            </a>
          </>
        )}
        {events.includes('withdraw') && !confirming && (
          <button className="button button-danger" type="button" data-testid="complaint-withdraw" disabled={busy !== undefined} onClick={() => setConfirming(true)}>
            {t('complaints.detail.withdraw')}
          </button>
        )}
      </div>
      {confirming && (
        <form className="unfreeze-form" onSubmit={withdraw} data-testid="complaint-withdraw-form">
          <p className="form-warning">{t('complaints.detail.withdrawWarning')}</p>
          <label className="field">
            <span className="field-label">{t('complaints.detail.withdrawNote')}</span>
            <textarea data-testid="complaint-withdraw-note" rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
          </label>
          <div className="form-actions">
            <button className="button" type="button" data-testid="complaint-withdraw-cancel" disabled={busy !== undefined} onClick={() => setConfirming(false)}>
              {t('actions.cancel')}
            </button>
            <button className="button button-danger-solid" type="submit" data-testid="complaint-withdraw-confirm" disabled={busy !== undefined}>
              {busy === 'withdraw' ? t('complaints.detail.withdrawing') : t('complaints.detail.withdrawConfirm')}
            </button>
          </div>
        </form>
      )}
      {failure !== undefined && (
        <div className="form-error" role="alert" data-testid="complaint-action-error">
          <p>{errorText(failure)}</p>
          {problems.length > 0 && <ProblemList problems={problems} testId="server-problem" />}
        </div>
      )}
    </div>
  );
}

function Grounds({ complaint }: { complaint: Complaint }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const yes = (ticked: boolean) => (ticked ? t('complaints.detail.declared') : t('complaints.detail.notDeclared'));
  const { complainant } = complaint;
  return (
    <div className="detail-grid">
      <div className="card" aria-labelledby="grounds-heading">
        <h2 id="grounds-heading" className="card-title">
          {t('complaints.detail.grounds')}
        </h2>
        <dl className="facts facts-wide">
          <dt>{t('complaints.detail.right')}</dt>
          <dd data-testid="complaint-right">
            {complaint.right ? (
              <>
                {t(`rights.types.${complaint.right.type}`)} <code>{complaint.right.registrationNumber}</code>
              </>
            ) : (
              <span className="muted">{t('complaints.noRight')}</span>
            )}
          </dd>
          {complaint.principal && (
            <>
              <dt>{t('complaints.detail.principal')}</dt>
              <dd data-testid="complaint-principal">{complaint.principal.legalName}</dd>
            </>
          )}
          <dt>{t('complaints.detail.reason')}</dt>
          <dd data-testid="complaint-reason">{complaint.reason ? t(`complaints.reasons.${complaint.reason}`) : <span className="muted">{t('complaints.noReason')}</span>}</dd>
          <dt>{t('complaints.detail.explanation')}</dt>
          <dd className="pre-wrap" data-testid="complaint-explanation">
            {complaint.explanation || <span className="muted">{t('complaints.detail.noExplanation')}</span>}
          </dd>
          <dt>{t('complaints.builder.goodFaith')}</dt>
          <dd data-testid="complaint-good-faith">{yes(complaint.goodFaith)}</dd>
          <dt>{t('complaints.builder.accuracy')}</dt>
          <dd data-testid="complaint-accuracy">{yes(complaint.accuracy)}</dd>
          <dt>{t('complaints.detail.created')}</dt>
          <dd>{formatShortDateTime(complaint.createdAt, i18n.language)}</dd>
          {complaint.submittedAt && (
            <>
              <dt>{t('complaints.detail.submittedAt')}</dt>
              <dd data-testid="complaint-submitted-at">{formatDateTime(complaint.submittedAt, i18n.language)}</dd>
            </>
          )}
        </dl>
      </div>
      <div className="card" aria-labelledby="complainant-heading" data-testid="complaint-complainant">
        <h2 id="complainant-heading" className="card-title">
          {t('complaints.detail.complainant')}
        </h2>
        {complainant ? (
          <ComplainantFacts complainant={complainant} />
        ) : (
          <p className="muted">{t('complaints.detail.complainantOnFiling')}</p>
        )}
      </div>
    </div>
  );
}

function Listings({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation(NAMESPACES);
  const [viewing, setViewing] = useState<{ captureId: string; listing: ComplaintListingOut }>();
  const listings = [...complaint.listings].sort((a, b) => a.position - b.position);
  return (
    <div className="card" aria-labelledby="listings-heading">
      <div className="card-heading">
        <h2 id="listings-heading">{t('complaints.detail.listings', { count: listings.length })}</h2>
      </div>
      {listings.length === 0 ? (
        <p className="muted">{t('complaints.detail.noListings')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="complaint-listings">
            <thead>
              <tr>
                <ListingHeadings />
                <th scope="col">{t('complaints.detail.columns.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {listings.map((listing) => (
                <tr key={listing.id} data-testid="complaint-listing" data-listing-id={listing.id} data-outcome={listing.outcome}>
                  <td className="nowrap">{listing.position}</td>
                  <td className="cell-page">
                    <a className="page-url" href={listing.canonicalUrl} target="_blank" rel="noopener noreferrer" data-testid="listing-canonical-url">
                      {listing.canonicalUrl}
                    </a>
                    <div className="muted small">
                      <span data-testid="listing-marketplace" data-marketplace={listing.marketplace}>
                        <MarketplaceName marketplace={listing.marketplace} />
                      </span>
                      {' · '}
                      <span data-testid="listing-jurisdiction">
                        {listing.jurisdiction ? t('complaints.detail.jurisdiction', { code: listing.jurisdiction }) : t('complaints.detail.noJurisdiction')}
                      </span>
                      {listing.listingId && (
                        <>
                          {' · '}
                          {t('complaints.detail.listingId')} <code>{listing.listingId}</code>
                        </>
                      )}
                    </div>
                    {listing.url !== listing.canonicalUrl && <div className="muted small page-url">{t('complaints.detail.asGiven', { url: listing.url })}</div>}
                  </td>
                  <td>
                    <ListingThumbs
                      captureIds={listing.captureIds}
                      location={listing.location}
                      listingNumber={listing.position}
                      onOpen={(captureId) => setViewing({ captureId, listing })}
                    />
                  </td>
                  <td className="cell-location">
                    <LocationSummary location={listing.location} />
                  </td>
                  <td>
                    <OutcomeBadge outcome={listing.outcome} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {viewing && (
        <Lightbox
          capture={{ id: viewing.captureId, title: viewing.listing.canonicalUrl }}
          location={viewing.listing.captureIds[0] === viewing.captureId ? viewing.listing.location : null}
          onClose={() => setViewing(undefined)}
        />
      )}
    </div>
  );
}

function History({ complaint }: { complaint: Complaint }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <div className="card" aria-labelledby="history-heading">
      <div className="card-heading">
        <h2 id="history-heading">{t('complaints.detail.history')}</h2>
      </div>
      <div className="table-wrap">
        <table className="data-table" data-testid="complaint-history">
          <thead>
            <tr>
              <th scope="col">{t('complaints.detail.columns.change')}</th>
              <th scope="col">{t('complaints.detail.columns.event')}</th>
              <th scope="col">{t('complaints.detail.columns.actor')}</th>
              <th scope="col">{t('complaints.detail.columns.time')}</th>
            </tr>
          </thead>
          <tbody>
            {complaint.transitions.map((transition, index) => (
              <tr key={`${transition.at}-${index}`} data-testid="complaint-transition" data-from={transition.from ?? ''} data-to={transition.to} data-event={transition.event ?? ''}>
                <td className="nowrap">
                  {transition.from ? t(`complaints.states.${transition.from}`) : t('complaints.detail.created')} → {t(`complaints.states.${transition.to}`)}
                </td>
                <td>{transition.event ? t(`complaints.events.${transition.event}`) : t('complaints.events.create')}</td>
                <td data-testid="transition-actor">{transition.actor.email}</td>
                <td className="nowrap">
                  <time dateTime={transition.at} title={transition.at}>
                    {formatDateTime(transition.at, i18n.language)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Marketplace names as people call them in each language; an id this console does not know is shown as sent. */
export function MarketplaceName({ marketplace }: { marketplace: string }) {
  const { t } = useTranslation(NAMESPACES);
  const known = MARKETPLACES.find((name) => name === marketplace);
  return <>{known ? t(`complaints.marketplaces.${known}`) : marketplace}</>;
}
