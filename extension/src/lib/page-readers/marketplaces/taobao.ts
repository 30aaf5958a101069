import { PAGE_READ_LIMITS } from '@openipp/shared';
import { firstText } from '../dom';
import type { FoundFields, MarketplaceReader } from '../types';
import { attributeValue, priceAt, queryParam, shopIdFromLinks, shopIdFromPageUrl } from './common';

/**
 * Taobao item pages. Current pages are built from CSS modules whose class
 * names keep a readable stem and add a hash ("ItemHeader--mainTitle--x7Q2"),
 * so we match the stem; the older server-rendered layout (tb-* classes) is
 * still served on some items and regions and comes second.
 */

export const TAOBAO_TITLE = ['[class*="mainTitle--"]', '.tb-main-title', '#J_Title h3'];
/** The highlighted (promotion) price first: the struck-through original is not what the listing sells at. */
export const TAOBAO_PRICE = ['[class*="highlightPrice--"]', '[class*="priceWrap--"]', '#J_PromoPriceNum', '#J_StrPrice', '.tb-rmb-num'];
export const TAOBAO_SHOP_NAME = ['[class*="shopName--"]', '.tb-shop-name', '.shop-name-link'];
export const TAOBAO_SHOP_LINK = ['a[class*="shopName--"]', '[class*="shopName--"] a', '[class*="shopHeader--"] a[href]', '.tb-shop-name a'];
export const TAOBAO_SELLER = ['[class*="sellerNick--"]', '.tb-seller-name', '.shop-seller-nick'];
/** "掌柜：", "卖家:" and the like in front of a seller's nick. */
export const SELLER_LABEL = /^(?:掌柜|卖家|店主|商家)\s*[:：]?\s*/u;

/** shop<id>.taobao.com, or a shop_id/shopId query on any shop link of the platform (Tmall's included). */
export function platformShopId(link: URL): string | null {
  const host = /^shop(\d+)\.(?:world\.)?taobao\.com$/u.exec(link.hostname.toLowerCase());
  return host?.[1] ?? queryParam(link, ['shop_id', 'shopId']);
}

/** Ids the page states outright: a shop-id attribute, or the legacy `microscope-data` meta. */
export function declaredShopId(doc: Document): string | null {
  const attribute =
    attributeValue(doc, ['[data-shop-id]'], 'data-shop-id') ??
    attributeValue(doc, ['[data-shopid]'], 'data-shopid') ??
    attributeValue(doc, ['#LineZing[shopid]'], 'shopid');
  if (attribute !== null) return attribute;
  const microscope = attributeValue(doc, ['meta[name="microscope-data"]'], 'content');
  return microscope === null ? null : (/(?:^|;)\s*shopId=(\d+)/u.exec(microscope)?.[1] ?? null);
}

export const taobaoReader: MarketplaceReader = {
  marketplace: 'taobao',
  read(doc, url): FoundFields {
    return {
      title: firstText(doc, TAOBAO_TITLE, PAGE_READ_LIMITS.titleMaxLength),
      // Taobao prices are in yuan, shown with "¥" or with no sign at all.
      price: priceAt(doc, TAOBAO_PRICE, 'CNY'),
      shopName: firstText(doc, TAOBAO_SHOP_NAME, PAGE_READ_LIMITS.nameMaxLength),
      shopId: shopIdFromLinks(doc, url, TAOBAO_SHOP_LINK, platformShopId) ?? declaredShopId(doc) ?? shopIdFromPageUrl(url),
      seller: firstText(doc, TAOBAO_SELLER, PAGE_READ_LIMITS.nameMaxLength, SELLER_LABEL),
    };
  },
};
