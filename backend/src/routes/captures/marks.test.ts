import { randomUUID } from 'node:crypto';
import { CaptureManifestSchema, type Capture, type CaptureMark } from '@openipp/shared';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidenceBundle } from '../../services/evidence-bundle';
import { bearer, createHarness, loginBearer, pngBytes, sampleMeta, upload, type Harness } from '../../testing/harness';

const MARKS: CaptureMark[] = [
  { kind: 'region', x: 0.1, y: 0.2, width: 0.3, height: 0.25 },
  { kind: 'element', selector: '#J_Title > h1', excerpt: 'DemoBrand Classic Tote Bag', x: 0.05, y: 0.1, width: 0.5, height: 0.04 },
  { kind: 'text', quote: 'DemoBrand 经典托特包' },
];

describe('marks made on the page travel with the capture', () => {
  let h: Harness;
  let token: string;
  let png: Uint8Array<ArrayBuffer>;

  beforeAll(async () => {
    h = await createHarness();
    token = await loginBearer(h, 'monitor@demo.test');
    png = await pngBytes(320, 200, '#336699');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('are stored, returned with the capture, and frozen into the signed manifest of its bundle', async () => {
    const res = await upload(h, bearer(token), randomUUID(), { meta: { ...sampleMeta(), marks: MARKS }, file: { bytes: png } });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const capture = (await (await h.app.request(`/api/captures/${id}`, { headers: bearer(token) })).json()) as Capture;
    expect(capture.marks).toEqual(MARKS);

    const bundle = new Uint8Array(await (await h.app.request(`/api/captures/${id}/bundle`, { headers: bearer(token) })).arrayBuffer());
    const manifest = CaptureManifestSchema.parse(JSON.parse(strFromU8(unzipSync(bundle)['manifest.json']!)));
    expect(manifest.marks).toEqual(MARKS);
    expect((await verifyEvidenceBundle(bundle)).ok).toBe(true);
  });

  it('a capture without marks has none, and a mark outside the screenshot is refused with nothing stored', async () => {
    const plain = await upload(h, bearer(token), randomUUID(), { meta: sampleMeta(), file: { bytes: png } });
    const { id } = (await plain.json()) as { id: string };
    expect(((await (await h.app.request(`/api/captures/${id}`, { headers: bearer(token) })).json()) as Capture).marks).toEqual([]);

    const before = h.db.count('captures');
    const outside = await upload(h, bearer(token), randomUUID(), { meta: { ...sampleMeta(), marks: [{ kind: 'region', x: 0.9, y: 0.9, width: 0.3, height: 0.3 }] }, file: { bytes: png } });
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { code: string }).code).toBe('validation_failed');
    expect(h.db.count('captures')).toBe(before);
  });
});
