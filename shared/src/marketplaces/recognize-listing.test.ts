import { describe, expect, it } from 'vitest';
import { MARKETPLACES, recognizeListing, type Marketplace, type RecognizedListing } from './index';

/** [input, listingId, canonicalUrl, shopId?] */
type Row = [string, string, string, string?];

function listing(marketplace: Marketplace, [, listingId, canonicalUrl, shopId]: Row): RecognizedListing {
  return { marketplace, listingId, canonicalUrl, ...(shopId === undefined ? {} : { shopId }), flags: [] };
}

function table(marketplace: Marketplace, rows: Row[]): void {
  it('has at least ten real-world shapes', () => {
    expect(new Set(rows.map(([input]) => input)).size).toBeGreaterThanOrEqual(10);
  });
  it.each(rows)('%s', (...row) => {
    expect(recognizeListing(row[0])).toStrictEqual(listing(marketplace, row));
  });
}

function shop(marketplace: Marketplace, canonicalUrl: string, shopId: string): RecognizedListing {
  return { marketplace, listingId: null, canonicalUrl, shopId, flags: [] };
}

function generic(canonicalUrl: string): RecognizedListing {
  return { marketplace: 'generic', listingId: null, canonicalUrl, flags: [] };
}

/** A non-listing page on a marketplace's host: generic, flagged. */
function marketplacePage(canonicalUrl: string): RecognizedListing {
  return { marketplace: 'generic', listingId: null, canonicalUrl, flags: ['marketplace_page'] };
}

function shortLink(marketplace: Marketplace, canonicalUrl: string): RecognizedListing {
  return { marketplace, listingId: null, canonicalUrl, flags: ['short_link'] };
}

const TB = 'https://item.taobao.com/item.htm?id=680123456789';
describe('taobao', () => {
  table('taobao', [
    ['https://item.taobao.com/item.htm?id=680123456789', '680123456789', TB],
    [
      'https://item.taobao.com/item.htm?spm=a230r.1.14.16.5a2c3b4dXyZ&id=680123456789&ns=1&abbucket=5#detail',
      '680123456789',
      TB,
    ],
    ['https://item.taobao.com/item.htm?ft=t&id=680123456789&shop_id=57301234', '680123456789', TB, '57301234'],
    ['https://item.taobao.com/item.htm?id=680123456789&seller_id=2201234567890', '680123456789', TB, '2201234567890'],
    ['https://h5.m.taobao.com/awp/core/detail.htm?id=680123456789&ft=t', '680123456789', TB],
    ['https://m.intl.taobao.com/detail/detail.html?id=680123456789&utm_source=share', '680123456789', TB],
    ['https://main.m.taobao.com/security-h5-detail/home?id=680123456789&spm=a2141.7631564', '680123456789', TB],
    ['https://market.m.taobao.com/app/dinamic/h5-tb-detail/index.html?id=680123456789', '680123456789', TB],
    ['https://world.taobao.com/item/680123456789.htm?spm=a21wu.241046-us', '680123456789', TB],
    ['https://a.m.taobao.com/i680123456789.htm', '680123456789', TB],
    ['http://item.taobao.com:5173/item.htm?id=680123456789', '680123456789', TB],
    ['HTTPS://ITEM.TAOBAO.COM./item.htm?id=680123456789', '680123456789', TB],
    ['https://buyer@item.taobao.com/item.htm?id=680123456789', '680123456789', TB],
  ]);

  it('recognises shop hosts and the mobile shop page', () => {
    const expected = shop('taobao', 'https://shop57301234.taobao.com/', '57301234');
    expect(recognizeListing('https://shop57301234.taobao.com/')).toStrictEqual(expected);
    expect(recognizeListing('https://shop57301234.taobao.com/search.htm?spm=a1z10.1-c.0.0&search=y')).toStrictEqual(expected);
    expect(recognizeListing('https://shop57301234.world.taobao.com/')).toStrictEqual(expected);
    expect(recognizeListing('https://shop.m.taobao.com/shop/shop_index.htm?shop_id=57301234')).toStrictEqual(expected);
  });

  it('classes non-listing Taobao pages as flagged generic pages, dropping Taobao trackers', () => {
    expect(recognizeListing('https://s.taobao.com/search?q=%E9%9E%8B&spm=a21bo.jianhua.201856.d1&abbucket=3')).toStrictEqual(
      marketplacePage('https://s.taobao.com/search?q=%E9%9E%8B'),
    );
    expect(recognizeListing('https://item.taobao.com/item.htm')).toStrictEqual(marketplacePage('https://item.taobao.com/item.htm'));
    expect(recognizeListing('https://item.taobao.com/item.htm?id=abc')).toStrictEqual(
      marketplacePage('https://item.taobao.com/item.htm?id=abc'),
    );
  });
});

