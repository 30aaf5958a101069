import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resources } from '@openipp/locales';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../testing/harness';

describe('console static files', () => {
  let h: Harness;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'openipp-console-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
    writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log("app")');
    h = await createHarness({}, { seed: false, consoleDir: dist });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes', async () => {
    for (const url of ['/', '/captures', '/captures/123']) {
      const res = await h.app.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves fingerprinted assets with a long cache lifetime', async () => {
    const res = await h.app.request('/assets/app-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log("app")');
  });

  it('404s missing asset files and never escapes the build directory', async () => {
    expect((await h.app.request('/assets/missing.js')).status).toBe(404);
    const traversal = await h.app.request('/..%2f..%2fetc%2fpasswd');
    expect(await traversal.text()).not.toContain('root:');
    expect((await h.app.request('/%E0%A4%A')).status).toBe(404);
  });

  it('does not answer unsafe methods with the SPA', async () => {
    const res = await h.app.request('/', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('console not built', () => {
  it('explains in both languages how to build it', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'openipp-noconsole-'));
    const h = await createHarness({}, { seed: false, consoleDir: empty });
    try {
      const res = await h.app.request('/');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(resources['zh-CN'].server.consoleNotBuilt.title);
      expect(html).toContain(resources.en.server.consoleNotBuilt.title);
      expect(html).toContain('pnpm --filter @openipp/backend build:console');
    } finally {
      await h.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
