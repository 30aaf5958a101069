import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, attachmentFilename, createApiClient, type ApiClient } from './api';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  raw: Buffer;
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
  tenant: { id: 't1', name: 'Demo Brand Co.', kind: 'rights_holder', identityStatus: 'approved' },
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
        raw: Buffer.concat(chunks),
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
    routes['GET /api/me'] = () => json(200, { csrfToken: 'csrf-from-me', user, pendingAgreementVersion: null, contactConfirmationDue: false });
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
    routes['GET /api/me'] = () => json(200, { user: { ...user, role: 'superuser' }, pendingAgreementVersion: null, contactConfirmationDue: false });
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
      marks: [{ kind: 'region', x: 0.1, y: 0.1, width: 0.2, height: 0.2 }],
      receipt: { id: 'r1', sha256: 'a'.repeat(64), receivedAt: '2026-11-29T09:00:01.000Z' },
    };
    routes['GET /api/captures'] = () => json(200, { items: [capture], nextCursor: 'next/+page' });
    const page = await api.listCaptures({ limit: 25, cursor: 'a b&c' });
    const url = new URL(lastRequest().url, baseUrl);
    expect(url.searchParams.get('limit')).toBe('25');
    expect(url.searchParams.get('cursor')).toBe('a b&c');
    expect(page.items.map((item) => item.id)).toEqual(['c1']);
    // The marks survive the contract, so the console can draw them.
    expect(page.items[0]!.marks).toEqual(capture.marks);
    expect(page.nextCursor).toBe('next/+page');
  });
});

const HASH_ZH = 'a'.repeat(64);
const HASH_EN = 'b'.repeat(64);
const agreement = {
  version: 2,
  publishedAt: '2026-11-20T08:00:00.000Z',
  summary: { 'zh-CN': '新增维护条款。', en: 'Adds a maintenance clause.' },
  texts: { 'zh-CN': { body: '# 用户协议', sha256: HASH_ZH }, en: { body: '# User agreement', sha256: HASH_EN } },
  prevailingLanguage: 'zh-CN',
};
const acceptance = {
  id: 'acc1',
  userId: 'u1',
  userEmail: 'monitor@demo.test',
  tenantId: 't1',
  version: 2,
  language: 'en',
  zhSha256: HASH_ZH,
  enSha256: HASH_EN,
  acceptedAt: '2026-11-29T09:00:00.000Z',
  ip: '127.0.0.1',
  userAgent: 'Chromium',
};
const status = (enabled: boolean) => ({
  maintenance: {
    enabled,
    message: enabled ? { 'zh-CN': '维护中', en: 'Down for maintenance' } : null,
    since: enabled ? '2026-11-29T09:00:00.000Z' : null,
    retryAfterSeconds: 600,
  },
});

async function signIn(): Promise<void> {
  routes['POST /api/auth/login'] = () => json(200, { csrfToken: 'csrf-1', expiresAt: '2026-12-01T00:00:00.000Z', user });
  await api.login('monitor@demo.test', 'demo-password-1');
}

describe('me', () => {
  it('returns the user with the agreement version still to accept', async () => {
    routes['GET /api/me'] = () => json(200, { csrfToken: 'c', user, pendingAgreementVersion: 2, contactConfirmationDue: false });
    expect(await api.me()).toEqual({ user, pendingAgreementVersion: 2, contactConfirmationDue: false });
    routes['GET /api/me'] = () => json(200, { csrfToken: 'c', user, pendingAgreementVersion: null, contactConfirmationDue: true });
    expect((await api.me()).contactConfirmationDue).toBe(true);
  });

  it('refuses a body without pendingAgreementVersion: the gate must never be skipped by accident', async () => {
    routes['GET /api/me'] = () => json(200, { csrfToken: 'c', user, contactConfirmationDue: false });
    expect((await rejection(api.me())).code).toBe('unknown');
  });
});

