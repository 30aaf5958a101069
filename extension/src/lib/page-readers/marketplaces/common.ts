import { recognizeListing } from '@openipp/shared';
import { firstValue, linkUrl, queryAll, visibleText } from '../dom';
import { parseShownPrice } from '../price';
import type { PagePrice } from '../types';

/** Lower-case host of the page URL, or '' for anything unparsable. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/u, '');
  } catch {
    return '';
  }
}

/**
 * The currency a national store prices in, by the longest registrable domain
 * the host belongs to ("www.amazon.com.au" is amazon.com.au, not amazon.com).
 */
export function currencyForHost(url: string, table: Readonly<Record<string, string>>): string | null {
  const host = hostOf(url);
  let best: string | null = null;
  for (const domain of Object.keys(table)) {
    if ((host === domain || host.endsWith(`.${domain}`)) && (best === null || domain.length > best.length)) best = domain;
  }
  return best === null ? null : (table[best] ?? null);
}

/** The shop id the page URL itself carries (shop_id=, smid=, a store path), as URL recognition reads it. */
export function shopIdFromPageUrl(url: string): string | null {
  try {
    return recognizeListing(url)?.shopId ?? null;
  } catch {
    return null;
  }
}

/**
 * A shop id from the first visible link among `selectors` that `extract`
 * accepts; links are resolved against the page URL, so protocol-relative
 * ("//shop123.taobao.com") and relative ones work alike.
 */
export function shopIdFromLinks(
  doc: Document,
  url: string,
  selectors: readonly string[],
  extract: (link: URL) => string | null,
): string | null {
  return firstValue(doc, selectors, (element) => {
    const link = linkUrl(element, url);
    return link === null ? null : extract(link);
  });
}

/** First non-empty value of an attribute among the selectors' elements (hidden or not: ids sit in data attributes). */
export function attributeValue(doc: Document, selectors: readonly string[], attribute: string): string | null {
  for (const selector of selectors) {
    for (const element of queryAll(doc, selector).slice(0, 20)) {
      if (element.closest('template') !== null) continue;
      const value = element.getAttribute(attribute)?.trim();
      if (value) return value;
    }
  }
  return null;
}

export function queryParam(link: URL, names: readonly string[]): string | null {
  for (const name of names) {
    const value = link.searchParams.get(name);
    if (value !== null && value.trim() !== '') return value.trim();
  }
  return null;
}

/** The first visible price among the selectors; `currency` settles a missing or ambiguous sign. */
export function priceAt(doc: Document, selectors: readonly string[], currency: string | null): PagePrice | null {
  return firstValue(doc, selectors, (element) => {
    const text = visibleText(element, 64);
    return text === null ? null : parseShownPrice(text, currency);
  });
}
