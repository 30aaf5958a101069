import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../lib/api';
import { CHECK_EVERY_MS, ClaimKeeper, type ClaimStatus } from '../lib/claim-lease';

export interface ClaimHandle {
  status: ClaimStatus;
  /** Settles once the first claim on opening has been answered, however it went. */
  ready: Promise<void>;
  /** Claims again after the lease lapsed or another reviewer let go. */
  reclaim: () => Promise<void>;
  /** The server released the claim with a decision or a request for material: nothing to give back on leaving. */
  settle: () => void;
}

/** What counts as the reviewer working: reading by scrolling counts as much as typing. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Claims the complaint while its evidence view is open: on opening, renewed
 * while the reviewer is active, and given back on leaving the view (DELETE)
 * or the page (a keepalive request, which outlives the page).
 */
export function useClaim(api: ApiClient, id: string): ClaimHandle {
  const [status, setStatus] = useState<ClaimStatus>({ kind: 'claiming' });
  const [keeper] = useState(() => new ClaimKeeper({ claim: () => api.claimComplaint(id), release: () => api.releaseClaim(id), onChange: setStatus }));
  const [first] = useState(() => {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    return { promise, resolve };
  });

  useEffect(() => {
    void keeper.start().then(first.resolve);
    const controller = new AbortController();
    const { signal } = controller;
    const active = () => keeper.activity();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, active, { signal, passive: true, capture: true });
    // Background tabs run timers late or not at all: look again as soon as the tab is back.
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void keeper.check(), { signal });
    const leave = () => {
      if (!keeper.holding) return;
      api.releaseClaimOnUnload(id);
      keeper.settle();
    };
    window.addEventListener('beforeunload', leave, { signal });
    // pagehide also covers browsers that skip beforeunload; a page restored from the back-forward cache claims again.
    window.addEventListener('pagehide', leave, { signal });
    window.addEventListener('pageshow', (event) => event.persisted && void keeper.start(), { signal });
    const timer = setInterval(() => void keeper.check(), CHECK_EVERY_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
      void keeper.release();
    };
  }, [api, id, keeper, first]);

  const reclaim = useCallback(() => keeper.start(), [keeper]);
  const settle = useCallback(() => keeper.settle(), [keeper]);
  return { status, ready: first.promise, reclaim, settle };
}
