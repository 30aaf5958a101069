import { useEffect, useState } from 'react';
import { getCaptureImage } from '@/lib/queue';

/** An object URL of a capture's preview (or screenshot) on this device; undefined while absent. */
export function useCaptureImage(entryId: string | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    setUrl(undefined);
    if (entryId === undefined) return;
    let active = true;
    let objectUrl: string | undefined;
    void getCaptureImage(entryId)
      .then((image) => {
        if (!active || !image) return;
        objectUrl = URL.createObjectURL(new Blob([image.bytes], { type: image.type }));
        setUrl(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      active = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [entryId]);
  return url;
}
