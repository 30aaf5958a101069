import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { noisePng, variants } from './noise-png';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('benchmark upload fixtures', () => {
  it('makes a PNG of about the asked size that sharp decodes strictly', async () => {
    const { png, width, height } = await noisePng(500 * 1024);
    expect(png.byteLength).toBeGreaterThan(490 * 1024);
    expect(png.byteLength).toBeLessThan(520 * 1024);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', width, height]);
  });

  it('derives distinct, valid PNGs whose pixels and thumbnails differ', async () => {
    const { png } = await noisePng(200 * 1024);
    const next = variants(png);
    const [one, two] = [next(), next()];
    expect(new Set([sha256(png), sha256(one), sha256(two)]).size).toBe(3);
    // failOn 'error' refuses a bad CRC or zlib checksum, as the upload route does.
    const decode = (bytes: Buffer) => sharp(bytes, { failOn: 'error' }).raw().toBuffer();
    const [base, a, b] = await Promise.all([decode(png), decode(one), decode(two)]);
    expect(a.byteLength).toBe(base.byteLength);
    expect(a.subarray(64)).toEqual(base.subarray(64));
    expect(a.subarray(0, 64)).not.toEqual(base.subarray(0, 64));
    expect(a.subarray(0, 64)).not.toEqual(b.subarray(0, 64));
    const thumb = (bytes: Buffer) => sharp(bytes).resize({ width: 320 }).webp({ quality: 80 }).toBuffer();
    expect(sha256(await thumb(one))).not.toBe(sha256(await thumb(two)));
  });
});
