import { PAGE_READ_LIMITS } from '@openipp/shared';
import { firstText } from '../dom';
import type { FoundFields, MarketplaceReader } from '../types';
import { priceAt, shopIdFromLinks, shopIdFromPageUrl } from './common';

/**
 * Alibaba.com product pages. The shop is the supplier's mini-site
 * (<supplier>.en.alibaba.com) and the supplier is a company, which is both
 * the shop's name and the seller. Prices are quoted in US dollars, as a
 * range or as quantity tiers; the first amount is read.
 */
const TITLE = ['.product-title-container h1', '[class*="product-title"] h1', '.module-pdp-title h1'];
const PRICE = ['[class*="price-range"]', '.price-list .price', '[class*="price-item"] .price', '.product-price'];
const COMPANY = ['.company-name a', '[class*="company-name"] a', '.company-name'];
const COMPANY_LINK = ['.company-name a', '[class*="company-name"] a', 'a[href*=".en.alibaba.com"]'];

function supplier(link: URL): string | null {
  return /^([a-z0-9-]+)\.en\.alibaba\.com$/u.exec(link.hostname.toLowerCase())?.[1] ?? null;
}

export const alibabaReader: MarketplaceReader = {
  marketplace: 'alibaba',
  read(doc, url): FoundFields {
    const company = firstText(doc, COMPANY, PAGE_READ_LIMITS.nameMaxLength);
    return {
      title: firstText(doc, TITLE, PAGE_READ_LIMITS.titleMaxLength),
      price: priceAt(doc, PRICE, 'USD'),
      shopName: company,
      shopId: shopIdFromLinks(doc, url, COMPANY_LINK, supplier) ?? shopIdFromPageUrl(url),
      seller: company,
    };
  },
};
