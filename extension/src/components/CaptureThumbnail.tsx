import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCaptureImage } from '@/lib/queue';

/**
 * A capture's preview, read from the queue only once it scrolls near the
 * window: a long queue must not decode hundreds of images to show the top
 * few. Reports the preview's natural size, from which the card tells the
 * capture's mode and pixel size.
 */
export function CaptureThumbnail({ entryId, onSize }: { entryId: string; onSize?: (size: { width: number; height: number }) => void }) {
  const { t } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  // undefined: not read yet; null: the queue holds no image of this capture.
  const [url, setUrl] = useState<string | null>();

  useEffect(() => {
    const element = frame.current;
    if (!element || near) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((item) => item.isIntersecting)) setNear(true);
    }, { rootMargin: '400px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);

  useEffect(() => {
    if (!near) return;
    let active = true;
    let objectUrl: string | undefined;
    void getCaptureImage(entryId)
      .then((image) => {
        if (!active) return;
        if (!image) return setUrl(null);
        objectUrl = URL.createObjectURL(new Blob([image.bytes], { type: image.type }));
        setUrl(objectUrl);
      })
      .catch(() => active && setUrl(null));
    return () => {
      active = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [near, entryId]);

  return (
    <div className="capture-thumb" ref={frame}>
      {url ? (
        <a href={url} target="_blank" rel="noreferrer">
          <img
            src={url}
            alt=""
            data-testid="capture-thumbnail"
            onLoad={(event) => onSize?.({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
          />
        </a>
      ) : url === null ? (
        <span className="muted small">{t('capturesPage.noPreview')}</span>
      ) : null}
    </div>
  );
}
