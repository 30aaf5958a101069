import type { Marketplace } from './index';

/**
 * One row per marketplace. Recognition walks this table; nothing about a
 * particular marketplace lives anywhere else. Patterns are tested against
 * `host + pathname` (host lower-cased, no port), so a single regex can pin
 * both the host and the path, and because a host never contains "/", an
 * anchored host part cannot be stretched onto a look-alike domain.
 */

export interface Page {
  /** Lower-case host without port or trailing dot. */
  host: string;
  /** The entry of `domains` the host belongs to, e.g. `amazon.co.uk`. */
  domain: string;
  query: URLSearchParams;
}

/** Pulls a value out of a pattern match or the query; null when it is absent. */
type Pick = (match: RegExpExecArray, page: Page) => string | null;

export interface PagePattern {
  /** Tested against `host + pathname`. */
  match: RegExp;
  id: Pick;
  /** Shop id carried by this particular URL shape (listing patterns only). */
  shopId?: Pick;
}

export interface ShortLinkPattern {
  /** The host itself or any subdomain of it. */
  host: string;
  path?: RegExp;
}

export interface MarketplaceRule {
  marketplace: Exclude<Marketplace, 'generic'>;
  /** Registrable domains; every subdomain belongs to the marketplace. */
  domains: readonly string[];
  /** Share links whose target we cannot know without fetching them. */
  shortLinks: readonly ShortLinkPattern[];
  /** Marketplace-specific tracking parameters, stripped on its non-listing pages too. */
  trackers: ReadonlySet<string>;
  /** What a listing id looks like once normalised; anything else is not a listing. */
  listingId: RegExp;
  normalizeListingId?: (id: string) => string;
  listings: readonly PagePattern[];
  /** Shop id from the query of any listing URL, when the shape itself carries none. */
  listingShopId?: (page: Page) => string | null;
  listingUrl: (id: string, page: Page) => string;
  /** Shop pages, which carry a shop id but no listing. */
  shops: readonly ShopPattern[];
}

export interface ShopPattern {
  match: RegExp;
  id: Pick;
  url: (shopId: string, page: Page) => string;
}

/** Shop ids end up in stored URLs; refuse anything that could smuggle in a path or query. */
export const SHOP_ID = /^[A-Za-z0-9][A-Za-z0-9_.~%-]{0,99}$/u;

const NUMERIC_ID = /^\d{1,20}$/u;
const ASIN = /^[A-Z0-9]{10}$/u;

const group =
  (index: number): Pick =>
  (match) =>
    match[index] ?? null;

/** First non-empty value among the given query parameter names. */
function firstQueryValue(page: Page, names: readonly string[]): string | null {
  for (const name of names) {
    const value = page.query.get(name);
    if (value !== null && value !== '') return value;
  }
  return null;
}

const query =
  (...names: string[]): Pick =>
  (_match, page) =>
    firstQueryValue(page, names);

const queryShopId =
  (...names: string[]) =>
  (page: Page): string | null =>
    firstQueryValue(page, names);

const taobaoShopUrl = (shopId: string): string => `https://shop${shopId}.taobao.com/`;
const amazonShopUrl = (shopId: string, page: Page): string => `https://www.${page.domain}/sp?seller=${shopId}`;

