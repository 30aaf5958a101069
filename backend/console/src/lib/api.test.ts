import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiClient } from './api';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Reply {
  status: number;
  type?: string;
  body?: string;
}
type Route = (request: Seen) => Reply;

const user = {
  id: 'u1',
  email: 'monitor@demo.test',
  displayName: 'Monitor',
  role: 'monitor',
  locale: 'en',
  tenant: { id: 't1', name: 'Demo Brand Co.', kind: 'rights_holder' },
};

const json = (status: number, body: unknown): Reply => ({ status, type: 'application/json', body: JSON.stringify(body) });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  type: 'application/problem+json; charset=UTF-8',
  body: JSON.stringify({ type: 'about:blank', title: code, status, code, ...extra }),
});

// A real HTTP server: each test installs its routes and reads back what arrived.
let server: Server;
let baseUrl: string;
let routes: Record<string, Route>;
let seen: Seen[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      const path = request.url.split('?')[0] ?? '';
      const route = routes[`${request.method} ${path}`];
      const reply = route ? route(request) : problem(404, 'not_found');
      res.statusCode = reply.status;
      if (reply.type) res.setHeader('Content-Type', reply.type);
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

let api: ApiClient;
beforeEach(() => {
  routes = {};
  seen = [];
  api = createApiClient({ baseUrl });
});

const lastRequest = (): Seen => {
  const request = seen.at(-1);
  if (!request) throw new Error('no request reached the server');
  return request;
};

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('CSRF header', () => {
  beforeEach(() => {
    routes['POST /api/auth/login'] = () => json(200, { csrfToken: 'csrf-from-login', expiresAt: '2026-12-01T00:00:00.000Z', user });
    routes['GET /api/me'] = () => json(200, { csrfToken: 'csrf-from-me', user });
    routes['GET /api/captures'] = () => json(200, { items: [] });
    routes['POST /api/auth/logout'] = () => ({ status: 204 });
  });

  it('logs in as the console client and echoes the token from the login on unsafe methods only', async () => {
    const signedIn = await api.login('monitor@demo.test', 'demo-password-1');
    expect(signedIn.email).toBe('monitor@demo.test');
    expect(JSON.parse(lastRequest().body)).toEqual({ email: 'monitor@demo.test', password: 'demo-password-1', client: 'console' });
    expect(lastRequest().headers['content-type']).toBe('application/json');
    expect(lastRequest().headers['x-csrf-token']).toBeUndefined();

    await api.listCaptures();
    expect(lastRequest().method).toBe('GET');
    expect(lastRequest().headers['x-csrf-token']).toBeUndefined();

    await api.logout();
    expect(lastRequest().url).toBe('/api/auth/logout');
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-from-login');
  });

  it('recovers the token from GET /api/me after a reload', async () => {
    await api.me();
    await api.logout();
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-from-me');
  });

  it('sends no token before one is known, and forgets it after logout', async () => {
    await api.logout();
    expect(lastRequest().headers['x-csrf-token']).toBeUndefined();

    await api.login('monitor@demo.test', 'demo-password-1');
    await api.logout();
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-from-login');
    await api.logout();
    expect(lastRequest().headers['x-csrf-token']).toBeUndefined();
  });

  it('forgets the token when the session turns out to be gone', async () => {
    await api.login('monitor@demo.test', 'demo-password-1');
    routes['GET /api/captures'] = () => problem(401, 'session_expired');
    await rejection(api.listCaptures());
    await api.logout();
    expect(lastRequest().headers['x-csrf-token']).toBeUndefined();
  });
});

describe('problem+json parsing', () => {
  it('carries status, code, field errors and request id', async () => {
    const errors = [{ path: 'email', code: 'invalid_format', message: 'Invalid email' }];
    routes['POST /api/auth/login'] = () => problem(400, 'validation_failed', { errors, requestId: 'req-7' });
    const error = await rejection(api.login('not-an-email', 'x'));
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.errors).toEqual(errors);
    expect(error.requestId).toBe('req-7');
  });

  it('drops malformed field errors instead of passing them to the UI', async () => {
    routes['GET /api/captures'] = () =>
      problem(400, 'validation_failed', { errors: [{ path: 'limit', code: 'too_big', message: 'max 100' }, 'junk', { path: 1 }] });
    const error = await rejection(api.listCaptures({ limit: 1000 }));
    expect(error.errors).toEqual([{ path: 'limit', code: 'too_big', message: 'max 100' }]);
  });

  it('does not take a code from a body that is not problem+json', async () => {
    routes['GET /api/captures'] = () => ({ status: 502, type: 'text/html', body: '<h1>Bad gateway</h1>' });
    const error = await rejection(api.listCaptures());
    expect([error.status, error.code]).toEqual([502, 'unknown']);

    routes['GET /api/captures'] = () => json(500, { code: 'internal_error' });
    expect((await rejection(api.listCaptures())).code).toBe('unknown');
  });

  it('survives a problem+json body that is not JSON or has no code', async () => {
    routes['GET /api/captures'] = () => ({ status: 500, type: 'application/problem+json', body: '{"code": "intern' });
    expect((await rejection(api.listCaptures())).code).toBe('unknown');
    routes['GET /api/captures'] = () => ({ status: 503, type: 'application/problem+json', body: '{"title":"down"}' });
    const error = await rejection(api.listCaptures());
    expect([error.status, error.code]).toEqual([503, 'unknown']);
  });

  it('reports an unreachable server as network_error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(createApiClient({ baseUrl: `http://127.0.0.1:${port}` }).me());
    expect([error.status, error.code]).toEqual([0, 'network_error']);
  });

  it('refuses a 2xx body that breaks the shared schema', async () => {
    routes['GET /api/captures'] = () => json(200, { items: [{ id: 'c1' }] });
    const error = await rejection(api.listCaptures());
    expect([error.status, error.code]).toEqual([200, 'unknown']);
    routes['GET /api/me'] = () => json(200, { user: { ...user, role: 'superuser' } });
    expect((await rejection(api.me())).code).toBe('unknown');
  });
});

