import { describe, expect, it } from 'vitest';
import { CaptureManifestSchema, canonicalManifest, type CaptureManifest } from './manifest';
import { RECEIPT_PURPOSE, receiptSigningText } from './receipt';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function manifest(): CaptureManifest {
  return {
    manifestVersion: 1,
    captureId: 'c1',
    tenantId: 't1',
    userId: 'u1',
    page: { url: 'https://item.taobao.com/item.htm?id=42&spm=x', title: '运动鞋 "sneakers"', canonicalUrl: 'https://item.taobao.com/item.htm?id=42', marketplace: 'taobao', listingId: '42', shopId: null },
    client: { startedAt: '2026-01-02T03:04:05.678+08:00', endedAt: '2026-01-02T03:04:05.678+08:00', viewport: { width: 1280, height: 800 }, devicePixelRatio: 1.5 },
    server: { receivedAt: '2026-01-01T19:04:06.000Z' },
    marks: [],
    pageData: {},
    artefacts: [{ kind: 'screenshot', sha256: HASH_A, bytes: 1234, mime: 'image/png', width: 1280, height: 800 }],
  };
}

describe('canonicalManifest', () => {
  it('writes one spelling: keys sorted at every depth, no whitespace', () => {
    const text = canonicalManifest(manifest());
    expect(text.startsWith('{"artefacts":[{"bytes":1234,"height":800,"kind":"screenshot","mime":"image/png","sha256":"')).toBe(true);
    expect(text).not.toMatch(/\s(?=["{[])/);
    expect(text).toContain('"page":{"canonicalUrl":"https://item.taobao.com/item.htm?id=42","listingId":"42","marketplace":"taobao","shopId":null,"title":"运动鞋 \\"sneakers\\"","url":');
  });

  it('does not depend on the order the fields were written in', () => {
    const m = manifest();
    const reordered = Object.fromEntries(Object.entries(m).reverse()) as unknown as CaptureManifest;
    expect(Object.keys(reordered)[0]).toBe('artefacts');
    expect(canonicalManifest(reordered)).toBe(canonicalManifest(m));
    expect(canonicalManifest({ ...m, client: { ...m.client, devicePixelRatio: 2 } })).not.toBe(canonicalManifest(m));
  });

  it('round-trips through the schema unchanged', () => {
    const text = canonicalManifest(manifest());
    expect(canonicalManifest(CaptureManifestSchema.parse(JSON.parse(text)))).toBe(text);
  });

  it('keeps the client details through the schema, in their canonical place', () => {
    const m = { ...manifest(), client: { ...manifest().client, extensionVersion: '0.2.0', browser: 'Firefox', browserVersion: '146.0' } };
    const text = canonicalManifest(m);
    expect(text).toContain('"browser":"Firefox","browserVersion":"146.0","devicePixelRatio":1.5,"endedAt":');
    expect(text).toContain('"extensionVersion":"0.2.0","startedAt":');
    expect(canonicalManifest(CaptureManifestSchema.parse(JSON.parse(text)))).toBe(text);
    expect(text).not.toBe(canonicalManifest(manifest()));
  });

  it('takes later artefacts (page archive, tiles) and client details without a new version', () => {
    const later = {
      ...manifest(),
      client: { ...manifest().client, extensionVersion: '0.2.0', browser: 'Chrome', browserVersion: '156.0.7258.66' },
      marks: [{ kind: 'rect', rect: { x: 1, y: 2, width: 3, height: 4 } }],
      artefacts: [
        { kind: 'tile', sha256: HASH_A, bytes: 10, mime: 'image/png', sequence: 0 },
        { kind: 'tile', sha256: HASH_B, bytes: 11, mime: 'image/png', sequence: 1 },
        { kind: 'page_archive', sha256: HASH_B, bytes: 99, mime: 'multipart/related' },
      ],
    };
    expect(CaptureManifestSchema.safeParse(later).success).toBe(true);
    expect(CaptureManifestSchema.safeParse({ ...manifest(), artefacts: [] }).success).toBe(false);
    expect(CaptureManifestSchema.safeParse({ ...manifest(), artefacts: [{ ...manifest().artefacts[0], sha256: 'ABC' }] }).success).toBe(false);
  });
});

describe('receiptSigningText', () => {
  const input = { captureId: 'c1', manifestSha256: HASH_B, artefacts: [{ kind: 'screenshot' as const, sha256: HASH_A }], receivedAt: '2026-01-01T19:04:06.000Z', chain: { seq: 7, entryHash: HASH_A } };

  it('signs exactly the listed fields, with the purpose, canonically', () => {
    expect(receiptSigningText(input)).toBe(
      `{"artefacts":[{"kind":"screenshot","sha256":"${HASH_A}"}],"captureId":"c1","chain":{"entryHash":"${HASH_A}","seq":7},"manifestSha256":"${HASH_B}","purpose":"${RECEIPT_PURPOSE}","receivedAt":"2026-01-01T19:04:06.000Z"}`,
    );
  });

  it('ignores anything else a receipt carries, and changes with every signed field', () => {
    const extra = { ...input, signature: 'x', keyId: HASH_A, artefacts: [{ kind: 'screenshot' as const, sha256: HASH_A, bytes: 5 }] };
    expect(receiptSigningText(extra)).toBe(receiptSigningText(input));
    expect(receiptSigningText({ ...input, chain: { seq: 8, entryHash: HASH_A } })).not.toBe(receiptSigningText(input));
    expect(receiptSigningText({ ...input, captureId: 'c2' })).not.toBe(receiptSigningText(input));
  });
});
