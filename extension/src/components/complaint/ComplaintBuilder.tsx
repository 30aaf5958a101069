import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LISTINGS_PER_COMPLAINT, type ComplaintInput } from '@openipp/shared';
import { ErrorText } from '@/components/ErrorText';
import { useComplaintContext } from '@/hooks/useComplaintContext';
import { useComplaintDraft } from '@/hooks/useComplaintDraft';
import { useListingLookups } from '@/hooks/useListingLookups';
import { useQueue } from '@/hooks/useQueue';
import { useStorageValue } from '@/hooks/useStorageValue';
import {
  addCaptures,
  adoptReceipts,
  factsOf,
  judgeDraft,
  receiptLookup,
  removeCapture,
  removeListing,
  setLocation,
  verifiedCaptureIds,
  type CaptureRef,
} from '@/lib/complaint-draft';
import type { QueueEntry } from '@/lib/queue';
import { backendUrlItem, complaintDraftItem, complaintSubmissionItem, sessionItem } from '@/lib/storage';
import { CapturePicker, isReceipted } from './CapturePicker';
import { ListingRow, type CaptureState } from './ListingRow';
import { RightFields } from './RightFields';
import { StatementFields } from './StatementFields';
import { SubmitPanel } from './SubmitPanel';
import { VerdictPanel } from './VerdictPanel';

/**
 * The complaint builder page (issue #4): edits the stored draft, shows the
 * live verdict of the shared qualification rules, and files it.
 */
