import { recognizeListing, type Marketplace, type PageRead } from '@openipp/shared';
import { ali1688Reader } from './marketplaces/ali1688';
import { alibabaReader } from './marketplaces/alibaba';
import { aliexpressReader } from './marketplaces/aliexpress';
import { amazonReader } from './marketplaces/amazon';
import { ebayReader } from './marketplaces/ebay';
import { taobaoReader } from './marketplaces/taobao';
import { tmallReader } from './marketplaces/tmall';
import { readPage } from './read-page';
import type { MarketplaceReader } from './types';

/**
 * Marketplace page readers (issue #7, part 4): what a listing page says about
 * itself — title, price, shop and seller — read from the live DOM at capture
 * time, for the user to confirm or correct before sync. Pure DOM, no
 * extension APIs, so it runs in a content script or an injected script alike.
 */

/** One reader per marketplace URL recognition knows; `satisfies` makes a new marketplace a type error here until it has one. */
export const MARKETPLACE_READERS = {
  taobao: taobaoReader,
  tmall: tmallReader,
  '1688': ali1688Reader,
  aliexpress: aliexpressReader,
  alibaba: alibabaReader,
  amazon: amazonReader,
  ebay: ebayReader,
} as const satisfies Record<Exclude<Marketplace, 'generic'>, MarketplaceReader>;

function readerFor(url: string): MarketplaceReader | null {
  try {
    const marketplace = recognizeListing(url)?.marketplace ?? 'generic';
    return marketplace === 'generic' ? null : MARKETPLACE_READERS[marketplace];
  } catch {
    return null;
  }
}

/** Nothing read: what an unreadable page yields. */
export function emptyPageRead(): PageRead {
  return {
    title: null,
    price: null,
    shopName: null,
    shopId: null,
    seller: null,
    source: { title: null, price: null, shopName: null, shopId: null, seller: null },
  };
}

/**
 * Reads a listing page: the reader of the marketplace `recognizeListing(url)`
 * names, else only the generic structured-data fallbacks (JSON-LD,
 * OpenGraph, microdata). Never throws; a page with nothing to read gives
 * all-null fields. The result satisfies `PageReadSchema`.
 */
export function readListingPage(doc: Document, url: string): PageRead {
  try {
    return readPage(doc, url, readerFor(url));
  } catch {
    return emptyPageRead();
  }
}

export { readPage } from './read-page';
export { normalizeAmount, parseShownPrice } from './price';
export type { MarketplaceReader } from './types';
