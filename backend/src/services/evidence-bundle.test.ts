import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaptureReceipt } from '@openipp/shared';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKey } from '../lib/signing-key';
import { BACKEND_ROOT, REPO_ROOT } from '../paths';
import { runProcess } from '../testing/child';
import { bearer, createHarness, loginBearer, pngBytes, sampleMeta, sha256, upload, type Harness } from '../testing/harness';
import { EVIDENCE_CHECKS, verifyEvidenceBundle, type EvidenceCheck, type EvidenceVerification } from './evidence-bundle';

let h: Harness;
let zip: Uint8Array;
let png: Uint8Array<ArrayBuffer>;
let receipt: CaptureReceipt;
let publicKeyPem: string;
let workDir: string;

beforeAll(async () => {
  h = await createHarness();
  workDir = mkdtempSync(path.join(tmpdir(), 'openipp-bundle-'));
  const token = await loginBearer(h, 'owner@demo.test');
  png = await pngBytes(300, 180, '#884422');
  const res = await upload(h, bearer(token), randomUUID(), { meta: sampleMeta(), file: { bytes: png } });
  receipt = (await res.json()) as CaptureReceipt;
  const bundle = await h.app.request(`/api/captures/${receipt.id}/bundle`, { headers: bearer(token) });
  expect(bundle.status).toBe(200);
  zip = new Uint8Array(await bundle.arrayBuffer());
  publicKeyPem = ((await (await h.app.request('/api/evidence/public-key')).json()) as { publicKeyPem: string }).publicKeyPem;
});
afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await h.close();
});

const artefactPath = () => `artefacts/${sha256(png)}.png`;

/** The bundle with one file changed by `edit`, re-zipped. */
function tampered(name: string, edit: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>): Uint8Array {
  const files: Unzipped = unzipSync(zip);
  expect(files[name], name).toBeDefined();
  files[name] = edit(new Uint8Array(files[name]!));
  return zipSync(files);
}

/** Changes one byte: the character right after `marker` in the file's text, to another digit or letter. */
const flipAfter = (marker: string) => (bytes: Uint8Array<ArrayBuffer>) => {
  const at = strFromU8(bytes).indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  const index = strToU8(strFromU8(bytes).slice(0, at + marker.length)).byteLength;
  bytes[index] = bytes[index] === 0x31 ? 0x32 : bytes[index] === 0x65 ? 0x61 : bytes[index]! >= 0x30 && bytes[index]! <= 0x39 ? 0x31 : 0x65;
  return bytes;
};

const failed = (report: EvidenceVerification): EvidenceCheck[] => report.checks.filter((check) => !check.ok).map((check) => check.check);

