import { describe, expect, it } from 'vitest';
import { DeclaredArtefactListSchema, looksLikeMhtml } from './artefacts';

const bytes = (text: string) => new TextEncoder().encode(text);
const HASH = (c: string) => c.repeat(64);

describe('looksLikeMhtml', () => {
  it("takes Chrome's MHTML head, folded Content-Type included", () => {
    const head = 'From: <Saved by Blink>\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="b"\r\n\r\n--b\r\n';
    expect(looksLikeMhtml(bytes(head))).toBe(true);
    expect(looksLikeMhtml(bytes(head.replaceAll('\r\n', '\n')))).toBe(true);
  });

  it('refuses HTML, a PNG, a header block without MIME-Version, or another multipart type', () => {
    expect(looksLikeMhtml(bytes('<html><body>x</body></html>\n\n'))).toBe(false);
    expect(looksLikeMhtml(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
    expect(looksLikeMhtml(bytes('From: x\r\nContent-Type: multipart/related\r\n\r\n'))).toBe(false);
    expect(looksLikeMhtml(bytes('MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n'))).toBe(false);
    expect(looksLikeMhtml(bytes('MIME-Version: 1.0\r\nContent-Type: multipart/related'))).toBe(false);
  });
});

describe('DeclaredArtefactListSchema', () => {
  const tile = (sequence: number, c = 'a') => ({ kind: 'tile', sha256: HASH(c), bytes: 10, mime: 'image/png', sequence });
  const archive = (c = 'b') => ({ kind: 'page_archive', sha256: HASH(c), bytes: 10, mime: 'multipart/related' });

  it('takes tiles and one archive', () => {
    expect(DeclaredArtefactListSchema.safeParse([tile(0), tile(1, 'c'), archive()]).success).toBe(true);
  });

  it('refuses two archives, repeated tile positions, wrong MIME types, oversize archives and unknown keys', () => {
    expect(DeclaredArtefactListSchema.safeParse([archive(), archive('c')]).success).toBe(false);
    expect(DeclaredArtefactListSchema.safeParse([tile(0), tile(0, 'c')]).success).toBe(false);
    expect(DeclaredArtefactListSchema.safeParse([{ ...tile(0), mime: 'image/jpeg' }]).success).toBe(false);
    expect(DeclaredArtefactListSchema.safeParse([{ ...archive(), bytes: 50 * 1024 * 1024 + 1 }]).success).toBe(false);
    expect(DeclaredArtefactListSchema.safeParse([{ ...archive(), extra: 1 }]).success).toBe(false);
  });
});