describe('401 handling', () => {
  it('tells listeners about a 401 from any call except login', async () => {
    const heard: string[] = [];
    const stop = api.onUnauthenticated((error) => heard.push(error.code));

    routes['POST /api/auth/login'] = () => problem(401, 'invalid_credentials');
    expect((await rejection(api.login('monitor@demo.test', 'wrong'))).code).toBe('invalid_credentials');
    expect(heard).toEqual([]);

    routes['GET /api/me'] = () => problem(401, 'unauthenticated');
    routes['GET /api/captures'] = () => problem(401, 'session_expired');
    await rejection(api.me());
    await rejection(api.listCaptures());
    expect(heard).toEqual(['unauthenticated', 'session_expired']);

    routes['GET /api/captures'] = () => problem(403, 'forbidden');
    await rejection(api.listCaptures());
    expect(heard).toHaveLength(2);

    stop();
    routes['GET /api/captures'] = () => problem(401, 'session_expired');
    await rejection(api.listCaptures());
    expect(heard).toHaveLength(2);
  });
});

describe('listCaptures', () => {
  it('passes limit and cursor as query parameters and returns the validated page', async () => {
    const capture = {
      id: 'c1',
      tenantId: 't1',
      tenantName: 'Demo Brand Co.',
      createdBy: { id: 'u1', email: 'monitor@demo.test' },
      url: 'https://item.taobao.com/item.htm?id=1',
      title: '商品',
      capturedAt: '2026-11-29T09:00:00.000Z',
      receivedAt: '2026-11-29T09:00:01.000Z',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
      screenshot: { sha256: 'a'.repeat(64), mime: 'image/png', bytes: 1234, width: 1280, height: 800 },
      receipt: { id: 'r1', sha256: 'a'.repeat(64), receivedAt: '2026-11-29T09:00:01.000Z' },
    };
    routes['GET /api/captures'] = () => json(200, { items: [capture], nextCursor: 'next/+page' });
    const page = await api.listCaptures({ limit: 25, cursor: 'a b&c' });
    const url = new URL(lastRequest().url, baseUrl);
    expect(url.searchParams.get('limit')).toBe('25');
    expect(url.searchParams.get('cursor')).toBe('a b&c');
    expect(page.items.map((item) => item.id)).toEqual(['c1']);
    expect(page.nextCursor).toBe('next/+page');
  });
});
