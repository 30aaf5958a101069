import { useEffect, useState } from 'react';
import type { ListingLookup } from '@openipp/shared';
import { sendMessage } from '@/lib/messaging';

type Reports = ListingLookup['reports'];

/** Enough to stay quick with 300 listings without flooding the server. */
const PARALLEL = 4;

/**
 * "Already reported" for each listing URL: the tenant's open complaints that
 * hold it. URLs are asked once each per page; failures count as not reported.
 */
export function useListingLookups(urls: readonly string[], enabled: boolean): ReadonlyMap<string, Reports> {
  const [known, setKnown] = useState<ReadonlyMap<string, Reports>>(new Map());
  const wanted = [...new Set(urls)].sort().join('\n');

  useEffect(() => {
    if (!enabled || wanted === '') return;
    let active = true;
    const missing = wanted.split('\n').filter((url) => !known.has(url));
    if (missing.length === 0) return;
    const worker = async () => {
      for (let url = missing.shift(); url !== undefined && active; url = missing.shift()) {
        const result = await sendMessage('lookupListing', { url }).catch(() => undefined);
        const reports = result?.ok ? result.value.reports : [];
        if (active) setKnown((previous) => new Map(previous).set(url, reports));
      }
    };
    void Promise.all(Array.from({ length: PARALLEL }, worker));
    return () => {
      active = false;
    };
    // `known` is read, not watched: each answer would otherwise restart the round.
  }, [wanted, enabled]);

  return known;
}
