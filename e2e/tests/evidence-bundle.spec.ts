import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { BackendProcess } from '../support/backend';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension';
import { FixtureServer } from '../support/fixture-server';
import { signInAt } from '../support/marketplace-journey';
import { backendDir, repoRoot } from '../support/paths';

// The backend's own zip library, so the bundle is taken apart and rebuilt the way it was made.
const { unzipSync, zipSync } = createRequire(join(backendDir, 'package.json'))('fflate') as {
  unzipSync(zip: Uint8Array): Record<string, Uint8Array>;
  zipSync(files: Record<string, Uint8Array>): Uint8Array;
};

/** `npm run verify-evidence -- <args>` from the repository root, as the README documents it. */
function verifyEvidence(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'verify-evidence', '--', ...args], {
      cwd: repoRoot,
      env: { ...process.env, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let backend: BackendProcess;
let fixtures: FixtureServer;
let browser: ExtensionBrowser;
let workDir: string;

test.beforeAll(async () => {
  backend = await BackendProcess.create();
  fixtures = await FixtureServer.start();
  browser = await launchWithExtension();
  workDir = mkdtempSync(join(tmpdir(), 'openipp-e2e-bundle-'));
});

test.afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await backend?.dispose();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('the evidence bundle of a capture taken in the extension passes the offline verifier, and fails its artefacts check after one byte of the screenshot changes', async () => {
  const popup = await signInAt(browser, backend.url, 'monitor@demo.test', 'demo-password-1');
  await expect(popup.page.getByTestId('user-email')).toContainText('monitor@demo.test');

  const listing = await browser.context.newPage();
  await listing.goto(fixtures.url('/listing.html'));
  await listing.bringToFront();
  await popup.page.getByTestId('capture-mode-visible').check();
  const queueId = await popup.capture();
  await expect(popup.item(queueId)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 });

  const token = await backend.token('monitor@demo.test');
  const list = await backend.api<{ items: { id: string; url: string; receipt: { sha256: string } }[] }>('/api/captures', token);
  const capture = list.items.find((item) => item.url === fixtures.url('/listing.html'));
  expect(capture).toBeDefined();

  const response = await fetch(`${backend.url}/api/captures/${capture!.id}/bundle`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const zip = new Uint8Array(await response.arrayBuffer());
  const good = join(workDir, 'good.zip');
  writeFileSync(good, zip);
  // The server's published key, pinned: the bundle must be this server's, not merely intact.
  const { publicKeyPem } = await backend.api<{ publicKeyPem: string }>('/api/evidence/public-key', token);
  const keyFile = join(workDir, 'server-key.pem');
  writeFileSync(keyFile, publicKeyPem);

  const passed = await verifyEvidence(good, '--public-key', keyFile);
  expect(passed.code, passed.stdout + passed.stderr).toBe(0);
  expect(passed.stdout).toContain(`capture ${capture!.id}`);
  expect(passed.stdout).toContain(`pinned public key ${keyFile}`);
  for (const check of [
    "every artefact's SHA-256 matches the manifest",
    "the manifest's SHA-256 matches the receipt",
    "the receipt's Ed25519 signature is valid",
    'the audit chain entry recomputes and is the receipt\'s chain position',
  ]) {
    expect(passed.stdout).toContain(`PASSED  ${check}`);
  }
  expect(passed.stdout).not.toContain('FAILED');
  expect(passed.stdout).toMatch(/^All \d+ checks passed\.$/m);

  // One byte inside the screenshot's bytes, then zipped again: a well-formed bundle that lies.
  const files = unzipSync(zip);
  const screenshotPath = `artefacts/${capture!.receipt.sha256}.png`;
  const screenshot = files[screenshotPath];
  expect(screenshot, `the bundle holds ${Object.keys(files).join(', ')}`).toBeDefined();
  const changed = Uint8Array.from(screenshot!);
  const at = Math.floor(changed.length / 2);
  changed[at] = changed[at]! ^ 0x01;
  files[screenshotPath] = changed;
  const tampered = join(workDir, 'tampered.zip');
  writeFileSync(tampered, zipSync(files));

  const failed = await verifyEvidence(tampered, '--public-key', keyFile);
  expect(failed.code).toBe(1);
  expect(failed.stdout).toContain(`FAILED  every artefact's SHA-256 matches the manifest: ${screenshotPath} has SHA-256`);
  expect(failed.stdout).toContain(`the manifest says ${capture!.receipt.sha256}`);
  // Only the artefact was touched: the manifest, signature and chain still pass.
  expect(failed.stdout).toContain("PASSED  the receipt's Ed25519 signature is valid");
  expect(failed.stderr).toMatch(/1 of \d+ checks FAILED: artefacts\./);
});
