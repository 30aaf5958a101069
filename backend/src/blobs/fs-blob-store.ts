import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../lib/crypto';
import { SHA256_HEX, type BlobStore } from './blob-store';

/** Persists the rename itself; without it a crash can forget a blob whose row was committed. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Filesystem adapter: `<root>/ab/cd/<sha256>`. Writes go to a temp file in
 * the same directory and are renamed into place, so a reader never sees a
 * half-written blob and concurrent puts of the same bytes are harmless.
 */
export function createFsBlobStore(root: string): BlobStore {
  const pathFor = (sha256: string): string => {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  const has = async (sha256: string): Promise<boolean> => {
    try {
      await fs.access(pathFor(sha256));
      return true;
    } catch {
      return false;
    }
  };

  return {
    has,
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      if (await has(sha256)) return sha256;
      const target = pathFor(sha256);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
      await syncDirectory(path.dirname(target));
      return sha256;
    },
    async get(sha256) {
      try {
        return new Uint8Array(await fs.readFile(pathFor(sha256)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
