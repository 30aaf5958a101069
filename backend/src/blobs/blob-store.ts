/**
 * Content-addressed storage for evidence bytes. The key is the SHA-256 of the
 * content, so a put is idempotent and a get can be verified by re-hashing.
 */
export interface BlobStore {
  /** Stores the bytes (no-op when already present) and returns their SHA-256 (hex). */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes, or undefined when absent. */
  get(sha256: string): Promise<Uint8Array<ArrayBuffer> | undefined>;
  has(sha256: string): Promise<boolean>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
