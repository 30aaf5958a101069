import { createPublicKey, randomUUID, verify } from 'node:crypto';
import {
  CaptureManifestSchema,
  ChainProofSchema,
  EvidencePublicKeySchema,
  canonicalize,
  receiptSigningText,
  recognizeListing,
  type Capture,
  type CaptureReceipt,
  type EvidencePublicKey,
  type JsonValue,
} from '@openipp/shared';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntryHash } from '../../services/audit';
import { verifyEvidenceBundle } from '../../services/evidence-bundle';
import { bearer, createHarness, loginBearer, pngBytes, sampleMeta, sha256, upload, type Harness } from '../../testing/harness';

const URL_AS_SEEN = 'https://item.taobao.com/item.htm?spm=a1z10.1-c.w4004.1&id=42#detail';

describe('signed receipts and evidence bundles', () => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  let png: Uint8Array<ArrayBuffer>;
  let key: string;
  let receipt: CaptureReceipt;
  let published: EvidencePublicKey;

  beforeAll(async () => {
    h = await createHarness();
    for (const who of ['owner', 'monitor', 'seller', 'reviewer']) tokens[who] = await loginBearer(h, `${who}@demo.test`);
    png = await pngBytes(320, 200, '#336699');
    key = randomUUID();
    const res = await upload(h, bearer(tokens.owner!), key, { meta: sampleMeta({ url: URL_AS_SEEN }), file: { bytes: png } });
    expect(res.status).toBe(201);
    receipt = (await res.json()) as CaptureReceipt;
    published = EvidencePublicKeySchema.parse(await (await h.app.request('/api/evidence/public-key')).json());
  });
  afterAll(() => h.close());

  const getBundle = (id: string, who: string) => h.app.request(`/api/captures/${id}/bundle`, { headers: bearer(tokens[who]!) });
  const auditRow = (id: string) =>
    h.db.rows<{ seq: number; hash: string; prev_hash: string; payload: string; at: number }>("select * from audit_log where subject_id = ? and kind = 'capture_received'", id)[0]!;

  it('publishes the Ed25519 public key without authentication', async () => {
    const res = await h.app.request('/api/evidence/public-key');
    expect(res.status).toBe(200);
    expect(published.algorithm).toBe('Ed25519');
    const keyObject = createPublicKey(published.publicKeyPem);
    expect(keyObject.asymmetricKeyType).toBe('ed25519');
    expect(Buffer.from(published.publicKeyRaw, 'base64')).toHaveLength(32);
    expect(published.keyId).toBe(sha256(keyObject.export({ type: 'spki', format: 'der' })));
  });

  it('signs the upload receipt over the capture, its manifest, its artefacts and its audit entry', () => {
    expect(receipt).toMatchObject({ sha256: sha256(png), keyId: published.keyId, artefacts: [{ kind: 'screenshot', sha256: sha256(png) }] });
    const row = auditRow(receipt.id);
    // The chain position is the capture's own audit entry.
    expect(receipt.chain).toEqual({ seq: row.seq, entryHash: row.hash });
    const text = canonicalize({
      purpose: 'openipp.capture-receipt.v1',
      captureId: receipt.id,
      manifestSha256: receipt.manifestSha256!,
      artefacts: [{ kind: 'screenshot', sha256: receipt.sha256 }],
      receivedAt: receipt.receivedAt,
      chain: { seq: row.seq, entryHash: row.hash },
    } as JsonValue);
    expect(receiptSigningText({ captureId: receipt.id, manifestSha256: receipt.manifestSha256!, artefacts: receipt.artefacts!, receivedAt: receipt.receivedAt, chain: receipt.chain! })).toBe(text);
    const signature = Buffer.from(receipt.signature!, 'base64');
    expect(verify(null, Buffer.from(text), createPublicKey(published.publicKeyPem), signature)).toBe(true);
    // Any other receive time (or any other field) does not verify.
    expect(verify(null, Buffer.from(text.replace(receipt.receivedAt, '2020-01-01T00:00:00.000Z')), createPublicKey(published.publicKeyPem), signature)).toBe(false);
  });

  it('returns the very same signed receipt on a replay and in GET /api/captures/{id}; list items stay unsigned', async () => {
    const replay = await upload(h, bearer(tokens.owner!), key, { meta: sampleMeta({ url: URL_AS_SEEN }), file: { bytes: png } });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(receipt);
    const one = (await (await h.app.request(`/api/captures/${receipt.id}`, { headers: bearer(tokens.monitor!) })).json()) as Capture;
    expect(one.receipt).toEqual(receipt);
    const list = (await (await h.app.request('/api/captures', { headers: bearer(tokens.owner!) })).json()) as { items: Capture[] };
    expect(list.items.find((item) => item.id === receipt.id)!.receipt).toEqual({ id: receipt.id, sha256: receipt.sha256, receivedAt: receipt.receivedAt, state: 'receipted' });
  });

  it('bundles the canonical manifest, the original bytes, the receipt, the chain proof and the public key', async () => {
    const res = await getBundle(receipt.id, 'monitor');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="evidence-${receipt.id}.zip"`);
    const zip = new Uint8Array(await res.arrayBuffer());
    const files = unzipSync(zip);
    const artefactPath = `artefacts/${sha256(png)}.png`;
    expect(Object.keys(files).sort()).toEqual([artefactPath, 'chain-proof.json', 'manifest.json', 'public-key.pem', 'receipt.json']);

    expect(files[artefactPath]).toEqual(png);
    const manifestText = strFromU8(files['manifest.json']!);
    expect(sha256(files['manifest.json']!)).toBe(receipt.manifestSha256);
    const manifest = CaptureManifestSchema.parse(JSON.parse(manifestText));
    expect(canonicalize(JSON.parse(manifestText) as JsonValue)).toBe(manifestText);
    const ownerId = h.db.rows<{ id: string; tenant_id: string }>("select id, tenant_id from users where email = 'owner@demo.test'")[0]!;
    const listing = recognizeListing(URL_AS_SEEN)!;
    expect(manifest).toEqual({
      manifestVersion: 1,
      captureId: receipt.id,
      tenantId: ownerId.tenant_id,
      userId: ownerId.id,
      page: { url: URL_AS_SEEN, title: 'Counterfeit sneakers', canonicalUrl: listing.canonicalUrl, marketplace: 'taobao', listingId: '42', shopId: null },
      client: { startedAt: '2026-01-02T03:04:05.678+08:00', endedAt: '2026-01-02T03:04:05.678+08:00', viewport: { width: 1280, height: 800 }, devicePixelRatio: 2 },
      server: { receivedAt: receipt.receivedAt },
      marks: [],
      pageData: {},
      artefacts: [{ kind: 'screenshot', sha256: sha256(png), bytes: png.byteLength, mime: 'image/png', width: 320, height: 200 }],
    });
    expect(listing.canonicalUrl).not.toBe(URL_AS_SEEN);

    expect(JSON.parse(strFromU8(files['receipt.json']!))).toEqual(receipt);
    expect(strFromU8(files['public-key.pem']!)).toBe(published.publicKeyPem);
    const proof = ChainProofSchema.parse(JSON.parse(strFromU8(files['chain-proof.json']!)));
    const row = auditRow(receipt.id);
    expect(proof.entry).toMatchObject({ seq: row.seq, at: row.at, kind: 'capture_received', subjectId: receipt.id, payload: row.payload, prevHash: row.prev_hash, hash: row.hash });
    const { hash, ...unhashed } = proof.entry;
    expect(auditEntryHash(unhashed as Parameters<typeof auditEntryHash>[0])).toBe(hash);

    // The same capture always yields the same bundle.
    expect(new Uint8Array(await (await getBundle(receipt.id, 'owner')).arrayBuffer())).toEqual(zip);
    expect(verifyEvidenceBundle(zip, { publicKeyPem: published.publicKeyPem }).ok).toBe(true);
  });

  it("is tenant-scoped: another tenant's bundle is a 404, staff read it as they read captures", async () => {
    const other = await getBundle(receipt.id, 'seller');
    expect(other.status).toBe(404);
    expect(((await other.json()) as { code: string }).code).toBe('not_found');
    expect((await getBundle(randomUUID(), 'owner')).status).toBe(404);
    expect((await h.app.request(`/api/captures/${receipt.id}/bundle`)).status).toBe(401);
    const staff = await getBundle(receipt.id, 'reviewer');
    expect(staff.status).toBe(200);
    expect(verifyEvidenceBundle(new Uint8Array(await staff.arrayBuffer())).ok).toBe(true);
  });
});
