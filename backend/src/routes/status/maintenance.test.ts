import type { PlatformStatus } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, jsonPost, loginBearer, pngBytes, sampleMeta, upload, type Harness } from '../../testing/harness';

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number };
}

const put = (body: unknown, auth: Record<string, string>): RequestInit => ({
  method: 'PUT',
  headers: { ...auth, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

describe('maintenance mode', () => {
  let h: Harness;
  let admin: string;
  let owner: string;
  beforeAll(async () => {
    h = await createHarness();
    admin = await loginBearer(h, 'admin@demo.test');
    owner = await loginBearer(h, 'owner@demo.test');
  });
  afterAll(() => h.close());

  it('GET /api/status is public and off by default', async () => {
    const res = await h.app.request('/api/status');
    expect(res.status).toBe(200);
    expect(((await res.json()) as PlatformStatus).maintenance).toMatchObject({ enabled: false, message: null, since: null });
  });

  it('refuses bad settings with 400 and changes nothing', async () => {
    for (const body of [{}, { enabled: 'yes' }, { enabled: true, retryAfterSeconds: 5 }, { enabled: true, extra: 1 }]) {
      const res = await h.app.request('/api/admin/maintenance', put(body, bearer(admin)));
      expect((await problem(res)).code).toBe('validation_failed');
    }
    expect(h.db.count('platform_settings')).toBe(0);
  });

  it('while on: reads work, writes get 503 with Retry-After, allow-listed writes still work', async () => {
    const on = await h.app.request('/api/admin/maintenance', put({ enabled: true, messageEn: 'Upgrading storage', retryAfterSeconds: 120 }, bearer(admin)));
    expect(on.status).toBe(200);
    const status = (await on.json()) as PlatformStatus;
    expect(status.maintenance.enabled).toBe(true);
    expect(status.maintenance.retryAfterSeconds).toBe(120);
    expect(status.maintenance.message?.en).toBe('Upgrading storage');
    // A language left out gets the standard announcement, never an empty banner.
    expect(status.maintenance.message?.['zh-CN'].length).toBeGreaterThan(0);
    expect(Date.parse(status.maintenance.since!)).toBeGreaterThan(Date.now() - 60_000);

    const publicStatus = (await (await h.app.request('/api/status')).json()) as PlatformStatus;
    expect(publicStatus).toEqual(status);

    // Reads.
    for (const path of ['/api/captures', '/api/me', '/api/messages', '/api/sessions', '/api/agreements/current']) {
      expect((await h.app.request(path, { headers: bearer(owner) })).status, path).toBe(200);
    }
    expect((await h.app.request('/api/admin/agreements', { headers: bearer(admin) })).status).toBe(200);

    // Writes.
    const captures = h.db.count('captures');
    const writes: Array<[string, RequestInit]> = [
      ['/api/sessions/revoke-all', { method: 'POST', headers: bearer(owner) }],
      ['/api/sessions/some-id', { method: 'DELETE', headers: bearer(owner) }],
      ['/api/messages/some-id/read', { method: 'POST', headers: bearer(owner) }],
      ['/api/admin/agreements', jsonPost({ bodyZh: '甲', bodyEn: 'a', summaryZh: '乙', summaryEn: 'b' }, bearer(admin))],
      ['/api/admin/users/x/unfreeze', jsonPost({ note: 'n' }, bearer(admin))],
    ];
    for (const [path, init] of writes) {
      const res = await h.app.request(path, init);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('retry-after')).toBe('120');
      expect((await problem(res)).code).toBe('maintenance');
    }
    const capture = await upload(h, bearer(owner), crypto.randomUUID(), { meta: sampleMeta(), file: { bytes: await pngBytes() } });
    expect(capture.status).toBe(503);
    expect(capture.headers.get('retry-after')).toBe('120');
    expect(h.db.count('captures')).toBe(captures);
    expect(h.db.count('agreement_versions')).toBe(2);
    expect(h.db.count('users', 'frozen_at is not null')).toBe(0);
    expect((await h.app.request('/api/me', { headers: bearer(owner) })).status).toBe(200);

    // Allow-listed writes.
    const seller = await h.app.request('/api/auth/login', jsonPost({ email: 'seller@demo.test', password: 'demo-password-1' }));
    expect(seller.status).toBe(200);
    const sellerToken = ((await seller.json()) as { token: string }).token;
    expect((await h.app.request('/api/agreements/2/accept', jsonPost({ language: 'en' }, bearer(sellerToken)))).status).toBe(200);
    expect((await h.app.request('/api/auth/logout', { method: 'POST', headers: bearer(sellerToken) })).status).toBe(204);
    // The switch stays admin-only during maintenance.
    expect((await h.app.request('/api/admin/maintenance', put({ enabled: false }, bearer(owner)))).status).toBe(404);

    const off = await h.app.request('/api/admin/maintenance', put({ enabled: false }, bearer(admin)));
    expect(off.status).toBe(200);
    expect(((await off.json()) as PlatformStatus).maintenance).toMatchObject({ enabled: false, message: null, since: null });
    const after = await upload(h, bearer(owner), crypto.randomUUID(), { meta: sampleMeta(), file: { bytes: await pngBytes() } });
    expect(after.status).toBe(201);
  });
});