describe('verifyEvidenceBundle', () => {
  it('passes a bundle as downloaded, against its own key and against the pinned published key', () => {
    const own = verifyEvidenceBundle(zip);
    expect(own.checks.map((check) => [check.check, check.ok])).toEqual(EVIDENCE_CHECKS.map((check) => [check, true]));
    expect(own).toMatchObject({ ok: true, keySource: 'bundle', captureId: receipt.id, keyId: receipt.keyId });
    expect(verifyEvidenceBundle(zip, { publicKeyPem })).toMatchObject({ ok: true, keySource: 'pinned' });
  });

  it('fails only the artefact check when one byte of an artefact changes', () => {
    const report = verifyEvidenceBundle(tampered(artefactPath(), (bytes) => ((bytes[100] = bytes[100]! ^ 0xff), bytes)));
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual(['artefacts']);
    expect(report.checks[1]).toMatchObject({ failure: 'artefact_hash_mismatch', detail: { file: artefactPath(), expected: sha256(png) } });
  });

  it('fails the artefact check when one byte of the zip itself changes inside the stored screenshot', () => {
    const copy = new Uint8Array(zip);
    const start = Buffer.from(copy).indexOf(Buffer.from(png));
    expect(start).toBeGreaterThan(0);
    copy[start + 200] = copy[start + 200]! ^ 0x01;
    expect(failed(verifyEvidenceBundle(copy))).toEqual(['artefacts']);
  });

  it('fails only the manifest check when one byte of the manifest changes', () => {
    const report = verifyEvidenceBundle(tampered('manifest.json', flipAfter('"title":"Counterf')));
    expect(failed(report)).toEqual(['manifest']);
    expect(report.checks[2]).toMatchObject({ failure: 'manifest_hash_mismatch', detail: { expected: receipt.manifestSha256 } });
  });

  it('fails only the signature check when one byte of the receipt changes', () => {
    const report = verifyEvidenceBundle(tampered('receipt.json', flipAfter('"receivedAt": "20')));
    expect(failed(report)).toEqual(['signature']);
    expect(report.checks[3]).toMatchObject({ failure: 'signature_invalid' });
  });

  it('fails only the chain check when one byte of the chain proof changes', () => {
    const report = verifyEvidenceBundle(tampered('chain-proof.json', flipAfter('"at": 1')));
    expect(failed(report)).toEqual(['chain']);
    expect(report.checks[4]).toMatchObject({ failure: 'entry_hash_mismatch' });
  });

  it("fails the chain check when the proof is another capture's intact entry", async () => {
    const other = await upload(h, bearer(await loginBearer(h, 'owner@demo.test')), randomUUID(), { meta: sampleMeta(), file: { bytes: await pngBytes(20, 20) } });
    const otherId = ((await other.json()) as CaptureReceipt).id;
    const row = h.db.rows<Record<string, string | number | null>>('select * from audit_log where subject_id = ?', otherId)[0]!;
    const entry = { seq: row.seq, at: row.at, tenantId: row.tenant_id, actorId: row.actor_id, kind: row.kind, subjectId: row.subject_id, payload: row.payload, prevHash: row.prev_hash, hash: row.hash };
    const files = unzipSync(zip);
    files['chain-proof.json'] = strToU8(JSON.stringify({ chainProofVersion: 1, entry }));
    const report = verifyEvidenceBundle(zipSync(files));
    expect(failed(report)).toEqual(['chain']);
    expect(report.checks[4]).toMatchObject({ failure: 'position_mismatch' });
  });

  it('fails the signature when the pinned key is not the one that signed', () => {
    const stranger = loadSigningKey(path.join(workDir, 'other-key')).publicKey.pem;
    const report = verifyEvidenceBundle(zip, { publicKeyPem: stranger });
    expect(failed(report)).toEqual(['signature']);
    expect(report.checks[3]).toMatchObject({ failure: 'key_id_mismatch', detail: { expected: receipt.keyId } });
    // A bundle re-signed with a key of the forger's choosing still fails against the pinned key.
    const files = unzipSync(zip);
    files['public-key.pem'] = strToU8(stranger);
    expect(failed(verifyEvidenceBundle(zipSync(files)))).toEqual(['signature']);
    expect(failed(verifyEvidenceBundle(zipSync(files), { publicKeyPem }))).toEqual([]);
  });

  it('names a missing file, and refuses what is not a zip at all', () => {
    const files = unzipSync(zip);
    delete files['chain-proof.json'];
    const report = verifyEvidenceBundle(zipSync(files));
    expect(failed(report)).toEqual(['bundle', 'chain']);
    expect(report.checks[0]).toMatchObject({ failure: 'missing_file', detail: { file: 'chain-proof.json' } });

    const garbage = verifyEvidenceBundle(strToU8('not a zip'));
    expect(garbage.ok).toBe(false);
    expect(garbage.checks.map((check) => check.failure)).toEqual(['unreadable_zip', 'not_checked', 'not_checked', 'not_checked', 'not_checked']);
  });
});

describe('npm run verify-evidence', () => {
  const write = (name: string, bytes: Uint8Array) => {
    const file = path.join(workDir, name);
    writeFileSync(file, bytes);
    return file;
  };

  it('passes a good bundle from the repository root, in English, with the pinned key named', async () => {
    const bundle = write('good.zip', zip);
    const keyFile = write('key.pem', strToU8(publicKeyPem));
    const result = await runProcess('npm', ['run', '--silent', 'verify-evidence', '--', bundle, '--public-key', keyFile], REPO_ROOT, { LANG: 'en_US.UTF-8' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`capture ${receipt.id}`);
    expect(result.stdout).toContain(`pinned public key ${keyFile}`);
    expect(result.stdout.match(/^PASSED /gm)).toHaveLength(5);
    expect(result.stdout).toContain('All 5 checks passed.');
  });

  it('exits non-zero on a tampered bundle and names the failed check, in Chinese', async () => {
    const bundle = write('bad.zip', tampered(artefactPath(), (bytes) => ((bytes[50] = bytes[50]! ^ 0x01), bytes)));
    const result = await runProcess(process.execPath, ['--import', 'tsx', 'src/cli/verify-evidence.ts', bundle], BACKEND_ROOT, { LANG: 'zh_CN.UTF-8' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('证据包【内附】的公钥');
    expect(result.stdout).toContain(`未通过  每个证据文件的 SHA-256 与清单一致：${artefactPath()} 的 SHA-256 为`);
    expect(result.stdout.match(/^通过 /gm)).toHaveLength(4);
    expect(result.stderr).toContain('5 项检查中有 1 项未通过：artefacts');
  });

  it('exits 2 with the usage when there is no bundle to read', async () => {
    const result = await runProcess(process.execPath, ['--import', 'tsx', 'src/cli/verify-evidence.ts'], BACKEND_ROOT, { LANG: 'en' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: npm run verify-evidence -- <bundle.zip>');
  });
});
