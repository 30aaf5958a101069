import type { ListingLookup } from '@openipp/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../lib/api';
import { listingKey } from '../lib/complaint-input';

export type LookupState = { status: 'loading' } | { status: 'done'; reports: ListingLookup['reports'] } | { status: 'failed' };

/** Lookups in flight at once: a batch of 300 listings must not open 300 connections. */
const CONCURRENCY = 4;

/**
 * "Already reported": for each URL, the tenant's open complaints that already
 * hold that listing. Asked once per canonical listing, as URLs come into view.
 * `exclude` drops the complaint being edited, which of course holds its own listings.
 */
export function useListingLookups(api: ApiClient, urls: readonly string[], exclude?: string): (url: string) => LookupState | undefined {
  const [results, setResults] = useState<ReadonlyMap<string, LookupState>>(new Map());
  const requested = useRef(new Set<string>());
  const queue = useRef<Array<{ key: string; url: string }>>([]);
  const running = useRef(0);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const pump = useCallback(() => {
    while (running.current < CONCURRENCY && queue.current.length > 0) {
      const next = queue.current.shift()!;
      running.current++;
      api.lookupListing(next.url).then(
        (lookup) => alive.current && setResults((current) => new Map(current).set(next.key, { status: 'done', reports: lookup.reports })),
        // A failed lookup is a missing hint, not a blocker: the server still refuses a true duplicate.
        () => alive.current && setResults((current) => new Map(current).set(next.key, { status: 'failed' })),
      ).finally(() => {
        running.current--;
        if (alive.current) pump();
      });
    }
  }, [api]);

  useEffect(() => {
    let added = false;
    for (const url of urls) {
      const key = listingKey(url);
      if (key === '' || requested.current.has(key)) continue;
      requested.current.add(key);
      queue.current.push({ key, url });
      added = true;
    }
    if (!added) return;
    setResults((current) => {
      const next = new Map(current);
      for (const { key } of queue.current) if (!next.has(key)) next.set(key, { status: 'loading' });
      return next;
    });
    pump();
  }, [urls, pump]);

  return useCallback(
    (url: string) => {
      const state = results.get(listingKey(url));
      if (state?.status !== 'done' || exclude === undefined) return state;
      return { status: 'done', reports: state.reports.filter((report) => report.complaintId !== exclude) };
    },
    [results, exclude],
  );
}