const TM = 'https://detail.tmall.com/item.htm?id=612345678901';
const TMHK = 'https://detail.tmall.hk/hk/item.htm?id=612345678901';
describe('tmall', () => {
  table('tmall', [
    ['https://detail.tmall.com/item.htm?id=612345678901', '612345678901', TM],
    [
      'https://detail.tmall.com/item.htm?spm=a220m.1000858.1000725.1.4f2c6f5aX&id=612345678901&skuId=4801234567890&cat_id=2&rn=abc&is_b=1',
      '612345678901',
      TM,
    ],
    ['https://detail.tmall.com/item.htm?id=612345678901&shop_id=108123456', '612345678901', TM, '108123456'],
    ['https://detail.tmall.com/item.htm?id=612345678901&sellerId=2201234567', '612345678901', TM, '2201234567'],
    ['https://detail.m.tmall.com/item.htm?id=612345678901&ft=t', '612345678901', TM],
    ['https://chaoshi.detail.tmall.com/item.htm?id=612345678901&spm=a3204.7139825', '612345678901', TM],
    ['https://world.tmall.com/item/612345678901.htm', '612345678901', TM],
    ['https://detail.tmall.hk/hk/item.htm?id=612345678901', '612345678901', TMHK],
    ['https://detail.tmall.hk/item.htm?id=612345678901&spm=a220o.1000855', '612345678901', TMHK],
    ['https://detail.m.tmall.hk/item.htm?id=612345678901', '612345678901', TMHK],
    ['http://detail.tmall.com:8443/item.htm?id=612345678901', '612345678901', TM],
    ['https://DETAIL.TMALL.COM/item.htm?id=612345678901&utm_medium=social&fbclid=IwAR0#J_Reviews', '612345678901', TM],
  ]);

  it('classes Tmall search and home pages as flagged generic pages', () => {
    expect(recognizeListing('https://list.tmall.com/search_product.htm?q=shoes&spm=a220m.1000858')).toStrictEqual(
      marketplacePage('https://list.tmall.com/search_product.htm?q=shoes'),
    );
    expect(recognizeListing('https://www.tmall.com/')).toStrictEqual(marketplacePage('https://www.tmall.com/'));
  });
});

const A1688 = 'https://detail.1688.com/offer/623456789012.html';
describe('1688', () => {
  table('1688', [
    ['https://detail.1688.com/offer/623456789012.html', '623456789012', A1688],
    ['https://detail.1688.com/offer/623456789012.html?spm=a261y.7663282.0.0&sk=consign', '623456789012', A1688],
    ['https://detail.1688.com/offer/623456789012.html?tracelog=p4p&clickid=abc123&sessionid=def', '623456789012', A1688],
    ['https://detail.1688.com/offer/623456789012.html?offerId=623456789012&hotSaleSkuId=5012345', '623456789012', A1688],
    ['https://m.1688.com/offer/623456789012.html', '623456789012', A1688],
    ['https://m.1688.com/offer/623456789012.html?spm=a26g8.7664812&fromkv=refer', '623456789012', A1688],
    ['https://detail.m.1688.com/page/index.html?offerId=623456789012&sortType=&pageId=', '623456789012', A1688],
    ['http://detail.1688.com:3000/offer/623456789012.html', '623456789012', A1688],
    ['http://m.1688.com/offer/623456789012.html', '623456789012', A1688],
    ['https://DETAIL.1688.COM/offer/623456789012.html#desc', '623456789012', A1688],
    ['https://detail.1688.com/offer/623456789012.html?utm_source=wechat&utm_campaign=x', '623456789012', A1688],
  ]);

  it('recognises shop hosts; search pages are flagged generic pages', () => {
    const expected = shop('1688', 'https://shop1399123456789.1688.com/', 'shop1399123456789');
    expect(recognizeListing('https://shop1399123456789.1688.com/')).toStrictEqual(expected);
    expect(recognizeListing('https://shop1399123456789.1688.com/page/offerlist.htm?spm=a2615')).toStrictEqual(expected);
    expect(recognizeListing('https://s.1688.com/selloffer/offer_search.htm?keywords=abc&spm=a260k')).toStrictEqual(
      marketplacePage('https://s.1688.com/selloffer/offer_search.htm?keywords=abc'),
    );
  });
});

