import { PAGE_READ_LIMITS } from '@openipp/shared';
import { firstText } from '../dom';
import type { FoundFields, MarketplaceReader } from '../types';
import { priceAt, shopIdFromLinks, shopIdFromPageUrl } from './common';

/**
 * 1688 offer pages. A wholesale offer shows a price range or a ladder of
 * quantity tiers; the first amount shown (the lowest) is read. Shops are
 * companies: the shop card names the shop and, apart from it, the company
 * that sells.
 */
const TITLE = ['.offer-title .title-text', '.title-text', '.d-title', '[class*="title-content"] h1'];
const PRICE = ['.offer-price .price-box', '.price-box', '.price-now', '.price-text', '.d-price'];
const SHOP_NAME = ['.shop-card .shop-name', '.shop-name', '.shop-company-name'];
const SHOP_LINK = ['.shop-card a.shop-name', '.shop-name a', 'a.shop-name', '.shop-card a[href*="1688.com"]'];
const SELLER = ['.shop-card .company-name', '.company-name', '.shop-company-name'];
const SELLER_LABEL = /^(?:公司名称|公司|供应商)\s*[:：]?\s*/u;

/** Only shop<member> hosts name a shop unambiguously (vanity hosts share the namespace with services). */
function shopHost(link: URL): string | null {
  return /^(shop[a-z0-9]+)\.1688\.com$/u.exec(link.hostname.toLowerCase())?.[1] ?? null;
}

export const ali1688Reader: MarketplaceReader = {
  marketplace: '1688',
  read(doc, url): FoundFields {
    return {
      title: firstText(doc, TITLE, PAGE_READ_LIMITS.titleMaxLength),
      price: priceAt(doc, PRICE, 'CNY'),
      shopName: firstText(doc, SHOP_NAME, PAGE_READ_LIMITS.nameMaxLength),
      shopId: shopIdFromLinks(doc, url, SHOP_LINK, shopHost) ?? shopIdFromPageUrl(url),
      seller: firstText(doc, SELLER, PAGE_READ_LIMITS.nameMaxLength, SELLER_LABEL),
    };
  },
};
