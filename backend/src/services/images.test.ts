import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegBytes, pngBytes } from '../testing/harness';
import { makeRenditions, THUMB_MAX_WIDTH } from './images';

/** A screenshot-like image: a flat background with shapes, as RGBA. */
async function screenshot(width: number, height: number): Promise<Buffer> {
  const shapes = `<svg width="${width}" height="${height}"><rect x="10" y="10" width="${Math.floor(width / 2)}" height="${Math.floor(height / 3)}" fill="#d33"/><circle cx="${Math.floor(width * 0.75)}" cy="${Math.floor(height / 2)}" r="${Math.floor(height / 5)}" fill="#36c"/></svg>`;
  return sharp({ create: { width, height, channels: 4, background: '#ffffff' } })
    .composite([{ input: Buffer.from(shapes) }])
    .png()
    .toBuffer();
}

const rawPixels = (bytes: Uint8Array) => sharp(bytes).ensureAlpha().raw().toBuffer();

describe('makeRenditions', () => {
  it('re-encodes the display image as a PNG with the same pixels and size, and none of the metadata', async () => {
    const original = await sharp(await screenshot(1000, 700))
      .withExif({ IFD0: { ImageDescription: 'carried-through-marker' } })
      .png()
      .toBuffer();
    expect(original.includes('carried-through-marker')).toBe(true);
    const renditions = await makeRenditions(original);
    expect([renditions.width, renditions.height]).toEqual([1000, 700]);
    expect(await sharp(renditions.display).metadata()).toMatchObject({ format: 'png', width: 1000, height: 700 });
    // A new file, not the uploaded bytes: the uploader's chunks stay behind, every pixel comes through.
    expect(renditions.display.includes('carried-through-marker')).toBe(false);
    expect((await rawPixels(renditions.display)).equals(await rawPixels(original))).toBe(true);
  });

  it('makes a WebP thumbnail at most THUMB_MAX_WIDTH wide, keeping the aspect ratio', async () => {
    const { thumb } = await makeRenditions(await screenshot(1000, 700));
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: THUMB_MAX_WIDTH, height: 224 });
    // What it shows: the red block at the top left stays red.
    const { data, info } = await sharp(thumb).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [r, g, b] = at(40, 30);
    expect(r).toBeGreaterThan(180);
    expect(g).toBeLessThan(90);
    expect(b).toBeLessThan(90);
  });

  it('does not enlarge a narrow image for its thumbnail', async () => {
    const renditions = await makeRenditions(await pngBytes(200, 150));
    expect(await sharp(renditions.thumb).metadata()).toMatchObject({ format: 'webp', width: 200, height: 150 });
  });

  it('takes JPEG uploads and still displays them as PNG', async () => {
    const renditions = await makeRenditions(await jpegBytes(640, 480));
    expect([renditions.width, renditions.height]).toEqual([640, 480]);
    expect((await sharp(renditions.display).metadata()).format).toBe('png');
    expect((await sharp(renditions.thumb).metadata()).format).toBe('webp');
  });

  it('refuses a truncated file as unreadable', async () => {
    const whole = await screenshot(800, 600);
    await expect(makeRenditions(whole.subarray(0, Math.floor(whole.byteLength / 2)))).rejects.toMatchObject({ code: 'image_unreadable' });
  });

  it('refuses an image over the pixel cap as too large', async () => {
    await expect(makeRenditions(await pngBytes(400, 300), 400 * 300 - 1)).rejects.toMatchObject({ code: 'image_too_large' });
  });
});
