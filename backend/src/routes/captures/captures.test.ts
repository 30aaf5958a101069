import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { IDEMPOTENCY_HEADER, LIMITS, type Capture, type CaptureList, type CaptureReceipt } from '@openipp/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  blobPath,
  cookieHeaders,
  createHarness,
  fileSha256,
  jpegBytes,
  loginBearer,
  loginCookie,
  pngBytes,
  sampleMeta,
  sha256,
  upload,
  type Harness,
} from '../../testing/harness';

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number; errors?: Array<{ path: string; code: string }> };
}

function blobFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'blobs');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small, well-formed PNG header claiming 20000 × 20000 pixels: a decompression bomb in miniature. */
function hugeDimensionPng(): Uint8Array<ArrayBuffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20_000, 0);
  ihdr.writeUInt32BE(20_000, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const png = Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(64))), pngChunk('IEND', Buffer.alloc(0))]);
  return new Uint8Array(png);
}

describe('POST /api/captures — success and idempotency', () => {
  let h: Harness;
  let owner: string;
  let png: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    h = await createHarness();
    owner = await loginBearer(h, 'owner@demo.test');
    png = await pngBytes(1000, 700);
  });
  afterAll(() => h.close());

  it('stores a PNG: 201 receipt, one row, original and renditions on disk', async () => {
    const key = randomUUID();
    const res = await upload(h, bearer(owner), key, { meta: sampleMeta(), file: { bytes: png, name: 'shot.png', type: 'image/png' } });
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as CaptureReceipt;
    expect(receipt.sha256).toBe(sha256(png));
    expect(Date.parse(receipt.receivedAt)).toBeGreaterThan(Date.now() - 60_000);

    const rows = h.db.rows<Record<string, unknown>>('select * from captures where id = ?', receipt.id);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      url: sampleMeta().url,
      title: sampleMeta().title,
      captured_at: sampleMeta().capturedAt,
      viewport_w: 1280,
      viewport_h: 800,
      dpr: 2,
      screenshot_sha256: receipt.sha256,
      mime: 'image/png',
      bytes: png.byteLength,
      width: 1000,
      height: 700,
    });
    const [owned] = h.db.rows<{ tenant: string; email: string }>(
      'select t.name as tenant, u.email as email from captures c join tenants t on t.id = c.tenant_id join users u on u.id = c.created_by where c.id = ?',
      receipt.id,
    );
    expect(owned).toEqual({ tenant: 'Demo Brand Co.', email: 'owner@demo.test' });

    // The evidence on disk hashes to the receipt.
    expect(fileSha256(blobPath(h.dataDir, receipt.sha256))).toBe(receipt.sha256);
    const display = readFileSync(blobPath(h.dataDir, row.display_sha256 as string));
    expect(await sharp(display).metadata()).toMatchObject({ format: 'png', width: 1000, height: 700 });
    const thumb = readFileSync(blobPath(h.dataDir, row.thumb_sha256 as string));
    const thumbMeta = await sharp(thumb).metadata();
    expect(thumbMeta.width).toBe(320);
    expect(thumbMeta.height).toBe(224);

    expect(h.db.rows('select status, request_hash is not null as hashed from idempotency_keys where key = ?', key)).toEqual([{ status: 201, hashed: 1 }]);
  });

  it('stores a JPEG with its original type', async () => {
    const jpeg = await jpegBytes(400, 300);
    const res = await upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes: jpeg, name: 'shot.JPEG', type: 'image/jpeg' } });
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as CaptureReceipt;
    expect(h.db.rows('select mime, width, height from captures where id = ?', receipt.id)).toEqual([{ mime: 'image/jpeg', width: 400, height: 300 }]);
    const original = await h.app.request(`/api/captures/${receipt.id}/original`, { headers: bearer(owner) });
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(original.headers.get('content-disposition')).toBe(`attachment; filename="capture-${receipt.id}.jpg"`);
    expect(sha256(new Uint8Array(await original.arrayBuffer()))).toBe(sha256(jpeg));
  });

  it('accepts meta sent as a JSON blob part and a file without a name extension', async () => {
    const form = new FormData();
    form.append('meta', new Blob([JSON.stringify(sampleMeta({ title: 'blob meta' }))], { type: 'application/json' }));
    form.append('screenshot', new Blob([png], { type: 'application/octet-stream' }), 'blob');
    const res = await h.app.request('/api/captures', { method: 'POST', headers: { ...bearer(owner), [IDEMPOTENCY_HEADER]: randomUUID() }, body: form });
    expect(res.status).toBe(201);
  });

  it('replays the same key and body: 200, same receipt, still one row', async () => {
    const key = randomUUID();
    const parts = { meta: sampleMeta({ title: 'replay' }), file: { bytes: png } };
    const first = await upload(h, bearer(owner), key, parts);
    expect(first.status).toBe(201);
    const receipt = await first.json();
    const again = await upload(h, bearer(owner), key, parts);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(receipt);
    expect(h.db.count('captures', "title = 'replay'")).toBe(1);
  });

  it('refuses the same key with a different body: 422 idempotency_key_reused, nothing new stored', async () => {
    const key = randomUUID();
    expect((await upload(h, bearer(owner), key, { meta: sampleMeta({ title: 'original body' }), file: { bytes: png } })).status).toBe(201);
    const before = blobFiles(h.dataDir).length;
    const other = await pngBytes(50, 50, '#00ff00');
    const res = await upload(h, bearer(owner), key, { meta: sampleMeta({ title: 'original body' }), file: { bytes: other } });
    expect(res.status).toBe(422);
    expect((await problem(res)).code).toBe('idempotency_key_reused');
    const metaChanged = await upload(h, bearer(owner), key, { meta: sampleMeta({ title: 'another title' }), file: { bytes: png } });
    expect((await problem(metaChanged)).code).toBe('idempotency_key_reused');
    expect(h.db.count('captures', "title in ('original body', 'another title')")).toBe(1);
    expect(blobFiles(h.dataDir).length).toBe(before);
    expect(existsSync(blobPath(h.dataDir, sha256(other)))).toBe(false);
  });

  it('concurrent requests with one key produce exactly one row and one receipt', async () => {
    const key = randomUUID();
    const bytes = await pngBytes(300, 200, '#123456');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => upload(h, bearer(owner), key, { meta: sampleMeta({ title: 'race' }), file: { bytes } })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const receipts = await Promise.all(responses.map((r) => r.json() as Promise<CaptureReceipt>));
    expect(new Set(receipts.map((r) => r.id)).size).toBe(1);
    expect(h.db.count('captures', "title = 'race'")).toBe(1);
    expect(h.db.count('idempotency_keys', 'key = ?', key)).toBe(1);
  });

  it('scopes keys per user: another user may use the same key', async () => {
    const key = randomUUID();
    const monitor = await loginBearer(h, 'monitor@demo.test');
    expect((await upload(h, bearer(owner), key, { meta: sampleMeta({ title: 'k1' }), file: { bytes: png } })).status).toBe(201);
    expect((await upload(h, bearer(monitor), key, { meta: sampleMeta({ title: 'k2' }), file: { bytes: png } })).status).toBe(201);
  });

  it('accepts a cookie session with its CSRF token, and refuses it without', async () => {
    const session = await loginCookie(h, 'monitor@demo.test');
    const ok = await upload(h, cookieHeaders(session), randomUUID(), { meta: sampleMeta({ title: 'via cookie' }), file: { bytes: png } });
    expect(ok.status).toBe(201);
    const refused = await upload(h, cookieHeaders(session, false), randomUUID(), { meta: sampleMeta({ title: 'no csrf' }), file: { bytes: png } });
    expect(refused.status).toBe(403);
    expect((await problem(refused)).code).toBe('csrf_failed');
    expect(h.db.count('captures', "title = 'no csrf'")).toBe(0);
  });
});