describe('agreement gate', () => {
  it('reads the current agreement and accepts it in the language shown, with the CSRF token', async () => {
    await signIn();
    routes['GET /api/agreements/current'] = () => json(200, { agreement, acceptedAt: null });
    const current = await api.currentAgreement();
    expect(current.agreement.texts.en.body).toBe('# User agreement');
    expect(current.acceptedAt).toBeNull();

    routes['POST /api/agreements/2/accept'] = () => json(201, acceptance);
    const record = await api.acceptAgreement(2, 'en');
    expect(record.id).toBe('acc1');
    expect(lastRequest().method).toBe('POST');
    expect(JSON.parse(lastRequest().body)).toEqual({ language: 'en' });
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-1');
  });

  it('refuses an agreement whose prevailing language is not Chinese', async () => {
    routes['GET /api/agreements/current'] = () => json(200, { agreement: { ...agreement, prevailingLanguage: 'en' }, acceptedAt: null });
    expect((await rejection(api.currentAgreement())).code).toBe('unknown');
  });

  it('tells problem listeners about a 403 agreement_acceptance_required from any call', async () => {
    const heard: string[] = [];
    api.onProblem((error) => heard.push(`${error.status} ${error.code}`));
    routes['GET /api/captures'] = () => problem(403, 'agreement_acceptance_required');
    routes['POST /api/agreements/1/accept'] = () => problem(409, 'agreement_version_not_current');
    expect((await rejection(api.listCaptures())).code).toBe('agreement_acceptance_required');
    expect((await rejection(api.acceptAgreement(1, 'zh-CN'))).status).toBe(409);
    expect(heard).toEqual(['403 agreement_acceptance_required', '409 agreement_version_not_current']);
  });

  it('does not tell problem listeners about a failed login, which the form reports itself', async () => {
    const heard: string[] = [];
    api.onProblem((error) => heard.push(error.code));
    routes['POST /api/auth/login'] = () => problem(401, 'account_frozen');
    expect((await rejection(api.login('monitor@demo.test', 'demo-password-1'))).code).toBe('account_frozen');
    expect(heard).toEqual([]);
  });
});

describe('messages', () => {
  it('lists messages with the unread count and marks one read', async () => {
    await signIn();
    const message = {
      id: 'm/1',
      kind: 'agreement_published',
      title: { 'zh-CN': '协议更新', en: 'Agreement updated' },
      body: { 'zh-CN': '请阅读。', en: 'Please read.' },
      createdAt: '2026-11-29T09:00:00.000Z',
      readAt: null,
    };
    routes['GET /api/messages'] = () => json(200, { items: [message], unread: 1 });
    const list = await api.listMessages();
    expect([list.unread, list.items[0]?.title.en]).toEqual([1, 'Agreement updated']);

    routes['POST /api/messages/m%2F1/read'] = () => ({ status: 204 });
    await api.markMessageRead('m/1');
    expect([lastRequest().method, lastRequest().url]).toEqual(['POST', '/api/messages/m%2F1/read']);
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-1');
  });
});

describe('account', () => {
  const session = {
    id: 's1',
    kind: 'cookie',
    createdAt: '2026-11-29T08:00:00.000Z',
    lastSeenAt: '2026-11-29T09:00:00.000Z',
    expiresAt: '2026-12-29T08:00:00.000Z',
    ip: '127.0.0.1',
    userAgent: 'Chromium',
    current: true,
  };

  it('lists and ends sessions', async () => {
    await signIn();
    routes['GET /api/sessions'] = () => json(200, { items: [session, { ...session, id: 's2', kind: 'bearer', current: false, ip: null }] });
    const list = await api.listSessions();
    expect(list.items.map((item) => [item.id, item.kind, item.current])).toEqual([
      ['s1', 'cookie', true],
      ['s2', 'bearer', false],
    ]);

    routes['DELETE /api/sessions/s2'] = () => ({ status: 204 });
    await api.endSession('s2');
    expect([lastRequest().method, lastRequest().url, lastRequest().headers['x-csrf-token']]).toEqual(['DELETE', '/api/sessions/s2', 'csrf-1']);
  });

  it('forgets the CSRF token after signing out everywhere', async () => {
    await signIn();
    routes['POST /api/sessions/revoke-all'] = () => ({ status: 204 });
    routes['POST /api/auth/logout'] = () => ({ status: 204 });
    await api.revokeAllSessions();
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-1');
    await api.logout();
    expect(lastRequest().headers['x-csrf-token']).toBeUndefined();
  });

  it('returns the sign-in history and refuses an unknown outcome', async () => {
    routes['GET /api/account/logins'] = () =>
      json(200, { items: [{ at: '2026-11-29T09:00:00.000Z', ip: '10.0.0.1', userAgent: null, outcome: 'wrong_password' }] });
    expect(await api.loginHistory()).toEqual([{ at: '2026-11-29T09:00:00.000Z', ip: '10.0.0.1', userAgent: null, outcome: 'wrong_password' }]);
    routes['GET /api/account/logins'] = () => json(200, { items: [{ at: '2026-11-29T09:00:00.000Z', ip: null, userAgent: null, outcome: 'maybe' }] });
    expect((await rejection(api.loginHistory())).code).toBe('unknown');
  });

  it('reports compromise with a trimmed note, or none, and forgets the CSRF token', async () => {
    await signIn();
    routes['POST /api/account/report-compromise'] = () => ({ status: 202 });
    await api.reportCompromise('  not me  ');
    expect(JSON.parse(lastRequest().body)).toEqual({ note: 'not me' });
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-1');

    await signIn();
    await api.reportCompromise('   ');
    expect(JSON.parse(lastRequest().body)).toEqual({});
    routes['POST /api/auth/logout'] = () => ({ status: 204 });
    await api.logout();
    expect(lastRequest().headers['x-csrf-token']).toBeUndefined();
  });
});