export const MARKETPLACE_RULES: readonly MarketplaceRule[] = [
  {
    marketplace: 'taobao',
    domains: ['taobao.com'],
    // tb.cn also carries Tmall shares; without fetching we cannot tell which, and both are Taobao's.
    shortLinks: [{ host: 'tb.cn' }, { host: 's.click.taobao.com' }],
    trackers: new Set(['ali_refid', 'ali_trackid', 'abbucket', 'share_crt_v', 'sp_tk']),
    listingId: NUMERIC_ID,
    listings: [
      // world.taobao.com/item/<id>.htm
      { match: /^[^/]+\/item\/(\d+)\.htm$/u, id: group(1) },
      // Legacy mobile a.m.taobao.com/i<id>.htm
      { match: /^[^/]+\/i(\d+)\.htm$/u, id: group(1) },
      // item.taobao.com/item.htm, h5.m.taobao.com/awp/core/detail.htm, m.intl.taobao.com/detail/detail.html
      { match: /^[^/]+(?:\/[\w.-]+)*\/(?:item|detail)\.html?$/u, id: query('id', 'itemId', 'item_id') },
      // main.m.taobao.com/security-h5-detail/home, market.m.taobao.com/app/dinamic/h5-tb-detail/index.html
      { match: /^[^/]+\/security-h5-detail\/home$/u, id: query('id', 'itemId') },
      { match: /^[^/]+\/app\/[\w/-]*h5-tb-detail\/index\.html$/u, id: query('id', 'itemId') },
    ],
    // Taobao shares add the shop id or, failing that, the seller's user id.
    listingShopId: queryShopId('shop_id', 'shopId', 'seller_id', 'sellerId'),
    listingUrl: (id) => `https://item.taobao.com/item.htm?id=${id}`,
    shops: [
      { match: /^shop(\d+)\.(?:world\.)?taobao\.com\//u, id: group(1), url: taobaoShopUrl },
      { match: /^shop\.m\.taobao\.com\/shop\/shop_index\.htm$/u, id: query('shop_id', 'shopId'), url: taobaoShopUrl },
    ],
  },
  {
    marketplace: 'tmall',
    domains: ['tmall.com', 'tmall.hk'],
    shortLinks: [],
    trackers: new Set(['ali_refid', 'ali_trackid', 'abbucket', 'share_crt_v', 'sp_tk']),
    listingId: NUMERIC_ID,
    listings: [
      // detail.tmall.com/item.htm, detail.m.tmall.com/item.htm, chaoshi.detail.tmall.com/item.htm, detail.tmall.hk/hk/item.htm
      { match: /^[^/]+\/(?:hk\/)?item\.html?$/u, id: query('id', 'itemId') },
      // world.tmall.com/item/<id>.htm
      { match: /^[^/]+\/item\/(\d+)\.htm$/u, id: group(1) },
    ],
    listingShopId: queryShopId('shop_id', 'shopId', 'seller_id', 'sellerId'),
    // Tmall Global (tmall.hk) is a separate storefront with its own jurisdiction; keep it apart.
    listingUrl: (id, page) =>
      page.domain === 'tmall.hk'
        ? `https://detail.tmall.hk/hk/item.htm?id=${id}`
        : `https://detail.tmall.com/item.htm?id=${id}`,
    // Tmall shop hosts are brand names (nike.tmall.com) mixed with service hosts; not guessed.
    shops: [],
  },
  {
    marketplace: '1688',
    domains: ['1688.com'],
    shortLinks: [{ host: 'qr.1688.com' }],
    trackers: new Set(['tracelog', 'clickid', 'fromkv']),
    listingId: NUMERIC_ID,
    listings: [
      // detail.1688.com/offer/<id>.html, m.1688.com/offer/<id>.html
      { match: /^[^/]+\/offer\/(\d+)\.html?$/u, id: group(1) },
      // detail.m.1688.com/page/index.html?offerId=<id>
      { match: /^detail\.m\.1688\.com\/page\/index\.html?$/u, id: query('offerId') },
    ],
    listingUrl: (id) => `https://detail.1688.com/offer/${id}.html`,
    // Only the shop<member> hosts are unambiguous; vanity shop hosts share the namespace with services.
    shops: [{ match: /^(shop[a-z0-9]+)\.1688\.com\//u, id: group(1), url: (shopId) => `https://${shopId}.1688.com/` }],
  },
  {
    marketplace: 'aliexpress',
    domains: ['aliexpress.com', 'aliexpress.us', 'aliexpress.ru'],
    shortLinks: [{ host: 'a.aliexpress.com' }, { host: 'click.aliexpress.com' }],
    trackers: new Set([
      'aff_fcid',
      'aff_fsk',
      'aff_platform',
      'aff_trace_key',
      'algo_exp_id',
      'algo_expid',
      'algo_pvid',
      'btsid',
      'curpagelogfuid',
      'gatewayadapt',
      'pdp_npi',
      'terminal_id',
      'utparam-url',
      'ws_ab_test',
    ]),
    listingId: NUMERIC_ID,
    listings: [
      // Old store URLs carry the store id: /store/product/<slug>/<storeId>_<id>.html
      { match: /^[^/]+\/store\/product\/[^/]+\/(\d+)_(\d+)\.html?$/u, id: group(2), shopId: group(1) },
      // /item/<id>.html, the older /item/<slug>/<id>.html, mobile /s/item/<id>.html
      { match: /^[^/]+\/(?:s\/)?item\/(?:[^/]+\/)?(\d+)\.html?$/u, id: group(1) },
      // m.aliexpress.com/i/<id>.html
      { match: /^[^/]+\/i\/(\d+)\.html?$/u, id: group(1) },
    ],
    // Item ids are global; the regional sites are translations of one catalogue.
    listingUrl: (id) => `https://www.aliexpress.com/item/${id}.html`,
    shops: [
      {
        match: /^[^/]+\/store\/(?:all-wholesale-products\/)?(\d+)(?:\.html)?(?:\/|$)/u,
        id: group(1),
        url: (shopId) => `https://www.aliexpress.com/store/${shopId}`,
      },
    ],
  },
  {
    marketplace: 'alibaba',
    domains: ['alibaba.com'],
    // Share sheet links: www.alibaba.com/x/<token>
    shortLinks: [{ host: 'alibaba.com', path: /^\/x\/[^/]+\/?$/u }],
    trackers: new Set(['ecology_token', 'tracelog', 'fromkv']),
    listingId: NUMERIC_ID,
    listings: [
      // Supplier mini-sites: <supplier>.en.alibaba.com/product/<id>-<group>/<slug>.html
      {
        match: /^([a-z0-9-]+)\.en\.alibaba\.com\/product\/(\d+)(?:-\d+)?\/[^/]*\.html?$/u,
        id: group(2),
        shopId: group(1),
      },
      // www./m./spanish./… alibaba.com/product-detail/<slug>_<id>.html; the slug may itself hold underscores
      { match: /^[^/]+\/product-detail\/(?:[^/]*_)?(\d+)\.html?$/u, id: group(1) },
      // m.alibaba.com/product/<id>/<slug>.html
      { match: /^[^/]+\/product\/(\d+)\/[^/]*\.html?$/u, id: group(1) },
    ],
    // The slug is a per-language title; the trailing number alone is the product.
    listingUrl: (id) => `https://www.alibaba.com/product-detail/_${id}.html`,
    shops: [{ match: /^([a-z0-9-]+)\.en\.alibaba\.com\//u, id: group(1), url: (shopId) => `https://${shopId}.en.alibaba.com/` }],
  },
  {
    marketplace: 'amazon',
    domains: [
      'amazon.com',
      'amazon.ca',
      'amazon.com.mx',
      'amazon.com.br',
      'amazon.co.uk',
      'amazon.de',
      'amazon.fr',
      'amazon.it',
      'amazon.es',
      'amazon.nl',
      'amazon.se',
      'amazon.pl',
      'amazon.com.be',
      'amazon.com.tr',
      'amazon.ae',
      'amazon.sa',
      'amazon.eg',
      'amazon.in',
      'amazon.co.jp',
      'amazon.com.au',
      'amazon.sg',
      'amazon.cn',
      'amazon.co.za',
    ],
    shortLinks: [{ host: 'amzn.to' }, { host: 'amzn.eu' }, { host: 'amzn.asia' }, { host: 'amzn.com' }, { host: 'a.co' }],
    trackers: new Set([
      'ref',
      'tag',
      'linkcode',
      'linkid',
      'camp',
      'creative',
      'creativeasin',
      'ascsubtag',
      'content-id',
      'pd_rd_i',
      'pd_rd_r',
      'pd_rd_w',
      'pd_rd_wg',
      'pf_rd_i',
      'pf_rd_m',
      'pf_rd_p',
      'pf_rd_r',
      'pf_rd_s',
      'pf_rd_t',
      'qid',
      'sr',
      'crid',
      'sprefix',
      'dib',
      'dib_tag',
    ]),
    listingId: ASIN,
    normalizeListingId: (id) => id.toUpperCase(),
    listings: [
      // /dp/<ASIN>, /<slug>/dp/<ASIN>, /-/zh/dp/<ASIN>, /dp/product/<ASIN>, each maybe followed by /ref=…
      { match: /^[^/]+(?:\/[^/]+)*?\/dp\/(?:product\/)?([a-z0-9]{10})(?:\/|$)/iu, id: group(1) },
      // /gp/product/<ASIN>, mobile /gp/aw/d/<ASIN>
      { match: /^[^/]+(?:\/-\/[\w-]+)?\/gp\/(?:product|aw\/d)\/([a-z0-9]{10})(?:\/|$)/iu, id: group(1) },
      // /exec/obidos/ASIN/<ASIN>, /exec/obidos/tg/detail/-/<ASIN>, /o/ASIN/<ASIN>
      { match: /^[^/]+\/(?:exec\/obidos\/(?:asin|tg\/detail\/-)|o\/asin)\/([a-z0-9]{10})(?:\/|$)/iu, id: group(1) },
    ],
    // smid names the merchant whose offer was shown.
    listingShopId: queryShopId('smid', 'seller'),
    // The national store is part of the identity: jurisdiction, language and offers differ.
    listingUrl: (id, page) => `https://www.${page.domain}/dp/${id}`,
    shops: [
      // Seller profile /sp?seller=<id> (older /gp/aag/main?seller=<id>), storefront search /s?me=<id>
      { match: /^[^/]+\/(?:sp|gp\/aag\/main)\/?$/u, id: query('seller'), url: amazonShopUrl },
      { match: /^[^/]+\/s\/?$/u, id: query('me'), url: amazonShopUrl },
    ],
  },
  {
    marketplace: 'ebay',
    domains: [
      'ebay.com',
      'ebay.co.uk',
      'ebay.de',
      'ebay.fr',
      'ebay.it',
      'ebay.es',
      'ebay.com.au',
      'ebay.ca',
      'ebay.at',
      'ebay.ch',
      'ebay.ie',
      'ebay.nl',
      'ebay.be',
      'ebay.pl',
      'ebay.com.hk',
      'ebay.com.sg',
      'ebay.com.my',
      'ebay.ph',
    ],
    shortLinks: [{ host: 'ebay.us' }, { host: 'ebay.to' }],
    trackers: new Set([
      '_trkparms',
      '_trksid',
      'mkcid',
      'mkevt',
      'mkrid',
      'campid',
      'toolid',
      'customid',
      'ssspo',
      'sssrc',
      'ssuid',
      'widget_ver',
      'amdata',
    ]),
    listingId: NUMERIC_ID,
    listings: [
      // /itm/<id>, /itm/<slug>/<id>
      { match: /^[^/]+\/itm\/(?:[^/]+\/)?(\d+)(?:\/|$)/u, id: group(1) },
      // Legacy cgi.ebay.*/ws/eBayISAPI.dll?ViewItem&item=<id>
      { match: /^[^/]+\/ws\/ebayisapi\.dll$/iu, id: query('item') },
    ],
    // benl./befr./cafr. language hosts are the same national site.
    listingUrl: (id, page) => `https://www.${page.domain}/itm/${id}`,
    shops: [
      { match: /^[^/]+\/str\/([^/]+)(?:\/|$)/u, id: group(1), url: (shopId, page) => `https://www.${page.domain}/str/${shopId}` },
    ],
  },
];
