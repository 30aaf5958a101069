import type { ComplaintListingOut, CounterNotice, DueDate, InfoRequest, ReviewComplaint } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { captureImageUrl, counterNoticeProofUrl, infoDocumentUrl, type ApiClient } from '../lib/api';
import { formatBytes, formatCalendarDate, formatDateTime, formatShortDateTime } from '../lib/format';
import { OutcomeBadge } from './complaint-bits';
import { CounterNoticeDecision, CounterNoticeEvidence, CounterNoticeFacts, CounterNoticeIdentity, CounterNoticeStatePill } from './counter-notice-bits';
import { StatsPanel } from './complaint-stats';
import { LoadError } from './load-status';
import { DueText, RiskBadge } from './review-bits';
import { RightProofs, RightScope, RightStatusPill, RightValidity } from './right-bits';

const HOUR_MS = 3_600_000;

/** The due date and why it is what it is: base period, each adjustment, pauses, the calendar. */
export function DueDatePanel({ due, now }: { due: DueDate; now: number }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const { breakdown } = due;
  const hours = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const overdue = due.dueAt !== null && Date.parse(due.dueAt) < now;
  const days = (count: number) => t('review:dueDate.businessDays', { count });
  return (
    <div className="card" data-testid="due-date" data-due-at={due.dueAt ?? ''} data-overdue={String(overdue)} aria-labelledby="due-heading">
      <h2 id="due-heading" className="card-title">
        {t('review:dueDate.heading')}
      </h2>
      <p className="due-headline">
        <DueText dueAt={due.dueAt} overdue={overdue} now={now} testId="due-at" />
        {due.dueDate && <span className="muted small block">{formatCalendarDate(due.dueDate, i18n.language)}</span>}
      </p>
      <table className="data-table breakdown-table" data-testid="due-breakdown">
        <tbody>
          <tr data-testid="due-base">
            <td>{t('review:dueDate.base')}</td>
            <td className="nowrap">{days(breakdown.baseBusinessDays)}</td>
          </tr>
          {breakdown.adjustments.map((adjustment) => (
            <tr key={adjustment.code} data-testid="due-adjustment" data-code={adjustment.code} data-days={adjustment.days}>
              <td>{t(`review:dueDate.adjustments.${adjustment.code}`, adjustment.params)}</td>
              <td className="nowrap">
                {t('review:dueDate.adjustmentDays', { count: Math.abs(adjustment.days), sign: adjustment.days < 0 ? '−' : '+' })}
              </td>
            </tr>
          ))}
          <tr className="strong" data-testid="due-total">
            <td>{t('review:dueDate.total')}</td>
            <td className="nowrap">{days(breakdown.totalBusinessDays)}</td>
          </tr>
        </tbody>
      </table>
      <ul className="plain-list small muted">
        <li>{breakdown.calendar ? t('review:dueDate.calendar', { calendar: breakdown.calendar }) : t('review:dueDate.calendarDefault')}</li>
        <li>{t('review:dueDate.clockStarts', { time: formatShortDateTime(breakdown.clockStartsAt, i18n.language) })}</li>
        {breakdown.pausedBusinessMs > 0 && <li>{t('review:dueDate.paused', { hours: hours.format(breakdown.pausedBusinessMs / HOUR_MS) })}</li>}
        {breakdown.pausedSince && <li data-testid="due-paused">{t('review:dueDate.pausedSince', { time: formatShortDateTime(breakdown.pausedSince, i18n.language) })}</li>}
        {breakdown.remainingBusinessMs !== null && <li>{t('review:dueDate.remaining', { hours: hours.format(breakdown.remainingBusinessMs / HOUR_MS) })}</li>}
        {breakdown.provisional && (
          <li className="text-warn" data-testid="due-provisional">
            {t('review:dueDate.provisional')}
          </li>
        )}
      </ul>
    </div>
  );
}

