import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { PageReadSchema, recognizeListing, type PageRead } from '@openipp/shared';
import { MARKETPLACE_READERS, readListingPage } from './index';

const FIXTURES = new URL('../../../../e2e/fixtures/', import.meta.url);

/** A fixture as the e2e fixture server serves it: `{{id}}` replaced by the listing id. */
function fixture(name: string, id = 'FIXTURE'): Document {
  const html = readFileSync(new URL(name, FIXTURES), 'utf8').replaceAll('{{id}}', id);
  return parseHTML(html).document as unknown as Document;
}

function page(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** Reads and checks the result against the stored contract, as the backend will. */
function read(doc: Document, url: string): PageRead {
  const result = readListingPage(doc, url);
  expect(PageReadSchema.parse(result)).toEqual(result);
  return result;
}

const ALL_MARKETPLACE = {
  title: 'marketplace',
  price: 'marketplace',
  shopName: 'marketplace',
  shopId: 'marketplace',
  seller: 'marketplace',
} as const;

interface Case {
  file: string;
  url: string;
  expected: Omit<PageRead, 'source'>;
}

const CASES: Record<keyof typeof MARKETPLACE_READERS, Case> = {
  taobao: {
    file: 'readers/taobao-listing.html',
    url: 'https://item.taobao.com/item.htm?id=612345678901&spm=a21bo',
    expected: {
      title: 'FIXTURE 演示品牌 复古斜挎包 女士小方包',
      price: { amount: '1299.00', currency: 'CNY' },
      shopName: '演示品牌 旗舰店',
      shopId: '57301122',
      seller: 'demo_seller_tb',
    },
  },
  tmall: {
    file: 'readers/tmall-listing.html',
    url: 'https://detail.tmall.com/item.htm?id=623456789012',
    expected: {
      title: 'FIXTURE 演示品牌 真皮托特包 大容量通勤',
      price: { amount: '2399', currency: 'CNY' },
      shopName: '演示品牌官方旗舰店',
      shopId: '105733112',
      seller: '演示品牌（上海）商贸有限公司',
    },
  },
  '1688': {
    file: 'readers/1688-listing.html',
    url: 'https://detail.1688.com/offer/634567890123.html',
    expected: {
      title: 'FIXTURE 演示箱包 帆布手提袋 可定制 LOGO',
      price: { amount: '25.50', currency: 'CNY' },
      shopName: '演示箱包源头工厂',
      shopId: 'shopdemo8841',
      seller: '义乌市演示箱包有限公司',
    },
  },
  aliexpress: {
    file: 'readers/aliexpress-listing.html',
    url: 'https://www.aliexpress.com/item/1005001234567890.html?gatewayAdapt=glo2usa',
    expected: {
      title: 'FIXTURE DemoBrand Canvas Backpack, 20 L, water resistant',
      price: { amount: '19.99', currency: 'USD' },
      shopName: 'DemoBrand Outdoor Store',
      shopId: '1102345678',
      seller: 'Guangzhou Demo Outdoor Goods Co., Ltd.',
    },
  },
  alibaba: {
    file: 'readers/alibaba-listing.html',
    url: 'https://www.alibaba.com/product-detail/Demo-Leather-Tote_1600123456789.html',
    expected: {
      title: 'FIXTURE Demo Leather Tote Bag, OEM, custom logo',
      price: { amount: '12.80', currency: 'USD' },
      shopName: 'Shenzhen Demo Leather Co., Ltd.',
      shopId: 'demoleather',
      seller: 'Shenzhen Demo Leather Co., Ltd.',
    },
  },
  amazon: {
    file: 'readers/amazon-listing.html',
    url: 'https://www.amazon.de/dp/B0DEMO0002',
    expected: {
      title: 'FIXTURE DemoBrand Umhängetasche aus Kunstleder, Schwarz',
      price: { amount: '59.99', currency: 'EUR' },
      shopName: 'Demo Taschen Handel GmbH',
      shopId: 'A1DEMOSELLERDE',
      seller: 'Demo Taschen Handel GmbH',
    },
  },
  ebay: {
    file: 'readers/ebay-listing.html',
    url: 'https://www.ebay.com/itm/285012345678',
    expected: {
      title: 'FIXTURE DemoBrand Leather Wallet, bifold, brown',
      price: { amount: '59.99', currency: 'USD' },
      shopName: 'DemoBrand Outlet',
      shopId: 'demobrandoutlet',
      seller: 'demo_wallets_88',
    },
  },
};

describe('marketplace readers against their fixtures', () => {
  for (const [marketplace, { file, url, expected }] of Object.entries(CASES)) {
    it(`reads every field of the ${marketplace} listing from its own page structure`, () => {
      expect(recognizeListing(url)?.marketplace).toBe(marketplace);
      expect(read(fixture(file), url)).toEqual({ ...expected, source: ALL_MARKETPLACE });
    });
  }

  it('has a fixture for every marketplace URL recognition knows', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(MARKETPLACE_READERS).sort());
  });

  it('reads the e2e Taobao item fixture as it is served', () => {
    const url = 'http://item.taobao.com:43121/item.htm?id=612345678901';
    expect(read(fixture('taobao-item.html', '612345678901'), url)).toEqual({
      title: 'FIXTURE 演示品牌 DemoBrand 经典手提包',
      price: { amount: '159.00', currency: 'CNY' },
      shopName: '演示品牌测试店',
      shopId: '57301122',
      seller: 'demo_seller_tb',
      source: ALL_MARKETPLACE,
    });
  });

  it('reads the e2e Amazon product fixture as it is served', () => {
    const url = 'https://www.amazon.com:43122/dp/B0DEMO0001';
    expect(read(fixture('amazon-dp.html', 'B0DEMO0001'), url)).toEqual({
      title: 'FIXTURE DemoBrand Classic Tote Bag, genuine leather look',
      price: { amount: '24.99', currency: 'USD' },
      shopName: 'DemoTote Trading',
      shopId: 'A2DEMOTOTE0001',
      seller: 'DemoTote Trading',
      source: ALL_MARKETPLACE,
    });
  });

  it("takes the currency of the store's country when the price shows only a bare sign", () => {
    const doc = fixture('amazon-dp.html', 'B0DEMO0001');
    expect(read(doc, 'https://www.amazon.ca/dp/B0DEMO0001').price).toEqual({ amount: '24.99', currency: 'CAD' });
    expect(read(doc, 'https://www.amazon.com.au/dp/B0DEMO0001').price).toEqual({ amount: '24.99', currency: 'AUD' });
    expect(read(doc, 'https://www.amazon.de/dp/B0DEMO0001').price).toEqual({ amount: '24.99', currency: 'USD' });
  });

  it('falls back to the shop id the URL carries when the page names none', () => {
    const doc = page('<h1 class="ItemHeader--mainTitle--x">包</h1>');
    const result = read(doc, 'https://item.taobao.com/item.htm?id=612345678901&shop_id=445566');
    expect(result.shopId).toBe('445566');
    expect(result.source.shopId).toBe('marketplace');
  });

  it('reads the older Tmall layout with a shop id stated on the page', () => {
    const doc = page(`
      <div class="tb-detail-hd"><h1>FIXTURE 老版天猫页面 手提包</h1></div>
      <div class="tm-promo-price"><span class="tm-price">168.00</span></div>
      <a class="slogo-shopname" href="//demobrand.tmall.com"><strong>演示品牌旗舰店</strong></a>
      <div id="LineZing" shopid="778899"></div>`);
    expect(read(doc, 'https://detail.tmall.com/item.htm?id=623456789012')).toMatchObject({
      title: 'FIXTURE 老版天猫页面 手提包',
      price: { amount: '168.00', currency: 'CNY' },
      shopName: '演示品牌旗舰店',
      shopId: '778899',
    });
  });
});

