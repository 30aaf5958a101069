import { PAGE_READ_LIMITS } from '@openipp/shared';
import { firstText } from '../dom';
import type { FoundFields, MarketplaceReader } from '../types';
import { currencyForHost, priceAt, shopIdFromLinks, shopIdFromPageUrl } from './common';

/**
 * eBay item pages. The seller is the member account on the seller card; a
 * seller with an eBay Store also has a shop, named on the store card and
 * identified by its /str/<name> path.
 */
const TITLE = ['h1.x-item-title__mainTitle', '.x-item-title__mainTitle', '#itemTitle'];
const PRICE = ['.x-price-primary', '[data-testid="x-price-primary"]', '#prcIsum', '#mm-saleDscPrc'];
const STORE_NAME = ['.x-store-information__store-name', '[data-testid="str-title"]'];
const STORE_LINK = ['.x-store-information__store-name a', '.x-store-information a[href*="/str/"]', 'a[href*="/str/"]'];
const SELLER = ['.x-sellercard-atf__info__about-seller', '[data-testid="x-sellercard-atf"] .ux-seller-section__item--seller', '.mbg-nw'];

const CURRENCIES = {
  'ebay.com': 'USD',
  'ebay.co.uk': 'GBP',
  'ebay.de': 'EUR',
  'ebay.fr': 'EUR',
  'ebay.it': 'EUR',
  'ebay.es': 'EUR',
  'ebay.at': 'EUR',
  'ebay.ie': 'EUR',
  'ebay.nl': 'EUR',
  'ebay.be': 'EUR',
  'ebay.com.au': 'AUD',
  'ebay.ca': 'CAD',
  'ebay.ch': 'CHF',
  'ebay.pl': 'PLN',
  'ebay.com.hk': 'HKD',
  'ebay.com.sg': 'SGD',
  'ebay.com.my': 'MYR',
  'ebay.ph': 'PHP',
} as const;

function storePath(link: URL): string | null {
  const name = /^\/str\/([^/]+)/u.exec(link.pathname)?.[1];
  return name === undefined ? null : name;
}

export const ebayReader: MarketplaceReader = {
  marketplace: 'ebay',
  read(doc, url): FoundFields {
    return {
      title: firstText(doc, TITLE, PAGE_READ_LIMITS.titleMaxLength),
      price: priceAt(doc, PRICE, currencyForHost(url, CURRENCIES)),
      shopName: firstText(doc, STORE_NAME, PAGE_READ_LIMITS.nameMaxLength),
      shopId: shopIdFromLinks(doc, url, STORE_LINK, storePath) ?? shopIdFromPageUrl(url),
      seller: firstText(doc, SELLER, PAGE_READ_LIMITS.nameMaxLength),
    };
  },
};