const AE = 'https://www.aliexpress.com/item/1005004123456789.html';
const AE_OLD = 'https://www.aliexpress.com/item/32812345678.html';
describe('aliexpress', () => {
  table('aliexpress', [
    ['https://www.aliexpress.com/item/1005004123456789.html', '1005004123456789', AE],
    [
      'https://www.aliexpress.com/item/1005004123456789.html?spm=a2g0o.productlist.main.1.6b2c1234&algo_pvid=abc&algo_exp_id=def&pdp_npi=4%40dis&gatewayAdapt=glo2usa',
      '1005004123456789',
      AE,
    ],
    ['https://aliexpress.com/item/1005004123456789.html', '1005004123456789', AE],
    ['https://www.aliexpress.us/item/1005004123456789.html?gatewayAdapt=glo2usa4itemAdapt', '1005004123456789', AE],
    ['https://aliexpress.ru/item/1005004123456789.html?sku_id=12000028123456789', '1005004123456789', AE],
    ['https://es.aliexpress.com/item/1005004123456789.html', '1005004123456789', AE],
    ['https://fr.aliexpress.com/item/1005004123456789.html', '1005004123456789', AE],
    ['https://de.aliexpress.com/item/1005004123456789.html', '1005004123456789', AE],
    ['https://ja.aliexpress.com/item/1005004123456789.html', '1005004123456789', AE],
    ['https://ko.aliexpress.com/item/1005004123456789.html', '1005004123456789', AE],
    ['https://pt.aliexpress.com/item/1005004123456789.html', '1005004123456789', AE],
    ['https://m.aliexpress.com/item/1005004123456789.html', '1005004123456789', AE],
    ['https://m.aliexpress.com/i/32812345678.html', '32812345678', AE_OLD],
    ['https://www.aliexpress.com/i/32812345678.html', '32812345678', AE_OLD],
    ['https://www.aliexpress.com/item/Wireless-Earbuds-Bluetooth-5-0/32812345678.html', '32812345678', AE_OLD],
    ['https://www.aliexpress.com/store/product/Original-Mi-Band/1234567_32812345678.html', '32812345678', AE_OLD, '1234567'],
    ['http://www.aliexpress.com:8080/item/1005004123456789.html#nav-review', '1005004123456789', AE],
  ]);

  it('recognises store pages; wholesale search is a flagged generic page', () => {
    const expected = shop('aliexpress', 'https://www.aliexpress.com/store/1101234567', '1101234567');
    expect(recognizeListing('https://www.aliexpress.com/store/1101234567')).toStrictEqual(expected);
    expect(recognizeListing('https://www.aliexpress.com/store/1101234567/pages/all-items.html')).toStrictEqual(expected);
    expect(recognizeListing('https://www.aliexpress.com/store/all-wholesale-products/1101234567.html')).toStrictEqual(expected);
    expect(recognizeListing('https://www.aliexpress.com/w/wholesale-earbuds.html?spm=a2g0o.home&SearchText=earbuds')).toStrictEqual(
      marketplacePage('https://www.aliexpress.com/w/wholesale-earbuds.html?SearchText=earbuds'),
    );
  });
});

