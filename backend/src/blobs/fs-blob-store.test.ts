import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../lib/crypto';
import { createFsBlobStore } from './fs-blob-store';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'openipp-blobs-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('fs blob store', () => {
  it('stores bytes under their sha256 and reads them back', async () => {
    const blobs = createFsBlobStore(root);
    const bytes = new TextEncoder().encode('evidence bytes');
    const sha = await blobs.put(bytes);
    expect(sha).toBe(sha256Hex(bytes));
    const file = path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
    expect(sha256Hex(readFileSync(file))).toBe(sha);
    expect(await blobs.has(sha)).toBe(true);
    expect(Buffer.from((await blobs.get(sha))!).toString()).toBe('evidence bytes');
  });

  it('is idempotent, including for concurrent puts, and leaves no temp files', async () => {
    const blobs = createFsBlobStore(root);
    const bytes = new Uint8Array(100_000).fill(7);
    const shas = await Promise.all([blobs.put(bytes), blobs.put(bytes), blobs.put(bytes)]);
    expect(new Set(shas).size).toBe(1);
    const dir = path.join(root, shas[0]!.slice(0, 2), shas[0]!.slice(2, 4));
    expect(readdirSync(dir)).toEqual([shas[0]]);
  });

  it('answers absent for unknown hashes and rejects non-hash keys', async () => {
    const blobs = createFsBlobStore(root);
    const unknown = 'a'.repeat(64);
    expect(await blobs.has(unknown)).toBe(false);
    expect(await blobs.get(unknown)).toBeUndefined();
    await expect(blobs.get('../../etc/passwd')).rejects.toThrow(/not a sha256/);
  });
});
