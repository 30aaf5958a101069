import type { Marketplace, PagePrice, PageRead } from '@openipp/shared';

/** The values a page read yields, without their sources. */
export type PageFields = Omit<PageRead, 'source'>;

/** What one strategy found; a field it did not find is absent or null. */
export type FoundFields = { [K in keyof PageFields]?: PageFields[K] | null };

/**
 * One marketplace's own page structure. `read` gets the page URL as well,
 * because the host settles the currency ("$" on amazon.ca is CAD) and some
 * shop ids live only in the URL.
 */
export interface MarketplaceReader {
  marketplace: Exclude<Marketplace, 'generic'>;
  read(doc: Document, url: string): FoundFields;
}

export type { PagePrice };