const AB = 'https://www.alibaba.com/product-detail/_1600123456789.html';
describe('alibaba', () => {
  table('alibaba', [
    ['https://www.alibaba.com/product-detail/Custom-Logo-Cotton-T-Shirt_1600123456789.html', '1600123456789', AB],
    [
      'https://www.alibaba.com/product-detail/Custom-Logo-Cotton-T-Shirt_1600123456789.html?spm=a2700.galleryofferlist.normal_offer.d_title.1234&s=p',
      '1600123456789',
      AB,
    ],
    ['https://www.alibaba.com/product-detail/2023-New_Wireless_Earbuds_1600123456789.html', '1600123456789', AB],
    ['https://www.alibaba.com/product-detail/%E5%AE%9A%E5%88%B6_1600123456789.html', '1600123456789', AB],
    ['https://www.alibaba.com/product-detail/_1600123456789.html', '1600123456789', AB],
    ['https://m.alibaba.com/product/1600123456789/Custom-Logo-Cotton-T-Shirt.html', '1600123456789', AB],
    ['https://m.alibaba.com/product-detail/Custom-Logo-Cotton-T-Shirt_1600123456789.html', '1600123456789', AB],
    ['https://spanish.alibaba.com/product-detail/Camiseta-de-algodon_1600123456789.html', '1600123456789', AB],
    ['https://french.alibaba.com/product-detail/T-shirt-en-coton_1600123456789.html', '1600123456789', AB],
    ['https://russian.alibaba.com/product-detail/Futbolka_1600123456789.html', '1600123456789', AB],
    [
      'https://acme-garments.en.alibaba.com/product/1600123456789-801234567/Custom_Logo_Cotton_T_Shirt.html',
      '1600123456789',
      AB,
      'acme-garments',
    ],
    ['http://www.alibaba.com:4000/product-detail/Foo_1600123456789.html', '1600123456789', AB],
    ['https://WWW.ALIBABA.COM/product-detail/Foo_1600123456789.html#reviews', '1600123456789', AB],
  ]);

  it('recognises supplier mini-sites; search pages are flagged generic pages', () => {
    const expected = shop('alibaba', 'https://acme-garments.en.alibaba.com/', 'acme-garments');
    expect(recognizeListing('https://acme-garments.en.alibaba.com/')).toStrictEqual(expected);
    expect(recognizeListing('https://acme-garments.en.alibaba.com/productlist.html?spm=a2700')).toStrictEqual(expected);
    expect(recognizeListing('https://www.alibaba.com/trade/search?SearchText=shirts&tab=all')).toStrictEqual(
      marketplacePage('https://www.alibaba.com/trade/search?SearchText=shirts&tab=all'),
    );
  });
});