describe('generic fallbacks', () => {
  const url = 'https://demo-shop.example/products/1';

  it('reads a shop page with only JSON-LD (@graph, typed arrays, lower-case currency), skipping broken and template scripts', () => {
    expect(read(fixture('readers/generic-json-ld.html'), url)).toEqual({
      title: 'FIXTURE Weekender Duffel, waxed canvas',
      price: { amount: '129.5', currency: 'EUR' },
      shopName: 'Demo Leather Shop',
      shopId: null,
      seller: 'Demo Leather GmbH',
      source: { title: 'json_ld', price: 'json_ld', shopName: 'json_ld', shopId: null, seller: 'json_ld' },
    });
  });

  it('reads a shop page with only OpenGraph', () => {
    expect(read(fixture('readers/generic-open-graph.html'), url)).toEqual({
      title: 'FIXTURE Canvas Tote, natural',
      price: { amount: '24.50', currency: 'GBP' },
      shopName: 'Demo Goods Ltd',
      shopId: null,
      seller: null,
      source: { title: 'open_graph', price: 'open_graph', shopName: 'open_graph', shopId: null, seller: null },
    });
  });

  it("reads a shop page with only microdata, never taking a brand's or a related product's name", () => {
    expect(read(fixture('readers/generic-microdata.html'), url)).toEqual({
      title: 'FIXTURE Leather Belt, 35 mm, brown',
      price: { amount: '59.99', currency: 'USD' },
      shopName: null,
      shopId: null,
      seller: 'Demo Outfitters LLC',
      source: { title: 'microdata', price: 'microdata', shopName: null, shopId: null, seller: 'microdata' },
    });
  });

  it('uses only the generic fallbacks on a page whose URL is no marketplace listing', () => {
    // The Taobao fixture's heading is not read off-marketplace; its og:title is.
    const result = read(fixture('readers/taobao-listing.html'), url);
    expect(result.title).toBe('演示品牌复古斜挎包 (og decoy)');
    expect(result.source.title).toBe('open_graph');
    expect(result.price).toBeNull();
    expect(result.shopName).toBe('淘宝网');
  });

  it("does not take a marketplace's og:site_name for the shop's name", () => {
    const doc = page('<meta property="og:site_name" content="AliExpress"><meta property="og:title" content="Backpack">');
    const result = read(doc, 'https://www.aliexpress.com/item/1005001234567890.html');
    expect(result.title).toBe('Backpack');
    expect(result.shopName).toBeNull();
  });

  describe('precedence: marketplace, then JSON-LD, then OpenGraph, then microdata', () => {
    const jsonLd = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"From JSON-LD","offers":{"@type":"Offer","price":"10.00","priceCurrency":"USD"}}</script>`;
    const og = `<meta property="og:title" content="From OpenGraph"><meta property="product:price:amount" content="20.00"><meta property="product:price:currency" content="EUR">`;
    const microdata = `<div itemscope itemtype="http://schema.org/Product"><span itemprop="name">From microdata</span><div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><meta itemprop="price" content="30.00"><meta itemprop="priceCurrency" content="GBP"></div></div>`;
    const heading = '<h1 id="productTitle">From the page</h1><div id="corePrice_feature_div"><span class="a-offscreen">$40.00</span></div>';
    const amazon = 'https://www.amazon.com/dp/B0DEMO0003';

    const titleAndPrice = (html: string, at = url) => {
      const { title, price, source } = read(page(`<html><head>${html}</head><body></body></html>`), at);
      return { title, amount: price?.amount, titleSource: source.title, priceSource: source.price };
    };

    it('prefers the marketplace structure over every fallback', () => {
      expect(titleAndPrice(heading + jsonLd + og + microdata, amazon)).toEqual({
        title: 'From the page',
        amount: '40.00',
        titleSource: 'marketplace',
        priceSource: 'marketplace',
      });
    });

    it('prefers JSON-LD over OpenGraph and microdata', () => {
      expect(titleAndPrice(microdata + og + jsonLd)).toEqual({ title: 'From JSON-LD', amount: '10.00', titleSource: 'json_ld', priceSource: 'json_ld' });
    });

    it('prefers OpenGraph over microdata', () => {
      expect(titleAndPrice(microdata + og)).toEqual({ title: 'From OpenGraph', amount: '20.00', titleSource: 'open_graph', priceSource: 'open_graph' });
    });

    it('falls through field by field: a marketplace title beside a JSON-LD price', () => {
      expect(titleAndPrice('<h1 id="productTitle">From the page</h1>' + jsonLd, amazon)).toEqual({
        title: 'From the page',
        amount: '10.00',
        titleSource: 'marketplace',
        priceSource: 'json_ld',
      });
    });
  });
});

describe('odd pages', () => {
  const empty: PageRead = {
    title: null,
    price: null,
    shopName: null,
    shopId: null,
    seller: null,
    source: { title: null, price: null, shopName: null, shopId: null, seller: null },
  };
  const urls = [
    'https://item.taobao.com/item.htm?id=612345678901',
    'https://www.amazon.com/dp/B0DEMO0001',
    'https://www.ebay.com/itm/285012345678',
    'https://demo-shop.example/',
    'not a url at all',
    '',
  ];

  for (const [label, html] of [
    ['an empty document', ''],
    ['plain text', 'garbage <<<>>> &&& not html at all ¥¥¥ $$$'],
    ['an empty html element', '<html></html>'],
    ['an SVG document', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>'],
    [
      'broken structured data',
      `<script type="application/ld+json">{"@type": "Product", "name": </script>
       <script type="application/ld+json">[[[[[]]]]] </script>
       <script type="application/ld+json">{"@type":"Product","name":{"nested":true},"offers":{"price":"free","priceCurrency":"€€€€"}}</script>
       <meta property="og:title" content="   ">
       <meta property="product:price:amount" content="NaN">
       <div itemscope itemtype="https://schema.org/Product"><span itemprop="name"></span></div>`,
    ],
  ] as const) {
    it(`reads nothing from ${label}, whatever the URL, without throwing`, () => {
      for (const url of urls) expect(read(page(html), url)).toEqual(empty);
    });
  }

  it('ignores hidden elements, templates and unrendered placeholders', () => {
    const doc = page(`
      <template><h1 id="productTitle">In a template</h1></template>
      <h1 id="productTitle" hidden>Hidden heading</h1>
      <h1 id="productTitle" style="visibility: hidden">Invisible heading</h1>
      <div style="display:none"><a id="sellerProfileTriggerId" href="/sp?seller=AHIDDEN00001">Hidden seller</a></div>
      <div id="corePrice_feature_div"><span class="a-offscreen">{{ price }}</span></div>
      <h1 id="productTitle">{{ product.title }}</h1>`);
    expect(read(doc, 'https://www.amazon.com/dp/B0DEMO0001')).toEqual(empty);
  });

  it('caps long values at the stored limits', () => {
    const long = 'Very long title '.repeat(200);
    const doc = page(`<h1 id="productTitle">${long}</h1><a id="sellerProfileTriggerId" href="/sp?seller=${'A'.repeat(150)}">${'Seller '.repeat(100)}</a>`);
    const result = read(doc, 'https://www.amazon.com/dp/B0DEMO0001');
    expect(result.title).toHaveLength(500);
    expect(result.title?.startsWith('Very long title Very long title')).toBe(true);
    expect(result.seller?.length).toBeLessThanOrEqual(200);
    // An id too long to be a shop id is refused, not cut into a different id.
    expect(result.shopId).toBeNull();
  });

  it('never throws on a document whose DOM methods fail', () => {
    const hostile = new Proxy({} as Document, {
      get() {
        throw new Error('detached');
      },
    });
    expect(readListingPage(hostile, 'https://www.amazon.com/dp/B0DEMO0001')).toEqual(empty);
  });
});

describe('PageReadSchema (the stored contract)', () => {
  const valid: PageRead = {
    title: 'Tote',
    price: { amount: '24.99', currency: 'USD' },
    shopName: null,
    shopId: 'A2DEMOTOTE0001',
    seller: null,
    source: { title: 'marketplace', price: 'json_ld', shopName: null, shopId: 'marketplace', seller: null },
  };

  it('accepts a read whose sources match its fields', () => {
    expect(PageReadSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['a field without a source', { ...valid, source: { ...valid.source, title: null } }],
    ['a source without a field', { ...valid, source: { ...valid.source, seller: 'microdata' } }],
    ['an unknown source', { ...valid, source: { ...valid.source, title: 'guess' } }],
    ['a float-formatted amount', { ...valid, price: { amount: '1e3', currency: 'USD' } }],
    ['a comma decimal', { ...valid, price: { amount: '59,99', currency: 'EUR' } }],
    ['a currency symbol', { ...valid, price: { amount: '59.99', currency: '€' } }],
    ['a shop id with a path in it', { ...valid, shopId: '../admin' }],
    ['an oversize title', { ...valid, title: 'x'.repeat(501) }],
    ['an unknown key', { ...valid, marketplace: 'amazon' }],
  ])('refuses %s', (_label, value) => {
    expect(PageReadSchema.safeParse(value).success).toBe(false);
  });
});
