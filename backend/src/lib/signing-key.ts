/**
 * The server's Ed25519 evidence-signing key (issue #7 part 5). Created at the
 * first start and kept in DATA_DIR as a PKCS#8 PEM file readable by the
 * server's user only; every later start, and every other process on the same
 * DATA_DIR, loads that same key, so receipts stay verifiable against one
 * published public key. It lives beside the database, never in it, so no
 * dump of the database carries it.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomToken } from './crypto';

export const SIGNING_KEY_FILE = 'evidence-signing-key.pem';

export interface PublicSigningKey {
  /** SPKI, PEM. */
  pem: string;
  /** The 32 raw key bytes, base64. */
  raw: string;
  /** SHA-256 (hex) of the SPKI DER: `openssl pkey -pubin -in public-key.pem -outform DER | sha256sum`. */
  keyId: string;
}

export interface SigningKey {
  publicKey: PublicSigningKey;
  /** Ed25519 signature (base64) over the UTF-8 bytes of `text`. */
  sign(text: string): string;
}

export function describePublicKey(key: KeyObject): PublicSigningKey {
  const der = key.export({ type: 'spki', format: 'der' });
  const jwk = key.export({ format: 'jwk' });
  if (key.asymmetricKeyType !== 'ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return {
    pem: key.export({ type: 'spki', format: 'pem' }).toString(),
    raw: Buffer.from(jwk.x, 'base64url').toString('base64'),
    keyId: createHash('sha256').update(der).digest('hex'),
  };
}

/** Parses an SPKI PEM; throws on anything but an Ed25519 public key. */
export function parsePublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return key;
}

export function verifySignature(key: KeyObject, text: string, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  // Ed25519 signatures are 64 bytes; anything else (or text that is not base64) is simply not valid.
  if (bytes.length !== 64) return false;
  return verify(null, Buffer.from(text, 'utf8'), key, bytes);
}

/**
 * Writes a new key under a temporary name, then hard-links it into place:
 * the link fails if the file already exists, so when two processes start on
 * a fresh DATA_DIR together exactly one key wins and both use it, and no
 * reader ever sees a half-written file.
 */
function createKeyFile(file: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const temporary = `${file}.${randomToken()}.tmp`;
  writeFileSync(temporary, pem, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Loads the key in `dataDir`, creating it on first use. A key file that
 * exists but cannot be read as an Ed25519 private key stops the start: a
 * silently replaced key would orphan every receipt signed before.
 */
export function loadSigningKey(dataDir: string): SigningKey {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  try {
    statSync(file);
  } catch {
    createKeyFile(file);
  }
  // Owner-only, also for a key copied in from a backup with looser modes.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const publicKey = describePublicKey(createPublicKey(privateKey));
  return {
    publicKey,
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
  };
}