const AMZ = 'https://www.amazon.com/dp/B08N5WRWNW';
describe('amazon', () => {
  table('amazon', [
    ['https://www.amazon.com/dp/B08N5WRWNW', 'B08N5WRWNW', AMZ],
    [
      'https://www.amazon.com/Apple-MacBook-13-inch-256GB-Storage/dp/B08N5WRWNW/ref=sr_1_3?crid=2ABC&keywords=macbook&qid=1700000000&sr=8-3',
      'B08N5WRWNW',
      AMZ,
    ],
    ['https://www.amazon.com/gp/product/B08N5WRWNW/ref=ppx_yo_dt_b_asin_title_o00_s00?ie=UTF8&psc=1', 'B08N5WRWNW', AMZ],
    ['https://www.amazon.com/gp/aw/d/B08N5WRWNW?tag=affiliate-20', 'B08N5WRWNW', AMZ],
    ['https://www.amazon.com/exec/obidos/ASIN/0596517742/', '0596517742', 'https://www.amazon.com/dp/0596517742'],
    ['https://www.amazon.com/exec/obidos/tg/detail/-/B08N5WRWNW', 'B08N5WRWNW', AMZ],
    ['https://www.amazon.com/o/ASIN/B08N5WRWNW', 'B08N5WRWNW', AMZ],
    ['https://www.amazon.com/dp/product/B08N5WRWNW', 'B08N5WRWNW', AMZ],
    ['https://www.amazon.com/-/zh/dp/B08N5WRWNW', 'B08N5WRWNW', AMZ],
    ['https://www.amazon.com/-/es/gp/product/B08N5WRWNW', 'B08N5WRWNW', AMZ],
    ['https://smile.amazon.com/dp/B08N5WRWNW', 'B08N5WRWNW', AMZ],
    ['https://amazon.com/dp/b08n5wrwnw', 'B08N5WRWNW', AMZ],
    ['https://www.amazon.com/dp/B08N5WRWNW?smid=ATVPDKIKX0DER&th=1', 'B08N5WRWNW', AMZ, 'ATVPDKIKX0DER'],
    ['http://www.amazon.com:9000/dp/B08N5WRWNW#customerReviews', 'B08N5WRWNW', AMZ],
    [
      'https://www.amazon.co.uk/Some-Product/dp/B08N5WRWNW/ref=sr_1_1?dib=eyJ2IjoiMSJ9&pd_rd_w=abc',
      'B08N5WRWNW',
      'https://www.amazon.co.uk/dp/B08N5WRWNW',
    ],
    ['https://www.amazon.co.jp/gp/aw/d/B08N5WRWNW', 'B08N5WRWNW', 'https://www.amazon.co.jp/dp/B08N5WRWNW'],
  ]);

  const national = [
    'com', 'co.uk', 'de', 'fr', 'it', 'es', 'ca', 'com.mx', 'com.br', 'co.jp', 'in', 'com.au', 'nl', 'se', 'pl',
    'sg', 'ae', 'sa', 'com.tr', 'eg', 'com.be', 'cn', 'co.za',
  ];
  it.each(national)('keeps the national domain amazon.%s in the identity', (tld) => {
    expect(recognizeListing(`https://www.amazon.${tld}/Produkt/dp/B08N5WRWNW/ref=sr_1_1?keywords=x`)).toStrictEqual({
      marketplace: 'amazon',
      listingId: 'B08N5WRWNW',
      canonicalUrl: `https://www.amazon.${tld}/dp/B08N5WRWNW`,
      flags: [],
    });
  });

  it('recognises seller pages; search pages are flagged generic pages minus Amazon trackers', () => {
    const expected = shop('amazon', 'https://www.amazon.com/sp?seller=A2EXAMPLE123', 'A2EXAMPLE123');
    expect(recognizeListing('https://www.amazon.com/sp?ie=UTF8&seller=A2EXAMPLE123&ref_=dp_merchant_link')).toStrictEqual(expected);
    expect(recognizeListing('https://www.amazon.com/gp/aag/main?seller=A2EXAMPLE123')).toStrictEqual(expected);
    expect(recognizeListing('https://www.amazon.com/s?me=A2EXAMPLE123&marketplaceID=ATVPDKIKX0DER')).toStrictEqual(expected);
    expect(recognizeListing('https://www.amazon.com/s?k=macbook&ref=nb_sb_noss&crid=2ABC&sprefix=mac')).toStrictEqual(
      marketplacePage('https://www.amazon.com/s?k=macbook'),
    );
  });

  it('rejects paths whose ASIN slot is not ten characters', () => {
    expect(recognizeListing('https://www.amazon.com/dp/B08N5WRWN')).toStrictEqual(marketplacePage('https://www.amazon.com/dp/B08N5WRWN'));
    expect(recognizeListing('https://www.amazon.com/dp/B08N5WRWNWX')).toStrictEqual(marketplacePage('https://www.amazon.com/dp/B08N5WRWNWX'));
  });
});

