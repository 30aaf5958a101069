import { drawnMarks, regionStyle, type CaptureMark, type ListingLocation } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { captureImageUrl } from '../lib/api';

interface CaptureFigureProps {
  captureId: string;
  size?: 'thumb';
  /** Drawn over the picture when it is a region; other locations are shown as text elsewhere. */
  location?: ListingLocation | null;
  /**
   * Marks made on the page at capture time (issue #7): each box is drawn,
   * numbered; quotes and elements are listed under the picture (not on a thumbnail).
   */
  marks?: readonly CaptureMark[];
  alt: string;
  className?: string;
  /** Where the picture comes from when the viewer reads captures through another route (a seller does). */
  src?: string;
}

/**
 * A capture's picture with the marked region on top. The region is relative
 * (0..1), so the same numbers fit the thumbnail and the full image.
 */
export function CaptureFigure({ captureId, size, location, marks, alt, className, src }: CaptureFigureProps) {
  const { t } = useTranslation(NAMESPACES);
  const figure = (
    <span className={`capture-figure ${className ?? ''}`}>
      <img src={src ?? captureImageUrl(captureId, size)} alt={alt} loading="lazy" decoding="async" draggable={false} />
      {drawnMarks(marks).map(({ mark, box, index }) => (
        <span
          key={index}
          className={`mark-box mark-${mark.kind}`}
          style={regionStyle(box)}
          data-testid="mark-box"
          data-kind={mark.kind}
          title={t('marks.boxTitle', { number: index + 1 })}
        >
          <span className="mark-number">{index + 1}</span>
        </span>
      ))}
      {location?.kind === 'region' && (
        <span className="region-box" style={regionStyle(location)} data-testid="region-box" title={t('complaints.location.regionTitle')} />
      )}
    </span>
  );
  const listed = size === 'thumb' ? [] : (marks ?? []).map((mark, index) => ({ mark, index })).filter(({ mark }) => mark.kind !== 'region');
  if (listed.length === 0) return figure;
  return (
    <>
      {figure}
      <div className="mark-list" data-testid="mark-list">
        <span className="muted small">{t('marks.listTitle')}</span>
        <ul>
          {listed.map(({ mark, index }) => (
            <li key={index} data-testid="mark-item" data-kind={mark.kind}>
              <span className="mark-number-inline">{index + 1}</span>{' '}
              {mark.kind === 'text' ? (
                <q>{mark.quote}</q>
              ) : mark.kind === 'element' ? (
                <>
                  {t('marks.elementItem', { excerpt: mark.excerpt || '—' })}{' '}
                  <code className="small">{t('marks.elementSelector', { selector: mark.selector })}</code>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