/** Who complains and how their complaints have fared: record, abuse marks, sanction, risk. */
export function ComplainantHistoryPanel({ tenant, history }: { tenant: ReviewComplaint['tenant']; history: ReviewComplaint['history'] }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <div className="card" data-testid="complainant-history" data-risk={history.risk} data-sanction={history.sanction ?? ''} aria-labelledby="history-panel-heading">
      <div className="card-heading">
        <h2 id="history-panel-heading">{t('review.history.heading')}</h2>
        <RiskBadge risk={history.risk} />
      </div>
      <p className="strong">{tenant.name}</p>
      {history.sanction && (
        <p className="form-warning" data-testid="complainant-sanction" data-kind={history.sanction}>
          {t(`review.sanctions.${history.sanction}`)}
        </p>
      )}
      <dl className="facts facts-wide">
        <dt>{t('review.history.wrongful')}</dt>
        <dd data-testid="abuse-wrongful">{history.abuse.wrongful}</dd>
        <dt>{t('review.history.malicious')}</dt>
        <dd data-testid="abuse-malicious">{history.abuse.malicious}</dd>
        <dt>{t('review.history.score')}</dt>
        <dd data-testid="abuse-score">{number.format(history.abuse.score)}</dd>
      </dl>
      <StatsPanel stats={history.stats} />
    </div>
  );
}

/** The right the complaint rests on, with its proof documents as downloads. */
export function RightPanel({ right }: { right: ReviewComplaint['right'] }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <div className="card" data-testid="review-right" aria-labelledby="right-panel-heading">
      <h2 id="right-panel-heading" className="card-title">
        {t('review.right.heading')}
      </h2>
      {right === null ? (
        <p className="muted">{t('complaints.noRight')}</p>
      ) : (
        <>
          <p>
            <span className="strong">{t(`rights.types.${right.type}`)}</span> <code>{right.registrationNumber}</code> <RightStatusPill status={right.verification.status} />
          </p>
          <dl className="facts facts-wide">
            <dt>{t('rights.columns.owner')}</dt>
            <dd>{right.principal ? right.principal.legalName : t('review.right.ownRight')}</dd>
            <dt>{t('rights.columns.territories')}</dt>
            <dd>{right.territories.join(', ')}</dd>
            <dt>{t('rights.columns.scope')}</dt>
            <dd>
              <RightScope right={right} />
            </dd>
            <dt>{t('rights.columns.validity')}</dt>
            <dd>
              <RightValidity right={right} />
            </dd>
            <dt>{t('rights.columns.proofs')}</dt>
            <dd>{right.proofs.length === 0 ? <span className="muted">{t('review.right.noProofs')}</span> : <RightProofs right={right} />}</dd>
          </dl>
        </>
      )}
    </div>
  );
}

export type InfoRequestState = 'open' | 'answered' | 'expired';

export const infoRequestState = (request: InfoRequest): InfoRequestState =>
  request.response !== null ? 'answered' : request.expiredAt !== null ? 'expired' : 'open';

/** Requests for material so far, newest first, each with the complainant's answer. */
export function InfoRequestList({ complaintId, requests, testId = 'info-request' }: { complaintId: string; requests: readonly InfoRequest[]; testId?: string }) {
  const { t } = useTranslation(NAMESPACES);
  if (requests.length === 0) return <p className="muted">{t('review.infoRequests.none')}</p>;
  return (
    <ul className="plain-list info-request-list">
      {requests.map((request) => (
        <li key={request.id}>
          <InfoRequestItem complaintId={complaintId} request={request} testId={testId} />
        </li>
      ))}
    </ul>
  );
}

