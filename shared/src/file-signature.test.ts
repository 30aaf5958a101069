import { describe, expect, it } from 'vitest';
import { fileNameIsSafe, labelMatchesKind, sniffFileKind, trailingByteCount } from './file-signature';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const pdf = new TextEncoder().encode('%PDF-1.7\n');

describe('sniffFileKind', () => {
  it('recognises PNG, JPEG and PDF by their first bytes', () => {
    expect(sniffFileKind(png)).toBe('image/png');
    expect(sniffFileKind(jpeg)).toBe('image/jpeg');
    expect(sniffFileKind(pdf)).toBe('application/pdf');
  });

  it('refuses text, truncated signatures and empty input', () => {
    expect(sniffFileKind(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffFileKind(png.subarray(0, 7))).toBeUndefined();
    expect(sniffFileKind(new Uint8Array())).toBeUndefined();
    expect(sniffFileKind(Uint8Array.from([0xff, 0xd8]))).toBeUndefined();
  });
});

describe('labelMatchesKind', () => {
  it('accepts honest labels and missing labels', () => {
    expect(labelMatchesKind('image/png', 'shot.png', 'image/png')).toBe(true);
    expect(labelMatchesKind('image/png', 'SHOT.PNG', 'image/png; charset=binary')).toBe(true);
    expect(labelMatchesKind('image/jpeg', 'a.jpeg', 'image/jpg')).toBe(true);
    expect(labelMatchesKind('image/jpeg', 'a.jpg', undefined)).toBe(true);
    expect(labelMatchesKind('image/png', undefined, 'application/octet-stream')).toBe(true);
    expect(labelMatchesKind('image/png', 'blob', '')).toBe(true);
  });

  it('refuses a lying extension or content type', () => {
    expect(labelMatchesKind('image/png', 'shot.jpg', 'image/png')).toBe(false);
    expect(labelMatchesKind('image/png', 'shot.png', 'image/jpeg')).toBe(false);
    expect(labelMatchesKind('image/jpeg', 'x.png', undefined)).toBe(false);
    expect(labelMatchesKind('image/png', 'evil.png.exe', 'image/png')).toBe(false);
  });
});

describe('trailingByteCount', () => {
  const bytes = (...parts: Array<number[] | string>) => Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
  const chunk = (type: string, length: number) => [[0, 0, 0, length], type, new Array(length + 4).fill(0)].flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part));
  const pngFile = bytes([...png.subarray(0, 8)], chunk('IHDR', 13), chunk('tEXt', 5), chunk('IDAT', 3), chunk('IEND', 0));
  // SOI, APP0, a frame, two scans (progressive) whose data holds a stuffed 0xFF00 and a restart marker, EOI.
  const jpegFile = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2, 0xff, 0xc2, 0, 3, 9, 0xff, 0xda, 0, 3, 7, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd3, 0x56, 0xff, 0xc4, 0, 3, 1, 0xff, 0xff, 0xda, 0, 3, 7, 0x99, 0xff, 0xd9]);

  it('is zero for whole files, including a progressive JPEG and a PDF with an incremental update', () => {
    expect(trailingByteCount(pngFile, 'image/png')).toBe(0);
    expect(trailingByteCount(jpegFile, 'image/jpeg')).toBe(0);
    expect(trailingByteCount(bytes('%PDF-1.4\n%%EOF\n1 0 obj\n%%EOF\r\n'), 'application/pdf')).toBe(0);
  });

  it('counts what follows the end: a zip or a page appended to the file', () => {
    expect(trailingByteCount(bytes([...pngFile], 'PK\u0003\u0004'), 'image/png')).toBe(4);
    expect(trailingByteCount(bytes([...jpegFile], '<html>'), 'image/jpeg')).toBe(6);
    expect(trailingByteCount(bytes('%PDF-1.4\n%%EOF\nPK'), 'application/pdf')).toBe(2);
  });

  it('leaves a file with no end to the decoder', () => {
    expect(trailingByteCount(pngFile.subarray(0, pngFile.length - 12), 'image/png')).toBeUndefined();
    expect(trailingByteCount(jpegFile.subarray(0, jpegFile.length - 2), 'image/jpeg')).toBeUndefined();
    expect(trailingByteCount(bytes('%PDF-1.4\n'), 'application/pdf')).toBeUndefined();
  });
});

describe('fileNameIsSafe', () => {
  it('accepts base names, in any script, and no name at all', () => {
    for (const name of ['shot.png', '营业执照 2024.pdf', 'a..b.jpg', '.hidden.png', undefined, '']) expect(fileNameIsSafe(name)).toBe(true);
  });

  it('refuses paths, control characters and direction overrides', () => {
    for (const name of ['../../etc/passwd.png', '/etc/passwd.png', 'C:\\x\\y.png', 'a\u0000.png', 'a\nb.png', 'invoice\u202Egnp.exe.png', '..', '.']) {
      expect(fileNameIsSafe(name)).toBe(false);
    }
  });
});