export function ComplaintBuilder() {
  const { t } = useTranslation();
  const { value: session, loaded: sessionLoaded } = useStorageValue(sessionItem);
  const { value: backendUrl } = useStorageValue(backendUrlItem);
  const signedIn = session !== null && Date.parse(session.expiresAt) > Date.now();
  const userId = signedIn ? session.user.id : null;

  const { store, draft } = useComplaintDraft();
  const { state: context, reload } = useComplaintContext(userId);
  const queue = useQueue();
  const [marking, setMarking] = useState<number>();

  const mine = useMemo(
    () => (userId === null ? [] : queue.entries.filter((entry) => entry.ownerId === userId)),
    [queue.entries, userId],
  );
  // The queue is re-read every second: keep the set (and the verdict's facts) stable while nothing changed.
  // Only a fully receipted capture is evidence: the server refuses one still missing artefacts (capture_incomplete).
  const verifiedKey = userId === null ? '' : [...verifiedCaptureIds(mine.filter(isReceipted), userId)].sort().join(' ');
  const verified = useMemo(() => new Set(verifiedKey.split(' ').filter(Boolean)), [verifiedKey]);

  // A capture added before its upload finished: name it by its server id once the receipt is in.
  useEffect(() => {
    if (!draft.loaded || !queue.loaded) return;
    void store.update((input) => adoptReceipts(input, receiptLookup(mine)));
  }, [draft, queue.loaded, mine, store]);

  const entryByCapture = useMemo(() => {
    const map = new Map<string, QueueEntry>();
    for (const entry of mine) {
      map.set(entry.id, entry);
      if (entry.receipt) map.set(entry.receipt.id, entry);
    }
    return map;
  }, [mine]);
  const stateOf = (id: string): CaptureState => {
    if (verified.has(id)) return 'verified';
    const entry = entryByCapture.get(id);
    if (!entry) return 'unknown';
    return isReceipted(entry) ? 'unverified' : 'pending';
  };

  const input = draft.input;
  const lookups = useListingLookups(
    input.listings.map((listing) => listing.url),
    signedIn,
  );

  if (!sessionLoaded) return <p className="muted">{t('common:loading')}</p>;
  if (!signedIn) {
    return (
      <p className="notice" data-testid="builder-signed-out">
        {t('complaint.signedOut')}
      </p>
    );
  }

  const ready = draft.loaded && queue.loaded && context.status === 'ready';
  const now = new Date(Date.now() + (context.status === 'ready' ? context.skewMs : 0));
  const problems = ready ? judgeDraft(input, factsOf(context.context, verified), now) : [];
  const edit = (change: (current: ComplaintInput) => ComplaintInput) => void store.update(change);
  const editListing = (index: number, change: (current: ComplaintInput) => ComplaintInput) => {
    if (marking !== undefined && marking >= index) setMarking(undefined);
    edit(change);
  };
  const add = (refs: CaptureRef[]) => {
    let outcome = { attached: 0, skipped: 0 };
    edit((current) => {
      const result = addCaptures(current, refs);
      outcome = result;
      return result.attached > 0 ? result.input : current;
    });
    return outcome;
  };
  const named = new Set(input.listings.flatMap((listing) => listing.captureIds));
  // Discarding also forgets an unanswered filing: the user no longer wants it sent again.
  const discard = () => {
    setMarking(undefined);
    void store.flushed().then(async () => {
      await complaintSubmissionItem.setValue(null);
      await complaintDraftItem.setValue(null);
    });
  };

  return (
    <div className="builder" data-testid="complaint-builder">
      <div className="builder-main">
        {context.status === 'loading' && (
          <p className="muted" data-testid="context-loading">
            {t('complaint.loadingContext')}
          </p>
        )}
        {context.status === 'error' && (
          <div className="banner banner-bad" data-testid="context-error" data-code={context.code}>
            <ErrorText code={context.code} />
            <button data-testid="context-retry" onClick={reload}>
              {t('common:retry')}
            </button>
          </div>
        )}
        {context.status === 'ready' && (
          <>
            {!context.context.identityVerified && (
              <p className="banner banner-warn" data-testid="identity-not-verified">
                {t('complaint.identityNotVerified')}
              </p>
            )}
            <section className="complainant" data-testid="complainant">
              <h2>{t('complaint.complainant')}</h2>
              {context.context.complainant ? (
                <p className="small">
                  {context.context.complainant.legalName} · {context.context.complainant.email}
                  {context.context.complainant.phone && ` · ${context.context.complainant.phone}`}
                </p>
              ) : (
                <p className="warn small">{t('complaint.complainantMissing')}</p>
              )}
            </section>
            <RightFields input={input} context={context.context} onChange={edit} />
          </>
        )}
        <StatementFields input={input} onChange={edit} />

        <section className="listings">
          <h2>{t('complaint.listings', { count: input.listings.length, max: MAX_LISTINGS_PER_COMPLAINT })}</h2>
          {input.listings.length === 0 && <p className="muted small">{t('complaint.listingsEmpty')}</p>}
          <ol data-testid="listings">
            {input.listings.map((listing, index) => (
              <ListingRow
                // Position is the identity here: the same URL may (wrongly) appear twice.
                key={index}
                index={index}
                listing={listing}
                entryOf={(id) => entryByCapture.get(id)}
                stateOf={stateOf}
                reports={lookups.get(listing.url)}
                backendUrl={backendUrl}
                marking={marking === index}
                onToggleMarking={() => setMarking(marking === index ? undefined : index)}
                onLocation={(location) => edit((current) => setLocation(current, index, location))}
                onRemoveCapture={(id) => edit((current) => removeCapture(current, index, id))}
                onRemove={() => editListing(index, (current) => removeListing(current, index))}
              />
            ))}
          </ol>
        </section>

        <CapturePicker entries={mine} named={named} onAdd={add} />
      </div>

      <aside className="builder-side">
        <VerdictPanel
          ready={ready}
          valid={draft.valid}
          input={input}
          problems={problems}
          now={now}
          onReset={discard}
        />
        <SubmitPanel draft={draft} flushed={store.flushed} backendUrl={backendUrl} disabled={context.status !== 'ready'} />
        <button className="link danger small" data-testid="clear-draft" onClick={discard}>
          {t('complaint.clearDraft')}
        </button>
      </aside>
    </div>
  );
}
