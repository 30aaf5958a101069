import { QUEUE_STATES, type Complaint, type InfoRequestRequest, type ReviewComplaint, type User } from '@openipp/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClaim } from '../hooks/use-claim';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { isTypingTarget, useShortcuts } from '../hooks/use-shortcuts';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { complaintHref } from '../lib/pages';
import { reviewComplaintHref, reviewQueueHref, type QueueFilters } from '../lib/review-filters';
import { findNextComplaint } from '../lib/review-next';
import { decisionOf, defaultTemplate, nextPlaceholder, type ListingDraft, type Outcome } from '../lib/statement';
import type { ClaimStatus } from '../lib/claim-lease';
import { AbuseForm } from './abuse-form';
import { ComplainantFacts, ComplaintStateBadge } from './complaint-bits';
import { DecisionFooter } from './decision-footer';
import { InfoRequestForm } from './info-request-form';
import { Lightbox } from './lightbox';
import { LoadError, LoadingLine } from './load-status';
import { ComplainantHistoryPanel, CounterNoticesPanel, DueDatePanel, InfoRequestList, ProposalCard, RightPanel } from './review-panels';
import { ReviewListing } from './review-listing';
import { ShortcutHelp } from './shortcut-help';

type EvidenceCapture = ReviewComplaint['evidence'][string][number];

/** Claim errors that mean "this page no longer holds the claim", whatever the claim bar last showed. */
const CLAIM_LOST = new Set(['claim_required', 'lease_expired', 'already_claimed']);

/**
 * What the previous evidence view had to say when "Submit & Next" moved on
 * (a decision recorded only as a proposal under enhanced review). Screen
 * state only: it is shown once by the next view and dropped.
 */
let carriedNotice: string | undefined;

interface ReviewComplaintPageProps {
  api: ApiClient;
  user: User;
  id: string;
  /** The queue's filters, kept so "Submit & Next" takes the next complaint of the same queue. */
  filters: QueueFilters;
}

/**
 * One complaint under review (issue #5 parts 2–6): claimed on opening, its
 * evidence listing by listing, the complainant's record, the due date and
 * any requests for material; then a decision per listing, or a request for
 * material, and on to the next complaint without a page load.
 */
