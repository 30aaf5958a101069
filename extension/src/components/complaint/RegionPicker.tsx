import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { regionFromDrag, regionStyle, type CaptureMark, type Point, type Region } from '@openipp/shared';
import { MarkBoxes } from './CaptureMarks';

export interface RegionPickerProps {
  /** The capture's preview; without one the area keeps the capture's proportions. */
  imageUrl: string | undefined;
  /** Height / width of the captured viewport. */
  aspect: number;
  region: Region | null;
  /** When false the picker only shows the marked region. */
  active: boolean;
  onRegion: (region: Region) => void;
  /** Marks made on the page before the capture, drawn under the region (issue #7). */
  marks?: readonly CaptureMark[];
}

/** Draws the marked region over a capture, and takes a new one dragged with the mouse. */
export function RegionPicker({ imageUrl, aspect, region, active, onRegion, marks }: RegionPickerProps) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ start: Point; end: Point }>();

  const box = () => {
    const rect = area.current!.getBoundingClientRect();
    return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
  };
  const point = (event: PointerEvent) => ({ x: event.clientX, y: event.clientY });

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!active || event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setDrag({ start: point(event), end: point(event) });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ start: drag.start, end: point(event) });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const next = regionFromDrag(drag.start, point(event), box());
    setDrag(undefined);
    if (next) onRegion(next);
  };

  const shown = drag && area.current ? regionFromDrag(drag.start, drag.end, box()) : region;

  return (
    <div className={`region-picker${active ? ' active' : ''}`}>
      <div
        ref={area}
        className="region-area"
        data-testid={active ? 'region-picker' : 'region-preview'}
        style={imageUrl ? undefined : { paddingTop: `${Math.round(aspect * 10_000) / 100}%` }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(undefined)}
      >
        {imageUrl ? (
          <img src={imageUrl} alt="" draggable={false} data-testid="listing-thumb" />
        ) : (
          <span className="no-image muted small">{t('complaint.noImage')}</span>
        )}
        <MarkBoxes marks={marks} />
        {shown && <div className="region-overlay" data-testid="region-overlay" style={regionStyle(shown)} />}
      </div>
      {active && <p className="muted small">{t('complaint.location.regionHint')}</p>}
    </div>
  );
}
