import { PAGE_READ_FIELDS, PAGE_READ_LIMITS, PAGE_SHOP_ID_PATTERN, type PageRead, type PageReadSource } from '@openipp/shared';
import { cleanText } from './dom';
import { readJsonLd } from './json-ld';
import { readMicrodata } from './microdata';
import { readOpenGraph } from './open-graph';
import { isValidPrice } from './price';
import type { FoundFields, MarketplaceReader, PageFields, PagePrice } from './types';

type Strategy = readonly [PageReadSource, () => FoundFields];

/** Runs one strategy; a strategy that throws on an odd page found nothing. */
function attempt(read: () => FoundFields): FoundFields {
  try {
    return read();
  } catch {
    return {};
  }
}

/** Re-checks a strategy's value against the stored contract, so no reader can hand on an oversize or malformed one. */
function accept<K extends keyof PageFields>(field: K, value: PageFields[K] | null | undefined): PageFields[K] | null {
  if (value === null || value === undefined) return null;
  switch (field) {
    case 'title':
      return cleanText(value as string, PAGE_READ_LIMITS.titleMaxLength) as PageFields[K] | null;
    case 'shopName':
    case 'seller':
      return cleanText(value as string, PAGE_READ_LIMITS.nameMaxLength) as PageFields[K] | null;
    case 'shopId':
      return PAGE_SHOP_ID_PATTERN.test(value as string) ? value : null;
    case 'price':
      return isValidPrice(value as PagePrice) ? value : null;
    default:
      return null;
  }
}

/**
 * Reads the page field by field: the marketplace's own structure first (the
 * most specific), then JSON-LD, OpenGraph and microdata. Each field takes the
 * first strategy that found it, so a title from the page's heading can sit
 * beside a price from JSON-LD. Strategies run lazily and at most once.
 */
export function readPage(doc: Document, url: string, reader: MarketplaceReader | null): PageRead {
  const strategies: Strategy[] = [
    ...(reader === null ? [] : [['marketplace', () => reader.read(doc, url)] as const]),
    ['json_ld', () => readJsonLd(doc)],
    [
      'open_graph',
      () => {
        const found = readOpenGraph(doc);
        // On a marketplace og:site_name names the marketplace ("Amazon.com"), not the shop.
        return reader === null ? found : { ...found, shopName: null };
      },
    ],
    ['microdata', () => readMicrodata(doc)],
  ];
  const results = new Map<PageReadSource, FoundFields>();
  const found = (source: PageReadSource, read: () => FoundFields): FoundFields => {
    let result = results.get(source);
    if (result === undefined) {
      result = attempt(read);
      results.set(source, result);
    }
    return result;
  };

  const read: PageRead = {
    title: null,
    price: null,
    shopName: null,
    shopId: null,
    seller: null,
    source: { title: null, price: null, shopName: null, shopId: null, seller: null },
  };
  const assign = <K extends keyof PageFields>(field: K): void => {
    for (const [source, run] of strategies) {
      const value = accept(field, found(source, run)[field]);
      if (value !== null) {
        read[field] = value;
        read.source[field] = source;
        return;
      }
    }
  };
  for (const field of PAGE_READ_FIELDS) assign(field);
  return read;
}
