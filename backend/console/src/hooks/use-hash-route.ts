import { useEffect, useState } from 'react';

/** Pages of the signed-in console. */
export const ROUTES = ['captures', 'complaints', 'rights', 'messages', 'account', 'organisation', 'admin', 'review', 'shops', 'seller'] as const;
export type Route = (typeof ROUTES)[number];

/**
 * Pages that need no session: registration, the targets of e-mailed links, and
 * the demo mailbox. They show whether or not someone is signed in.
 */
export const PUBLIC_ROUTES = ['register', 'verify-email', 'invitation', 'freeze', 'mailbox'] as const;
export type PublicRoute = (typeof PUBLIC_ROUTES)[number];

/** Other names mailed links use for the same pages. */
const ALIASES: Readonly<Record<string, PublicRoute>> = { 'accept-invitation': 'invitation' };

export interface HashLocation {
  route: Route | PublicRoute;
  /** The query after the route name (#/verify-email?token=…). */
  params: URLSearchParams;
  /** The path after the route name, decoded: ['c1'] for #/complaints/c1, ['rights'] for #/admin/rights. */
  segments: string[];
  /**
   * Changes on every hash change, even back to the same hash: opening the same
   * e-mailed link again is a new visit, which tries the link again.
   */
  visit: number;
}

let visits = 0;

export function parseHash(hash: string): HashLocation {
  const path = hash.replace(/^#\/?/, '');
  const queryAt = path.indexOf('?');
  const [written = '', ...rest] = (queryAt === -1 ? path : path.slice(0, queryAt)).split('/');
  const name = ALIASES[written] ?? written;
  const params = new URLSearchParams(queryAt === -1 ? '' : path.slice(queryAt + 1));
  const known = ROUTES.find((candidate) => candidate === name) ?? PUBLIC_ROUTES.find((candidate) => candidate === name);
  const route = known ?? 'captures';
  // An unknown page's path means nothing on the captures page it falls back to.
  const segments = known === undefined ? [] : rest.filter((segment) => segment !== '').map(decodeSegment);
  return { route, params, segments, visit: ++visits };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A mistyped %-escape: keep it as written; the page reports it as not found.
    return segment;
  }
}

export const isPublicRoute = (route: Route | PublicRoute): route is PublicRoute =>
  (PUBLIC_ROUTES as readonly string[]).includes(route);


/**
 * The page named in the URL's hash (#/messages, #/verify-email?token=…). Hash
 * routes need no server support and survive a reload; an unknown hash shows the captures.
 */
export function useHashLocation(): HashLocation {
  const [location, setLocation] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('hashchange', () => setLocation(parseHash(window.location.hash)), { signal: controller.signal });
    return () => controller.abort();
  }, []);
  return location;
}

/** Replaces the hash without a history entry, e.g. to drop a used one-time token from the address bar. */
export function replaceHash(hash: string): void {
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
}
