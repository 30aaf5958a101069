import type { Capture, CaptureMark, ListingLocation } from '@openipp/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { captureImageUrl } from '../lib/api';
import { CaptureFigure } from './capture-figure';

interface LightboxProps {
  capture: Pick<Capture, 'id' | 'title'>;
  /** A complaint's marked location, drawn over the image when it is a region. */
  location?: ListingLocation | null;
  /** Marks made on the page at capture time, drawn over the image. */
  marks?: readonly CaptureMark[];
  onClose: () => void;
}

/** The full display image in a modal <dialog>, which brings Escape and focus handling with it. */
export function Lightbox({ capture, location, marks, onClose }: LightboxProps) {
  const { t } = useTranslation(NAMESPACES);
  const dialog = useRef<HTMLDialogElement>(null);
  const src = captureImageUrl(capture.id);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    return () => element.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="lightbox"
      data-testid="lightbox"
      aria-label={t('lightbox.title')}
      onClose={onClose}
      // A click on the backdrop lands on the dialog element itself.
      onClick={(event) => event.target === event.currentTarget && onClose()}
    >
      <div className="lightbox-bar">
        <span className="lightbox-title">{capture.title.trim() || t('captures.untitled')}</span>
        <a className="button button-small" href={src} target="_blank" rel="noopener noreferrer">
          {t('lightbox.openInNewTab')}
        </a>
        <button className="button button-small" type="button" onClick={onClose} autoFocus>
          {t('lightbox.close')}
        </button>
      </div>
      <div className="lightbox-body">
        <CaptureFigure captureId={capture.id} location={location} marks={marks} alt={t('captures.thumbnailAlt', { title: capture.title })} className="capture-figure-full" />
      </div>
    </dialog>
  );
}
