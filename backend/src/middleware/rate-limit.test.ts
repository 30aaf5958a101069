import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, openRuntime } from '../app';
import { parseEnv } from '../env';
import { DEMO_PASSWORD } from '../services/seed';
import { currentWindow } from '../services/rate-limit';
import { captureListing, signIn } from '../testing/filing';
import { bearer, createHarness, jsonPost, type Harness } from '../testing/harness';
import { LIST_ROUTES, listBudgetPerIp, writeBudgetPerIp } from './rate-limit';

/** Long windows: a test never straddles a window boundary in practice (epoch-aligned, one per day). */
const DAY = 86_400;

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number };
}

/** 429 rate_limited with a Retry-After that ends the current window. */
async function expectRateLimited(res: Response, windowSeconds: number) {
  expect(res.status).toBe(429);
  expect((await problem(res)).code).toBe('rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  const expected = currentWindow(Date.now(), windowSeconds).retryAfter;
  expect(retryAfter).toBeGreaterThanOrEqual(expected - 2);
  expect(retryAfter).toBeLessThanOrEqual(expected + 2);
}

let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;
const from = (ip: string) => ({ 'X-Forwarded-For': ip });
const counter = (h: Harness, key: string) => h.db.rows<{ count: number }>('select count from rate_limit_counters where key = ?', key)[0]?.count ?? 0;

describe('list routes', () => {
  it('covers every GET route that answers a page of records, as the OpenAPI document describes them', async () => {
    const h = await createHarness();
    try {
      type Operation = { parameters?: Array<{ in: string; name: string }>; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
      type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema> };
      const doc = (await (await h.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
      const resolve = (schema: Schema | undefined) => (schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema);
      const gets = Object.entries(doc.paths).flatMap(([path, ops]) => (ops.get ? [[path, ops.get] as const] : []));
      const pages = gets
        .filter(([path]) => !path.includes('{'))
        .filter(([, op]) => {
          const schema = resolve(op.responses?.['200']?.content?.['application/json']?.schema);
          const paged = op.parameters?.some((param) => param.in === 'query' && param.name === 'limit') ?? false;
          return paged || schema?.properties?.items?.type === 'array';
        })
        .map(([path]) => path);
      expect(pages.length).toBeGreaterThanOrEqual(20);
      for (const path of pages) expect(LIST_ROUTES, `${path} answers a page of records but has no list budget`).toContain(path);
      // And nothing stale: every entry is a GET route the app serves.
      const served = new Set(gets.map(([path]) => path));
      for (const path of LIST_ROUTES) expect(served, `${path} is not a GET route`).toContain(path);
    } finally {
      await h.close();
    }
  });

  describe('budgets', () => {
    let h: Harness;
    beforeAll(async () => {
      // Forwarded headers are trusted here so each request can come from an address of its choosing.
      h = await createHarness({ trustProxy: true, listRateLimit: { windowSeconds: DAY, maxPerUser: 3, maxPerIp: 5 } });
    });
    afterAll(() => h.close());

    it('refuses a user past its list budget with 429 and Retry-After, from any address, counted in the database', async () => {
      const owner = await signIn(h, 'owner@demo.test');
      // Three different list routes, three different addresses: the user's budget is one.
      for (const path of ['/api/captures', '/api/complaints?limit=5', '/api/rights']) {
        expect((await h.app.request(path, { headers: { ...bearer(owner.token), ...from(freshIp()) } })).status).toBe(200);
      }
      await expectRateLimited(await h.app.request('/api/captures', { headers: { ...bearer(owner.token), ...from(freshIp()) } }), DAY);
      expect(counter(h, `list:user:${owner.principal.user.id}`)).toBe(4);
      // Reading one record is not a list: it is not counted and not refused.
      expect((await h.app.request('/api/me', { headers: { ...bearer(owner.token), ...from(freshIp()) } })).status).toBe(200);
      // Another user is unaffected.
      const monitor = await signIn(h, 'monitor@demo.test');
      expect((await h.app.request('/api/captures', { headers: { ...bearer(monitor.token), ...from(freshIp()) } })).status).toBe(200);
    });

    it('refuses an address past its list budget, whichever users it signs in as', async () => {
      const ip = freshIp();
      const users = await Promise.all(['seller@demo.test', 'reviewer@demo.test', 'admin@demo.test'].map((email) => signIn(h, email)));
      const paths = ['/api/seller/complaints', '/api/review/queue', '/api/admin/users'];
      for (let i = 0; i < 5; i++) {
        const n = i % 3;
        expect((await h.app.request(paths[n]!, { headers: { ...bearer(users[n]!.token), ...from(ip) } })).status).toBe(200);
      }
      await expectRateLimited(await h.app.request('/api/admin/users', { headers: { ...bearer(users[2]!.token), ...from(ip) } }), DAY);
      expect(counter(h, `list:ip:${ip}`)).toBe(6);
      // The same user from another address still has budget left.
      expect((await h.app.request('/api/admin/users', { headers: { ...bearer(users[2]!.token), ...from(freshIp()) } })).status).toBe(200);
    });
  });
});

describe('writes', () => {
  it('refuses an address past its write budget across users; another address still writes', async () => {
    const h = await createHarness({ trustProxy: true, writeRateLimit: { windowSeconds: DAY, maxPerWindow: 100, maxPerIp: 3 } });
    try {
      const ip = freshIp();
      const owner = await signIn(h, 'owner@demo.test');
      const monitor = await signIn(h, 'monitor@demo.test');
      const post = (token: string, address: string) =>
        h.app.request('/api/complaints', jsonPost({}, { ...bearer(token), ...from(address), 'Idempotency-Key': crypto.randomUUID() }));
      // The budget is spent before the body is judged, so refused bodies count too.
      expect((await post(owner.token, ip)).status).toBe(400);
      expect((await post(monitor.token, ip)).status).toBe(400);
      expect((await post(owner.token, ip)).status).toBe(400);
      await expectRateLimited(await post(monitor.token, ip), DAY);
      expect(counter(h, `write:ip:${ip}`)).toBe(4);
      expect(counter(h, `write:user:${monitor.principal.user.id}`)).toBe(2);
      expect((await post(monitor.token, freshIp())).status).toBe(400);
    } finally {
      await h.close();
    }
  });
});

describe('configuration', () => {
  it('takes the write and list budgets from the environment', async () => {
    const env = parseEnv({ WRITE_WINDOW_SECONDS: String(DAY), WRITE_MAX_PER_WINDOW: '1', LIST_WINDOW_SECONDS: String(DAY), LIST_MAX_PER_USER: '2' }, process.cwd());
    const h = await createHarness({ writeRateLimit: env.writeRateLimit, listRateLimit: env.listRateLimit });
    try {
      const monitor = await signIn(h, 'monitor@demo.test');
      await captureListing(h, monitor.token);
      const second = await h.app.request('/api/complaints', jsonPost({}, { ...bearer(monitor.token), 'Idempotency-Key': crypto.randomUUID() }));
      await expectRateLimited(second, DAY);
      expect((await h.app.request('/api/captures', { headers: bearer(monitor.token) })).status).toBe(200);
      expect((await h.app.request('/api/messages', { headers: bearer(monitor.token) })).status).toBe(200);
      await expectRateLimited(await h.app.request('/api/captures', { headers: bearer(monitor.token) }), DAY);
    } finally {
      await h.close();
    }
  });

  it('gives each address ten times the per-user budget unless set on its own', () => {
    const env = parseEnv({ WRITE_MAX_PER_WINDOW: '7', LIST_MAX_PER_USER: '4' }, process.cwd());
    expect(writeBudgetPerIp(env.writeRateLimit)).toBe(70);
    expect(listBudgetPerIp(env.listRateLimit)).toBe(40);
    const set = parseEnv({ WRITE_MAX_PER_IP: '9', LIST_MAX_PER_IP: '11' }, process.cwd());
    expect(writeBudgetPerIp(set.writeRateLimit)).toBe(9);
    expect(listBudgetPerIp(set.listRateLimit)).toBe(11);
  });
});

describe('the client address', () => {
  let h: Harness;
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    // TRUST_PROXY off (the default): the connecting address is the client, whatever X-Forwarded-For claims.
    h = await createHarness({
      loginThrottle: { windowSeconds: DAY, maxFailuresPerEmail: 100, maxFailuresPerIp: 3 },
      listRateLimit: { windowSeconds: DAY, maxPerUser: 100, maxPerIp: 2 },
    });
    server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
  });

  const login = (email: string, password: string) =>
    fetch(`${base}/api/auth/login`, jsonPost({ email, password }, from(freshIp())));

  it('throttles login failures per connecting address across user names, ignoring X-Forwarded-For', async () => {
    for (let i = 0; i < 3; i++) expect((await login(`nobody${i}@demo.test`, 'wrong')).status).toBe(401);
    expect(counter(h, 'login:ip:127.0.0.1')).toBe(3);
    // A real user with the right password, from the same socket address: refused until the window ends.
    await expectRateLimited(await login('monitor@demo.test', DEMO_PASSWORD), DAY);
    expect(h.db.count('rate_limit_counters', "key like 'login:ip:203.0.113.%'")).toBe(0);
  });

  it('spends the list budget of the connecting address', async () => {
    const { token } = await signIn(h, 'owner@demo.test');
    const list = () => fetch(`${base}/api/captures`, { headers: { ...bearer(token), ...from(freshIp()) } });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    await expectRateLimited(await list(), DAY);
    expect(counter(h, 'list:ip:127.0.0.1')).toBe(3);
  });
});

describe('two processes on one database', () => {
  it('share every budget: the counters are in the store, not in memory', async () => {
    const h = await createHarness({
      trustProxy: true,
      loginThrottle: { windowSeconds: DAY, maxFailuresPerEmail: 100, maxFailuresPerIp: 2 },
      writeRateLimit: { windowSeconds: DAY, maxPerWindow: 2, maxPerIp: 100 },
      listRateLimit: { windowSeconds: DAY, maxPerUser: 2, maxPerIp: 100 },
    });
    // A second app over the same DATA_DIR, with its own connections, as a second process would have.
    const runtime = openRuntime(h.config);
    const other = createApp({ config: h.config, ...runtime });
    try {
      const apps = [h.app, other];
      const ip = freshIp();
      expect((await apps[0]!.request('/api/auth/login', jsonPost({ email: 'x@demo.test', password: 'x' }, from(ip)))).status).toBe(401);
      expect((await apps[1]!.request('/api/auth/login', jsonPost({ email: 'y@demo.test', password: 'x' }, from(ip)))).status).toBe(401);
      await expectRateLimited(await apps[0]!.request('/api/auth/login', jsonPost({ email: 'monitor@demo.test', password: DEMO_PASSWORD }, from(ip))), DAY);

      const { token } = await signIn(h, 'monitor@demo.test');
      const list = (n: number) => apps[n]!.request('/api/captures', { headers: { ...bearer(token), ...from(freshIp()) } });
      expect((await list(0)).status).toBe(200);
      expect((await list(1)).status).toBe(200);
      await expectRateLimited(await list(0), DAY);
      await expectRateLimited(await list(1), DAY);

      const write = (n: number) => apps[n]!.request('/api/complaints', jsonPost({}, { ...bearer(token), ...from(freshIp()), 'Idempotency-Key': crypto.randomUUID() }));
      expect((await write(1)).status).toBe(400);
      expect((await write(0)).status).toBe(400);
      await expectRateLimited(await write(1), DAY);
    } finally {
      await runtime.store.close();
      await h.close();
    }
  });
});
