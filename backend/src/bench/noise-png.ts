/**
 * Upload fixtures for the benchmarks: one real PNG of random pixels, encoded
 * by sharp, and a cheap way to derive as many distinct PNGs from it as a run
 * sends. Distinct bytes matter: the blob store skips bytes it already holds,
 * so re-sending one file would measure a deduplicated write, not an upload.
 * Distinct pixels matter too: the display and thumbnail renditions are blobs
 * of their own.
 */
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

const SIGNATURE_BYTES = 8;
const ADLER_MOD = 65_521;
/** Pixel bytes rewritten per variant: enough to change the thumbnail too, not only the full-size image. */
const PATCHED_BYTES = 64;

interface Chunk {
  type: string;
  /** Offset of the chunk's data in the file. */
  dataStart: number;
  length: number;
}

function chunksOf(png: Uint8Array): Chunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  for (let at = SIGNATURE_BYTES; at < png.byteLength; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    chunks.push({ type, dataStart: at + 8, length });
    at += 12 + length;
  }
  return chunks;
}

/**
 * A PNG of uniformly random RGB pixels, about `targetBytes` long. Noise does
 * not compress, so its size is its pixel count, as with a busy screenshot;
 * it is written without deflate compression (stored blocks) so that
 * `variants` can rewrite pixels in place.
 */
export async function noisePng(targetBytes = 500 * 1024): Promise<{ png: Buffer; width: number; height: number }> {
  const width = 480;
  const height = Math.max(1, Math.round(targetBytes / (width * 3 + 1)));
  const png = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0, adaptiveFiltering: false })
    .toBuffer();
  return { png, width, height };
}

/**
 * Returns `next()`, which yields a new, valid PNG on every call: a copy of
 * `png` whose first pixel bytes carry a counter, with the zlib checksum and the
 * chunk CRCs brought up to date. No re-encoding, so it costs the sending side
 * a copy, not CPU taken from the server under test.
 */
export function variants(png: Buffer): () => Buffer {
  const idats = chunksOf(png).filter((chunk) => chunk.type === 'IDAT');
  const stream = Buffer.concat(idats.map((chunk) => png.subarray(chunk.dataStart, chunk.dataStart + chunk.length)));
  // zlib header (2 bytes), then the first deflate block must be a stored one: BTYPE 00, LEN, NLEN.
  const blockHeader = stream[2]!;
  if ((blockHeader & 0b110) !== 0) throw new Error('the first deflate block is not stored: encode with compressionLevel 0');
  const storedLength = stream.readUInt16LE(3);
  if ((storedLength ^ stream.readUInt16LE(5)) !== 0xffff) throw new Error('malformed stored block header');
  // Skip the first row's filter byte; patch the pixel bytes after it.
  const firstRaw = 1;
  if (storedLength < firstRaw + PATCHED_BYTES) throw new Error('first stored block too short');
  const rawStart = 7; // offset in the stream of uncompressed byte 0
  // Uncompressed length, for the Adler-32 update: the sum of every stored block's LEN.
  let rawLength = 0;
  for (let at = 2; ; ) {
    const header = stream[at]!;
    const len = stream.readUInt16LE(at + 1);
    rawLength += len;
    at += 5 + len;
    if (header & 1) break;
  }
  const adlerAt = stream.length - 4;
  const adler = stream.readUInt32BE(adlerAt);

  /** Maps an offset in the concatenated IDAT stream to the file, and names the chunk it is in. */
  const locate = (offset: number): { file: number; chunk: number } => {
    let rest = offset;
    for (const [index, chunk] of idats.entries()) {
      if (rest < chunk.length) return { file: chunk.dataStart + rest, chunk: index };
      rest -= chunk.length;
    }
    throw new Error(`offset ${offset} is past the image data`);
  };

  let counter = 0;
  return () => {
    counter += 1;
    const copy = Buffer.from(png);
    const touched = new Set<number>();
    let a = adler & 0xffff;
    let b = adler >>> 16;
    const seed = randomBytes(PATCHED_BYTES);
    seed.writeUInt32BE(counter >>> 0, 0);
    for (let i = 0; i < PATCHED_BYTES; i++) {
      const raw = firstRaw + i;
      const { file, chunk } = locate(rawStart + raw);
      const delta = seed[i]! - copy[file]!;
      copy[file] = seed[i]!;
      touched.add(chunk);
      // Adler-32 is linear in each byte: A gains delta, B gains delta × (bytes from here to the end).
      a = (((a + delta) % ADLER_MOD) + ADLER_MOD) % ADLER_MOD;
      b = (((b + delta * (rawLength - raw)) % ADLER_MOD) + ADLER_MOD) % ADLER_MOD;
    }
    const { file: adlerFile, chunk: adlerChunk } = locate(adlerAt);
    // The checksum may straddle two IDAT chunks; write it byte by byte.
    const checksum = ((b << 16) | a) >>> 0;
    for (let i = 0; i < 4; i++) {
      const { file, chunk } = i === 0 ? { file: adlerFile, chunk: adlerChunk } : locate(adlerAt + i);
      copy[file] = (checksum >>> (24 - 8 * i)) & 0xff;
      touched.add(chunk);
    }
    for (const index of touched) {
      const chunk = idats[index]!;
      const crc = crc32(copy.subarray(chunk.dataStart - 4, chunk.dataStart + chunk.length));
      copy.writeUInt32BE(crc >>> 0, chunk.dataStart + chunk.length);
    }
    return copy;
  };
}