describe('platform status', () => {
  it('reads the public status without telling the session listeners about failures', async () => {
    const heard: string[] = [];
    api.onProblem((error) => heard.push(error.code));
    api.onUnauthenticated((error) => heard.push(error.code));
    routes['GET /api/status'] = () => json(200, status(true));
    expect((await api.platformStatus()).maintenance.message?.en).toBe('Down for maintenance');
    routes['GET /api/status'] = () => problem(401, 'unauthenticated');
    await rejection(api.platformStatus());
    expect(heard).toEqual([]);
  });

  it('reports a write refused during maintenance as the maintenance code', async () => {
    await signIn();
    routes['DELETE /api/sessions/s1'] = () => problem(503, 'maintenance');
    const error = await rejection(api.endSession('s1'));
    expect([error.status, error.code]).toEqual([503, 'maintenance']);
  });
});

describe('admin', () => {
  const adminUser = {
    id: 'u/9',
    email: 'monitor@demo.test',
    role: 'monitor',
    tenant: { id: 't1', name: 'Demo Brand Co.' },
    frozenAt: '2026-11-29T09:00:00.000Z',
    frozenNote: 'lost laptop',
  };

  it('lists agreement versions with acceptance counts and publishes a new one', async () => {
    await signIn();
    routes['GET /api/admin/agreements'] = () =>
      json(200, {
        items: [{ version: 2, publishedAt: agreement.publishedAt, summary: agreement.summary, zhSha256: HASH_ZH, enSha256: HASH_EN, acceptances: 3, current: true }],
        activeUsers: 5,
      });
    const list = await api.adminListAgreements();
    expect([list.activeUsers, list.items[0]?.acceptances, list.items[0]?.current]).toEqual([5, 3, true]);

    routes['POST /api/admin/agreements'] = () => json(201, { ...agreement, version: 3 });
    const request = { bodyZh: '# 三', bodyEn: '# Three', summaryZh: '改', summaryEn: 'Changed' };
    expect((await api.adminPublishAgreement(request)).version).toBe(3);
    expect(JSON.parse(lastRequest().body)).toEqual(request);
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-1');
  });

  it('filters users by frozen state and unfreezes with a note', async () => {
    await signIn();
    routes['GET /api/admin/users'] = () => json(200, { items: [adminUser] });
    expect((await api.adminListUsers({ frozen: true }))[0]?.frozenNote).toBe('lost laptop');
    expect(lastRequest().url).toBe('/api/admin/users?frozen=true');
    await api.adminListUsers({ frozen: false });
    expect(lastRequest().url).toBe('/api/admin/users?frozen=false');
    await api.adminListUsers();
    expect(lastRequest().url).toBe('/api/admin/users');

    routes['POST /api/admin/users/u%2F9/unfreeze'] = () => ({ status: 204 });
    await api.adminUnfreezeUser('u/9', 'Checked with the owner by phone.');
    expect(JSON.parse(lastRequest().body)).toEqual({ note: 'Checked with the owner by phone.' });
  });

  it('downloads the acceptance proof as the exact bytes served, named by Content-Disposition', async () => {
    const proof = { user: { id: 'u1', email: 'monitor@demo.test', tenantId: 't1', tenantName: 'Demo' }, generatedAt: acceptance.acceptedAt, acceptances: [acceptance] };
    const served = JSON.stringify(proof, null, 2);
    routes['GET /api/admin/users/u1/acceptances'] = () => ({ status: 200, type: 'application/json; charset=utf-8', body: served });
    let download = await api.adminAcceptanceProof('u1');
    expect(download).toEqual({ filename: 'acceptances-u1.json', type: 'application/json; charset=utf-8', text: served });

    const server2 = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Content-Disposition', `attachment; filename="proof.json"; filename*=UTF-8''%E8%AF%81%E6%98%8E.json`);
      res.end(served);
    });
    await new Promise<void>((resolve) => server2.listen(0, '127.0.0.1', resolve));
    try {
      const other = createApiClient({ baseUrl: `http://127.0.0.1:${(server2.address() as AddressInfo).port}` });
      download = await other.adminAcceptanceProof('u1');
      expect(download.filename).toBe('证明.json');
    } finally {
      await new Promise<void>((resolve) => server2.close(() => resolve()));
    }

    routes['GET /api/admin/users/u1/acceptances'] = () => json(200, { user: proof.user, acceptances: 'none' });
    expect((await rejection(api.adminAcceptanceProof('u1'))).code).toBe('unknown');
    routes['GET /api/admin/users/u1/acceptances'] = () => problem(404, 'not_found');
    expect((await rejection(api.adminAcceptanceProof('u1'))).code).toBe('not_found');
  });

  it('sets maintenance mode and returns the new status', async () => {
    await signIn();
    routes['PUT /api/admin/maintenance'] = () => json(200, status(true));
    const request = { enabled: true, messageZh: '维护中', messageEn: 'Down for maintenance' };
    expect((await api.adminSetMaintenance(request)).maintenance.enabled).toBe(true);
    expect([lastRequest().method, JSON.parse(lastRequest().body), lastRequest().headers['x-csrf-token']]).toEqual(['PUT', request, 'csrf-1']);
  });
});

