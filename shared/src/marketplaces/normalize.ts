/**
 * URL plumbing shared by every marketplace rule and by the generic fallback.
 * Canonical URLs are what duplicate detection compares, so each helper here
 * must be deterministic: the same page, however it was reached, spells the
 * same way.
 */

/**
 * Parameters that only say how someone arrived at a page, never which page
 * it is. Known trackers only: `ref` and `tag` are deliberately absent, because
 * on many sites they select content (a git ref, a blog tag); marketplaces that
 * abuse them for tracking list them in their own rule instead.
 */
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'spm',
  'scm',
  'pvid',
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'ttclid',
  'twclid',
  'igshid',
  'li_fat_id',
  'srsltid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'ref_',
]);
const TRACKING_PREFIXES: readonly string[] = ['utm_'];

export function isTrackingParam(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || extra.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** Only absolute http(s) URLs name a page someone can visit and capture. */
export function parseHttpUrl(input: string): URL | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (hostOf(url) === '') return null;
  return url;
}

/**
 * The parser already lower-cases and punycodes the host and keeps the port
 * out of `hostname`; a trailing dot (`item.taobao.com.`) names the same host.
 */
export function hostOf(url: URL): string {
  return url.hostname.replace(/\.$/u, '');
}

/**
 * True when `host` is `domain` or one of its subdomains. Comparing whole
 * labels is what keeps evil-taobao.com and taobao.com.evil.example out.
 */
export function hostMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** "The URL as given": share links carry tokens we cannot interpret, so only the fragment goes. */
export function withoutFragment(input: string): string {
  const trimmed = input.trim();
  const hash = trimmed.indexOf('#');
  return hash === -1 ? trimmed : trimmed.slice(0, hash);
}

function decodeParamName(raw: string): string {
  const spaced = raw.replace(/\+/gu, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * Drops trackers and sorts what remains by name. The raw `name=value` pairs
 * are kept byte for byte (no re-encoding, `?flag` stays `?flag`), and the sort
 * is stable so repeated names keep their relative order, which some sites
 * give meaning to.
 */
export function cleanQuery(search: string, extraTrackers: ReadonlySet<string> = new Set()): string {
  const pairs = search
    .replace(/^\?/u, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return { pair, name: decodeParamName(eq === -1 ? pair : pair.slice(0, eq)) };
    })
    .filter(({ name }) => !isTrackingParam(name, extraTrackers));
  pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return pairs.length === 0 ? '' : `?${pairs.map(({ pair }) => pair).join('&')}`;
}

/**
 * The canonical spelling of a page we do not recognise as a listing: scheme
 * and host lower-cased (by the parser), default port dropped (by the parser),
 * credentials and fragment dropped, path untouched, trackers stripped and the
 * remaining query sorted.
 */
export function normalizeGenericUrl(url: URL, extraTrackers?: ReadonlySet<string>): string {
  const port = url.port === '' ? '' : `:${url.port}`;
  return `${url.protocol}//${hostOf(url)}${port}${url.pathname}${cleanQuery(url.search, extraTrackers)}`;
}
