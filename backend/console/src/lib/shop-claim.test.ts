import { describe, expect, it } from 'vitest';
import { EMPTY_SHOP_CLAIM_DRAFT, shopClaimDataOf, shopClaimFieldErrors } from './shop-claim';

describe('the shop claim form', () => {
  it('sends a shop URL as typed, trimmed, when it names a shop on the chosen marketplace', () => {
    expect(shopClaimDataOf({ ...EMPTY_SHOP_CLAIM_DRAFT, shopUrl: '  https://shop58800001.taobao.com/  ' })).toEqual({
      ok: true,
      data: { marketplace: 'taobao', shopUrl: 'https://shop58800001.taobao.com/' },
    });
    expect(shopClaimDataOf({ ...EMPTY_SHOP_CLAIM_DRAFT, by: 'id', shopId: ' 58800001 ', shopUrl: 'ignored' })).toEqual({
      ok: true,
      data: { marketplace: 'taobao', shopId: '58800001' },
    });
  });

  it('says when the URL names no shop, is on another marketplace, or nothing was typed', () => {
    expect(shopClaimDataOf({ ...EMPTY_SHOP_CLAIM_DRAFT, shopUrl: 'https://www.taobao.com/search?q=bags' })).toEqual({ ok: false, errors: { shopUrl: ['no_shop'] } });
    expect(shopClaimDataOf({ ...EMPTY_SHOP_CLAIM_DRAFT, marketplace: 'amazon', shopUrl: 'https://shop58800001.taobao.com/' })).toEqual({
      ok: false,
      errors: { shopUrl: ['other_marketplace'] },
    });
    expect(shopClaimDataOf({ ...EMPTY_SHOP_CLAIM_DRAFT, shopUrl: '   ' })).toEqual({ ok: false, errors: { shopUrl: ['required'] } });
    expect(shopClaimDataOf({ ...EMPTY_SHOP_CLAIM_DRAFT, by: 'id', shopId: 'not a shop id' })).toEqual({ ok: false, errors: { shopId: ['invalid_format'] } });
  });

  it("keys the server's field errors by form field", () => {
    expect(
      shopClaimFieldErrors([
        { path: 'data.shopUrl', code: 'custom', message: 'the URL names no shop' },
        { path: 'proof[2]', code: 'unsupported_media_type', message: '' },
      ]),
    ).toEqual({ shopUrl: ['custom'], proof: ['unsupported_media_type'] });
  });
});
