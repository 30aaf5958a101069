import { PAGE_READ_LIMITS } from '@openipp/shared';
import { cleanText, metaContent } from './dom';
import { normalizeCurrencyCode, normalizeMachineAmount } from './price';
import type { FoundFields } from './types';

/**
 * OpenGraph meta tags: `og:title`, the product extension's price
 * (`product:price:amount` / `:currency`, and the older `og:price:*`), and
 * `og:site_name` as the shop's name, which on a single-brand shop it is.
 */
export function readOpenGraph(doc: Document): FoundFields {
  const amount = normalizeMachineAmount(metaContent(doc, ['product:price:amount', 'og:price:amount', 'product:sale_price:amount']));
  const currency = normalizeCurrencyCode(
    metaContent(doc, ['product:price:currency', 'og:price:currency', 'product:sale_price:currency']),
  );
  return {
    title: cleanText(metaContent(doc, ['og:title']), PAGE_READ_LIMITS.titleMaxLength),
    price: amount === null ? null : { amount, currency },
    shopName: cleanText(metaContent(doc, ['og:site_name']), PAGE_READ_LIMITS.nameMaxLength),
  };
}
