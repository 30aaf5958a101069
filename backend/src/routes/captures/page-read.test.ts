import { randomUUID } from 'node:crypto';
import { CaptureManifestSchema, type Capture, type PageRead, type PageReadCorrection } from '@openipp/shared';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidenceBundle } from '../../services/evidence-bundle';
import { bearer, createHarness, loginBearer, pngBytes, sampleMeta, upload, type Harness } from '../../testing/harness';

const READ: PageRead = {
  title: 'DemoBrand Classic Tote Bag',
  price: { amount: '159.00', currency: 'CNY' },
  shopName: 'DemoBrand 旗舰店',
  shopId: '57300001',
  seller: null,
  source: { title: 'marketplace', price: 'marketplace', shopName: 'json_ld', shopId: 'marketplace', seller: null },
};

const CORRECTION: PageReadCorrection = {
  title: 'DemoBrand Classic Tote Bag (copy)',
  price: { amount: '149.00', currency: 'CNY' },
  shopName: 'DemoBrand 旗舰店',
  shopId: '57300001',
  seller: 'Hangzhou Example Trading Co.',
};

describe('what was read from the page travels with the capture; corrections sit beside it', () => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  let png: Uint8Array<ArrayBuffer>;

  beforeAll(async () => {
    h = await createHarness();
    for (const who of ['monitor', 'owner', 'seller']) tokens[who] = await loginBearer(h, `${who}@demo.test`);
    png = await pngBytes(320, 200, '#336699');
  });
  afterAll(async () => {
    await h?.close();
  });

  const auth = (who: string) => bearer(tokens[who]!);
  const getCapture = async (id: string, who = 'monitor') => (await (await h.app.request(`/api/captures/${id}`, { headers: auth(who) })).json()) as Capture;
  const getBundle = async (id: string) => new Uint8Array(await (await h.app.request(`/api/captures/${id}/bundle`, { headers: auth('monitor') })).arrayBuffer());
  const correct = (id: string, who: string, body: unknown) =>
    h.app.request(`/api/captures/${id}/page-read-correction`, {
      method: 'PUT',
      headers: { ...auth(who), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const manifestOf = (bundle: Uint8Array) => CaptureManifestSchema.parse(JSON.parse(strFromU8(unzipSync(bundle)['manifest.json']!)));
  const corrections = (id: string) =>
    h.db.rows<{ actor_id: string; payload: string }>("select actor_id, payload from audit_log where subject_id = ? and kind = 'capture_corrected' order by seq", id);

  async function uploadWithRead(read?: PageRead): Promise<string> {
    const res = await upload(h, auth('monitor'), randomUUID(), { meta: { ...sampleMeta(), ...(read ? { pageRead: read } : {}) }, file: { bytes: png } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  it('stores the read, returns it, and freezes it into the manifest pageData', async () => {
    const id = await uploadWithRead(READ);
    const capture = await getCapture(id);
    expect(capture.pageRead).toEqual(READ);
    expect(capture.pageReadCorrection).toBeNull();
    expect(h.db.rows<{ page_read_json: string }>('select page_read_json from captures where id = ?', id)[0]!.page_read_json).toBe(JSON.stringify(READ));

    const bundle = await getBundle(id);
    expect(manifestOf(bundle).pageData).toEqual({ read: READ });
    expect(verifyEvidenceBundle(bundle).ok).toBe(true);
  });

  it('a capture without a read has none, and its manifest pageData is empty', async () => {
    const id = await uploadWithRead();
    const capture = await getCapture(id);
    expect(capture.pageRead).toBeNull();
    expect(capture.pageReadCorrection).toBeNull();
    expect(manifestOf(await getBundle(id)).pageData).toEqual({});
  });

  it('refuses a read that breaks its schema, storing nothing', async () => {
    const before = h.db.count('captures');
    const bad = { ...READ, source: { ...READ.source, seller: 'json_ld' } };
    const res = await upload(h, auth('monitor'), randomUUID(), { meta: { ...sampleMeta(), pageRead: bad as PageRead }, file: { bytes: png } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
    expect(h.db.count('captures')).toBe(before);
  });

  it('stores a correction beside the read, audits each one, and never changes the signed manifest', async () => {
    const id = await uploadWithRead(READ);
    const bundleBefore = await getBundle(id);
    const receiptBefore = (await getCapture(id)).receipt;

    const res = await correct(id, 'monitor', CORRECTION);
    expect(res.status).toBe(200);
    const corrected = (await res.json()) as Capture;
    expect(corrected.pageRead).toEqual(READ);
    expect(corrected.pageReadCorrection).toEqual(CORRECTION);
    expect((await getCapture(id)).pageReadCorrection).toEqual(CORRECTION);
    // The same tenant's other users may correct too (the capture belongs to the tenant).
    const again = { ...CORRECTION, seller: null };
    expect((await correct(id, 'owner', again)).status).toBe(200);
    expect((await getCapture(id)).pageReadCorrection).toEqual(again);

    const entries = corrections(id);
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[0]!.payload)).toEqual({ captureId: id, correction: CORRECTION });
    expect(JSON.parse(entries[1]!.payload)).toEqual({ captureId: id, correction: again });

    const bundleAfter = await getBundle(id);
    expect(manifestOf(bundleAfter)).toEqual(manifestOf(bundleBefore));
    expect(strFromU8(unzipSync(bundleAfter)['manifest.json']!)).toBe(strFromU8(unzipSync(bundleBefore)['manifest.json']!));
    expect((await getCapture(id)).receipt).toEqual(receiptBefore);
    expect(verifyEvidenceBundle(bundleAfter).ok).toBe(true);
  });

  it("another tenant's capture is a 404 and stays uncorrected; bad bodies are refused", async () => {
    const id = await uploadWithRead(READ);
    const foreign = await correct(id, 'seller', CORRECTION);
    expect(foreign.status).toBe(404);
    expect((await getCapture(id)).pageReadCorrection).toBeNull();
    expect(corrections(id)).toHaveLength(0);

    expect((await correct(randomUUID(), 'monitor', CORRECTION)).status).toBe(404);
    const invalid = await correct(id, 'monitor', { ...CORRECTION, price: { amount: 'twelve', currency: 'CNY' } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { code: string }).code).toBe('validation_failed');
    const extraKey = await correct(id, 'monitor', { ...CORRECTION, source: READ.source });
    expect(extraKey.status).toBe(400);
    expect((await getCapture(id)).pageReadCorrection).toBeNull();
  });
});