export function ReviewComplaintPage({ api, user, id, filters }: ReviewComplaintPageProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const claim = useClaim(api, id);
  // Read once the claim is answered: claiming a submitted complaint starts its review, and a refused claim names its holder here.
  const review = useResource<ReviewComplaint>(() => claim.ready.then(() => api.reviewComplaint(id)), [api, id, claim.ready]);
  const data = review.data;
  const [drafts, setDrafts] = useState<ReadonlyMap<string, ListingDraft>>(new Map());
  const [current, setCurrent] = useState(0);
  const [panel, setPanel] = useState<'info' | 'abuse'>();
  const [overlay, setOverlay] = useState<{ kind: 'help' } | { kind: 'capture'; capture: EvidenceCapture; location: ReviewComplaint['complaint']['listings'][number]['location'] }>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [notice, setNotice] = useState<string | undefined>(() => {
    const carried = carriedNotice;
    carriedNotice = undefined;
    return carried;
  });
  const [focusRequest, setFocusRequest] = useState<{ listingId: string } | { info: true }>();
  const statementFields = useRef(new Map<string, HTMLTextAreaElement>());
  const firstDeficiency = useRef<HTMLInputElement>(null);
  const [now, setNow] = useState(() => Date.now());

  // Ageing and "overdue" move on while the page stays open.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const listings = useMemo(() => [...(data?.complaint.listings ?? [])].sort((a, b) => a.position - b.position), [data]);
  const at = Math.min(current, Math.max(0, listings.length - 1));
  const canDecide = claim.status.kind === 'held' && data !== undefined && (QUEUE_STATES as readonly string[]).includes(data.complaint.state);
  const decision = decisionOf(listings, drafts);

  useEffect(() => {
    const listing = listings[at];
    if (listing) document.querySelector(`[data-testid="review-listing"][data-listing-id="${CSS.escape(listing.id)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [at, listings]);

  // After u, r or i: put the cursor where the reviewer types next, the first placeholder selected to be typed over.
  useEffect(() => {
    if (!focusRequest) return;
    if ('info' in focusRequest) firstDeficiency.current?.focus();
    else {
      const field = statementFields.current.get(focusRequest.listingId);
      if (field) {
        field.focus();
        const range = nextPlaceholder(field.value, 0);
        if (range) field.setSelectionRange(range.start, range.end);
      }
    }
    setFocusRequest(undefined);
  }, [focusRequest]);

  function choose(listingId: string, outcome: Outcome) {
    if (!canDecide || !data) return;
    setDrafts((before) => {
      const existing = before.get(listingId);
      // Pressing the same outcome again keeps what was written.
      if (existing?.outcome === outcome) return before;
      const template = defaultTemplate(outcome, data.complaint.reason);
      return new Map(before).set(listingId, { outcome, template, statement: t(`review:templates.${template}`) });
    });
    setFocusRequest({ listingId });
  }

  function applyToRest(listingId: string) {
    const draft = drafts.get(listingId);
    if (!draft) return;
    setDrafts((before) => {
      const next = new Map(before);
      for (const listing of listings) if (!next.has(listing.id)) next.set(listing.id, { ...draft });
      return next;
    });
  }

  async function moveOn(stillQueued: boolean) {
    const nextId = await findNextComplaint(api, filters, { id, stillQueued }, user.id).catch(() => null);
    window.location.hash = nextId === null ? reviewQueueHref(filters) : reviewComplaintHref(nextId, filters);
  }

  async function afterAction(result: Complaint, next: boolean, message: string) {
    const stillQueued = (QUEUE_STATES as readonly string[]).includes(result.state);
    if (next) {
      carriedNotice = stillQueued ? message : undefined;
      await moveOn(stillQueued);
      return;
    }
    setNotice(message);
    setDrafts(new Map());
    setPanel(undefined);
    await review.reload();
  }

  async function act(run: () => Promise<Complaint>, next: boolean, message: (result: Complaint) => string) {
    setSending(true);
    setNotice(undefined);
    try {
      const result = await run();
      // A decision or a request for material gives the claim back on the server, in the same transaction.
      claim.settle();
      await afterAction(result, next, message(result));
    } catch (error) {
      if (error instanceof ApiError && CLAIM_LOST.has(error.code)) {
        // Take it again if nobody else has; what the reviewer wrote stays for a second try.
        await claim.reclaim();
        await review.reload();
      }
      throw error;
    } finally {
      setSending(false);
    }
  }

  function sendDecision(next: boolean) {
    const request = decision.request;
    if (!request || sending || !canDecide) return;
    setFailure(undefined);
    act(
      () => api.decideComplaint(id, request),
      next,
      // Under enhanced review the first decision is a proposal: the complaint stays in review for a second reviewer.
      (result) => (result.state === 'decided' ? t('review.decision.done') : t('review.decision.proposed')),
    ).catch(setFailure);
  }

  const sendInfoRequest = (request: InfoRequestRequest, next: boolean) =>
    act(() => api.requestInfo(id, request), next, () => t('review.infoRequest.done'));

  function skip() {
    void moveOn(true);
  }

  useShortcuts(
    [
      { key: 'j', repeat: true, run: () => setCurrent(Math.min(at + 1, Math.max(0, listings.length - 1))) },
      { key: 'k', repeat: true, run: () => setCurrent(Math.max(0, at - 1)) },
      { key: 'u', run: () => listings[at] && choose(listings[at].id, 'upheld') },
      { key: 'r', run: () => listings[at] && choose(listings[at].id, 'rejected') },
      {
        key: 'i',
        run: () => {
          if (!canDecide) return;
          setPanel('info');
          setFocusRequest({ info: true });
        },
      },
      { key: 's', run: () => sendDecision(true) },
      { key: 'n', run: skip },
      { key: '?', run: () => setOverlay({ kind: 'help' }) },
      {
        key: 'Escape',
        inFields: true,
        run: () => {
          // Out of the text field first, so j/k and the others work again; then out of an open form.
          const active = document.activeElement;
          if (active instanceof HTMLElement && isTypingTarget(active)) active.blur();
          else setPanel(undefined);
        },
      },
    ],
    overlay === undefined,
  );

  const backHref = reviewQueueHref(filters);

  return (
    <section className="stack review-page" aria-labelledby="review-complaint-heading" data-testid="review-page" data-complaint-id={id}>
      <div className="page-heading">
        <div>
          <a href={backHref} className="small" data-testid="review-back">
            {t('review.evidence.back')}
          </a>
          <h1 id="review-complaint-heading">
            {t('review.evidence.heading')} {data && <ComplaintStateBadge state={data.complaint.state} testId="review-state" />}
          </h1>
          <p className="page-subtitle">
            <code data-testid="review-complaint-id">{id}</code>
            {data && (
              <>
                {' · '}
                <a href={complaintHref(id)} data-testid="review-complaint-page">
                  {t('review.evidence.timelineLink')}
                </a>
              </>
            )}
          </p>
        </div>
        <div className="page-actions">
          <ClaimBar status={claim.status} holder={data?.claim ?? null} userId={user.id} onReclaim={() => void claim.reclaim().then(() => review.reload())} />
          <button className="button" type="button" data-testid="info-request-open" disabled={!canDecide} onClick={() => setPanel('info')}>
            {t('review.infoRequest.open')} <kbd>i</kbd>
          </button>
          <button className="button button-danger" type="button" data-testid="abuse-open" disabled={data === undefined} onClick={() => setPanel('abuse')}>
            {t('review.abuse.open')}
          </button>
          <button className="button" type="button" data-testid="review-next" onClick={skip}>
            {t('review.evidence.next')} <kbd>n</kbd>
          </button>
          <button className="button" type="button" data-testid="shortcut-help-open" onClick={() => setOverlay({ kind: 'help' })}>
            <kbd>?</kbd>
          </button>
        </div>
      </div>

      {notice && (
        <p className="form-success" role="status" data-testid="review-notice">
          {notice}
        </p>
      )}
      <LoadError error={review.error} onRetry={() => void review.reload()} />
      <LoadingLine show={review.loading} role="status" />

      {data && (
        <>
          {data.enhancedReview && (
            <div className="banner banner-warn" data-testid="enhanced-review">
              {t('review.decision.enhancedReview')}
            </div>
          )}
          {data.proposal && (
            <ProposalCard
              proposal={data.proposal}
              listings={listings}
              mine={data.proposal.proposedBy.id === user.id}
              canAdopt={canDecide}
              onAdopt={() => {
                const proposal = data.proposal;
                if (!proposal) return;
                // The second look confirms by sending the same decision: start from it, change what the reviewer disagrees with.
                setDrafts(new Map(proposal.listings.map((listing) => [listing.listingId, { outcome: listing.outcome, template: '', statement: listing.statement }])));
              }}
            />
          )}
          {panel === 'info' && (
            <InfoRequestForm
              jurisdiction={data.due.breakdown.calendar}
              now={now}
              disabled={!canDecide}
              firstFieldRef={firstDeficiency}
              onSend={sendInfoRequest}
              onCancel={() => setPanel(undefined)}
            />
          )}
          {panel === 'abuse' && <AbuseForm api={api} complaintId={id} onDone={() => void review.reload()} onCancel={() => setPanel(undefined)} />}

          <div className="review-layout">
            <div className="stack review-main">
              <Grounds data={data} />
              {listings.map((listing, index) => (
                <ReviewListing
                  key={listing.id}
                  listing={listing}
                  evidence={data.evidence[listing.id] ?? []}
                  earlier={data.earlier[listing.id] ?? []}
                  current={index === at}
                  draft={drafts.get(listing.id)}
                  canDecide={canDecide}
                  onChoose={(outcome) => choose(listing.id, outcome)}
                  onDraft={(draft) => setDrafts((before) => new Map(before).set(listing.id, draft))}
                  onApplyToRest={() => applyToRest(listing.id)}
                  undecidedOthers={listings.filter((other) => other.id !== listing.id && !drafts.has(other.id)).length}
                  onFocus={() => index !== at && setCurrent(index)}
                  onView={(capture) => setOverlay({ kind: 'capture', capture, location: capture.id === listing.captureIds[0] ? listing.location : null })}
                  onSubmitKey={() => sendDecision(true)}
                  statementRef={(element) => {
                    if (element) statementFields.current.set(listing.id, element);
                    else statementFields.current.delete(listing.id);
                  }}
                />
              ))}
              {/* Only an upheld listing can draw a counter-notice: a complaint without one has nothing to ask for. */}
              {listings.some((listing) => listing.outcome === 'upheld') && <CounterNoticesPanel api={api} complaintId={id} listings={listings} />}
            </div>
            <aside className="stack review-aside">
              <DueDatePanel due={data.due} now={now} />
              <ComplainantHistoryPanel tenant={data.tenant} history={data.history} />
              <RightPanel right={data.right} />
              <div className="card" aria-labelledby="info-requests-heading" data-testid="review-info-requests">
                <h2 id="info-requests-heading" className="card-title">
                  {t('review.infoRequests.heading')}
                </h2>
                <InfoRequestList complaintId={id} requests={data.infoRequests} />
              </div>
            </aside>
          </div>

          <DecisionFooter
            blockers={decision.blockers}
            ready={decision.request !== undefined && canDecide && !sending}
            sending={sending}
            failure={failure === undefined ? undefined : errorText(failure)}
            failureCode={failure instanceof ApiError ? failure.code : undefined}
            onSend={() => sendDecision(false)}
            onSendNext={() => sendDecision(true)}
          />
          <p className="muted small">{t('review.evidence.submittedAt', { time: data.complaint.submittedAt ? formatShortDateTime(data.complaint.submittedAt, i18n.language) : '—' })}</p>
        </>
      )}

      {overlay?.kind === 'help' && <ShortcutHelp view="evidence" onClose={() => setOverlay(undefined)} />}
      {overlay?.kind === 'capture' && (
        <Lightbox capture={{ id: overlay.capture.id, title: overlay.capture.title }} location={overlay.location} onClose={() => setOverlay(undefined)} />
      )}
    </section>
  );
}

/** The claim as it stands: held (and until when), held by someone else, lapsed, or refused. */
export function ClaimBar({ status, holder, userId, onReclaim }: { status: ClaimStatus; holder: ReviewComplaint['claim']; userId: string; onReclaim: () => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const other = holder !== null && holder.reviewer.id !== userId ? holder : null;
  switch (status.kind) {
    case 'claiming':
      return (
        <span className="pill pill-muted" data-testid="claim-status" data-status="claiming">
          {t('review.claim.claiming')}
        </span>
      );
    case 'held':
      return (
        <span className="pill pill-ok" data-testid="claim-status" data-status="held" data-expires-at={status.claim.expiresAt} title={t('review.claim.renewHint')}>
          {t('review.claim.held', { time: new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(status.claim.expiresAt)) })}
        </span>
      );
    case 'released':
      return (
        <span className="pill pill-muted" data-testid="claim-status" data-status="released">
          {t('review.claim.released')}
        </span>
      );
    default:
      return (
        <span className="claim-problem" data-testid="claim-status" data-status={status.kind} data-holder={other?.reviewer.email ?? ''}>
          <span className="pill pill-danger">
            {status.kind === 'taken'
              ? other
                ? t('review.claim.takenBy', { email: other.reviewer.email })
                : t('errors:already_claimed')
              : status.kind === 'lapsed'
                ? t('review.claim.lapsed')
                : errorText(status.error)}
          </span>{' '}
          <button className="button button-small" type="button" data-testid="claim-retry" onClick={onReclaim}>
            {t('review.claim.again')}
          </button>
        </span>
      );
  }
}

function Grounds({ data }: { data: ReviewComplaint }) {
  const { t } = useTranslation(NAMESPACES);
  const { complaint } = data;
  return (
    <div className="card" data-testid="review-grounds" aria-labelledby="review-grounds-heading">
      <h2 id="review-grounds-heading" className="card-title">
        {t('complaints.detail.grounds')}
      </h2>
      <dl className="facts facts-wide">
        <dt>{t('complaints.detail.reason')}</dt>
        <dd data-testid="review-reason">{complaint.reason ? t(`complaints.reasons.${complaint.reason}`) : <span className="muted">{t('complaints.noReason')}</span>}</dd>
        <dt>{t('complaints.detail.right')}</dt>
        <dd>
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
            <dd>{complaint.principal.legalName}</dd>
          </>
        )}
        <dt>{t('complaints.detail.explanation')}</dt>
        <dd className="pre-wrap" data-testid="review-explanation">
          {complaint.explanation || <span className="muted">{t('complaints.detail.noExplanation')}</span>}
        </dd>
        <dt>{t('review.evidence.tenant')}</dt>
        <dd data-testid="review-tenant">{data.tenant.name}</dd>
      </dl>
      {complaint.complainant && (
        <details className="small">
          <summary>{t('complaints.detail.complainant')}</summary>
          <ComplainantFacts complainant={complaint.complainant} />
        </details>
      )}
    </div>
  );
}