describe('attachmentFilename', () => {
  it('prefers filename*, unquotes filename, and strips path separators', () => {
    expect(attachmentFilename(null)).toBeUndefined();
    expect(attachmentFilename('attachment')).toBeUndefined();
    expect(attachmentFilename('attachment; filename=plain.json')).toBe('plain.json');
    expect(attachmentFilename('attachment; filename="a \\"b\\".json"')).toBe('a "b".json');
    expect(attachmentFilename(`attachment; filename="x.json"; filename*=UTF-8''%E4%B8%AD.json`)).toBe('中.json');
    expect(attachmentFilename('attachment; filename="../../etc/passwd"')).toBe('.._.._etc_passwd');
    expect(attachmentFilename(`attachment; filename*=UTF-8''%E0%A4%A; filename="fallback.json"`)).toBe('fallback.json');
  });
});

/** Parses a multipart body that reached the server, with the platform's own parser. */
async function formOf(request: Seen): Promise<FormData> {
  const type = request.headers['content-type'];
  expect(type).toMatch(/^multipart\/form-data; boundary=/);
  return new Request('http://local/', { method: 'POST', headers: { 'content-type': type ?? '' }, body: new Uint8Array(request.raw) }).formData();
}

const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00]);

const registration = {
  tenantKind: 'rights_holder' as const,
  identity: { entityKind: 'company' as const, legalName: 'Lantern Footwear Co., Ltd.', country: 'CN', registrationNumber: '９１３１ ００００ ｍａ１' },
  email: 'legal@lantern.example',
  password: 'Lantern-river-2026',
  displayName: 'Lin Wei',
  locale: 'zh-CN' as const,
  phone: '+86 21 5555 0100',
  postalAddress: '上海市 示例路 1 号',
};

