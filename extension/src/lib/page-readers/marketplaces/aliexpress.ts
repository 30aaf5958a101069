import { PAGE_READ_LIMITS } from '@openipp/shared';
import { firstText } from '../dom';
import type { FoundFields, MarketplaceReader } from '../types';
import { currencyForHost, priceAt, queryParam, shopIdFromLinks, shopIdFromPageUrl } from './common';

/**
 * AliExpress item pages. The shown currency is the shopper's choice, so it is
 * read from the price's own sign ("US $", "€"); only the US and Russian sites
 * fix one. Class names are CSS-module stems with a hash, matched by stem; the
 * `data-pl` hooks are steadier and come first.
 */
const TITLE = ['[data-pl="product-title"]', '[class*="title--wrap"] h1', '.product-title-text'];
const PRICE = ['[class*="price--current"]', '[class*="price-default--current"]', '.product-price-current', '.uniform-banner-box-price'];
const SHOP_NAME = ['[data-pl="store-name"]', '[class*="store-header--storeName"]', '.shop-name a', '.store-name'];
const SHOP_LINK = ['a[data-pl="store-name"]', '[data-pl="store-name"] a', '[class*="store-header--storeName"] a', '.shop-name a'];
const SELLER = ['[data-pl="store-company"]', '[class*="store-detail--company"]', '.store-company-name'];
const SELLER_LABEL = /^(?:Company name|Company|Seller)\s*[:：]?\s*/iu;
const CURRENCIES = { 'aliexpress.us': 'USD', 'aliexpress.ru': 'RUB' } as const;

function storeId(link: URL): string | null {
  return /\/store\/(?:all-wholesale-products\/)?(\d+)(?:\.html)?(?:\/|$)/u.exec(link.pathname)?.[1] ?? queryParam(link, ['storeId', 'store_id']);
}

export const aliexpressReader: MarketplaceReader = {
  marketplace: 'aliexpress',
  read(doc, url): FoundFields {
    return {
      title: firstText(doc, TITLE, PAGE_READ_LIMITS.titleMaxLength),
      price: priceAt(doc, PRICE, currencyForHost(url, CURRENCIES)),
      shopName: firstText(doc, SHOP_NAME, PAGE_READ_LIMITS.nameMaxLength),
      shopId: shopIdFromLinks(doc, url, SHOP_LINK, storeId) ?? shopIdFromPageUrl(url),
      seller: firstText(doc, SELLER, PAGE_READ_LIMITS.nameMaxLength, SELLER_LABEL),
    };
  },
};