describe('POST /api/captures — bad input writes nothing', () => {
  let h: Harness;
  let owner: string;
  let png: Uint8Array<ArrayBuffer>;
  // The demo seed stores its rights' proof documents; nothing may join them.
  let seededBlobs: string[];
  beforeAll(async () => {
    h = await createHarness();
    owner = await loginBearer(h, 'owner@demo.test');
    png = await pngBytes(64, 64);
    seededBlobs = blobFiles(h.dataDir);
  });
  afterAll(() => h.close());

  const expectNothingWritten = () => {
    expect(h.db.count('captures')).toBe(0);
    expect(h.db.count('idempotency_keys')).toBe(0);
    expect(blobFiles(h.dataDir)).toEqual(seededBlobs);
  };

  const cases: Array<{ name: string; status: number; code: string; send: () => Response | Promise<Response>; path?: string }> = [
    { name: 'no token', status: 401, code: 'unauthenticated', send: () => upload(h, {}, randomUUID(), { meta: sampleMeta(), file: { bytes: png } }) },
    { name: 'bad token', status: 401, code: 'unauthenticated', send: () => upload(h, bearer('forged'), randomUUID(), { meta: sampleMeta(), file: { bytes: png } }) },
    { name: 'no Idempotency-Key', status: 400, code: 'missing_idempotency_key', send: () => upload(h, bearer(owner), undefined, { meta: sampleMeta(), file: { bytes: png } }) },
    { name: 'non-UUID Idempotency-Key', status: 400, code: 'invalid_idempotency_key', send: () => upload(h, bearer(owner), 'abc', { meta: sampleMeta(), file: { bytes: png } }) },
    { name: 'malformed meta JSON', status: 400, code: 'malformed_json', send: () => upload(h, bearer(owner), randomUUID(), { metaText: '{"url": ', file: { bytes: png } }) },
    {
      name: 'missing meta field',
      status: 400,
      code: 'validation_failed',
      path: 'meta.url',
      send: () => {
        const { url: _url, ...rest } = sampleMeta();
        return upload(h, bearer(owner), randomUUID(), { meta: rest, file: { bytes: png } });
      },
    },
    {
      name: 'extra meta field',
      status: 400,
      code: 'validation_failed',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: { ...sampleMeta(), tenantId: 'someone-else' }, file: { bytes: png } }),
    },
    {
      name: 'non-http URL',
      status: 400,
      code: 'validation_failed',
      path: 'meta.url',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta({ url: 'javascript:alert(1)' }), file: { bytes: png } }),
    },
    { name: 'missing meta', status: 400, code: 'validation_failed', path: 'meta', send: () => upload(h, bearer(owner), randomUUID(), { file: { bytes: png } }) },
    {
      name: 'unexpected form field',
      status: 400,
      code: 'validation_failed',
      path: 'tenant',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes: png }, extra: [['tenant', 'x']] }),
    },
    {
      name: 'two screenshots',
      status: 400,
      code: 'validation_failed',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes: png }, extra: [['screenshot', new Blob([png], { type: 'image/png' })]] }),
    },
    { name: 'missing screenshot', status: 400, code: 'missing_file', send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta() }) },
    {
      name: 'screenshot sent as text',
      status: 400,
      code: 'missing_file',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), extra: [['screenshot', 'iVBORw0KGgo=']] }),
    },
    { name: 'empty file', status: 422, code: 'empty_file', send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes: new Uint8Array(0) } }) },
    {
      name: 'a text file',
      status: 415,
      code: 'unsupported_file_type',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes: new TextEncoder().encode('hello, not an image') as Uint8Array<ArrayBuffer>, name: 'a.png' } }),
    },
    {
      name: 'a PDF',
      status: 415,
      code: 'unsupported_file_type',
      send: () =>
        upload(h, bearer(owner), randomUUID(), {
          meta: sampleMeta(),
          file: { bytes: new TextEncoder().encode('%PDF-1.7\n%fake') as Uint8Array<ArrayBuffer>, name: 'a.pdf', type: 'application/pdf' },
        }),
    },
    {
      name: 'PNG bytes named .jpg',
      status: 422,
      code: 'file_type_mismatch',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes: png, name: 'shot.jpg', type: 'image/png' } }),
    },
    {
      name: 'PNG bytes declared image/jpeg',
      status: 422,
      code: 'file_type_mismatch',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes: png, name: 'shot.png', type: 'image/jpeg' } }),
    },
    {
      name: 'truncated PNG',
      status: 422,
      code: 'image_unreadable',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes: png.slice(0, 60) } }),
    },
    {
      name: 'PNG claiming 400 megapixels',
      status: 422,
      code: 'image_too_large',
      send: () => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes: hugeDimensionPng() } }),
    },
    {
      name: 'screenshot over the file cap (body under the body cap)',
      status: 413,
      code: 'payload_too_large',
      send: () => {
        const bytes = new Uint8Array(LIMITS.screenshotMaxBytes + 1);
        bytes.set(png.subarray(0, 8));
        return upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes } });
      },
    },
    {
      name: 'body over the body cap',
      status: 413,
      code: 'payload_too_large',
      send: () => {
        const bytes = new Uint8Array(LIMITS.captureBodyMaxBytes + 1024);
        bytes.set(png.subarray(0, 8));
        return upload(h, bearer(owner), randomUUID(), { meta: sampleMeta(), file: { bytes } });
      },
    },
    {
      name: 'chunked body over the cap without Content-Length',
      status: 413,
      code: 'payload_too_large',
      send: () => {
        const chunk = new Uint8Array(1024 * 1024).fill(0x41);
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent > LIMITS.captureBodyMaxBytes + 2 * chunk.byteLength) return controller.close();
            controller.enqueue(chunk);
            sent += chunk.byteLength;
          },
        });
        const init = {
          method: 'POST',
          headers: { ...bearer(owner), [IDEMPOTENCY_HEADER]: randomUUID(), 'Content-Type': 'multipart/form-data; boundary=abc' },
          body,
          duplex: 'half',
        } as RequestInit;
        expect(new Headers(init.headers).has('content-length')).toBe(false);
        return h.app.request('/api/captures', init);
      },
    },
    {
      name: 'a JSON body instead of multipart',
      status: 400,
      code: 'malformed_multipart',
      send: () =>
        h.app.request('/api/captures', {
          method: 'POST',
          headers: { ...bearer(owner), [IDEMPOTENCY_HEADER]: randomUUID(), 'Content-Type': 'application/json' },
          body: JSON.stringify(sampleMeta()),
        }),
    },
    {
      name: 'a broken multipart body',
      status: 400,
      code: 'malformed_multipart',
      send: () =>
        h.app.request('/api/captures', {
          method: 'POST',
          headers: { ...bearer(owner), [IDEMPOTENCY_HEADER]: randomUUID(), 'Content-Type': 'multipart/form-data; boundary=xyz' },
          body: '--xyz\r\nContent-Disposition: form-data; name="meta"\r\n\r\n{}\r\n--xy',
        }),
    },
  ];

  it.each(cases)('$name → $status $code', async ({ send, status, code, path: fieldPath }) => {
    const res = await send();
    expect(res.status).toBe(status);
    const body = await problem(res);
    expect(body.code).toBe(code);
    expect(body.status).toBe(status);
    if (fieldPath) expect(body.errors?.map((e) => e.path)).toContain(fieldPath);
    expectNothingWritten();
  });

  it('staff cannot create captures (403 forbidden)', async () => {
    const reviewer = await loginBearer(h, 'reviewer@demo.test');
    const res = await upload(h, bearer(reviewer), randomUUID(), { meta: sampleMeta(), file: { bytes: png } });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe('forbidden');
    expectNothingWritten();
  });
});

