import { isReceiptComplete } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { listingKey, verifiedCaptureIds } from '@/lib/complaint-draft';
import type { QueueEntry } from '@/lib/queue';
import type { OpenInfoRequest } from '@/lib/storage';

/** Recent enough to pick from without scrolling forever. */
const SHOWN = 100;
/** InfoResponseDataSchema takes at most 50 capture ids per answer. */
export const ANSWER_CAPTURES_MAX = 50;

export type AnswerCaptureState = 'verified' | 'unverified' | 'pending';

export interface AnswerCaptureOption {
  entry: QueueEntry;
  /** The server id (receipt) once synced. */
  captureId: string | null;
  state: AnswerCaptureState;
  /** The complaint's listing this capture shows, if any. */
  listing: { id: string; position: number } | null;
}

/**
 * The user's captures on this device as answer material: only what the server
 * holds and the device can vouch for (the receipt names the hash computed
 * here) can be sent, by its server id; the rest shows, disabled, until its
 * upload is through. Captures of the complaint's own listings come first.
 */
export function answerCaptureOptions(
  entries: readonly QueueEntry[],
  userId: string,
  listings: OpenInfoRequest['complaint']['listings'],
): AnswerCaptureOption[] {
  const verified = verifiedCaptureIds(entries, userId);
  const byKey = new Map<string, { id: string; position: number }>();
  for (const listing of listings) {
    for (const key of [listing.canonicalUrl, listingKey(listing.url)]) {
      if (!byKey.has(key)) byKey.set(key, { id: listing.id, position: listing.position });
    }
  }
  const options = entries
    .filter((entry) => entry.ownerId === userId)
    .slice(0, SHOWN)
    .map((entry): AnswerCaptureOption => {
      // Still missing artefacts on the server: waits like an upload in progress (the server refuses it: capture_incomplete).
      const captureId = entry.receipt && isReceiptComplete(entry.receipt) ? entry.receipt.id : null;
      const state: AnswerCaptureState = captureId === null ? 'pending' : verified.has(captureId) ? 'verified' : 'unverified';
      return { entry, captureId, state, listing: byKey.get(listingKey(entry.meta.url)) ?? null };
    });
  // Stable: newest first within each group.
  return [...options.filter((option) => option.listing), ...options.filter((option) => !option.listing)];
}

function formatTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(Date.parse(iso));
}

export interface AnswerCapturesProps {
  options: readonly AnswerCaptureOption[];
  /** Queue entry ids. */
  selected: ReadonlySet<string>;
  onToggle: (entryId: string, on: boolean) => void;
}

export function AnswerCaptures({ options, selected, onToggle }: AnswerCapturesProps) {
  const { t, i18n } = useTranslation();
  const chosen = options.filter((option) => option.state === 'verified' && selected.has(option.entry.id)).length;
  const full = chosen >= ANSWER_CAPTURES_MAX;
  return (
    <fieldset className="answer-captures" data-testid="answer-captures">
      <legend>{t('requests.form.captures')}</legend>
      <p className="muted small">{t('requests.form.capturesHint')}</p>
      {options.length === 0 ? (
        <p className="muted small" data-testid="answer-captures-empty">
          {t('requests.form.capturesEmpty')}
        </p>
      ) : (
        <>
          <p className="small" data-testid="answer-captures-selected">
            {t('requests.form.selectedCaptures', { count: chosen, max: ANSWER_CAPTURES_MAX })}
          </p>
          <ul className="capture-options">
            {options.map(({ entry, captureId, state, listing }) => (
              <li key={entry.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    data-testid="answer-capture-option"
                    data-entry-id={entry.id}
                    data-capture-id={captureId ?? ''}
                    data-state={state}
                    data-url={entry.meta.url}
                    data-listing-id={listing?.id ?? ''}
                    disabled={state !== 'verified' || (full && !selected.has(entry.id))}
                    checked={state === 'verified' && selected.has(entry.id)}
                    onChange={(event) => onToggle(entry.id, event.target.checked)}
                  />
                  <span className="option-text">
                    <span className="title">{entry.meta.title || entry.meta.url}</span>
                    <span className="muted small url">{entry.meta.url}</span>
                    <span className="muted small">
                      {formatTime(i18n.language, entry.meta.capturedAt)} · {t(`complaint.captureState.${state}`)}
                      {listing && ` · ${t('requests.form.matchesListing', { number: listing.position })}`}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}
