import {
  EXPLANATION_MAX_LENGTH,
  EXPLANATION_MIN_LENGTH,
  MAX_LISTINGS_PER_COMPLAINT,
  emptyComplaintInput,
  isReceiptComplete,
  type Capture,
  type Complaint,
  type ComplaintContext,
  type ComplaintFacts,
  type ComplaintInput,
  type ComplaintRightOption,
  type User,
} from '@openipp/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useListingLookups, type LookupState } from '../hooks/use-listing-lookups';
import { usePagedList, type PagedList } from '../hooks/use-paged-list';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { ApiError, captureImageUrl, type ApiClient } from '../lib/api';
import { createComplaintFiler } from '../lib/complaint-filing';
import {
  addCaptures,
  inputOfComplaint,
  listingKey,
  reasonsFor,
  removeListing,
  rightsFor,
  setLocation,
  withPrincipal,
  withRight,
  type AddResult,
} from '../lib/complaint-input';
import { formatCalendarDate, formatShortDateTime } from '../lib/format';
import { complaintHref } from '../lib/pages';
import { ComplainantFacts, ComplaintStateBadge, ListingHeadings, ListingThumbs, LocationSummary } from './complaint-bits';
import { LoadError, LoadingLine } from './load-status';
import { LocationEditor } from './location-editor';
import { LiveVerdict, ProblemList, serverProblems } from './problem-list';

const CAPTURE_PAGE_SIZE = 50;

/**
 * The console's complaint builder (issue #4, part 4): the same ComplaintInput
 * the extension sends, with the same live verdict. `draftId` edits a saved draft.
 */
export function ComplaintBuilder({ api, user, draftId }: { api: ApiClient; user: User; draftId?: string }) {
  const { t } = useTranslation(NAMESPACES);
  const context = useResource<ComplaintContext>(() => api.complaintContext(), [api]);
  const [input, setInput] = useState<ComplaintInput>();
  const draft = useResource<Complaint | null>(() => (draftId === undefined ? Promise.resolve(null) : api.getComplaint(draftId)), [api, draftId], {
    onLoad: (loaded) => setInput((current) => current ?? (loaded && loaded.state === 'draft' ? inputOfComplaint(loaded) : emptyComplaintInput())),
  });

  const error = context.error ?? draft.error;
  const retry = () => {
    if (context.error !== undefined) void context.reload();
    if (draft.error !== undefined) void draft.reload();
  };

  return (
    <section className="stack" aria-labelledby="builder-heading">
      <div className="page-heading">
        <div>
          <a href={draftId === undefined ? '#/complaints' : complaintHref(draftId)} className="small" data-testid="builder-back">
            {t('complaints.detail.back')}
          </a>
          <h1 id="builder-heading">{draftId === undefined ? t('complaints.builder.heading') : t('complaints.builder.editHeading')}</h1>
          <p className="page-subtitle">{t('complaints.builder.subtitle')}</p>
        </div>
      </div>
      <LoadError error={error} onRetry={retry} />
      <LoadingLine show={error === undefined && (context.loading || draft.loading)} role="status" />
      {draft.data && draft.data.state !== 'draft' && (
        <div className="banner banner-warn" role="status" data-testid="builder-not-draft">
          <span>{t('complaints.builder.notDraft')}</span> <ComplaintStateBadge state={draft.data.state} testId="builder-draft-state" />
          <a className="button button-small" href={complaintHref(draft.data.id)}>
            {t('complaints.builder.openComplaint')}
          </a>
        </div>
      )}
      {context.data && input && (draft.data === null || draft.data?.state === 'draft') && (
        <BuilderForm api={api} user={user} context={context.data} input={input} onInput={setInput} draft={draft.data ?? undefined} />
      )}
    </section>
  );
}

interface BuilderFormProps {
  api: ApiClient;
  user: User;
  context: ComplaintContext;
  input: ComplaintInput;
  onInput: (input: ComplaintInput) => void;
  draft: Complaint | undefined;
}

