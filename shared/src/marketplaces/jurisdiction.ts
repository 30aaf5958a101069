import type { RecognizedListing } from './index';

/**
 * Where a listing is offered, as an ISO 3166-1 alpha-2 code: the jurisdiction a
 * right's territory must cover for the listing to be complained about (MISSION
 * item 6). null means no single jurisdiction can be named, and the territory
 * check has nothing to compare against:
 * - AliExpress and Alibaba.com are cross-border storefronts whose listings are
 *   sold into many countries through one canonical site; their own notice
 *   programmes take rights of any territory, and the reviewer weighs the fit.
 * - a generic page on a generic TLD (.com, .shop, .io) says nothing about
 *   where it sells.
 */
export function listingJurisdiction(listing: RecognizedListing): string | null {
  switch (listing.marketplace) {
    // Mainland platforms; Tmall Global (tmall.hk) sells into the mainland
    // under China's cross-border e-commerce rules, so the mainland law applies.
    case 'taobao':
    case 'tmall':
    case '1688':
      return 'CN';
    case 'aliexpress':
    case 'alibaba':
      return null;
    // One national store per domain: amazon.com and ebay.com are the US stores.
    case 'amazon':
    case 'ebay':
      return countryOfHost(hostOf(listing.canonicalUrl)) ?? 'US';
    case 'generic':
      return countryOfHost(hostOf(listing.canonicalUrl));
  }
}

/**
 * The host of a canonical URL. Canonical URLs are already normalised
 * (`scheme://host[:port]/…`, no userinfo), so plain string slicing is exact —
 * and keeps qualification from parsing every URL a second time.
 */
function hostOf(canonicalUrl: string): string {
  const start = canonicalUrl.indexOf('://') + 3;
  let end = start;
  while (end < canonicalUrl.length) {
    const char = canonicalUrl.charCodeAt(end);
    // '/', ':', '?', '#'
    if (char === 47 || char === 58 || char === 63 || char === 35) break;
    end++;
  }
  return canonicalUrl.slice(start, end);
}

// Two-letter TLDs sold worldwide as vanity names: they say nothing about a country.
const VANITY_CCTLDS = new Set(['ai', 'cc', 'co', 'fm', 'gg', 'io', 'ly', 'me', 'tk', 'to', 'tv', 'ws']);

/** The country a host's country-code TLD names, or null. `.uk` is ISO `GB`. */
export function countryOfHost(host: string): string | null {
  const label = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  if (!/^[a-z]{2}$/u.test(label) || VANITY_CCTLDS.has(label)) return null;
  if (label === 'uk') return 'GB';
  // Numeric hosts (IP addresses) never reach here: their last label is digits.
  return label.toUpperCase();
}
