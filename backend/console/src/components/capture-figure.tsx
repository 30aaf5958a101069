import { regionStyle, type ListingLocation } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { captureImageUrl } from '../lib/api';

interface CaptureFigureProps {
  captureId: string;
  size?: 'thumb';
  /** Drawn over the picture when it is a region; other locations are shown as text elsewhere. */
  location?: ListingLocation | null;
  alt: string;
  className?: string;
  /** Where the picture comes from when the viewer reads captures through another route (a seller does). */
  src?: string;
}

/**
 * A capture's picture with the marked region on top. The region is relative
 * (0..1), so the same numbers fit the thumbnail and the full image.
 */
export function CaptureFigure({ captureId, size, location, alt, className, src }: CaptureFigureProps) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <span className={`capture-figure ${className ?? ''}`}>
      <img src={src ?? captureImageUrl(captureId, size)} alt={alt} loading="lazy" decoding="async" draggable={false} />
      {location?.kind === 'region' && (
        <span className="region-box" style={regionStyle(location)} data-testid="region-box" title={t('complaints.location.regionTitle')} />
      )}
    </span>
  );
}
