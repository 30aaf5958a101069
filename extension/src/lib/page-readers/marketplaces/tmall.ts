import { PAGE_READ_LIMITS } from '@openipp/shared';
import { firstText } from '../dom';
import type { FoundFields, MarketplaceReader } from '../types';
import { priceAt, shopIdFromLinks, shopIdFromPageUrl } from './common';
import {
  declaredShopId,
  platformShopId,
  SELLER_LABEL,
  TAOBAO_PRICE,
  TAOBAO_SELLER,
  TAOBAO_SHOP_LINK,
  TAOBAO_SHOP_NAME,
  TAOBAO_TITLE,
} from './taobao';

/**
 * Tmall (and Tmall Global) item pages run on Taobao's page platform, so the
 * same CSS-module stems come first; the older Tmall layout (tb-detail-hd,
 * tm-price, slogo) follows. Tmall shops are companies, so the seller is the
 * company the shop card names.
 */
const TITLE = [...TAOBAO_TITLE, '.tb-detail-hd h1'];
const PRICE = [...TAOBAO_PRICE, '.tm-promo-price .tm-price', '.tm-price'];
const SHOP_NAME = [...TAOBAO_SHOP_NAME, '.slogo-shopname'];
const SHOP_LINK = [...TAOBAO_SHOP_LINK, 'a.slogo-shopname', '.slogo a[href]'];
const SELLER = ['[class*="companyName--"]', ...TAOBAO_SELLER, '.shopkeeper'];

export const tmallReader: MarketplaceReader = {
  marketplace: 'tmall',
  read(doc, url): FoundFields {
    return {
      title: firstText(doc, TITLE, PAGE_READ_LIMITS.titleMaxLength),
      price: priceAt(doc, PRICE, 'CNY'),
      shopName: firstText(doc, SHOP_NAME, PAGE_READ_LIMITS.nameMaxLength),
      shopId: shopIdFromLinks(doc, url, SHOP_LINK, platformShopId) ?? declaredShopId(doc) ?? shopIdFromPageUrl(url),
      seller: firstText(doc, SELLER, PAGE_READ_LIMITS.nameMaxLength, SELLER_LABEL),
    };
  },
};
