import { CSRF_HEADER } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto';
import { databaseFile } from '../../store';
import { inspectDatabase } from '../../store/inspect';
import { bearer, cookieHeaders, createHarness, jsonPost, loginBearer, loginCookie, type Harness } from '../../testing/harness';

let h: Harness;
beforeAll(async () => {
  // Forwarded headers are trusted here so each test can act from its own client IP.
  h = await createHarness({ trustProxy: true, loginThrottle: { windowSeconds: 900, maxFailuresPerEmail: 5, maxFailuresPerIp: 8 } });
});
afterAll(() => h.close());

let ipCounter = 0;
const freshIp = () => ({ 'X-Forwarded-For': `10.0.0.${++ipCounter}` });

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number; errors?: Array<{ path: string }> };
}

describe('POST /api/auth/login', () => {
  it('gives the extension a bearer token and stores only its hash', async () => {
    const res = await h.app.request('/api/auth/login', jsonPost({ email: 'Owner@Demo.test', password: 'demo-password-1' }, freshIp()));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; csrfToken?: string; expiresAt: string; user: Record<string, unknown> };
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.csrfToken).toBeUndefined();
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(body.user).toMatchObject({ email: 'owner@demo.test', role: 'owner', tenant: { name: 'Demo Brand Co.', kind: 'rights_holder' } });
    const expires = Date.parse(body.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(719 * 3600_000);
    const rows = h.db.rows<{ id: string; kind: string }>('select id, kind from sessions where id = ?', sha256Hex(body.token));
    expect(rows).toEqual([{ id: sha256Hex(body.token), kind: 'bearer' }]);
    expect(h.db.count('sessions', 'id = ?', body.token)).toBe(0);
  });

  it('stores argon2id password hashes', () => {
    const [row] = h.db.rows<{ password_hash: string }>("select password_hash from users where email = 'owner@demo.test'");
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('gives the console an httpOnly cookie and a CSRF token, no bearer token', async () => {
    const res = await h.app.request('/api/auth/login', jsonPost({ email: 'monitor@demo.test', password: 'demo-password-1', client: 'console' }, freshIp()));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token?: string; csrfToken: string };
    expect(body.token).toBeUndefined();
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^openipp_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
  });

  it('uses the __Host- cookie with Secure over https', async () => {
    const res = await h.app.request(
      'https://openipp.example/api/auth/login',
      jsonPost({ email: 'monitor@demo.test', password: 'demo-password-1', client: 'console' }, freshIp()),
    );
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-openipp_session=/);
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('Path=/');
  });

  it('treats X-Forwarded-Proto https as https behind a trusted proxy', async () => {
    const res = await h.app.request(
      '/api/auth/login',
      jsonPost({ email: 'monitor@demo.test', password: 'demo-password-1', client: 'console' }, { ...freshIp(), 'X-Forwarded-Proto': 'https' }),
    );
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-openipp_session=.*Secure/);
  });

  it('answers 401 invalid_credentials for a wrong password or an unknown e-mail alike', async () => {
    const wrong = await h.app.request('/api/auth/login', jsonPost({ email: 'seller@demo.test', password: 'nope' }, freshIp()));
    expect(wrong.status).toBe(401);
    expect((await problem(wrong)).code).toBe('invalid_credentials');
    const unknown = await h.app.request('/api/auth/login', jsonPost({ email: 'ghost@demo.test', password: 'nope' }, freshIp()));
    expect(unknown.status).toBe(401);
    expect((await problem(unknown)).code).toBe('invalid_credentials');
  });

  it('refuses malformed JSON, missing and extra fields, and non-JSON bodies', async () => {
    const malformed = await h.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email": "owner@demo.test",',
    });
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).code).toBe('malformed_json');

    const missing = await h.app.request('/api/auth/login', jsonPost({ email: 'owner@demo.test' }));
    expect(missing.status).toBe(400);
    const missingBody = await problem(missing);
    expect(missingBody.code).toBe('validation_failed');
    expect(missingBody.errors?.map((e) => e.path)).toContain('password');

    const extra = await h.app.request('/api/auth/login', jsonPost({ email: 'owner@demo.test', password: 'x', role: 'admin' }));
    expect(extra.status).toBe(400);
    expect((await problem(extra)).code).toBe('validation_failed');

    const form = await h.app.request('/api/auth/login', { method: 'POST', body: new URLSearchParams({ email: 'a@b.c', password: 'x' }) });
    expect(form.status).toBe(415);
    expect((await problem(form)).code).toBe('unsupported_media_type');

    const huge = await h.app.request('/api/auth/login', jsonPost({ email: 'owner@demo.test', password: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect((await problem(huge)).code).toBe('payload_too_large');
  });

  it('throttles repeated failures per e-mail with 429 and Retry-After, counted in the database', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const res = await h.app.request('/api/auth/login', jsonPost({ email: 'admin@demo.test', password: `wrong-${i}` }, ip));
      expect(res.status).toBe(401);
    }
    expect(h.db.rows<{ count: number }>("select count from rate_limit_counters where key = 'login:email:admin@demo.test'")).toEqual([
      { count: 5 },
    ]);
    // Even the right password is refused while throttled, from another address too.
    const blocked = await h.app.request('/api/auth/login', jsonPost({ email: 'admin@demo.test', password: 'demo-password-1' }, freshIp()));
    expect(blocked.status).toBe(429);
    expect((await problem(blocked)).code).toBe('rate_limited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(h.db.count('sessions', "user_id = (select id from users where email = 'admin@demo.test')")).toBe(0);
  });

  it('throttles repeated failures per client address across e-mails', async () => {
    const ip = freshIp();
    for (let i = 0; i < 8; i++) {
      const res = await h.app.request('/api/auth/login', jsonPost({ email: `nobody${i}@demo.test`, password: 'x' }, ip));
      expect(res.status).toBe(401);
    }
    const blocked = await h.app.request('/api/auth/login', jsonPost({ email: 'reviewer@demo.test', password: 'demo-password-1' }, ip));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    // A different address is unaffected.
    const other = await h.app.request('/api/auth/login', jsonPost({ email: 'reviewer@demo.test', password: 'demo-password-1' }, freshIp()));
    expect(other.status).toBe(200);
  });
});

