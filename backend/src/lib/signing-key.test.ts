import { createHash, createPublicKey, verify } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, openRuntime } from '../app';
import { defaultConfig } from '../env';
import { runInChild } from '../testing/child';
import { SIGNING_KEY_FILE, loadSigningKey, parsePublicKey, verifySignature } from './signing-key';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'openipp-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const keyIdInChild = (dataDir: string) =>
  runInChild(`const { loadSigningKey } = await import('./src/lib/signing-key.ts'); process.stdout.write(loadSigningKey(process.env.KEY_DIR).publicKey.keyId);`, { KEY_DIR: dataDir });

describe('the evidence-signing key', () => {
  it('is created once, owner-only, and reused by every later load', () => {
    const dir = tempDir();
    const first = loadSigningKey(dir);
    const file = path.join(dir, SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const pem = readFileSync(file, 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const second = loadSigningKey(dir);
    expect(second.publicKey).toEqual(first.publicKey);
    expect(readFileSync(file, 'utf8')).toBe(pem);
    // No temporary files are left beside it.
    expect(readdirSync(dir)).toEqual([SIGNING_KEY_FILE]);
  });

  it('publishes a key id that is the SHA-256 of the SPKI DER, and raw bytes that match the PEM', () => {
    const { publicKey } = loadSigningKey(tempDir());
    const key = createPublicKey(publicKey.pem);
    expect(key.asymmetricKeyType).toBe('ed25519');
    const der = key.export({ type: 'spki', format: 'der' });
    expect(publicKey.keyId).toBe(createHash('sha256').update(der).digest('hex'));
    // SPKI for Ed25519 is a fixed 12-byte prefix and the 32 raw key bytes.
    expect(Buffer.from(publicKey.raw, 'base64')).toEqual(der.subarray(12));
  });

  it('signs with Ed25519 so that node:crypto verifies against the public key alone', () => {
    const key = loadSigningKey(tempDir());
    const signature = key.sign('{"a":1}');
    const publicKey = createPublicKey(key.publicKey.pem);
    expect(verify(null, Buffer.from('{"a":1}'), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(verifySignature(parsePublicKey(key.publicKey.pem), '{"a":2}', signature)).toBe(false);
    expect(verifySignature(parsePublicKey(key.publicKey.pem), '{"a":1}', 'not a signature')).toBe(false);
  });

  it('is the same key in two app instances and in another process on the same DATA_DIR', async () => {
    const dataDir = tempDir();
    const published = async () => {
      const runtime = openRuntime(defaultConfig({ dataDir }));
      try {
        const res = await createApp({ config: defaultConfig({ dataDir }), ...runtime }).request('/api/evidence/public-key');
        expect(res.status).toBe(200);
        return (await res.json()) as { keyId: string; publicKeyPem: string };
      } finally {
        await runtime.store.close();
      }
    };
    const first = await published();
    const second = await published();
    expect(second).toEqual(first);
    expect(await keyIdInChild(dataDir)).toBe(first.keyId);
  });

  it('two processes starting together on a fresh DATA_DIR end up with one key', async () => {
    const dataDir = tempDir();
    const [a, b] = await Promise.all([keyIdInChild(dataDir), keyIdInChild(dataDir)]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(readdirSync(dataDir)).toEqual([SIGNING_KEY_FILE]);
  });

  it('tightens a key file with loose permissions, and refuses a damaged one instead of replacing it', () => {
    const dir = tempDir();
    const file = path.join(dir, SIGNING_KEY_FILE);
    const original = loadSigningKey(dir).publicKey.keyId;
    chmodSync(file, 0o644);
    expect(loadSigningKey(dir).publicKey.keyId).toBe(original);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    writeFileSync(file, 'not a key');
    expect(() => loadSigningKey(dir)).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('not a key');
  });
});

