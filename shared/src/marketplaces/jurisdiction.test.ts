import { describe, expect, it } from 'vitest';
import { recognizeListing } from './index';
import { countryOfHost, listingJurisdiction } from './jurisdiction';

function jurisdictionOf(url: string): string | null {
  const recognized = recognizeListing(url);
  if (recognized === null) throw new Error(`not a URL: ${url}`);
  return listingJurisdiction(recognized);
}

describe('listingJurisdiction', () => {
  it.each([
    ['https://item.taobao.com/item.htm?id=612345678901', 'CN'],
    ['https://m.intl.taobao.com/detail/detail.html?id=612345678901', 'CN'],
    ['https://detail.tmall.com/item.htm?id=612345678901', 'CN'],
    ['https://detail.tmall.hk/hk/item.htm?id=612345678901', 'CN'],
    ['https://detail.1688.com/offer/623456789012.html', 'CN'],
    ['https://www.amazon.com/dp/B08N5WRWNW', 'US'],
    ['https://www.amazon.co.uk/dp/B08N5WRWNW', 'GB'],
    ['https://www.amazon.de/gp/product/B08N5WRWNW', 'DE'],
    ['https://www.amazon.co.jp/dp/B08N5WRWNW', 'JP'],
    ['https://www.amazon.com.au/dp/B08N5WRWNW', 'AU'],
    ['https://www.amazon.com.br/dp/B08N5WRWNW', 'BR'],
    ['https://www.amazon.cn/dp/B08N5WRWNW', 'CN'],
    ['https://www.ebay.com/itm/123456789012', 'US'],
    ['https://www.ebay.co.uk/itm/123456789012', 'GB'],
    ['https://www.ebay.de/itm/123456789012', 'DE'],
    ['https://www.ebay.com.au/itm/123456789012', 'AU'],
    ['https://shop.example.de/produkt/1', 'DE'],
    ['https://shop.example.co.uk/p/1', 'GB'],
  ])('%s is offered in %s', (url, expected) => {
    expect(jurisdictionOf(url)).toBe(expected);
  });

  it.each([
    'https://www.aliexpress.com/item/1005004123456789.html',
    'https://aliexpress.ru/item/1005004123456789.html',
    'https://www.alibaba.com/product-detail/_1600123456789.html',
    'https://shop.example.com/p/1',
    'https://brand.example.io/p/1',
    'http://127.0.0.1:8787/item.htm?id=1',
  ])('%s names no single jurisdiction', (url) => {
    expect(jurisdictionOf(url)).toBeNull();
  });

  it('reads country-code TLDs case-insensitively and ignores vanity ones', () => {
    expect(countryOfHost('EXAMPLE.FR')).toBe('FR');
    expect(countryOfHost('example.tv')).toBeNull();
    expect(countryOfHost('localhost')).toBeNull();
    expect(countryOfHost('10.0.0.1')).toBeNull();
  });
});