describe('sessions', () => {
  it('GET /api/me answers for a bearer token, without a CSRF token', async () => {
    const token = await loginBearer(h, 'seller@demo.test');
    const res = await h.app.request('/api/me', { headers: bearer(token) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { email: string; tenant: { kind: string } }; csrfToken?: string };
    expect(body.user.email).toBe('seller@demo.test');
    expect(body.user.tenant.kind).toBe('seller');
    expect(body.csrfToken).toBeUndefined();
  });

  it('GET /api/me answers for the cookie and returns its CSRF token', async () => {
    const session = await loginCookie(h, 'owner@demo.test');
    const res = await h.app.request('/api/me', { headers: { Cookie: session.cookie } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { csrfToken: string }).csrfToken).toBe(session.csrfToken);
  });

  it('401 unauthenticated without credentials, with a bad token, or a cookie token used as bearer', async () => {
    const none = await h.app.request('/api/me');
    expect(none.status).toBe(401);
    expect((await problem(none)).code).toBe('unauthenticated');
    const bad = await h.app.request('/api/me', { headers: bearer('not-a-token') });
    expect((await problem(bad)).code).toBe('unauthenticated');
    const malformedHeader = await h.app.request('/api/me', { headers: { Authorization: 'Basic abc' } });
    expect(malformedHeader.status).toBe(401);
    const session = await loginCookie(h, 'owner@demo.test');
    const cookieToken = session.cookie.split('=')[1]!;
    const swapped = await h.app.request('/api/me', { headers: bearer(cookieToken) });
    expect(swapped.status).toBe(401);
  });

  it('logout revokes a bearer session', async () => {
    const token = await loginBearer(h, 'monitor@demo.test');
    const out = await h.app.request('/api/auth/logout', { method: 'POST', headers: bearer(token) });
    expect(out.status).toBe(204);
    expect(h.db.rows<{ revoked_at: number | null }>('select revoked_at from sessions where id = ?', sha256Hex(token))[0]?.revoked_at).toBeTypeOf(
      'number',
    );
    const after = await h.app.request('/api/me', { headers: bearer(token) });
    expect(after.status).toBe(401);
    expect((await problem(after)).code).toBe('session_expired');
  });

  it('an expired session is session_expired', async () => {
    const token = await loginBearer(h, 'monitor@demo.test');
    const writer = inspectDatabase(databaseFile(h.dataDir), { writable: true });
    expect(writer.run('update sessions set expires_at = ? where id = ?', Date.now() - 1, sha256Hex(token))).toBe(1);
    writer.close();
    const expired = await h.app.request('/api/me', { headers: bearer(token) });
    expect(expired.status).toBe(401);
    expect((await problem(expired)).code).toBe('session_expired');
  });
});

describe('CSRF for cookie sessions', () => {
  it('refuses an unsafe request without X-CSRF-Token (403 csrf_failed), and leaves the session alive', async () => {
    const session = await loginCookie(h, 'owner@demo.test');
    const res = await h.app.request('/api/auth/logout', { method: 'POST', headers: cookieHeaders(session, false) });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe('csrf_failed');
    expect((await h.app.request('/api/me', { headers: { Cookie: session.cookie } })).status).toBe(200);
  });

  it('refuses a wrong token', async () => {
    const session = await loginCookie(h, 'owner@demo.test');
    const res = await h.app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: session.cookie, [CSRF_HEADER]: 'x'.repeat(43) } });
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const session = await loginCookie(h, 'owner@demo.test');
    const res = await h.app.request('http://127.0.0.1:8787/api/auth/logout', {
      method: 'POST',
      headers: { ...cookieHeaders(session), Host: '127.0.0.1:8787', Origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe('csrf_failed');
  });

  it('accepts the right token from the same origin and clears the cookie', async () => {
    const session = await loginCookie(h, 'owner@demo.test');
    const res = await h.app.request('http://127.0.0.1:8787/api/auth/logout', {
      method: 'POST',
      headers: { ...cookieHeaders(session), Host: '127.0.0.1:8787', Origin: 'http://127.0.0.1:8787' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^openipp_session=;.*Max-Age=0/);
    expect((await h.app.request('/api/me', { headers: { Cookie: session.cookie } })).status).toBe(401);
  });

  it('does not require CSRF for bearer requests', async () => {
    const token = await loginBearer(h, 'owner@demo.test');
    const res = await h.app.request('/api/auth/logout', { method: 'POST', headers: { ...bearer(token), Origin: 'chrome-extension://abc' } });
    expect(res.status).toBe(204);
  });
});