const EB = 'https://www.ebay.com/itm/123456789012';
describe('ebay', () => {
  table('ebay', [
    ['https://www.ebay.com/itm/123456789012', '123456789012', EB],
    [
      'https://www.ebay.com/itm/Apple-iPhone-13-128GB-Unlocked/123456789012?hash=item1cbd0e5f2c:g:abcAAOSw&epid=2312345&_trkparms=x',
      '123456789012',
      EB,
    ],
    [
      'https://www.ebay.co.uk/itm/123456789012?mkcid=16&mkevt=1&mkrid=711-127632-2357-0&ssspo=abc&sssrc=2349624&ssuid=xyz&widget_ver=artemis&media=COPY',
      '123456789012',
      'https://www.ebay.co.uk/itm/123456789012',
    ],
    ['https://www.ebay.de/itm/123456789012', '123456789012', 'https://www.ebay.de/itm/123456789012'],
    ['https://m.ebay.com/itm/123456789012', '123456789012', EB],
    ['https://m.ebay.de/itm/Laufschuhe-Gr-42/123456789012', '123456789012', 'https://www.ebay.de/itm/123456789012'],
    ['https://ebay.com/itm/123456789012', '123456789012', EB],
    ['https://www.ebay.com/itm/123456789012/', '123456789012', EB],
    ['https://cgi.ebay.com/ws/eBayISAPI.dll?ViewItem&item=123456789012', '123456789012', EB],
    ['http://www.ebay.com:8081/itm/123456789012', '123456789012', EB],
    ['https://WWW.EBAY.COM/itm/123456789012#rwid', '123456789012', EB],
    ['https://www.befr.ebay.be/itm/123456789012', '123456789012', 'https://www.ebay.be/itm/123456789012'],
    ['https://cafr.ebay.ca/itm/123456789012', '123456789012', 'https://www.ebay.ca/itm/123456789012'],
  ]);

  const national = [
    'com', 'co.uk', 'de', 'fr', 'it', 'es', 'com.au', 'ca', 'at', 'ch', 'ie', 'nl', 'pl', 'com.hk', 'com.sg',
  ];
  it.each(national)('keeps the national domain ebay.%s in the identity', (tld) => {
    expect(recognizeListing(`https://www.ebay.${tld}/itm/Slug-Text/123456789012?_trksid=p2380057`)).toStrictEqual({
      marketplace: 'ebay',
      listingId: '123456789012',
      canonicalUrl: `https://www.ebay.${tld}/itm/123456789012`,
      flags: [],
    });
  });

  it('recognises stores; search and catalogue pages are flagged generic pages', () => {
    expect(recognizeListing('https://www.ebay.com/str/acmeoutlet')).toStrictEqual(
      shop('ebay', 'https://www.ebay.com/str/acmeoutlet', 'acmeoutlet'),
    );
    expect(recognizeListing('https://www.ebay.co.uk/str/acmeoutlet/Shoes/_i.html?store_cat=2')).toStrictEqual(
      shop('ebay', 'https://www.ebay.co.uk/str/acmeoutlet', 'acmeoutlet'),
    );
    expect(recognizeListing('https://www.ebay.com/sch/i.html?_nkw=iphone&_trksid=p2380057&_sacat=0')).toStrictEqual(
      marketplacePage('https://www.ebay.com/sch/i.html?_nkw=iphone&_sacat=0'),
    );
    expect(recognizeListing('https://www.ebay.com/p/2312345')).toStrictEqual(marketplacePage('https://www.ebay.com/p/2312345'));
  });
});