function BuilderForm({ api, user, context, input, onInput, draft }: BuilderFormProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const agency = context.tenantKind === 'agency';
  const [filer] = useState(() => createComplaintFiler(api));
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const [failure, setFailure] = useState<unknown>();
  const [marking, setMarking] = useState<number>();

  const captures = usePagedList((cursor) => api.listCaptures(cursor === undefined ? { limit: CAPTURE_PAGE_SIZE } : { limit: CAPTURE_PAGE_SIZE, cursor }), [api]);
  const extraCaptures = useDraftCaptures(api, input, captures.items, captures.loading === false);
  // The tenant's captures as GET /api/captures returned them: the server stored and
  // hashed each on receipt, and re-checks every hash when the complaint is filed.
  // One still missing artefacts is not evidence yet: the server would refuse it (capture_incomplete).
  const verifiedIds = useMemo(
    () => [...captures.items.filter((capture) => isReceiptComplete(capture.receipt)).map((capture) => capture.id), ...extraCaptures],
    [captures.items, extraCaptures],
  );
  const facts = useMemo<ComplaintFacts>(
    () => ({ rights: context.rights, complainant: context.complainant, verifiedCaptureIds: new Set(verifiedIds) }),
    [context, verifiedIds],
  );
  const now = useServerNow(context.serverTime);

  // Captures ticked in the picker, not yet added. Their listings are looked up
  // before they are added, so "already reported" shows while the user chooses.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const lookupUrls = useMemo(
    () => [...input.listings.map((listing) => listing.url), ...captures.items.filter((capture) => selected.has(capture.id)).map((capture) => capture.url)],
    [input.listings, captures.items, selected],
  );
  const lookup = useListingLookups(api, lookupUrls, draft?.id);

  const rights = rightsFor(context.rights, input.principalId);
  const right = rights.find((option) => option.id === input.rightId);
  const reasons = reasonsFor(right);
  const rightLabel = (option: ComplaintRightOption) =>
    t('complaints.builder.rightOption', {
      type: t(`rights.types.${option.type}`),
      number: option.registrationNumber,
      territories: option.territories.join(', '),
      status: t(`rights.states.${option.status}`),
    });

  async function file(submit: boolean) {
    setBusy(submit ? 'submit' : 'save');
    setFailure(undefined);
    try {
      const complaint = await filer.file(input, draft === undefined ? { submit } : { submit, draftId: draft.id });
      window.location.hash = complaintHref(complaint.id);
    } catch (caught) {
      setFailure(caught);
      setBusy(undefined);
    }
  }

  const problems = failure instanceof ApiError && failure.code === 'notice_not_qualified' ? serverProblems(failure.errors) : [];
  const markingListing = marking === undefined ? undefined : input.listings[marking];

  return (
    <div className="builder">
      <div className="builder-main stack">
        {!context.identityVerified && (
          <div className="banner banner-warn" role="status" data-testid="builder-identity-warning">
            {t('complaints.builder.identityNotVerified')}
          </div>
        )}

        <div className="card" aria-labelledby="builder-grounds">
          <h2 id="builder-grounds" className="card-title">
            {t('complaints.builder.grounds')}
          </h2>
          <div className="form-grid">
            {agency && (
              <label className="field field-wide">
                <span className="field-label">{t('complaints.builder.principal')}</span>
                <select
                  data-testid="builder-principal"
                  value={input.principalId ?? ''}
                  onChange={(event) => onInput(withPrincipal(input, event.target.value || null, context.rights))}
                >
                  <option value="">{t('complaints.builder.ownRights')}</option>
                  {context.principals.map((principal) => (
                    <option key={principal.id} value={principal.id}>
                      {principal.legalName}
                    </option>
                  ))}
                </select>
                <span className="muted small">{t('complaints.builder.principalHint')}</span>
              </label>
            )}
            <label className="field field-wide">
              <span className="field-label">{t('complaints.builder.right')}</span>
              <select data-testid="builder-right" value={input.rightId ?? ''} onChange={(event) => onInput(withRight(input, event.target.value || null, context.rights))}>
                <option value="">{t('complaints.builder.chooseRight')}</option>
                {rights.map((option) => (
                  <option key={option.id} value={option.id}>
                    {rightLabel(option)}
                  </option>
                ))}
              </select>
              {rights.length === 0 ? (
                <span className="muted small" data-testid="builder-no-rights">
                  {t('complaints.builder.noRights')} <a href="#/rights">{t('complaints.builder.toRights')}</a>
                </span>
              ) : (
                right && <RightFacts right={right} />
              )}
            </label>
            <label className="field field-wide">
              <span className="field-label">{t('complaints.builder.reason')}</span>
              <select
                data-testid="builder-reason"
                value={input.reason ?? ''}
                disabled={right === undefined}
                onChange={(event) => onInput({ ...input, reason: reasons.find((reason) => reason === event.target.value) ?? null })}
              >
                <option value="">{right ? t('complaints.builder.chooseReason') : t('complaints.builder.reasonAfterRight')}</option>
                {reasons.map((reason) => (
                  <option key={reason} value={reason}>
                    {t(`complaints.reasons.${reason}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field-wide">
              <span className="field-label">{t('complaints.builder.explanation')}</span>
              <textarea
                data-testid="builder-explanation"
                rows={5}
                maxLength={EXPLANATION_MAX_LENGTH}
                value={input.explanation}
                placeholder={t('complaints.builder.explanationPlaceholder')}
                onChange={(event) => onInput({ ...input, explanation: event.target.value })}
              />
              <span className="muted small">{t('complaints.builder.explanationHint', { min: EXPLANATION_MIN_LENGTH, length: [...input.explanation.trim()].length })}</span>
            </label>
          </div>
        </div>

        <div className="card" aria-labelledby="builder-listings">
          <div className="card-heading">
            <div>
              <h2 id="builder-listings">{t('complaints.builder.listings')}</h2>
              <p className="muted">{t('complaints.builder.listingsHint')}</p>
            </div>
            <span className="pill pill-accent" data-testid="builder-listing-count">
              {t('complaints.builder.listingCount', { current: input.listings.length, max: MAX_LISTINGS_PER_COMPLAINT })}
            </span>
          </div>
          <ListingTable input={input} onInput={onInput} onMark={setMarking} lookup={lookup} />
        </div>

        <CapturePicker captures={captures} input={input} onInput={onInput} selected={selected} onSelected={setSelected} lookup={lookup} />

        <div className="card" aria-labelledby="builder-declarations">
          <h2 id="builder-declarations" className="card-title">
            {t('complaints.builder.declarations')}
          </h2>
          <div className="stack-small">
            <label className="checkbox-field">
              <input type="checkbox" data-testid="builder-good-faith" checked={input.goodFaith} onChange={(event) => onInput({ ...input, goodFaith: event.target.checked })} />
              <span>
                <strong>{t('complaints.builder.goodFaith')}</strong>
                <span className="block muted">{t('complaints.builder.goodFaithText')}</span>
              </span>
            </label>
            <label className="checkbox-field">
              <input type="checkbox" data-testid="builder-accuracy" checked={input.accuracy} onChange={(event) => onInput({ ...input, accuracy: event.target.checked })} />
              <span>
                <strong>{t('complaints.builder.accuracy')}</strong>
                <span className="block muted">{t('complaints.builder.accuracyText')}</span>
              </span>
            </label>
          </div>
        </div>

        <div className="card" aria-labelledby="builder-complainant" data-testid="builder-complainant">
          <h2 id="builder-complainant" className="card-title">
            {t('complaints.builder.complainant')}
          </h2>
          {context.complainant ? (
            <ComplainantFacts complainant={context.complainant} />
          ) : (
            <p className="muted">{t('complaints.builder.noComplainant')}</p>
          )}
          <p className="muted small">
            {t('complaints.builder.complainantHint')} <a href="#/account">{t('complaints.builder.toAccount')}</a>
          </p>
        </div>
      </div>

      <aside className="builder-side" aria-label={t('complaints.builder.verdict')}>
        <div className="card builder-verdict">
          <h2 className="card-title">{t('complaints.builder.verdict')}</h2>
          <LiveVerdict input={input} facts={facts} now={now} />
          <p className="muted small">{t('complaints.builder.verdictHint')}</p>
          {failure !== undefined && (
            <div className="form-error" role="alert" data-testid="builder-error" data-code={failure instanceof ApiError ? failure.code : ''}>
              <p>{errorText(failure)}</p>
              {problems.length > 0 && <ProblemList problems={problems} testId="server-problem" />}
            </div>
          )}
          <div className="form-actions form-actions-stack">
            <button className="button" type="button" data-testid="builder-save-draft" disabled={busy !== undefined} onClick={() => void file(false)}>
              {busy === 'save' ? t('complaints.builder.saving') : t('complaints.builder.saveDraft')}
            </button>
            <button className="button button-primary" type="button" data-testid="builder-submit" disabled={busy !== undefined} onClick={() => void file(true)}>
              {busy === 'submit' ? t('complaints.builder.submitting') : t('complaints.builder.submit')}
            </button>
          </div>
          <p className="muted small">{t('complaints.builder.signedInAs', { email: user.email })}</p>
        </div>
      </aside>

      {marking !== undefined && markingListing && (
        <LocationEditor
          listingNumber={marking + 1}
          url={markingListing.url}
          captureId={markingListing.captureIds[0]}
          value={markingListing.location}
          onClose={() => setMarking(undefined)}
          onSave={(location) => {
            onInput(setLocation(input, marking, location));
            setMarking(undefined);
          }}
        />
      )}
    </div>
  );
}

function RightFacts({ right }: { right: ComplaintRightOption }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <span className="muted small" data-testid="builder-right-facts" data-status={right.status}>
      {t('complaints.builder.rightFacts', {
        from: formatCalendarDate(right.validFrom, i18n.language),
        until: formatCalendarDate(right.validUntil, i18n.language),
        territories: right.territories.join(', '),
      })}
    </span>
  );
}

type Lookup = (url: string) => LookupState | undefined;

interface ListingTableProps {
  input: ComplaintInput;
  onInput: (input: ComplaintInput) => void;
  onMark: (index: number) => void;
  lookup: Lookup;
}

function ListingTable({ input, onInput, onMark, lookup }: ListingTableProps) {
  const { t } = useTranslation(NAMESPACES);
  if (input.listings.length === 0) {
    return (
      <p className="muted" data-testid="builder-no-listings">
        {t('complaints.builder.noListings')}
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="builder-listings">
        <thead>
          <tr>
            <ListingHeadings />
            <th scope="col">{t('admin.users.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {input.listings.map((listing, index) => (
            <tr key={`${listingKey(listing.url)}-${index}`} data-testid="builder-listing" data-url={listing.url} data-located={listing.location !== null}>
              <td>{index + 1}</td>
              <td className="cell-page">
                <span className="page-url">{listing.url}</span>
                <AlreadyReported state={lookup(listing.url)} />
              </td>
              <td>
                <ListingThumbs captureIds={listing.captureIds} location={listing.location} listingNumber={index + 1} />
              </td>
              <td className="cell-location">
                <LocationSummary location={listing.location} />
                <div>
                  <button className="button button-small" type="button" data-testid="listing-mark-location" onClick={() => onMark(index)}>
                    {listing.location ? t('complaints.builder.changeLocation') : t('complaints.builder.markLocation')}
                  </button>
                </div>
              </td>
              <td className="cell-actions">
                <button className="button button-small button-danger" type="button" data-testid="listing-remove" onClick={() => onInput(removeListing(input, index))}>
                  {t('complaints.builder.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Already reported", with a link to each open complaint that holds the listing. */
function AlreadyReported({ state }: { state: LookupState | undefined }) {
  const { t } = useTranslation(NAMESPACES);
  if (state?.status !== 'done' || state.reports.length === 0) return null;
  return (
    <div className="already-reported" data-testid="already-reported">
      <span className="pill pill-warn">{t('complaints.builder.alreadyReported')}</span>{' '}
      {state.reports.map((report) => (
        <a key={report.complaintId} href={complaintHref(report.complaintId)} data-testid="already-reported-link" data-complaint-id={report.complaintId} className="small">
          {t('complaints.builder.reportedIn', { state: t(`complaints.states.${report.state}`) })}
        </a>
      ))}
    </div>
  );
}

interface CapturePickerProps {
  captures: PagedList<Capture>;
  input: ComplaintInput;
  onInput: (input: ComplaintInput) => void;
  selected: ReadonlySet<string>;
  onSelected: (update: (current: ReadonlySet<string>) => ReadonlySet<string>) => void;
  lookup: Lookup;
}

/** The tenant's captures, to add as listings in a batch: tick several, then add them at once. */
function CapturePicker({ captures, input, onInput, selected, onSelected, lookup }: CapturePickerProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const [result, setResult] = useState<Omit<AddResult, 'input'>>();
  const inComplaint = useMemo(() => new Set(input.listings.flatMap((listing) => listing.captureIds)), [input.listings]);
  const available = captures.items.filter((capture) => !inComplaint.has(capture.id) && isReceiptComplete(capture.receipt));
  const waiting = captures.items.filter((capture) => !isReceiptComplete(capture.receipt)).length;

  const toggle = (id: string, on: boolean) =>
    onSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  function add() {
    // In the order the list shows them, newest first, like the captures page.
    const chosen = captures.items.filter((capture) => selected.has(capture.id));
    const { input: next, ...counts } = addCaptures(input, chosen);
    onInput(next);
    setResult(counts);
    onSelected(() => new Set());
  }

  return (
    <div className="card" aria-labelledby="builder-captures">
      <div className="card-heading">
        <div>
          <h2 id="builder-captures">{t('complaints.builder.captures')}</h2>
          <p className="muted">{t('complaints.builder.capturesHint')}</p>
        </div>
        <div className="page-actions">
          <button
            className="button"
            type="button"
            data-testid="captures-select-all"
            disabled={available.length === 0}
            onClick={() => onSelected(() => new Set(available.map((capture) => capture.id)))}
          >
            {t('complaints.builder.selectAll')}
          </button>
          <button className="button button-primary" type="button" data-testid="captures-add" disabled={selected.size === 0} onClick={add}>
            {t('complaints.builder.addSelected', { count: selected.size })}
          </button>
        </div>
      </div>
      {result && (
        <p className="form-notice" role="status" data-testid="captures-added">
          {t('complaints.builder.addedResult', { added: result.added, merged: result.merged })}
          {result.skipped > 0 && ` ${t('complaints.builder.skippedResult', { skipped: result.skipped, max: MAX_LISTINGS_PER_COMPLAINT })}`}
        </p>
      )}
      {waiting > 0 && (
        <p className="muted" data-testid="captures-waiting">
          {t('complaints.builder.capturesWaiting', { count: waiting })}
        </p>
      )}
      <LoadError error={captures.error} onRetry={captures.retry} />
      <LoadingLine show={captures.loading === 'first'} />
      {captures.items.length === 0 && captures.loading === false && captures.error === undefined && (
        <p className="muted" data-testid="builder-no-captures">
          {t('complaints.builder.noCaptures')}
        </p>
      )}
      {captures.items.length > 0 && (
        <ul className="pick-list" data-testid="capture-picker">
          {captures.items.map((capture) => {
            const added = inComplaint.has(capture.id);
            const complete = isReceiptComplete(capture.receipt);
            return (
              <li key={capture.id} className="pick-item" data-testid="capture-pick-row" data-capture-id={capture.id}>
                <label className="pick-label">
                  <input
                    type="checkbox"
                    data-testid="capture-pick"
                    data-capture-id={capture.id}
                    checked={added || selected.has(capture.id)}
                    disabled={added || !complete}
                    onChange={(event) => toggle(capture.id, event.target.checked)}
                  />
                  <img className="pick-thumb" src={captureImageUrl(capture.id, 'thumb')} alt="" loading="lazy" decoding="async" />
                  <span className="pick-text">
                    <span className="page-title">{capture.title.trim() || t('captures.untitled')}</span>
                    <span className="page-url">{capture.url}</span>
                    <span className="muted small">
                      {formatShortDateTime(capture.capturedAt, i18n.language)} · {capture.createdBy.email}
                    </span>
                  </span>
                </label>
                {added && <span className="pill pill-ok">{t('complaints.builder.inComplaint')}</span>}
                {!added && !complete && (
                  <span className="pill" data-testid="capture-pick-incomplete">
                    {t('complaints.builder.captureIncomplete')}
                  </span>
                )}
                {!added && selected.has(capture.id) && <AlreadyReported state={lookup(capture.url)} />}
              </li>
            );
          })}
        </ul>
      )}
      {captures.items.length > 0 && (
        <div className="list-footer">
          <span className="muted">{t('captures.shown', { count: captures.items.length })}</span>
          {captures.nextCursor !== undefined ? (
            <button className="button" type="button" data-testid="captures-load-more" disabled={captures.loading !== false} onClick={captures.loadMore}>
              {captures.loading === 'more' ? t('captures.loadingMore') : t('captures.loadMore')}
            </button>
          ) : (
            <span className="muted">{t('captures.allShown')}</span>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * A draft may name captures beyond the pages loaded so far; each is read on
 * its own (GET /api/captures/{id}) so that it counts as the tenant's. One the
 * server does not return stays unverified, as it would on filing.
 */
function useDraftCaptures(api: ApiClient, input: ComplaintInput, loaded: readonly Capture[], ready: boolean): string[] {
  const [found, setFound] = useState<string[]>([]);
  const [asked] = useState(() => new Set<string>());
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (!ready) return;
    const known = new Set(loaded.map((capture) => capture.id));
    const missing = [...new Set(input.listings.flatMap((listing) => listing.captureIds))].filter((id) => !known.has(id) && !asked.has(id));
    for (const id of missing) {
      asked.add(id);
      api.getCapture(id).then(
        (capture) => mounted.current && setFound((current) => (current.includes(capture.id) ? current : [...current, capture.id])),
        // Not the tenant's, or gone: it stays unverified, which the verdict says.
        () => undefined,
      );
    }
  }, [api, input.listings, loaded, ready, asked]);
  return found;
}

/**
 * The server's clock, as of the context it sent: validity is judged by the
 * server's day on filing, so the live verdict uses the same day even when
 * this computer's clock is off. Re-read each minute so a right that expires at
 * midnight shows it while the page is open.
 */
function useServerNow(serverTime: string): Date {
  const offset = useMemo(() => Date.parse(serverTime) - Date.now(), [serverTime]);
  const [now, setNow] = useState(() => new Date(Date.now() + offset));
  useEffect(() => {
    setNow(new Date(Date.now() + offset));
    const timer = setInterval(() => setNow(new Date(Date.now() + offset)), 60_000);
    return () => clearInterval(timer);
  }, [offset]);
  return now;
}
