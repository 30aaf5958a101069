import { useEffect, useState } from 'react';

export const ROUTES = ['captures', 'messages', 'account', 'admin'] as const;
export type Route = (typeof ROUTES)[number];

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((route) => route === name) ?? 'captures';
}

export const routeHref = (route: Route): string => `#/${route}`;

/**
 * The page named in the URL's hash (#/messages, …). Hash routes need no server
 * support and survive a reload; an unknown hash shows the captures.
 */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('hashchange', () => setRoute(parse(window.location.hash)), { signal: controller.signal });
    return () => controller.abort();
  }, []);
  return route;
}
