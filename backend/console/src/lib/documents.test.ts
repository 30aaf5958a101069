import { DOCUMENT_MAX_BYTES } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { checkDocument } from './documents';

const PDF = new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const DOCX = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]);

describe('checkDocument', () => {
  it('accepts PDF, PNG and JPEG by their first bytes', async () => {
    expect(await checkDocument(new File([PDF], 'licence.pdf', { type: 'application/pdf' }))).toEqual({ name: 'licence.pdf', kind: 'application/pdf' });
    expect((await checkDocument(new File([PNG], 'id-front.PNG', { type: 'image/png' }))).kind).toBe('image/png');
    expect((await checkDocument(new File([JPEG], 'passport.jpeg', { type: '' }))).problem).toBeUndefined();
  });

  it('names the file it refuses and says why', async () => {
    expect(await checkDocument(new File([DOCX], 'licence.pdf', { type: 'application/pdf' }))).toEqual({ name: 'licence.pdf', problem: 'unsupported' });
    expect(await checkDocument(new File([PNG], 'scan.pdf', { type: 'application/pdf' }))).toEqual({ name: 'scan.pdf', kind: 'image/png', problem: 'mismatch' });
    expect((await checkDocument(new File([], 'empty.pdf'))).problem).toBe('empty');
    const big = new File([PDF, new Uint8Array(DOCUMENT_MAX_BYTES)], 'huge.pdf', { type: 'application/pdf' });
    expect((await checkDocument(big)).problem).toBe('too_large');
  });
});