describe('short and share links', () => {
  it.each<[string, Marketplace]>([
    ['https://m.tb.cn/h.5XyZabc?tk=AbCd3Jk1QpR', 'taobao'],
    ['https://e.tb.cn/h.TfYzN8uV1a2?tk=xYz', 'taobao'],
    ['https://s.click.taobao.com/t?e=m%3D2%26s%3DAbC&pid=mm_1_2_3', 'taobao'],
    ['https://qr.1688.com/s/AbCdEf12', '1688'],
    ['https://a.aliexpress.com/_mKvXyZ1', 'aliexpress'],
    ['https://s.click.aliexpress.com/e/_DlAbCdE', 'aliexpress'],
    ['https://www.alibaba.com/x/Aaz8nT?ck=pdp', 'alibaba'],
    ['https://amzn.to/3xYzAbC', 'amazon'],
    ['https://amzn.eu/d/aBcDeF1', 'amazon'],
    ['https://a.co/d/aBcDeF1', 'amazon'],
    ['https://amzn.asia/d/aBcDeF1', 'amazon'],
    ['https://ebay.us/AbC123', 'ebay'],
    ['https://ebay.us/m/AbC123', 'ebay'],
  ])('%s is kept as given and flagged', (input, marketplace) => {
    expect(recognizeListing(input)).toStrictEqual(shortLink(marketplace, input));
  });

  it('keeps the share link byte for byte, trackers and case included, minus the fragment', () => {
    expect(recognizeListing('  HTTPS://M.TB.CN/h.5XyZabc?utm_source=x&tk=AbCd#section ')).toStrictEqual(
      shortLink('taobao', 'HTTPS://M.TB.CN/h.5XyZabc?utm_source=x&tk=AbCd'),
    );
    expect(recognizeListing('http://amzn.to:8080/3xYzAbC')).toStrictEqual(shortLink('amazon', 'http://amzn.to:8080/3xYzAbC'));
  });

  it('does not treat look-alike share hosts as share links', () => {
    expect(recognizeListing('https://fake-m.tb.cn.evil.example/h.5XyZ')).toStrictEqual(
      generic('https://fake-m.tb.cn.evil.example/h.5XyZ'),
    );
    expect(recognizeListing('https://notamzn.to/3xYzAbC')).toStrictEqual(generic('https://notamzn.to/3xYzAbC'));
  });
});

describe('look-alikes', () => {
  it.each([
    ['https://evil-taobao.com/item.htm?id=680123456789', 'https://evil-taobao.com/item.htm?id=680123456789'],
    ['https://taobao.com.evil.example/item.htm?id=680123456789', 'https://taobao.com.evil.example/item.htm?id=680123456789'],
    [
      'https://item.taobao.com.attacker.net/item.htm?id=680123456789',
      'https://item.taobao.com.attacker.net/item.htm?id=680123456789',
    ],
    ['https://item.taobao.com@evil.example/item.htm?id=680123456789', 'https://evil.example/item.htm?id=680123456789'],
    ['https://evil.example/item.taobao.com/item.htm?id=680123456789', 'https://evil.example/item.taobao.com/item.htm?id=680123456789'],
    ['https://detail.tmall.com.cn/item.htm?id=612345678901', 'https://detail.tmall.com.cn/item.htm?id=612345678901'],
    ['https://xaliexpress.com/item/1005004123456789.html', 'https://xaliexpress.com/item/1005004123456789.html'],
    ['https://www.amazon.com.evil.example/dp/B08N5WRWNW', 'https://www.amazon.com.evil.example/dp/B08N5WRWNW'],
    ['https://www.amazon-deals.com/dp/B08N5WRWNW', 'https://www.amazon-deals.com/dp/B08N5WRWNW'],
    ['https://www.amazon.xyz/dp/B08N5WRWNW', 'https://www.amazon.xyz/dp/B08N5WRWNW'],
    ['https://www.ebay.com.phish.io/itm/123456789012', 'https://www.ebay.com.phish.io/itm/123456789012'],
    ['https://1688.com.cn/offer/623456789012.html', 'https://1688.com.cn/offer/623456789012.html'],
    ['https://evil.example/?u=https://item.taobao.com/item.htm?id=1', 'https://evil.example/?u=https://item.taobao.com/item.htm?id=1'],
  ])('%s is generic', (input, canonicalUrl) => {
    expect(recognizeListing(input)).toStrictEqual(generic(canonicalUrl));
  });
});