describe('reading captures: tenancy, pagination, images', () => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness();
    for (const who of ['owner', 'monitor', 'seller', 'reviewer', 'admin']) tokens[who] = await loginBearer(h, `${who}@demo.test`);
    for (let i = 0; i < 5; i++) {
      const res = await upload(h, bearer(tokens.owner!), randomUUID(), {
        meta: sampleMeta({ title: `brand ${i}` }),
        file: { bytes: await pngBytes(400 + i, 300, `#10${i}0${i}0`) },
      });
      ids[`brand${i}`] = ((await res.json()) as CaptureReceipt).id;
    }
    const seller = await upload(h, bearer(tokens.seller!), randomUUID(), { meta: sampleMeta({ title: 'seller page' }), file: { bytes: await jpegBytes(200, 100), name: 'seller.jpg', type: 'image/jpeg' } });
    ids.seller = ((await seller.json()) as CaptureReceipt).id;
  });
  afterAll(() => h.close());

  const list = async (who: string, query = '') => {
    const res = await h.app.request(`/api/captures${query}`, { headers: bearer(tokens[who]!) });
    expect(res.status).toBe(200);
    return (await res.json()) as CaptureList;
  };

  it('customers list only their own tenant, newest first', async () => {
    const owner = await list('owner');
    expect(owner.items.map((c) => c.title)).toEqual(['brand 4', 'brand 3', 'brand 2', 'brand 1', 'brand 0']);
    expect(owner.nextCursor).toBeUndefined();
    expect((await list('monitor')).items).toHaveLength(5);
    expect((await list('seller')).items.map((c) => c.title)).toEqual(['seller page']);
  });

  it('reviewer and admin see every tenant', async () => {
    for (const who of ['reviewer', 'admin']) {
      const all = await list(who);
      expect(all.items).toHaveLength(6);
      expect(new Set(all.items.map((c) => c.tenantName))).toEqual(new Set(['Demo Brand Co.', 'Demo Seller Shop']));
    }
  });

  it('pages with an opaque cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list('reviewer', `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('refuses bad list parameters with validation_failed', async () => {
    for (const query of ['?limit=0', `?limit=${LIMITS.listPageMax + 1}`, '?limit=abc', '?cursor=not-a-cursor']) {
      const res = await h.app.request(`/api/captures${query}`, { headers: bearer(tokens.owner!) });
      expect(res.status, query).toBe(400);
      expect((await problem(res)).code).toBe('validation_failed');
    }
  });

  it('GET /api/captures/:id returns the capture in the contract shape', async () => {
    const res = await h.app.request(`/api/captures/${ids.brand0}`, { headers: bearer(tokens.monitor!) });
    expect(res.status).toBe(200);
    const capture = (await res.json()) as Capture;
    expect(capture).toMatchObject({
      id: ids.brand0,
      tenantName: 'Demo Brand Co.',
      createdBy: { email: 'owner@demo.test' },
      title: 'brand 0',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 2,
      screenshot: { mime: 'image/png', width: 400, height: 300 },
      receipt: { id: ids.brand0 },
    });
    expect(capture.receipt.sha256).toBe(capture.screenshot.sha256);
  });

  it("another tenant's capture is a 404, on every read route", async () => {
    for (const suffix of ['', '/image', '/image?size=thumb', '/original']) {
      const res = await h.app.request(`/api/captures/${ids.brand0}${suffix}`, { headers: bearer(tokens.seller!) });
      expect(res.status, suffix).toBe(404);
      expect((await problem(res)).code).toBe('not_found');
    }
    const reverse = await h.app.request(`/api/captures/${ids.seller}`, { headers: bearer(tokens.owner!) });
    expect(reverse.status).toBe(404);
    const missing = await h.app.request(`/api/captures/${randomUUID()}`, { headers: bearer(tokens.owner!) });
    expect(missing.status).toBe(404);
  });

  it('staff can read any tenant’s capture and its images', async () => {
    const res = await h.app.request(`/api/captures/${ids.seller}/image`, { headers: bearer(tokens.reviewer!) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it('serves the display PNG, the thumbnail and the original evidence', async () => {
    const id = ids.brand2!;
    const [row] = h.db.rows<{ display_sha256: string; thumb_sha256: string; screenshot_sha256: string }>(
      'select display_sha256, thumb_sha256, screenshot_sha256 from captures where id = ?',
      id,
    );
    const display = await h.app.request(`/api/captures/${id}/image`, { headers: bearer(tokens.owner!) });
    expect(display.headers.get('content-type')).toBe('image/png');
    const displayBytes = new Uint8Array(await display.arrayBuffer());
    expect(sha256(displayBytes)).toBe(row!.display_sha256);
    expect((await sharp(displayBytes).metadata()).width).toBe(402);

    const thumb = await h.app.request(`/api/captures/${id}/image?size=thumb`, { headers: bearer(tokens.owner!) });
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const thumbBytes = new Uint8Array(await thumb.arrayBuffer());
    expect(sha256(thumbBytes)).toBe(row!.thumb_sha256);
    expect((await sharp(thumbBytes).metadata()).width).toBeLessThanOrEqual(320);

    const original = await h.app.request(`/api/captures/${id}/original`, { headers: bearer(tokens.owner!) });
    expect(original.headers.get('content-disposition')).toMatch(/^attachment; filename="capture-.+\.png"$/);
    expect(sha256(new Uint8Array(await original.arrayBuffer()))).toBe(row!.screenshot_sha256);

    const badSize = await h.app.request(`/api/captures/${id}/image?size=huge`, { headers: bearer(tokens.owner!) });
    expect(badSize.status).toBe(400);
  });

  it('requires authentication to read', async () => {
    expect((await h.app.request('/api/captures')).status).toBe(401);
    expect((await h.app.request(`/api/captures/${ids.brand0}/original`)).status).toBe(401);
  });
});

describe('write rate limit', () => {
  it('refuses writes over the per-user budget with 429 and Retry-After', async () => {
    const h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 2 } });
    try {
      const owner = await loginBearer(h, 'owner@demo.test');
      const png = await pngBytes(32, 32);
      for (let i = 0; i < 2; i++) {
        expect((await upload(h, bearer(owner), randomUUID(), { meta: sampleMeta({ title: `w${i}` }), file: { bytes: png } })).status).toBe(201);
      }
      const res = await upload(h, bearer(owner), randomUUID(), { meta: sampleMeta({ title: 'w2' }), file: { bytes: png } });
      expect(res.status).toBe(429);
      expect((await problem(res)).code).toBe('rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(h.db.count('captures')).toBe(2);
      // Another user has their own budget.
      const monitor = await loginBearer(h, 'monitor@demo.test');
      expect((await upload(h, bearer(monitor), randomUUID(), { meta: sampleMeta(), file: { bytes: png } })).status).toBe(201);
    } finally {
      await h.close();
    }
  });
});
