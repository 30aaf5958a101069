import { describe, expect, it } from 'vitest';
import { CaptureMetaSchema, isCapturableUrl } from './capture';

const meta = {
  url: 'https://item.taobao.com/item.htm?id=1',
  title: '商品',
  capturedAt: '2026-11-29T09:00:00.000Z',
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 1,
};

describe('CaptureMetaSchema', () => {
  it('accepts a complete meta', () => {
    expect(CaptureMetaSchema.parse(meta)).toEqual(meta);
  });

  it('refuses extra fields, at the top and nested', () => {
    expect(CaptureMetaSchema.safeParse({ ...meta, tenantId: 'x' }).success).toBe(false);
    expect(CaptureMetaSchema.safeParse({ ...meta, viewport: { ...meta.viewport, depth: 3 } }).success).toBe(false);
  });

  it('refuses missing fields and wrong types', () => {
    const { title: _title, ...withoutTitle } = meta;
    expect(CaptureMetaSchema.safeParse(withoutTitle).success).toBe(false);
    expect(CaptureMetaSchema.safeParse({ ...meta, capturedAt: 'yesterday' }).success).toBe(false);
    expect(CaptureMetaSchema.safeParse({ ...meta, viewport: { width: -1, height: 800 } }).success).toBe(false);
    expect(CaptureMetaSchema.safeParse({ ...meta, devicePixelRatio: '2' }).success).toBe(false);
  });
});

describe('isCapturableUrl', () => {
  it.each([
    ['https://www.amazon.com/dp/B000000001', true],
    ['http://127.0.0.1:5000/listing.html', true],
    ['chrome://extensions', false],
    ['chrome-extension://abc/popup.html', false],
    ['file:///etc/passwd', false],
    ['https://user:pass@example.com/', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isCapturableUrl(url)).toBe(expected);
  });
});
