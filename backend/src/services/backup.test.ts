import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDEMPOTENCY_HEADER, type CaptureReceipt, type DeclaredArtefact } from '@openipp/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, openRuntime } from '../app';
import { defaultConfig } from '../env';
import { createLogger } from '../lib/logger';
import { SIGNING_KEY_FILE } from '../lib/signing-key';
import { checkDatabaseIntegrity, databaseFile, describeDatabase } from '../store';
import { inspectDatabase } from '../store/inspect';
import { runProcess } from '../testing/child';
import { captureListing, demoFiler, fileComplaint, type Filer } from '../testing/filing';
import { bearer, blobPath, createHarness, fileSha256, pngBytes, sampleMeta, sha256, upload, type Harness } from '../testing/harness';
import { BACKEND_ROOT } from '../paths';
import { BACKUP_MANIFEST_FILE, BackupError, createBackup, verifyChainIn, type BackupReport } from './backup';
import { readBackupManifest, restoreBackup } from './backup-restore';
import { createMailer } from './mail';
import { verifyEvidenceBundle } from './evidence-bundle';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'openipp-backup-test-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const dirIn = (name: string) => path.join(scratch, `${name}-${randomUUID().slice(0, 8)}`);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const mhtml = (marker: string) =>
  new Uint8Array(Buffer.from(['From: <Saved by Blink>', 'MIME-Version: 1.0', 'Content-Type: multipart/related; type="text/html"; boundary="b"', '', '--b', 'Content-Type: text/html', '', `<html><body>${marker}</body></html>`, '--b--', ''].join('\r\n')));

/**
 * A capture that declares an MHTML archive; the archive's bytes follow in a
 * second request, so a backup can fall between the two and hold a declared
 * artefact whose bytes have not arrived.
 */
async function captureWithArchive(h: Harness, token: string, n: number): Promise<string> {
  const archive = mhtml(`listing ${n} ${randomUUID()}`);
  const declared: DeclaredArtefact = { kind: 'page_archive', sha256: sha256(archive), bytes: archive.byteLength, mime: 'multipart/related' };
  const meta = sampleMeta({ url: `https://item.taobao.com/item.htm?id=${900000000000 + n}`, artefacts: [declared] });
  const posted = await upload(h, bearer(token), randomUUID(), { meta, file: { bytes: await pngBytes(100, 60 + (n % 50), '#3a7f1c') } });
  if (posted.status !== 201) throw new Error(`capture failed: ${posted.status} ${await posted.text()}`);
  const { id } = (await posted.json()) as CaptureReceipt;
  const put = await h.app.request(`/api/captures/${id}/artefacts/${declared.sha256}`, {
    method: 'PUT',
    headers: { ...bearer(token), 'Content-Type': 'application/octet-stream', [IDEMPOTENCY_HEADER]: randomUUID() },
    body: archive,
  });
  if (put.status !== 200 && put.status !== 201) throw new Error(`archive failed: ${put.status} ${await put.text()}`);
  return id;
}

