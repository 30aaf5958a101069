import { PAGE_READ_LIMITS } from '@openipp/shared';
import { firstText } from '../dom';
import type { FoundFields, MarketplaceReader } from '../types';
import { currencyForHost, priceAt, queryParam, shopIdFromLinks, shopIdFromPageUrl } from './common';

/**
 * Amazon product pages, every national store. The merchant whose offer won
 * the buy box ("Sold by …") is both the seller and the shop: its storefront
 * is the seller profile (`sp?seller=<id>`) that its link points to. The
 * brand byline ("Visit the … Store") names the brand, not the seller, and is
 * not read.
 */
const TITLE = ['#productTitle', '#title', '#ebooksProductTitle'];
/** `.a-offscreen` holds the whole price in one string; the visible parts are split into whole and fraction. */
const PRICE = [
  '#corePrice_feature_div .a-offscreen',
  '#corePriceDisplay_desktop_feature_div .a-offscreen',
  '#apex_desktop .a-price .a-offscreen',
  '#priceblock_dealprice',
  '#priceblock_ourprice',
  '#price_inside_buybox',
  '#corePrice_feature_div',
];
const MERCHANT = [
  '#sellerProfileTriggerId',
  '#merchant-info a',
  '#merchantInfoFeature_feature_div .offer-display-feature-text',
  '#merchant-info',
];
const MERCHANT_LINK = ['#sellerProfileTriggerId', '#merchant-info a[href]', '#merchantInfoFeature_feature_div a[href]'];
/** The "Sold by" label in the stores' languages. */
const MERCHANT_LABEL = /^(?:Ships from and sold by|Sold by|Verkauf und Versand durch|Verkauf durch|Expédié et vendu par|Vendu par|Venduto da|Vendido por|Verkocht door|Sprzedawca|販売元)\s*[:：]?\s*/iu;

const CURRENCIES = {
  'amazon.com': 'USD',
  'amazon.ca': 'CAD',
  'amazon.com.mx': 'MXN',
  'amazon.com.br': 'BRL',
  'amazon.co.uk': 'GBP',
  'amazon.de': 'EUR',
  'amazon.fr': 'EUR',
  'amazon.it': 'EUR',
  'amazon.es': 'EUR',
  'amazon.nl': 'EUR',
  'amazon.com.be': 'EUR',
  'amazon.se': 'SEK',
  'amazon.pl': 'PLN',
  'amazon.com.tr': 'TRY',
  'amazon.ae': 'AED',
  'amazon.sa': 'SAR',
  'amazon.eg': 'EGP',
  'amazon.in': 'INR',
  'amazon.co.jp': 'JPY',
  'amazon.com.au': 'AUD',
  'amazon.sg': 'SGD',
  'amazon.cn': 'CNY',
  'amazon.co.za': 'ZAR',
} as const;

function merchantId(link: URL): string | null {
  return queryParam(link, ['seller', 'smid', 'me']);
}

export const amazonReader: MarketplaceReader = {
  marketplace: 'amazon',
  read(doc, url): FoundFields {
    const merchant = firstText(doc, MERCHANT, PAGE_READ_LIMITS.nameMaxLength, MERCHANT_LABEL);
    return {
      title: firstText(doc, TITLE, PAGE_READ_LIMITS.titleMaxLength),
      price: priceAt(doc, PRICE, currencyForHost(url, CURRENCIES)),
      shopName: merchant,
      shopId: shopIdFromLinks(doc, url, MERCHANT_LINK, merchantId) ?? shopIdFromPageUrl(url),
      seller: merchant,
    };
  },
};
