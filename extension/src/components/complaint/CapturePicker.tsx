import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPTURES_PER_LISTING_MAX, MAX_LISTINGS_PER_COMPLAINT } from '@openipp/shared';
import { captureRefOf, type CaptureRef } from '@/lib/complaint-draft';
import type { QueueEntry } from '@/lib/queue';

/** Recent enough to pick from without scrolling forever. */
const SHOWN = 300;

export interface CapturePickerProps {
  /** The user's captures on this device, newest first. */
  entries: readonly QueueEntry[];
  /** Capture ids (server or local) the draft already names. */
  named: ReadonlySet<string>;
  onAdd: (refs: CaptureRef[]) => { attached: number; skipped: number };
}

function formatTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(Date.parse(iso));
}

/**
 * The server holds every artefact of the capture and signed its receipt. A
 * capture still uploading, or holding part of its artefacts (an incomplete
 * receipt), is no evidence yet: the server refuses it in a complaint
 * (capture_incomplete), so it is not offered until it is receipted.
 */
export function isReceipted(entry: Pick<QueueEntry, 'status' | 'receipt'>): boolean {
  return entry.status === 'synced' && entry.receipt !== undefined && entry.receipt.state !== 'incomplete';
}

/** Adds a batch of the device's receipted captures as listings (issue #4: up to 300 at once). */
export function CapturePicker({ entries, named, onAdd }: CapturePickerProps) {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<{ attached: number; skipped: number }>();
  const receipted = entries.filter(isReceipted);
  const waiting = entries.length - receipted.length;
  const shown = receipted.slice(0, SHOWN);
  const inDraft = (entry: QueueEntry) => named.has(entry.id) || (entry.receipt !== undefined && named.has(entry.receipt.id));
  const selectable = shown.filter((entry) => !inDraft(entry));
  const chosen = selectable.filter((entry) => selected.has(entry.id));

  const toggle = (id: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="picker" data-testid="capture-picker">
      <h2>{t('complaint.picker.title')}</h2>
      {waiting > 0 && (
        <p className="muted small" data-testid="picker-waiting" data-count={waiting}>
          {t('captureClient.pickerWaiting', { count: waiting })}
        </p>
      )}
      {shown.length === 0 ? (
        waiting === 0 && <p className="muted small">{t('complaint.picker.empty')}</p>
      ) : (
        <>
          <div className="actions">
            <button
              data-testid="select-all-captures"
              disabled={selectable.length === 0}
              onClick={() => setSelected(new Set(selectable.map((entry) => entry.id)))}
            >
              {t('complaint.picker.selectAll')}
            </button>
            <button
              className="primary"
              data-testid="add-captures"
              disabled={chosen.length === 0}
              onClick={() => {
                setOutcome(onAdd(chosen.map(captureRefOf)));
                setSelected(new Set());
              }}
            >
              {t('complaint.picker.add', { count: chosen.length })}
            </button>
          </div>
          <ul className="capture-options">
            {shown.map((entry) => {
              const added = inDraft(entry);
              return (
                <li key={entry.id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      data-testid="capture-option"
                      data-entry-id={entry.id}
                      data-capture-id={captureRefOf(entry).id}
                      data-url={entry.meta.url}
                      disabled={added}
                      checked={added || selected.has(entry.id)}
                      onChange={(event) => toggle(entry.id, event.target.checked)}
                    />
                    <span className="option-text">
                      <span className="title">{entry.meta.title || entry.meta.url}</span>
                      <span className="muted small url">{entry.meta.url}</span>
                      <span className="muted small">
                        {formatTime(i18n.language, entry.meta.capturedAt)} · {t(`status.${entry.status}`)}
                        {added && ` · ${t('complaint.picker.inDraft')}`}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {outcome && (
        <p className="small" data-testid="add-result" role="status">
          {t('complaint.picker.added', { count: outcome.attached })}
          {outcome.skipped > 0 &&
            ` ${t('complaint.picker.skipped', {
              count: outcome.skipped,
              max: MAX_LISTINGS_PER_COMPLAINT,
              perListing: CAPTURES_PER_LISTING_MAX,
            })}`}
        </p>
      )}
    </section>
  );
}
