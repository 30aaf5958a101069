import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppType } from './app';
import { createHarness, loginBearer, type Harness } from './testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('typed client over AppType', () => {
  it('calls routes with types inferred from the route schemas', async () => {
    const token = await loginBearer(h, 'owner@demo.test');
    const client = hc<AppType>('http://localhost', {
      fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init),
      headers: { Authorization: `Bearer ${token}` },
    });
    const health = await client.api.health.$get();
    expect(health.status).toBe(200);
    const me = await client.api.me.$get();
    if (me.status !== 200) throw new Error(`unexpected ${me.status}`);
    const body = await me.json();
    expect(body.user.email).toBe('owner@demo.test');
    const list = await client.api.captures.$get({ query: { limit: '10' } });
    if (list.status !== 200) throw new Error(`unexpected ${list.status}`);
    expect((await list.json()).items).toEqual([]);
  });

  it('turns an unexpected exception into a 500 problem without leaking the message', async () => {
    await h.runtime.store.close();
    const res = await h.app.request('/api/captures', { headers: { Authorization: 'Bearer x' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as { code: string; detail?: string };
    expect(body.code).toBe('internal_error');
    expect(JSON.stringify(body)).not.toContain('closed');
    const health = await h.app.request('/api/health');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', database: 'error' });
  });
});
