import { describe, expect, it } from 'vitest';
import { labelMatchesKind, sniffFileKind } from './file-signature';

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