describe('registration', () => {
  it('posts the data as a JSON field and each proof as a file part, without a CSRF token or JSON content type', async () => {
    routes['POST /api/registrations'] = () => json(201, { tenantId: 't9', userId: 'u9', emailVerificationSent: true });
    const proofs = [new File([PDF_BYTES], '营业执照.pdf', { type: 'application/pdf' }), new File([PNG_BYTES], 'back.png', { type: 'image/png' })];
    const result = await api.register(registration, proofs);
    expect(result).toEqual({ tenantId: 't9', userId: 'u9', emailVerificationSent: true });

    const request = lastRequest();
    expect([request.method, request.url]).toEqual(['POST', '/api/registrations']);
    expect(request.headers['x-csrf-token']).toBeUndefined();
    const form = await formOf(request);
    expect(JSON.parse(String(form.get('data')))).toEqual(registration);
    const files = form.getAll('proof') as File[];
    expect(files.map((file) => [file.name, file.type, file.size])).toEqual([
      ['营业执照.pdf', 'application/pdf', PDF_BYTES.length],
      ['back.png', 'image/png', PNG_BYTES.length],
    ]);
    expect(new Uint8Array(await files[1]!.arrayBuffer())).toEqual(PNG_BYTES);
    expect([...form.keys()].sort()).toEqual(['data', 'proof', 'proof']);
  });

  it('sends the CSRF token when a session is open in this browser', async () => {
    await signIn();
    routes['POST /api/registrations'] = () => json(201, { tenantId: 't9', userId: 'u9', emailVerificationSent: true });
    await api.register(registration, [new File([PDF_BYTES], 'a.pdf', { type: 'application/pdf' })]);
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-1');
  });

  it('maps refusals to their codes, keeps the password problems, and tells no session listener', async () => {
    const heard: string[] = [];
    api.onProblem((error) => heard.push(error.code));
    api.onUnauthenticated((error) => heard.push(`401 ${error.code}`));
    const proof = [new File([PDF_BYTES], 'a.pdf', { type: 'application/pdf' })];

    routes['POST /api/registrations'] = () => problem(409, 'entity_already_registered');
    const duplicate = await rejection(api.register(registration, proof));
    expect([duplicate.status, duplicate.code]).toEqual([409, 'entity_already_registered']);

    const errors = [
      { path: 'password', code: 'too_short', message: 'too short' },
      { path: 'password', code: 'too_common', message: 'common' },
    ];
    routes['POST /api/registrations'] = () => problem(422, 'weak_password', { errors });
    const weak = await rejection(api.register(registration, proof));
    expect(weak.errors.map((error) => error.code)).toEqual(['too_short', 'too_common']);

    routes['POST /api/registrations'] = () =>
      problem(400, 'validation_failed', { errors: [{ path: 'identity.country', code: 'invalid_format', message: 'ISO' }] });
    expect((await rejection(api.register(registration, proof))).errors[0]?.path).toBe('identity.country');
    expect(heard).toEqual([]);
  });

  it('refuses a success body that breaks the contract', async () => {
    routes['POST /api/registrations'] = () => json(201, { tenantId: 't9', userId: 'u9', emailVerificationSent: false });
    expect((await rejection(api.register(registration, [new File([PDF_BYTES], 'a.pdf')]))).code).toBe('unknown');
  });
});

