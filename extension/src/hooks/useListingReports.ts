import { useEffect, useState } from 'react';
import { isCapturableUrl, type ListingLookup } from '@openipp/shared';
import { sendMessage } from '@/lib/messaging';

/** The open complaints already holding the page at `url` (the popup's "already reported"). */
export function useListingReports(url: string | undefined, enabled: boolean, refreshKey = 0): ListingLookup['reports'] {
  const [reports, setReports] = useState<ListingLookup['reports']>([]);
  useEffect(() => {
    setReports([]);
    if (!enabled || !isCapturableUrl(url)) return;
    let active = true;
    void sendMessage('lookupListing', { url: url! })
      .then((result) => active && result.ok && setReports(result.value.reports))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [url, enabled, refreshKey]);
  return reports;
}