describe('generic pages', () => {
  it.each([
    ['HTTPS://Example.COM:443/Path/To?b=2&utm_source=x&a=1#frag', 'https://example.com/Path/To?a=1&b=2'],
    ['http://example.com:80/', 'http://example.com/'],
    ['http://example.com:8080/x', 'http://example.com:8080/x'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com/p?utm_source=a&UTM_Medium=b&fbclid=c&gclid=d&msclkid=e&spm=f&scm=g&pvid=h', 'https://example.com/p'],
    ['https://example.com/p?gclsrc=a&dclid=b&yclid=c&mc_cid=d&mc_eid=e&_ga=f&ref_=g&id=7', 'https://example.com/p?id=7'],
    // ref and tag select content on many sites; only known trackers go.
    ['https://example.com/blog?tag=shoes&ref=main', 'https://example.com/blog?ref=main&tag=shoes'],
    // Repeated names keep their relative order; the raw spelling of each pair is kept.
    ['https://example.com/s?b=2&a=2&a=1&q=a+b%20c', 'https://example.com/s?a=2&a=1&b=2&q=a+b%20c'],
    ['https://example.com/s?flag&&x=1&', 'https://example.com/s?flag&x=1'],
    ['https://example.com/s?', 'https://example.com/s'],
    ['https://user:secret@example.com/private', 'https://example.com/private'],
    ['https://example.com./a', 'https://example.com/a'],
    ['https://bücher.example/Ä', 'https://xn--bcher-kva.example/%C3%84'],
    ['http://127.0.0.1:8787/item.htm?id=1', 'http://127.0.0.1:8787/item.htm?id=1'],
    ['http://[::1]:3000/x?utm_id=1', 'http://[::1]:3000/x'],
  ])('%s → %s', (input, canonicalUrl) => {
    expect(recognizeListing(input)).toStrictEqual(generic(canonicalUrl));
  });

  it('gives every spelling of the same page one canonical form', () => {
    const spellings = [
      'https://shop.example/p/1?colour=red&size=m',
      'HTTPS://SHOP.EXAMPLE:443/p/1?size=m&colour=red&utm_campaign=spring',
      'https://shop.example/p/1?fbclid=abc&size=m&colour=red#top',
    ];
    expect(new Set(spellings.map((url) => recognizeListing(url)?.canonicalUrl))).toStrictEqual(
      new Set(['https://shop.example/p/1?colour=red&size=m']),
    );
  });

  it('is idempotent: a canonical URL recognises as itself', () => {
    for (const input of [
      'https://item.taobao.com/item.htm?id=680123456789&spm=x',
      'https://detail.tmall.hk/item.htm?id=612345678901',
      'https://m.1688.com/offer/623456789012.html',
      'https://es.aliexpress.com/item/1005004123456789.html',
      'https://m.alibaba.com/product/1600123456789/x.html',
      'https://www.amazon.de/x/dp/B08N5WRWNW/ref=a',
      'https://m.ebay.com/itm/x/123456789012',
      'https://shop57301234.taobao.com/search.htm',
      'https://Example.com/a?z=1&a=2&utm_x=3',
    ]) {
      const first = recognizeListing(input);
      expect(first).not.toBeNull();
      expect(recognizeListing(first?.canonicalUrl ?? '')).toStrictEqual(first);
    }
  });
});

describe('invalid input', () => {
  it.each([
    '',
    '   ',
    'not a url',
    'item.taobao.com/item.htm?id=680123456789',
    '//item.taobao.com/item.htm?id=680123456789',
    '/item.htm?id=680123456789',
    'ftp://item.taobao.com/item.htm?id=680123456789',
    'javascript:alert(1)',
    'mailto:seller@example.com',
    'file:///etc/passwd',
    'data:text/html,hi',
    'chrome-extension://abcdefghijklmnop/popup.html',
    'http://',
    'https://exa mple.com/',
  ])('%j → null', (input) => {
    expect(recognizeListing(input)).toBeNull();
  });
});

describe('MARKETPLACES', () => {
  it('lists every marketplace recognition can return, generic last', () => {
    expect(MARKETPLACES).toStrictEqual(['taobao', 'tmall', '1688', 'aliexpress', 'alibaba', 'amazon', 'ebay', 'generic']);
  });
});
