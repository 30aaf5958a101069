import { describe, expect, it } from 'vitest';
import { CAPTURE_CLIENT_FIELD_MAX_LENGTH, CaptureMetaSchema, isCapturableUrl, isReceiptComplete } from './capture';

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

describe('CaptureMetaSchema client', () => {
  const client = { extension: '0.1.0', browser: 'Chrome', browserVersion: '156.0.7258.66' };

  it('carries the extension and browser versions, and stays optional for entries queued without them', () => {
    expect(CaptureMetaSchema.parse({ ...meta, client }).client).toEqual(client);
    expect(CaptureMetaSchema.parse({ ...meta, client: { extension: '0.1.0' } }).client).toEqual({ extension: '0.1.0' });
    expect(CaptureMetaSchema.parse(meta).client).toBeUndefined();
  });

  it('refuses a client without the extension version, with unknown keys, or with unbounded text', () => {
    const long = 'x'.repeat(CAPTURE_CLIENT_FIELD_MAX_LENGTH + 1);
    expect(CaptureMetaSchema.safeParse({ ...meta, client: { browser: 'Chrome' } }).success).toBe(false);
    expect(CaptureMetaSchema.safeParse({ ...meta, client: { ...client, os: 'Linux' } }).success).toBe(false);
    expect(CaptureMetaSchema.safeParse({ ...meta, client: { ...client, extension: '' } }).success).toBe(false);
    expect(CaptureMetaSchema.safeParse({ ...meta, client: { ...client, browser: long } }).success).toBe(false);
    expect(CaptureMetaSchema.safeParse({ ...meta, client: { ...client, browserVersion: '156\n<b>' } }).success).toBe(false);
    expect(CaptureMetaSchema.safeParse({ ...meta, client: { ...client, browser: 'x'.repeat(CAPTURE_CLIENT_FIELD_MAX_LENGTH) } }).success).toBe(true);
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

describe('isReceiptComplete', () => {
  it('counts a receipt as complete unless the server still waits for artefacts', () => {
    expect(isReceiptComplete({ state: 'incomplete' })).toBe(false);
    expect(isReceiptComplete({ state: 'receipted' })).toBe(true);
    // Servers older than multi-artefact captures receipted every capture at once.
    expect(isReceiptComplete({})).toBe(true);
  });
});
