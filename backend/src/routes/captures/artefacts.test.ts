import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { CaptureManifestSchema, IDEMPOTENCY_HEADER, receiptSigningText, type Capture, type CaptureList, type CaptureMeta, type CaptureReceipt, type DeclaredArtefact } from '@openipp/shared';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidenceBundle } from '../../services/evidence-bundle';
import { databaseFile } from '../../store';
import { inspectDatabase } from '../../store/inspect';
import { bearer, createHarness, loginBearer, pngBytes, sampleMeta, sha256, upload, type Harness } from '../../testing/harness';

/** What Chrome's pageCapture.saveAsMHTML writes, cut down: RFC 822 headers, then one HTML part. */
function mhtml(body = '<html><body><h1>Counterfeit sneakers</h1></body></html>'): Uint8Array<ArrayBuffer> {
  const text = [
    'From: <Saved by Blink>',
    'Snapshot-Content-Location: https://item.taobao.com/item.htm?id=42',
    'Subject: Counterfeit sneakers',
    'Date: Fri, 2 Jan 2026 03:04:05 +0800',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    '\tboundary="----MultipartBoundary--abc----"',
    '',
    '',
    '------MultipartBoundary--abc----',
    'Content-Type: text/html',
    'Content-Location: https://item.taobao.com/item.htm?id=42',
    '',
    body,
    '------MultipartBoundary--abc------',
    '',
  ].join('\r\n');
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

interface Parts {
  meta: CaptureMeta;
  screenshot: Uint8Array<ArrayBuffer>;
  tiles: Uint8Array<ArrayBuffer>[];
  archive: Uint8Array<ArrayBuffer>;
}

const tileOf = (bytes: Uint8Array, sequence: number): DeclaredArtefact => ({ kind: 'tile', sha256: sha256(bytes), bytes: bytes.byteLength, mime: 'image/png', sequence });
const archiveOf = (bytes: Uint8Array): DeclaredArtefact => ({ kind: 'page_archive', sha256: sha256(bytes), bytes: bytes.byteLength, mime: 'multipart/related' });

function countFiles(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    n += statSync(full).isDirectory() ? countFiles(full) : 1;
  }
  return n;
}

