import { regionFromDrag, type ListingLocation, type Point, type Region } from '@openipp/shared';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { CaptureFigure } from './capture-figure';

type Mode = 'region' | 'text';

interface LocationEditorProps {
  /** 1-based, as the problem list counts listings. */
  listingNumber: number;
  url: string;
  /** The capture the region is drawn on: the listing's first. */
  captureId: string | undefined;
  value: ListingLocation | null;
  onSave: (location: ListingLocation | null) => void;
  onClose: () => void;
}

/**
 * Marks where on a listing the infringing content is: a rectangle dragged
 * over its capture, or a quoted text from the page. Regions are kept relative
 * (0..1) to the capture, so they hold at any size the picture is shown at.
 */
export function LocationEditor({ listingNumber, url, captureId, value, onSave, onClose }: LocationEditorProps) {
  const { t } = useTranslation(NAMESPACES);
  const dialog = useRef<HTMLDialogElement>(null);
  const surface = useRef<HTMLSpanElement>(null);
  const [mode, setMode] = useState<Mode>(value?.kind === 'text' || captureId === undefined ? 'text' : 'region');
  const [region, setRegion] = useState<Region | null>(value?.kind === 'region' ? value : null);
  const [quote, setQuote] = useState(value?.kind === 'text' ? value.quote : '');
  const [drag, setDrag] = useState<{ start: Point; end: Point }>();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    return () => element.close();
  }, []);

  const pointAt = (event: PointerEvent<HTMLElement>): Point => ({ x: event.clientX, y: event.clientY });
  // The picture's place now: the drag is measured against it in screen pixels.
  const regionOf = (start: Point, end: Point): Region | null => {
    const box = surface.current?.getBoundingClientRect();
    return box ? regionFromDrag(start, end, box) : null;
  };

  function begin(event: PointerEvent<HTMLSpanElement>) {
    if (event.button !== 0 || !surface.current) return;
    const point = pointAt(event);
    // Keeps the drag going when the pointer leaves the picture, and stops the browser dragging the image.
    event.currentTarget.setPointerCapture(event.pointerId);
    event.preventDefault();
    setDrag({ start: point, end: point });
  }

  function move(event: PointerEvent<HTMLSpanElement>) {
    if (drag) setDrag({ start: drag.start, end: pointAt(event) });
  }

  function end(event: PointerEvent<HTMLSpanElement>) {
    if (!drag) return;
    const drawn = regionOf(drag.start, pointAt(event));
    // A click leaves the region as it was: only a drag draws a new one.
    if (drawn) setRegion(drawn);
    setDrag(undefined);
  }

  const shown = drag ? regionOf(drag.start, drag.end) : region;
  const trimmed = quote.trim();
  const next: ListingLocation | null = mode === 'region' ? region : trimmed ? { kind: 'text', quote: trimmed } : null;

  return (
    <dialog
      ref={dialog}
      className="lightbox location-editor"
      data-testid="location-editor"
      aria-labelledby="location-editor-title"
      onClose={onClose}
    >
      <div className="lightbox-bar">
        <span className="lightbox-title" id="location-editor-title">
          {t('complaints.location.heading', { listing: listingNumber })}
        </span>
        <button className="button button-small" type="button" data-testid="location-cancel" onClick={onClose}>
          {t('actions.cancel')}
        </button>
        <button
          className="button button-small"
          type="button"
          data-testid="location-clear"
          disabled={value === null}
          onClick={() => onSave(null)}
        >
          {t('complaints.location.clear')}
        </button>
        <button className="button button-small button-primary" type="button" data-testid="location-save" disabled={next === null} onClick={() => next && onSave(next)}>
          {t('complaints.location.save')}
        </button>
      </div>
      <div className="location-editor-body">
        <p className="muted small page-url">{url}</p>
        <div className="tabs" role="tablist" aria-label={t('complaints.location.modes')}>
          {(['region', 'text'] as const).map((name) => (
            <button
              key={name}
              className="tab"
              type="button"
              role="tab"
              data-testid={`location-mode-${name}`}
              aria-selected={mode === name}
              disabled={name === 'region' && captureId === undefined}
              onClick={() => setMode(name)}
            >
              {t(`complaints.location.mode.${name}`)}
            </button>
          ))}
        </div>
        {value?.kind === 'element' && (
          <p className="muted small" data-testid="location-element">
            {t('complaints.location.elementNow', { selector: value.selector })}
          </p>
        )}
        {mode === 'region' && captureId !== undefined && (
          <>
            <p className="muted">{t('complaints.location.regionHint')}</p>
            <span
              ref={surface}
              className="location-surface"
              data-testid="location-surface"
              onPointerDown={begin}
              onPointerMove={move}
              onPointerUp={end}
              onPointerCancel={() => setDrag(undefined)}
            >
              <CaptureFigure captureId={captureId} location={shown} alt={t('complaints.location.imageAlt', { listing: listingNumber })} className="capture-figure-full" />
            </span>
          </>
        )}
        {mode === 'text' && (
          <label className="field">
            <span className="field-label">{t('complaints.location.quote')}</span>
            <textarea
              data-testid="location-quote"
              rows={4}
              maxLength={2000}
              value={quote}
              placeholder={t('complaints.location.quotePlaceholder')}
              onChange={(event) => setQuote(event.target.value)}
            />
            <span className="muted small">{t('complaints.location.quoteHint')}</span>
          </label>
        )}
      </div>
    </dialog>
  );
}
