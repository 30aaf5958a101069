import { randomUUID } from 'node:crypto';
import { CaptureManifestSchema, canonicalManifest, type CaptureReceipt } from '@openipp/shared';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidenceBundle } from './evidence-bundle';
import { bearer, createHarness, loginBearer, pngBytes, sampleMeta, upload, type Harness } from '../testing/harness';
import { buildManifest, type ManifestCaptureRow } from './capture-manifest';

const HASH = 'c'.repeat(64);

function row(overrides: Partial<ManifestCaptureRow> = {}): ManifestCaptureRow {
  return {
    id: 'capture-1',
    tenantId: 'tenant-1',
    createdBy: 'user-1',
    url: 'https://item.taobao.com/item.htm?id=42&spm=x',
    title: 'Counterfeit sneakers',
    capturedAt: '2026-01-02T03:04:05.678+08:00',
    receivedAt: Date.parse('2026-01-01T19:04:06.000Z'),
    viewportW: 1280,
    viewportH: 800,
    dpr: 2,
    screenshotSha256: HASH,
    mime: 'image/png',
    bytes: 1234,
    width: 2560,
    height: 1600,
    displaySha256: HASH,
    thumbSha256: HASH,
    marksJson: '[]',
    pageReadJson: null,
    pageReadCorrectionJson: null,
    clientJson: null,
    ...overrides,
  };
}

describe('buildManifest: the client that made the capture', () => {
  it('names the extension version and the browser with its version, signed with the rest', () => {
    const client = { extension: '0.1.0', browser: 'Chrome', browserVersion: '156.0.7258.66' };
    const manifest = buildManifest(row({ clientJson: JSON.stringify(client) }), []);
    expect(manifest.client).toEqual({
      startedAt: '2026-01-02T03:04:05.678+08:00',
      endedAt: '2026-01-02T03:04:05.678+08:00',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 2,
      extensionVersion: '0.1.0',
      browser: 'Chrome',
      browserVersion: '156.0.7258.66',
    });
    // What the verifier reads back is what was hashed: nothing dropped by its schema.
    const text = canonicalManifest(manifest);
    expect(canonicalManifest(CaptureManifestSchema.parse(JSON.parse(text)))).toBe(text);
    expect(text).toContain('"browser":"Chrome","browserVersion":"156.0.7258.66"');
    expect(text).not.toBe(canonicalManifest(buildManifest(row(), [])));
  });

  it('names when the capture began, where the client said so', () => {
    const client = { extension: '0.1.0', startedAt: '2026-01-02T03:03:59.000+08:00' };
    expect(buildManifest(row({ clientJson: JSON.stringify(client) }), []).client).toMatchObject({
      startedAt: '2026-01-02T03:03:59.000+08:00',
      endedAt: '2026-01-02T03:04:05.678+08:00',
    });
  });

  it('leaves out what the client did not say', () => {
    const manifest = buildManifest(row({ clientJson: JSON.stringify({ extension: '0.1.0' }) }), []);
    expect(manifest.client).toMatchObject({ extensionVersion: '0.1.0' });
    expect(manifest.client).not.toHaveProperty('browser');
    expect(manifest.client).not.toHaveProperty('browserVersion');
  });

  it('writes a capture without client details exactly as before, so older manifests keep their hash', () => {
    for (const clientJson of [undefined, null]) {
      const text = canonicalManifest(buildManifest(row(clientJson === undefined ? {} : { clientJson }), []));
      expect(text).toContain('"client":{"devicePixelRatio":2,"endedAt":"2026-01-02T03:04:05.678+08:00","startedAt":');
      expect(text).not.toMatch(/extensionVersion|browser/);
    }
  });
});

describe('POST /api/captures with the client details', () => {
  let h: Harness;
  let token: string;

  beforeAll(async () => {
    h = await createHarness();
    token = await loginBearer(h, 'owner@demo.test');
  });
  afterAll(async () => {
    await h.close();
  });

  it('accepts the meta with them, and refuses malformed ones as a field error', async () => {
    const png = await pngBytes(40, 30, '#225588');
    const client = { extension: '0.1.0', browser: 'Firefox', browserVersion: '146.0' };
    const ok = await upload(h, bearer(token), randomUUID(), { meta: sampleMeta({ client }), file: { bytes: png } });
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as CaptureReceipt;
    // Kept with the capture and signed into its manifest: the bundle says so, and still verifies.
    const bundle = new Uint8Array(await (await h.app.request(`/api/captures/${id}/bundle`, { headers: bearer(token) })).arrayBuffer());
    const manifest = CaptureManifestSchema.parse(JSON.parse(strFromU8(unzipSync(bundle)['manifest.json']!)));
    expect(manifest.client).toMatchObject({ extensionVersion: '0.1.0', browser: 'Firefox', browserVersion: '146.0' });
    expect(verifyEvidenceBundle(bundle).ok).toBe(true);

    // A capture cannot begin after it ended.
    const meta = sampleMeta();
    const late = new Date(Date.parse(meta.capturedAt) + 1_000).toISOString();
    const backwards = await upload(h, bearer(token), randomUUID(), { meta: { ...meta, client: { extension: '0.1.0', startedAt: late } }, file: { bytes: png } });
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toEqual(['meta.client.startedAt']);

    const bad = await upload(h, bearer(token), randomUUID(), { meta: { ...sampleMeta(), client: { browser: 'Firefox' } }, file: { bytes: png } });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { code: string; errors: Array<{ path: string }> };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((error) => error.path)).toContain('meta.client.extension');
  });
});