describe('e-mailed links', () => {
  const token = 'tok_'.padEnd(43, 'x');

  it('posts each link token as JSON to its route', async () => {
    routes['POST /api/auth/verify-email'] = () => ({ status: 204 });
    routes['POST /api/auth/freeze-by-link'] = () => json(202, { frozen: true });
    routes['POST /api/auth/accept-invitation'] = () => json(201, { userId: 'u3' });
    routes['POST /api/auth/resend-verification'] = () => ({ status: 202 });

    await api.verifyEmail(token);
    expect([lastRequest().url, JSON.parse(lastRequest().body), lastRequest().headers['content-type']]).toEqual([
      '/api/auth/verify-email',
      { token },
      'application/json',
    ]);
    await api.freezeByLink(token);
    expect([lastRequest().url, JSON.parse(lastRequest().body)]).toEqual(['/api/auth/freeze-by-link', { token }]);
    await api.acceptInvitation({ token, displayName: 'Zhao Min', password: 'Lantern-river-2026' });
    expect([lastRequest().url, JSON.parse(lastRequest().body)]).toEqual([
      '/api/auth/accept-invitation',
      { token, displayName: 'Zhao Min', password: 'Lantern-river-2026' },
    ]);
    await api.resendVerification('legal@lantern.example');
    expect([lastRequest().url, JSON.parse(lastRequest().body)]).toEqual(['/api/auth/resend-verification', { email: 'legal@lantern.example' }]);
  });

  it('reports used, expired and unknown links by their codes, without ending a session in the UI', async () => {
    const heard: string[] = [];
    api.onProblem((error) => heard.push(error.code));
    routes['POST /api/auth/verify-email'] = () => problem(409, 'link_used');
    expect((await rejection(api.verifyEmail(token))).code).toBe('link_used');
    routes['POST /api/auth/verify-email'] = () => problem(410, 'link_expired');
    expect((await rejection(api.verifyEmail(token))).status).toBe(410);
    routes['POST /api/auth/freeze-by-link'] = () => problem(400, 'link_invalid');
    expect((await rejection(api.freezeByLink(token))).code).toBe('link_invalid');
    routes['POST /api/auth/accept-invitation'] = () => problem(422, 'weak_password', { errors: [{ path: 'password', code: 'too_common', message: 'x' }] });
    expect((await rejection(api.acceptInvitation({ token, displayName: 'Z', password: 'password1' }))).errors).toHaveLength(1);
    expect(heard).toEqual([]);
  });
});

const document = {
  id: 'd/1',
  purpose: 'identity_proof',
  fileName: 'licence.pdf',
  mime: 'application/pdf',
  bytes: 1234,
  sha256: 'c'.repeat(64),
  uploadedAt: '2026-11-29T09:00:00.000Z',
};
const identity = { entityKind: 'company', legalName: 'Lantern Footwear Co., Ltd.', country: 'CN', registrationNumber: '91310000MA1FL5X3Q' };

describe('tenant, principals and invitations', () => {
  it('reads the tenant profile and its users', async () => {
    await signIn();
    const profile = {
      id: 't1',
      name: 'Lantern',
      kind: 'agency',
      identity,
      verification: { status: 'rejected', decidedAt: '2026-11-29T10:00:00.000Z', reasons: 'Licence unreadable' },
      documents: [document],
      createdAt: '2026-11-29T09:00:00.000Z',
    };
    routes['GET /api/tenant'] = () => json(200, profile);
    expect((await api.tenantProfile()).verification.reasons).toBe('Licence unreadable');
    routes['GET /api/tenant'] = () => json(200, { ...profile, verification: { ...profile.verification, status: 'maybe' } });
    expect((await rejection(api.tenantProfile())).code).toBe('unknown');

    const users = {
      items: [{ id: 'u1', email: 'legal@lantern.example', displayName: 'Lin', role: 'owner', emailVerified: true, createdAt: profile.createdAt }],
      invitations: [{ id: 'i1', email: 'm@lantern.example', role: 'monitor', expiresAt: '2026-12-06T09:00:00.000Z', createdAt: profile.createdAt }],
    };
    routes['GET /api/tenant/users'] = () => json(200, users);
    expect((await api.tenantUsers()).invitations[0]?.email).toBe('m@lantern.example');
  });

  it('invites a monitor with the CSRF token, and maps a duplicate address', async () => {
    await signIn();
    routes['POST /api/tenant/invitations'] = () => json(201, { id: 'i2' });
    await api.inviteMonitor('new@lantern.example', 'en');
    expect([JSON.parse(lastRequest().body), lastRequest().headers['x-csrf-token']]).toEqual([
      { email: 'new@lantern.example', role: 'monitor', locale: 'en' },
      'csrf-1',
    ]);
    routes['POST /api/tenant/invitations'] = () => problem(409, 'email_already_registered');
    expect((await rejection(api.inviteMonitor('legal@lantern.example', 'en'))).code).toBe('email_already_registered');
  });

  it('adds a principal as multipart `data` plus one `authority` file, and lists principals', async () => {
    await signIn();
    routes['POST /api/principals'] = () => json(201, {});
    const letter = new File([PDF_BYTES], 'authority.pdf', { type: 'application/pdf' });
    await api.addPrincipal({ entityKind: 'company', legalName: 'Blue Kite GmbH', country: 'DE', registrationNumber: 'HRB 12345' }, letter);
    const form = await formOf(lastRequest());
    expect(lastRequest().headers['x-csrf-token']).toBe('csrf-1');
    expect(JSON.parse(String(form.get('data')))).toEqual({ entityKind: 'company', legalName: 'Blue Kite GmbH', country: 'DE', registrationNumber: 'HRB 12345' });
    expect((form.getAll('authority') as File[]).map((file) => file.name)).toEqual(['authority.pdf']);

    const principal = {
      id: 'p1',
      identity,
      authority: { status: 'pending', decidedAt: null, reasons: null },
      letterOfAuthority: { ...document, purpose: 'letter_of_authority' },
      createdAt: '2026-11-29T09:00:00.000Z',
    };
    routes['GET /api/principals'] = () => json(200, { items: [principal] });
    expect((await api.listPrincipals()).map((item) => item.authority.status)).toEqual(['pending']);
  });
});