describe('captures with several artefacts: MHTML page archive and full-page tiles', () => {
  let h: Harness;
  let owner: string;
  let seller: string;
  let colour = 0;

  beforeAll(async () => {
    h = await createHarness();
    owner = await loginBearer(h, 'owner@demo.test');
    seller = await loginBearer(h, 'seller@demo.test');
  });
  afterAll(() => h.close());

  /** A screenshot, three tiles and an archive, all distinct bytes. */
  async function parts(title = 'Counterfeit sneakers'): Promise<Parts> {
    const png = async (height: number) => pngBytes(120, height, `#${(0x102030 + (colour += 0x010203)).toString(16).slice(-6)}`);
    const screenshot = await png(80);
    const tiles = [await png(90), await png(91), await png(40)];
    const archive = mhtml(`<html><body><h1>${title} ${colour}</h1></body></html>`);
    const meta = sampleMeta({ title, artefacts: [...tiles.map(tileOf), archiveOf(archive)] });
    return { meta, screenshot, tiles, archive };
  }

  const post = (p: Parts, key = randomUUID()) => upload(h, bearer(owner), key, { meta: p.meta, file: { bytes: p.screenshot } });
  const put = (id: string, sha: string, bytes: Uint8Array<ArrayBuffer>, token = owner) =>
    h.app.request(`/api/captures/${id}/artefacts/${sha}`, { method: 'PUT', headers: { ...bearer(token), 'Content-Type': 'application/octet-stream' }, body: bytes });
  const auditRows = (id: string) => h.db.rows<{ seq: number; hash: string; payload: string }>("select seq, hash, payload from audit_log where subject_id = ? and kind = 'capture_received'", id);
  const artefactRows = (id: string) => h.db.rows<{ sha256: string; received_at: number | null }>('select sha256, received_at from capture_artefacts where capture_id = ? order by position', id);
  const publicKeyPem = async () => ((await (await h.app.request('/api/evidence/public-key')).json()) as { publicKeyPem: string }).publicKeyPem;
  const bundle = async (id: string) => h.app.request(`/api/captures/${id}/bundle`, { headers: bearer(owner) });
  /**
   * A complete receipt: every artefact of `p` named in order, signed by the
   * published key, and pointing at the capture's one audit entry (returned).
   */
  async function expectSignedReceipt(receipt: CaptureReceipt, p: Parts, captureId = receipt.id) {
    expect(receipt.state).toBe('receipted');
    expect(receipt.missing).toBeUndefined();
    expect(receipt.artefacts).toEqual([
      { kind: 'screenshot', sha256: sha256(p.screenshot) },
      ...p.tiles.map((tile) => ({ kind: 'tile', sha256: sha256(tile) })),
      { kind: 'page_archive', sha256: sha256(p.archive) },
    ]);
    const [entry, ...more] = auditRows(captureId);
    expect(more).toEqual([]);
    expect(receipt.chain).toEqual({ seq: entry!.seq, entryHash: entry!.hash });
    const text = receiptSigningText({ captureId: receipt.id, manifestSha256: receipt.manifestSha256!, artefacts: receipt.artefacts!, receivedAt: receipt.receivedAt, chain: receipt.chain! });
    expect(verify(null, Buffer.from(text), createPublicKey(await publicKeyPem()), Buffer.from(receipt.signature!, 'base64'))).toBe(true);
    return entry!;
  }

  /** Uploads everything; returns the final receipt. */
  async function receipted(p: Parts): Promise<CaptureReceipt> {
    const first = (await (await post(p)).json()) as CaptureReceipt;
    let last: CaptureReceipt = first;
    for (const bytes of [...p.tiles, p.archive]) {
      const res = await put(first.id, sha256(bytes), bytes);
      expect(res.status).toBe(201);
      last = (await res.json()) as CaptureReceipt;
    }
    return last;
  }

  it('stays incomplete (unsigned, no audit entry) until every declared artefact is in, then signs a receipt over all five', async () => {
    const p = await parts();
    const res = await post(p);
    expect(res.status).toBe(201);
    const first = (await res.json()) as CaptureReceipt;
    const declared = [...p.tiles, p.archive].map((bytes) => sha256(bytes));
    expect(first).toEqual({ id: first.id, sha256: sha256(p.screenshot), receivedAt: first.receivedAt, state: 'incomplete', missing: declared });
    expect(auditRows(first.id)).toEqual([]);

    for (const [index, bytes] of [...p.tiles, p.archive].entries()) {
      const step = await put(first.id, sha256(bytes), bytes);
      expect(step.status).toBe(201);
      const receipt = (await step.json()) as CaptureReceipt;
      if (index < 3) {
        expect(receipt).toMatchObject({ state: 'incomplete', missing: declared.slice(index + 1) });
        expect(receipt.signature).toBeUndefined();
        expect(auditRows(first.id)).toEqual([]);
        continue;
      }
      // The last one in: receipted, signed over all five artefacts and the capture's own audit entry.
      const entry = await expectSignedReceipt(receipt, p, first.id);
      // The audit entry names the frozen manifest.
      expect(JSON.parse(entry.payload)).toEqual({ captureId: first.id, sha256: sha256(p.screenshot), url: p.meta.url, receivedAt: first.receivedAt, manifestSha256: receipt.manifestSha256 });
    }
    expect(artefactRows(first.id).every((row) => row.received_at !== null)).toBe(true);
  });

  it('answers a repeated PUT as a replay: same receipt, nothing stored or appended again', async () => {
    const p = await parts();
    const final = await receipted(p);
    const blobs = countFiles(path.join(h.dataDir, 'blobs'));
    const entries = h.db.count('audit_log');
    for (const bytes of [p.tiles[1]!, p.archive]) {
      const again = await put(final.id, sha256(bytes), bytes);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(final);
    }
    expect(countFiles(path.join(h.dataDir, 'blobs'))).toBe(blobs);
    expect(h.db.count('audit_log')).toBe(entries);
  });

  it('refuses bytes that do not hash to the path with 422 hash_mismatch, storing nothing', async () => {
    const p = await parts();
    const { id } = (await (await post(p)).json()) as CaptureReceipt;
    const blobs = countFiles(path.join(h.dataDir, 'blobs'));
    const wrong = await put(id, sha256(p.tiles[0]!), p.tiles[1]!);
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(((await wrong.json()) as { code: string }).code).toBe('hash_mismatch');
    // One flipped byte of the archive too.
    const flipped = new Uint8Array(p.archive);
    flipped[40] = flipped[40]! ^ 0x01;
    expect(((await (await put(id, sha256(p.archive), flipped)).json()) as { code: string }).code).toBe('hash_mismatch');
    expect(countFiles(path.join(h.dataDir, 'blobs'))).toBe(blobs);
    expect(artefactRows(id).every((row) => row.received_at === null)).toBe(true);
    expect(auditRows(id)).toEqual([]);
  });

  it('shows an incomplete capture as such: no signature, no bundle, listed as incomplete', async () => {
    const p = await parts();
    const { id } = (await (await post(p)).json()) as CaptureReceipt;
    await put(id, sha256(p.tiles[0]!), p.tiles[0]!);
    const one = (await (await h.app.request(`/api/captures/${id}`, { headers: bearer(owner) })).json()) as Capture;
    expect(one.receipt).toMatchObject({ state: 'incomplete', missing: [sha256(p.tiles[1]!), sha256(p.tiles[2]!), sha256(p.archive)] });
    expect(one.receipt.signature).toBeUndefined();
    const list = (await (await h.app.request('/api/captures', { headers: bearer(owner) })).json()) as CaptureList;
    expect(list.items.find((item) => item.id === id)!.receipt.state).toBe('incomplete');
    const res = await bundle(id);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('capture_incomplete');
  });

  it('bundles every artefact under its hash; the bundle verifies, and a tampered tile fails the artefact check', async () => {
    const p = await parts();
    const final = await receipted(p);
    const res = await bundle(final.id);
    expect(res.status).toBe(200);
    const zip = new Uint8Array(await res.arrayBuffer());
    const files = unzipSync(zip);
    const expected = [
      `artefacts/${sha256(p.screenshot)}.png`,
      ...p.tiles.map((tile) => `artefacts/${sha256(tile)}.png`),
      `artefacts/${sha256(p.archive)}.mhtml`,
    ];
    expect(Object.keys(files).filter((name) => name.startsWith('artefacts/')).sort()).toEqual([...expected].sort());
    expect(files[expected[4]!]).toEqual(p.archive);
    p.tiles.forEach((tile, index) => expect(files[expected[index + 1]!]).toEqual(tile));
    const manifest = CaptureManifestSchema.parse(JSON.parse(strFromU8(files['manifest.json']!)));
    expect(manifest.artefacts).toEqual([
      { kind: 'screenshot', sha256: sha256(p.screenshot), bytes: p.screenshot.byteLength, mime: 'image/png', width: 120, height: 80 },
      { kind: 'tile', sha256: sha256(p.tiles[0]!), bytes: p.tiles[0]!.byteLength, mime: 'image/png', width: 120, height: 90, sequence: 0 },
      { kind: 'tile', sha256: sha256(p.tiles[1]!), bytes: p.tiles[1]!.byteLength, mime: 'image/png', width: 120, height: 91, sequence: 1 },
      { kind: 'tile', sha256: sha256(p.tiles[2]!), bytes: p.tiles[2]!.byteLength, mime: 'image/png', width: 120, height: 40, sequence: 2 },
      { kind: 'page_archive', sha256: sha256(p.archive), bytes: p.archive.byteLength, mime: 'multipart/related' },
    ]);
    expect(verifyEvidenceBundle(zip, { publicKeyPem: await publicKeyPem() }).ok).toBe(true);

    const tampered = unzipSync(zip);
    const tile = new Uint8Array(tampered[expected[2]!]!);
    tile[tile.length - 20] = tile[tile.length - 20]! ^ 0x01;
    tampered[expected[2]!] = tile;
    const report = verifyEvidenceBundle(zipSync(tampered));
    expect(report.ok).toBe(false);
    expect(report.checks.filter((check) => !check.ok)).toEqual([
      { check: 'artefacts', ok: false, failure: 'artefact_hash_mismatch', detail: { file: expected[2], expected: sha256(p.tiles[1]!), actual: sha256(tile) } },
    ]);
  });

  it('freezes the manifest at receipt: a later change to the capture row changes neither the bundle nor the receipt', async () => {
    const p = await parts('Before');
    const final = await receipted(p);
    const before = new Uint8Array(await (await bundle(final.id)).arrayBuffer());
    const writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
    try {
      writable.run("update captures set title = 'After' where id = ?", final.id);
    } finally {
      writable.close();
    }
    const after = new Uint8Array(await (await bundle(final.id)).arrayBuffer());
    expect(after).toEqual(before);
    expect(JSON.parse(strFromU8(unzipSync(after)['manifest.json']!)).page.title).toBe('Before');
    const one = (await (await h.app.request(`/api/captures/${final.id}`, { headers: bearer(owner) })).json()) as Capture;
    expect(one.title).toBe('After');
    expect(one.receipt).toEqual(final);
  });

  it('checks what each artefact is: a page archive must open as MHTML, a tile must be a PNG; undeclared hashes are 404', async () => {
    const notArchive = new Uint8Array(Buffer.from('<html><body>not an archive</body></html>'));
    const jpegTile = new Uint8Array(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    const screenshot = await pngBytes(50, 50, '#010203');
    const meta = sampleMeta({ artefacts: [archiveOf(notArchive), { ...tileOf(jpegTile, 0) }] });
    const { id } = (await (await upload(h, bearer(owner), randomUUID(), { meta, file: { bytes: screenshot } })).json()) as CaptureReceipt;
    const archive = await put(id, sha256(notArchive), notArchive);
    expect(archive.status).toBe(415);
    expect(((await archive.json()) as { code: string }).code).toBe('unsupported_file_type');
    expect((await put(id, sha256(jpegTile), jpegTile)).status).toBe(415);
    const undeclared = mhtml('<p>other</p>');
    expect((await put(id, sha256(undeclared), undeclared)).status).toBe(404);
    // Another tenant cannot add to it (nor learn that it exists).
    expect((await put(id, sha256(notArchive), notArchive, seller)).status).toBe(404);
    expect(artefactRows(id).every((row) => row.received_at === null)).toBe(true);
  });

  it('takes a declared tile with the screenshot\'s own bytes as received with the upload', async () => {
    const screenshot = await pngBytes(60, 60, '#0a0b0c');
    const second = await pngBytes(60, 30, '#0c0b0a');
    const meta = sampleMeta({ artefacts: [tileOf(screenshot, 0), tileOf(second, 1)] });
    const first = (await (await upload(h, bearer(owner), randomUUID(), { meta, file: { bytes: screenshot } })).json()) as CaptureReceipt;
    expect(first).toMatchObject({ state: 'incomplete', missing: [sha256(second)] });
    const done = (await (await put(first.id, sha256(second), second)).json()) as CaptureReceipt;
    expect(done.state).toBe('receipted');
    const zip = new Uint8Array(await (await bundle(first.id)).arrayBuffer());
    expect(verifyEvidenceBundle(zip).ok).toBe(true);
  });

  it('refuses a malformed declaration before storing anything', async () => {
    const screenshot = await pngBytes(40, 40, '#112233');
    const archive = mhtml();
    const twoArchives = sampleMeta({ artefacts: [archiveOf(archive), archiveOf(mhtml('<p>2</p>'))] });
    const res = await upload(h, bearer(owner), randomUUID(), { meta: twoArchives, file: { bytes: screenshot } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
    const tooBig = sampleMeta({ artefacts: [{ ...archiveOf(archive), bytes: 50 * 1024 * 1024 + 1 }] });
    expect((await upload(h, bearer(owner), randomUUID(), { meta: tooBig, file: { bytes: screenshot } })).status).toBe(400);
  });

  describe('artefacts sent inline with the capture (one request, one transaction)', () => {
    /** The upload with `inline` as `artefact` file parts, each named by the hash it claims. */
    const postInline = (p: Parts, inline: Array<[claimed: string, bytes: Uint8Array<ArrayBuffer>]>, key = randomUUID()) => {
      const form = new FormData();
      form.append('meta', JSON.stringify(p.meta));
      form.append('screenshot', new Blob([p.screenshot], { type: 'image/png' }), 'capture.png');
      for (const [claimed, bytes] of inline) form.append('artefact', new Blob([bytes]), claimed);
      return h.app.request('/api/captures', { method: 'POST', headers: { ...bearer(owner), [IDEMPOTENCY_HEADER]: key }, body: form });
    };
    const named = (bytes: Uint8Array<ArrayBuffer>): [string, Uint8Array<ArrayBuffer>] => [sha256(bytes), bytes];
    const captureCount = () => h.db.count('captures');

    it('receipts a capture whose every artefact came inline: signed over all five, one audit entry, a bundle that verifies', async () => {
      const p = await parts();
      const key = randomUUID();
      const res = await postInline(p, [...p.tiles, p.archive].map(named), key);
      expect(res.status).toBe(201);
      const receipt = (await res.json()) as CaptureReceipt;
      await expectSignedReceipt(receipt, p);
      expect(artefactRows(receipt.id).every((row) => row.received_at !== null)).toBe(true);
      const zip = new Uint8Array(await (await bundle(receipt.id)).arrayBuffer());
      expect(verifyEvidenceBundle(zip, { publicKeyPem: await publicKeyPem() }).ok).toBe(true);
      expect(unzipSync(zip)[`artefacts/${sha256(p.archive)}.mhtml`]).toEqual(p.archive);
      // A replay of the same request is the same receipt, and stores nothing again.
      const blobs = countFiles(path.join(h.dataDir, 'blobs'));
      const entries = h.db.count('audit_log');
      const again = await postInline(p, [...p.tiles, p.archive].map(named), key);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(receipt);
      expect(countFiles(path.join(h.dataDir, 'blobs'))).toBe(blobs);
      expect(h.db.count('audit_log')).toBe(entries);
    });

    it('answers a retry with the same key as a replay, taking the inline artefacts the first attempt lacked', async () => {
      const p = await parts();
      const key = randomUUID();
      const first = (await (await postInline(p, [named(p.archive)], key)).json()) as CaptureReceipt;
      expect(first).toMatchObject({ state: 'incomplete', missing: p.tiles.map((tile) => sha256(tile)) });
      const entries = h.db.count('audit_log');
      const retry = await postInline(p, [...p.tiles, p.archive].map(named), key);
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const receipt = (await retry.json()) as CaptureReceipt;
      expect(receipt).toMatchObject({ id: first.id, state: 'receipted' });
      expect(h.db.count('audit_log')).toBe(entries + 1);
      expect(auditRows(first.id)).toHaveLength(1);
      // And the tiles may equally come by PUT afterwards: already held, a replay.
      expect((await put(first.id, sha256(p.tiles[0]!), p.tiles[0]!)).status).toBe(200);
    });

    it('takes some inline and the rest by PUT', async () => {
      const p = await parts();
      const first = (await (await postInline(p, [named(p.archive), named(p.tiles[0]!)])).json()) as CaptureReceipt;
      expect(first).toMatchObject({ state: 'incomplete', missing: [sha256(p.tiles[1]!), sha256(p.tiles[2]!)] });
      expect((await put(first.id, sha256(p.tiles[1]!), p.tiles[1]!)).status).toBe(201);
      const last = (await (await put(first.id, sha256(p.tiles[2]!), p.tiles[2]!)).json()) as CaptureReceipt;
      expect(last.state).toBe('receipted');
      expect(auditRows(first.id)).toHaveLength(1);
    });

    it('refuses inline bytes that do not hash to their name with 422 hash_mismatch, storing nothing: the key stays free', async () => {
      const p = await parts();
      const key = randomUUID();
      const before = { captures: captureCount(), blobs: countFiles(path.join(h.dataDir, 'blobs')), audit: h.db.count('audit_log') };
      const flipped = new Uint8Array(p.archive);
      flipped[40] = flipped[40]! ^ 0x01;
      const res = await postInline(p, [named(p.tiles[0]!), [sha256(p.archive), flipped]], key);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { code: string }).code).toBe('hash_mismatch');
      expect({ captures: captureCount(), blobs: countFiles(path.join(h.dataDir, 'blobs')), audit: h.db.count('audit_log') }).toEqual(before);
      // Nothing was recorded under the key: the corrected request goes through as new.
      expect((await postInline(p, [...p.tiles, p.archive].map(named), key)).status).toBe(201);
    });

    it('refuses an artefact the meta does not declare, a part not named by a hash, and one sent twice, with 400 before storing anything', async () => {
      const p = await parts();
      const before = captureCount();
      const undeclared = mhtml('<p>not declared</p>');
      for (const inline of [[named(undeclared)], [['archive.mhtml', p.archive]], [named(p.archive), named(p.archive)]] as Array<Array<[string, Uint8Array<ArrayBuffer>]>>) {
        const res = await postInline(p, inline);
        expect(res.status).toBe(400);
        expect((await res.json()) as { code: string; errors: { path: string }[] }).toMatchObject({ code: 'validation_failed', errors: [{ path: 'artefact' }] });
      }
      // A page archive that is not MHTML is refused as the PUT would refuse it.
      const notArchive = new Uint8Array(Buffer.from('<html><body>not an archive</body></html>'));
      const meta = sampleMeta({ artefacts: [archiveOf(notArchive)] });
      const res = await postInline({ ...p, meta }, [named(notArchive)]);
      expect(res.status).toBe(415);
      expect(captureCount()).toBe(before);
    });
  });
});