export function InfoRequestItem({ complaintId, request, testId }: { complaintId: string; request: InfoRequest; testId: string }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const state = infoRequestState(request);
  return (
    <div className="info-request" data-testid={testId} data-request-id={request.id} data-state={state}>
      <p className="small muted">
        {t('review.infoRequests.requested', { time: formatShortDateTime(request.requestedAt, i18n.language), by: request.requestedBy.email })}{' '}
        <span className={`pill ${state === 'open' ? 'pill-warn' : state === 'answered' ? 'pill-ok' : 'pill-danger'}`}>{t(`review.infoRequests.states.${state}`)}</span>
      </p>
      <ul className="plain-list" data-testid="info-request-deficiencies">
        {request.deficiencies.map((code) => (
          <li key={code} data-testid="info-request-deficiency" data-code={code}>
            {t(`review:deficiencies.${code}`)}
          </li>
        ))}
      </ul>
      <p className="pre-wrap" data-testid="info-request-message">
        {request.message}
      </p>
      <p className="small" data-testid="info-request-deadline" data-deadline={request.deadline}>
        {t('review.infoRequests.deadline', { time: formatDateTime(request.deadline, i18n.language) })}
      </p>
      {request.expiredAt && <p className="small text-danger">{t('review.infoRequests.expiredAt', { time: formatShortDateTime(request.expiredAt, i18n.language) })}</p>}
      {request.response && (
        <div className="info-response" data-testid="info-response">
          <p className="small muted">
            {t('review.infoRequests.answered', { time: formatShortDateTime(request.response.respondedAt, i18n.language), by: request.response.respondedBy.email })}
          </p>
          <p className="pre-wrap">{request.response.message}</p>
          {request.response.captureIds.length > 0 && (
            <div className="thumb-row">
              {request.response.captureIds.map((id) => (
                <a key={id} href={captureImageUrl(id)} target="_blank" rel="noopener noreferrer" data-testid="info-response-capture" data-capture-id={id}>
                  <img className="pick-thumb" src={captureImageUrl(id, 'thumb')} alt={t('review.infoRequests.captureAlt')} loading="lazy" />
                </a>
              ))}
            </div>
          )}
          {request.response.documents.length > 0 && (
            <ul className="plain-list small">
              {request.response.documents.map((document) => (
                <li key={document.id}>
                  <a href={infoDocumentUrl(complaintId, document.id)} download data-testid="info-response-document" title={`SHA-256 ${document.sha256}`}>
                    {document.fileName}
                  </a>{' '}
                  <span className="muted">{formatBytes(document.bytes, i18n.language)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

type Proposal = NonNullable<ReviewComplaint['proposal']>;

interface ProposalCardProps {
  proposal: Proposal;
  listings: readonly Pick<ComplaintListingOut, 'id' | 'position'>[];
  /** The reader proposed it: someone else must give the second look. */
  mine: boolean;
  canAdopt: boolean;
  onAdopt: () => void;
}

/**
 * A decision proposed under enhanced review, awaiting a second, different
 * reviewer: it becomes final when that reviewer sends the same decision.
 */
export function ProposalCard({ proposal, listings, mine, canAdopt, onAdopt }: ProposalCardProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const position = new Map(listings.map((listing) => [listing.id, listing.position]));
  return (
    <div className="card" data-testid="decision-proposal" data-proposal-id={proposal.id} data-proposed-by={proposal.proposedBy.email} aria-labelledby="proposal-heading">
      <div className="card-heading">
        <div>
          <h2 id="proposal-heading">{t('review.proposal.heading')}</h2>
          <p className="muted">{t('review.proposal.by', { email: proposal.proposedBy.email, time: formatShortDateTime(proposal.proposedAt, i18n.language) })}</p>
        </div>
        {!mine && (
          <button className="button button-primary" type="button" data-testid="proposal-adopt" disabled={!canAdopt} onClick={onAdopt}>
            {t('review.proposal.adopt')}
          </button>
        )}
      </div>
      {mine && <p className="form-warning">{t('review.proposal.mine')}</p>}
      <ul className="plain-list">
        {[...proposal.listings]
          .sort((a, b) => (position.get(a.listingId) ?? 0) - (position.get(b.listingId) ?? 0))
          .map((listing) => (
            <li key={listing.listingId} data-testid="proposal-listing" data-listing-id={listing.listingId} data-outcome={listing.outcome}>
              <span className="strong">{t('review.listing.heading', { position: position.get(listing.listingId) ?? '?' })}</span> <OutcomeBadge outcome={listing.outcome} />
              <p className="pre-wrap small">{listing.statement}</p>
            </li>
          ))}
      </ul>
    </div>
  );
}

/** Legal bases of the seeded window rules, named as people cite them; another rule's basis is shown as configured. */
const KNOWN_BASES = ['cn_ecommerce_law_art43', 'dmca_512g'] as const;

/** The window's rule in words: its length, and the law it comes from. */
export function useRuleText(): (rule: CounterNotice['rule']) => string {
  const { t } = useTranslation(NAMESPACES);
  return (rule) => {
    const basis = KNOWN_BASES.find((known) => known === rule.basis);
    return `${t(`seller:counterNotice.ruleKinds.${rule.kind}`, { count: rule.days })} · ${basis ? t(`seller:counterNotice.bases.${basis}`) : rule.basis}`;
  };
}

export type ListingRef = { id: string; position?: number; canonicalUrl?: string | null };

/**
 * A seller's counter-notice as staff read it (issue #6 part 3): the
 * statement of non-infringement, the seller's true identity, its evidence
 * (downloads only), the window running from delivery to the complainant, the
 * complainant's proof of an action if any, and the decision once taken.
 */
export function CounterNoticeCard({ counterNotice, listing }: { counterNotice: CounterNotice; listing?: ListingRef }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <article className="stack-small" data-testid="counter-notice" data-counter-notice-id={counterNotice.id} data-listing-id={counterNotice.listingId} data-state={counterNotice.state}>
      <p>
        <span className="strong">{listing?.position !== undefined ? t('staff:counterNotice.onListing', { position: listing.position }) : t('staff:counterNotice.title')}</span>{' '}
        <CounterNoticeStatePill state={counterNotice.state} />
      </p>
      {listing?.canonicalUrl && (
        <p className="small">
          <a href={listing.canonicalUrl} target="_blank" rel="noopener noreferrer" className="page-url">
            {listing.canonicalUrl}
          </a>
        </p>
      )}
      <CounterNoticeFacts counterNotice={counterNotice} />
      <h4 className="subheading">{t('staff:counterNotice.statement')}</h4>
      <p className="pre-wrap" data-testid="counter-notice-statement">
        {counterNotice.statement}
      </p>
      <h4 className="subheading">{t('staff:counterNotice.identity')}</h4>
      <CounterNoticeIdentity identity={counterNotice.identity} />
      <p className="muted small">{t('staff:counterNotice.declared')}</p>
      <CounterNoticeEvidence counterNotice={counterNotice} />
      <h4 className="subheading">{t('staff:counterNotice.proofs')}</h4>
      {counterNotice.proofs.length === 0 ? (
        <p className="muted small" data-testid="counter-notice-no-proof">
          {t('staff:counterNotice.noProof')}
        </p>
      ) : (
        <ul className="plain-list small">
          {counterNotice.proofs.map((proof) => (
            <li key={proof.id} data-testid="counter-notice-proof" data-document-id={proof.id}>
              <p className="pre-wrap">{proof.note}</p>
              <a href={counterNoticeProofUrl(counterNotice.id, proof.id)} download data-testid="counter-notice-proof-link" title={`SHA-256 ${proof.sha256}`}>
                {proof.fileName}
              </a>{' '}
              <span className="muted">
                {formatBytes(proof.bytes, i18n.language)} · {formatShortDateTime(proof.uploadedAt, i18n.language)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {counterNotice.decision && <CounterNoticeDecision decision={counterNotice.decision} />}
    </article>
  );
}

/** The counter-notices on a complaint, read-only on the evidence view; nothing at all while none was filed. */
export function CounterNoticesPanel({ api, complaintId, listings }: { api: ApiClient; complaintId: string; listings: readonly ListingRef[] }) {
  const { t } = useTranslation(NAMESPACES);
  const { data, error, reload } = useResource(() => api.complaintCounterNotices(complaintId), [api, complaintId]);
  if (error === undefined && (data === undefined || data.length === 0)) return null;
  const byId = new Map(listings.map((listing) => [listing.id, listing]));
  return (
    <div className="card stack-small" data-testid="review-counter-notices" aria-labelledby="counter-notices-heading">
      <h2 id="counter-notices-heading" className="card-title">
        {t('staff:counterNotice.heading')}
      </h2>
      <LoadError error={error} onRetry={() => void reload()} />
      {data?.map((counterNotice) => <CounterNoticeCard key={counterNotice.id} counterNotice={counterNotice} listing={byId.get(counterNotice.listingId)} />)}
    </div>
  );
}
