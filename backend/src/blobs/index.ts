import path from 'node:path';
import { createFsBlobStore } from './fs-blob-store';

export type { BlobStore } from './blob-store';
export { createFsBlobStore } from './fs-blob-store';

export function openBlobStore(dataDir: string) {
  return createFsBlobStore(path.join(dataDir, 'blobs'));
}
