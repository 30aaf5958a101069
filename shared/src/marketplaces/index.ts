/**
 * Marketplace recognition (issue #4, part 2): which marketplace a URL belongs
 * to, which listing it shows, and the one spelling of it we store, so that
 * duplicate detection and the "exact recognised link" rule of a notice compare
 * like with like however the page was reached (mobile, regional, share params).
 *
 * Four outcomes:
 * - listing page: marketplace, listingId and a canonical URL built from the id
 *   alone (plus, where the URL carries one, the shopId);
 * - shop page: marketplace and shopId, listingId null, a canonical shop URL;
 * - share/short link we cannot resolve offline: marketplace, listingId null,
 *   the URL as given minus its fragment, flag `short_link`;
 * - anything else: `generic`, listingId null, a normalised URL; non-listing
 *   pages on a marketplace host (search, home) carry the flag `marketplace_page`.
 * An "exact recognised link" is therefore `listingId !== null`.
 */
import { MARKETPLACE_RULES, SHOP_ID, type MarketplaceRule, type Page } from './registry';
import { hostOf, normalizeGenericUrl, parseHttpUrl, withoutFragment } from './normalize';

export const MARKETPLACES = ['taobao', 'tmall', '1688', 'aliexpress', 'alibaba', 'amazon', 'ebay', 'generic'] as const;
export type Marketplace = (typeof MARKETPLACES)[number];
/**
 * - `short_link`: a share/short link we cannot resolve offline; kept as given.
 * - `marketplace_page`: a page on a known marketplace's host that shows no
 *   listing (search results, home, help). Classed generic like any other page,
 *   but flagged so a notice cannot pass it off as a listing link.
 */
export type ListingFlag = 'short_link' | 'marketplace_page';

export interface RecognizedListing {
  marketplace: Marketplace;
  /** null for generic pages, shop pages and unresolvable short links. */
  listingId: string | null;
  /** The one spelling we store and compare. */
  canonicalUrl: string;
  /**
   * Best effort, only when the URL itself names the shop or seller: Taobao
   * shopNNN hosts and shop_id/seller_id queries, Tmall shop_id/seller_id
   * queries, 1688 shop hosts, AliExpress store paths, Alibaba supplier
   * mini-site hosts, Amazon smid=/seller=/me=, eBay /str/<name>.
   */
  shopId?: string;
  flags: ListingFlag[];
}

/**
 * The rule tables indexed by host name, so recognition costs one map lookup
 * per label of the URL's host instead of a suffix comparison against every
 * domain of every rule. Entries keep their table order (`rank`): where several
 * match, the earliest rule — and within it the earliest entry — wins, exactly
 * as a scan of the tables in order would decide.
 */
interface Indexed<T> {
  rank: number;
  rule: MarketplaceRule;
  entry: T;
}

function indexBy<T>(pick: (rule: MarketplaceRule) => readonly T[], key: (entry: T) => string): Map<string, Indexed<T>[]> {
  const index = new Map<string, Indexed<T>[]>();
  let rank = 0;
  for (const rule of MARKETPLACE_RULES) {
    for (const entry of pick(rule)) {
      const name = key(entry);
      const list = index.get(name) ?? [];
      list.push({ rank: rank++, rule, entry });
      index.set(name, list);
    }
  }
  return index;
}

const SHORT_LINKS = indexBy((rule) => rule.shortLinks, (link) => link.host);
const DOMAINS = indexBy((rule) => rule.domains, (domain) => domain);

/** The earliest-ranked entry whose name is the host or a parent domain of it (hostMatches) and that `accept`s. */
function firstMatch<T>(index: Map<string, Indexed<T>[]>, host: string, accept: (entry: T) => boolean): Indexed<T> | undefined {
  let best: Indexed<T> | undefined;
  for (let start = 0; start !== -1; ) {
    const candidates = index.get(start === 0 ? host : host.slice(start));
    if (candidates !== undefined) {
      for (const candidate of candidates) {
        if ((best === undefined || candidate.rank < best.rank) && accept(candidate.entry)) best = candidate;
      }
    }
    const dot = host.indexOf('.', start);
    start = dot === -1 ? -1 : dot + 1;
  }
  return best;
}

function validShopId(value: string | null | undefined): string | null {
  return value !== null && value !== undefined && SHOP_ID.test(value) ? value : null;
}

function matchListing(rule: MarketplaceRule, page: Page, target: string): RecognizedListing | null {
  for (const pattern of rule.listings) {
    const match = pattern.match.exec(target);
    if (match === null) continue;
    const raw = pattern.id(match, page);
    if (raw === null) continue;
    const id = rule.normalizeListingId ? rule.normalizeListingId(raw) : raw;
    if (!rule.listingId.test(id)) continue;
    const shopId = validShopId(pattern.shopId?.(match, page) ?? rule.listingShopId?.(page));
    return {
      marketplace: rule.marketplace,
      listingId: id,
      canonicalUrl: rule.listingUrl(id, page),
      ...(shopId === null ? {} : { shopId }),
      flags: [],
    };
  }
  return null;
}

function matchShop(rule: MarketplaceRule, page: Page, target: string): RecognizedListing | null {
  for (const pattern of rule.shops) {
    const match = pattern.match.exec(target);
    if (match === null) continue;
    const shopId = validShopId(pattern.id(match, page));
    if (shopId === null) continue;
    return { marketplace: rule.marketplace, listingId: null, canonicalUrl: pattern.url(shopId, page), shopId, flags: [] };
  }
  return null;
}

/** null when the input is not an absolute http(s) URL. */
export function recognizeListing(url: string): RecognizedListing | null {
  const parsed = parseHttpUrl(url);
  if (parsed === null) return null;
  const host = hostOf(parsed);

  // Share hosts first: some sit inside a marketplace's own domain (s.click.taobao.com).
  const path = parsed.pathname;
  const short = firstMatch(SHORT_LINKS, host, (link) => link.path?.test(path) ?? true);
  if (short !== undefined) {
    return { marketplace: short.rule.marketplace, listingId: null, canonicalUrl: withoutFragment(url), flags: ['short_link'] };
  }

  const owner = firstMatch(DOMAINS, host, () => true);
  if (owner !== undefined) {
    const { rule, entry: domain } = owner;
    const page: Page = { host, domain, query: parsed.searchParams };
    const target = `${host}${parsed.pathname}`;
    const recognized = matchListing(rule, page, target) ?? matchShop(rule, page, target);
    if (recognized !== null) return recognized;
    // A marketplace page that is neither listing nor shop (search, home, help): generic,
    // but its own trackers go too, and the flag says whose host it was on.
    return {
      marketplace: 'generic',
      listingId: null,
      canonicalUrl: normalizeGenericUrl(parsed, rule.trackers),
      flags: ['marketplace_page'],
    };
  }
  return { marketplace: 'generic', listingId: null, canonicalUrl: normalizeGenericUrl(parsed), flags: [] };
}

export { listingJurisdiction } from './jurisdiction';