describe('online backup under load, and restore', () => {
  let h: Harness;
  let filer: Filer;
  let report: BackupReport;
  let restoredDir: string;
  /** Epoch ms of every write the API acknowledged. */
  const acknowledged: number[] = [];
  let window: { start: number; end: number };
  let countsAfterLoad: Record<string, number>;
  let seeded: number;
  let ackedBefore: number;

  beforeAll(async () => {
    // The clients write as fast as they can; the write limit is not what this test is about.
    h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
    filer = await demoFiler(h);
    seeded = h.db.count('captures');
    let stop = false;
    let n = 0;
    const errors: unknown[] = [];
    // Two clients writing without pause: plain captures, complaints (each with a capture), and captures with an archive.
    const client = async (offset: number) => {
      for (let i = offset; !stop; i++) {
        n += 1;
        const kind = i % 3;
        try {
          if (kind === 0) await captureListing(h, filer.token);
          else if (kind === 1) await fileComplaint(h, filer, 1);
          else await captureWithArchive(h, filer.token, n);
          acknowledged.push(Date.now());
        } catch (error) {
          errors.push(error);
          stop = true;
        }
      }
    };
    const clients = [client(0), client(1)];
    const until = async (count: number) => {
      while (acknowledged.length < count && !stop) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await until(9);
    ackedBefore = acknowledged.length;
    const start = Date.now();
    // Many small steps, so the clients' commits land between them (and make SQLite start the copy over).
    report = await createBackup({ dataDir: h.dataDir, target: dirIn('backup'), pagesPerStep: 1 });
    window = { start, end: Date.now() };
    const after = acknowledged.length;
    await until(after + 4);
    stop = true;
    await Promise.all(clients);
    if (errors.length > 0) throw errors[0];
    countsAfterLoad = describeDatabase(databaseFile(h.dataDir)).counts;

    restoredDir = dirIn('restored');
    await restoreBackup({ backupDir: report.dir, dataDir: restoredDir });
  }, 120_000);
  afterAll(() => h.close());

  it('was taken while the clients were writing, and holds the moment it was taken', () => {
    // The clients never paused: writes were acknowledged right up to the backup and went on after it. Whether one
    // also lands inside the copy's window depends on the machine's speed, so it is not asserted.
    expect(acknowledged.filter((at) => at <= window.start).length).toBeGreaterThanOrEqual(ackedBefore);
    expect(acknowledged.filter((at) => at > window.end).length).toBeGreaterThan(0);
    const { counts } = report.manifest;
    // Every acknowledged write adds one capture: those before the backup are in it, those after it are not.
    expect(counts.captures).toBeGreaterThanOrEqual(seeded + ackedBefore);
    expect(countsAfterLoad.captures).toBeGreaterThan(counts.captures!);
    expect(countsAfterLoad.audit_log).toBeGreaterThan(counts.audit_log!);
    expect(report.manifest.audit.entries).toBe(counts.audit_log);
  });

  it('restores a database that passes its integrity check, with the manifest counts', () => {
    expect(checkDatabaseIntegrity(databaseFile(restoredDir))).toEqual(['ok']);
    expect(describeDatabase(databaseFile(restoredDir)).counts).toEqual(report.manifest.counts);
    const db = inspectDatabase(databaseFile(restoredDir));
    try {
      expect(db.count('captures')).toBe(report.manifest.counts.captures);
      expect(db.count('complaints')).toBe(report.manifest.counts.complaints);
    } finally {
      db.close();
    }
  });

  it('restores an audit chain that verifies up to the head the backup recorded', async () => {
    const chain = await verifyChainIn(restoredDir, report.manifest.audit.head ?? undefined);
    expect(chain).toEqual({ ok: true, entries: report.manifest.audit.entries, head: report.manifest.audit.head });
    expect(report.manifest.audit.entries).toBeGreaterThan(6);
  });

  it('restores every evidence blob the database names, each hashing to its name', () => {
    const { items } = report.manifest.blobs;
    expect(items.length).toBeGreaterThan(10);
    for (const { sha256: hash, bytes } of items) {
      const file = blobPath(restoredDir, hash);
      expect(fileSha256(file)).toBe(hash);
      expect(statSync(file).size).toBe(bytes);
    }
    const db = inspectDatabase(databaseFile(restoredDir));
    try {
      const screenshots = db.rows<{ screenshot_sha256: string }>('select screenshot_sha256 from captures');
      expect(screenshots.length).toBe(report.manifest.counts.captures);
      for (const { screenshot_sha256: hash } of screenshots) expect(fileSha256(blobPath(restoredDir, hash))).toBe(hash);
    } finally {
      db.close();
    }
    // Exactly the blobs named: nothing the copy does not reference.
    expect(filesUnder(path.join(restoredDir, 'blobs')).map((file) => path.basename(file)).sort()).toEqual(items.map((item) => item.sha256));
  });

  it('names every blob a quiet data directory holds (the reference rule misses no kind of evidence)', () => {
    const named = describeDatabase(databaseFile(h.dataDir)).blobReferences;
    const stored = filesUnder(path.join(h.dataDir, 'blobs')).map((file) => path.basename(file)).sort();
    expect(named).toEqual(stored);
  });

  it('keeps the signing key, owner-only, so a restored server signs and verifies with the same key', async () => {
    expect(statSync(path.join(report.dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(restoredDir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(report.dir).mode & 0o777).toBe(0o700);
    expect(report.manifest.signingKey?.keyId).toBe(h.runtime.signingKey.publicKey.keyId);

    // A server on the restored directory serves a receipted capture's evidence bundle, and it verifies offline against the original key.
    const config = defaultConfig({ dataDir: restoredDir });
    const runtime = openRuntime(config);
    try {
      expect(runtime.signingKey.publicKey.keyId).toBe(h.runtime.signingKey.publicKey.keyId);
      const app = createApp({ config, ...runtime, mailer: createMailer({ store: runtime.store, config, logger: createLogger(config) }) });
      const db = inspectDatabase(databaseFile(restoredDir));
      const [withArchive] = db.rows<{ capture_id: string }>('select capture_id from capture_artefacts where received_at is not null limit 1');
      db.close();
      expect(withArchive).toBeDefined();
      const res = await app.request(`/api/captures/${withArchive!.capture_id}/bundle`, { headers: bearer(filer.token) });
      expect(res.status).toBe(200);
      const verified = verifyEvidenceBundle(new Uint8Array(await res.arrayBuffer()), { publicKeyPem: h.runtime.signingKey.publicKey.pem });
      expect(verified.checks.filter((check) => !check.ok)).toEqual([]);
    } finally {
      await runtime.store.close();
    }
  });
});

describe('backup and restore: refusals and edge cases', () => {
  let h: Harness;
  let backupDir: string;
  let token: string;
  let pendingCaptureId: string;
  const pendingArchive = mhtml('declared but not yet sent');

  beforeAll(async () => {
    h = await createHarness();
    const filer = await demoFiler(h);
    await captureListing(h, filer.token);
    // Declared, bytes never sent: the backup must not require them.
    const meta = sampleMeta({ url: 'https://item.taobao.com/item.htm?id=777', artefacts: [{ kind: 'page_archive', sha256: sha256(pendingArchive), bytes: pendingArchive.byteLength, mime: 'multipart/related' }] });
    const posted = await upload(h, bearer(filer.token), randomUUID(), { meta, file: { bytes: await pngBytes(90, 70, '#123456') } });
    expect(posted.status).toBe(201);
    pendingCaptureId = ((await posted.json()) as CaptureReceipt).id;
    token = filer.token;
    backupDir = (await createBackup({ dataDir: h.dataDir, target: dirIn('backup') })).dir;
  });
  afterAll(() => h.close());

  /** A copy of the good backup to damage. */
  function copyOfBackup(): string {
    const copy = dirIn('damaged');
    for (const file of filesUnder(backupDir)) {
      const target = path.join(copy, path.relative(backupDir, file));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, readFileSync(file));
    }
    return copy;
  }

  let restoreInto: string | undefined;
  afterEach(() => {
    if (restoreInto) expect(existsSync(restoreInto)).toBe(false);
    restoreInto = undefined;
  });

  it('restore refuses a backup with one blob byte changed, naming the blob, and writes nothing (through the command)', async () => {
    const damaged = copyOfBackup();
    const { blobs } = await readBackupManifest(damaged);
    const victim = blobs.items[0]!.sha256;
    const file = blobPath(damaged, victim);
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1]! ^= 0x01;
    chmodSync(file, 0o644);
    writeFileSync(file, bytes);

    restoreInto = dirIn('target');
    const result = await runProcess(process.execPath, ['--import', 'tsx', 'src/cli/restore.ts', damaged, '--data-dir', restoreInto], BACKEND_ROOT, {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Restore refused: blob ${victim} in the backup is damaged: its bytes hash to ${sha256(bytes)}`);
    expect(result.stdout).toBe('');
    expect(readdirSync(scratch).filter((name) => name.includes('.restoring-'))).toEqual([]);
  });

  it('restore refuses a database file that is not the one the manifest names', async () => {
    const damaged = copyOfBackup();
    const file = path.join(damaged, 'openipp.sqlite');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(file, bytes);
    restoreInto = dirIn('target');
    await expect(restoreBackup({ backupDir: damaged, dataDir: restoreInto })).rejects.toThrow(/the database file is not the one the manifest names/);
  });

  it('restore refuses a manifest whose counts were edited', async () => {
    const damaged = copyOfBackup();
    const manifestFile = path.join(damaged, BACKUP_MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { counts: Record<string, number> };
    manifest.counts.captures = (manifest.counts.captures ?? 0) + 1;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    restoreInto = dirIn('target');
    await expect(restoreBackup({ backupDir: damaged, dataDir: restoreInto })).rejects.toThrow(/row counts differ from the manifest: captures: manifest \d+, database \d+/);
  });

  it('restore refuses a directory that is not a backup', async () => {
    restoreInto = dirIn('target');
    await expect(restoreBackup({ backupDir: h.dataDir, dataDir: restoreInto })).rejects.toThrow(/is not a backup: it has no readable manifest\.json/);
  });

  it('restore refuses a non-empty target, unless told to replace it, and then moves it aside rather than deleting it', async () => {
    const target = dirIn('occupied');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep-me'), 'old data');
    await expect(restoreBackup({ backupDir, dataDir: target })).rejects.toThrow(BackupError);
    await expect(restoreBackup({ backupDir, dataDir: target })).rejects.toThrow(/is not empty; restore into a new directory, or pass --replace/);
    expect(readdirSync(target)).toEqual(['keep-me']);

    const restored = await restoreBackup({ backupDir, dataDir: target, replace: true });
    expect(restored.movedAside).not.toBeNull();
    expect(readFileSync(path.join(restored.movedAside!, 'keep-me'), 'utf8')).toBe('old data');
    expect(checkDatabaseIntegrity(databaseFile(target))).toEqual(['ok']);
  });

  it('a capture whose declared archive had not arrived is not required; the restored server takes the archive and receipts it', async () => {
    const manifest = await readBackupManifest(backupDir);
    expect(manifest.blobs.items.map((item) => item.sha256)).not.toContain(sha256(pendingArchive));
    const target = dirIn('restored');
    await restoreBackup({ backupDir, dataDir: target });
    const config = defaultConfig({ dataDir: target });
    const runtime = openRuntime(config);
    try {
      const app = createApp({ config, ...runtime, mailer: createMailer({ store: runtime.store, config, logger: createLogger(config) }) });
      const put = await app.request(`/api/captures/${pendingCaptureId}/artefacts/${sha256(pendingArchive)}`, {
        method: 'PUT',
        headers: { ...bearer(token), 'Content-Type': 'application/octet-stream' },
        body: pendingArchive,
      });
      expect(put.status).toBe(201);
      expect(((await put.json()) as CaptureReceipt).state).toBe('receipted');
    } finally {
      await runtime.store.close();
    }
  });

  it('backup refuses a target that already holds files', async () => {
    const target = dirIn('occupied');
    mkdirSync(target);
    writeFileSync(path.join(target, 'something'), 'x');
    await expect(createBackup({ dataDir: h.dataDir, target })).rejects.toThrow(/already exists and is not empty/);
  });
});