describe('contacts', () => {
  const current = { email: 'legal@lantern.example', phone: null, postalAddress: 'Shanghai', since: '2026-01-01T00:00:00.000Z', confirmedAt: '2026-01-01T00:00:00.000Z' };

  it('reads, updates and confirms the contact details', async () => {
    await signIn();
    routes['GET /api/account/contacts'] = () => json(200, { current, history: [{ ...current, until: null }], confirmationDue: true });
    expect((await api.contacts()).confirmationDue).toBe(true);

    routes['PUT /api/account/contacts'] = () => json(200, {});
    const details = { email: 'legal@lantern.example', phone: '+86 21 5555 0100', postalAddress: null };
    await api.updateContacts(details);
    expect([lastRequest().method, JSON.parse(lastRequest().body), lastRequest().headers['x-csrf-token']]).toEqual(['PUT', details, 'csrf-1']);

    routes['POST /api/account/contacts/confirm'] = () => ({ status: 204 });
    await api.confirmContacts();
    expect([lastRequest().method, lastRequest().url]).toEqual(['POST', '/api/account/contacts/confirm']);
  });
});

describe('admin verification queue', () => {
  it('lists the queue and posts decisions to the tenant and principal routes', async () => {
    await signIn();
    const queue = {
      tenants: [{ id: 't/2', name: 'Lantern', kind: 'rights_holder', identity, ownerEmail: 'legal@lantern.example', emailVerified: true, documents: [document], createdAt: document.uploadedAt }],
      principals: [],
    };
    routes['GET /api/admin/verifications'] = () => json(200, queue);
    expect((await api.adminVerifications()).tenants[0]?.documents[0]?.fileName).toBe('licence.pdf');

    routes['POST /api/admin/tenants/t%2F2/verification'] = () => ({ status: 204 });
    await api.adminDecideTenant('t/2', { decision: 'approve' });
    expect([lastRequest().url, JSON.parse(lastRequest().body), lastRequest().headers['x-csrf-token']]).toEqual([
      '/api/admin/tenants/t%2F2/verification',
      { decision: 'approve' },
      'csrf-1',
    ]);

    routes['POST /api/admin/principals/p1/verification'] = () => problem(409, 'already_decided');
    const error = await rejection(api.adminDecidePrincipal('p1', { decision: 'reject', reasons: 'Unsigned letter' }));
    expect(error.code).toBe('already_decided');
    expect(JSON.parse(lastRequest().body)).toEqual({ decision: 'reject', reasons: 'Unsigned letter' });
  });
});

describe('demo mailbox', () => {
  it('returns the caught mail, and rejects when the server has no mailbox', async () => {
    const mail = { id: 'm1', to: 'legal@lantern.example', subject: 'Verify', text: 'Open http://x/#/verify-email?token=abc', receivedAt: '2026-11-29T09:00:00.000Z' };
    routes['GET /api/dev/mailbox'] = () => json(200, { items: [mail] });
    expect((await api.devMailbox()).items[0]?.subject).toBe('Verify');
    delete routes['GET /api/dev/mailbox'];
    expect((await rejection(api.devMailbox())).status).toBe(404);
  });
});
