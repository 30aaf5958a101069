import type { AdminUser, LoginEvent, SessionInfo } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto';
import { setMaintenance } from '../../services/maintenance';
import { bearer, cookieHeaders, createHarness, jsonPost, loginBearer, loginCookie, type Harness } from '../../testing/harness';

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number };
}

function login(h: Harness, email: string, password: string, ip: string, userAgent = 'AccountTest/1.0') {
  return h.app.request('/api/auth/login', jsonPost({ email, password }, { 'X-Forwarded-For': ip, 'User-Agent': userAgent }));
}

describe('report of unauthorised use', () => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await createHarness({ trustProxy: true });
    admin = await loginBearer(h, 'admin@demo.test');
  });
  afterAll(() => h.close());

  it('freezes the account and voids every bearer token and cookie session at once', async () => {
    const extension = await loginBearer(h, 'owner@demo.test');
    const secondExtension = await loginBearer(h, 'owner@demo.test');
    const console = await loginCookie(h, 'owner@demo.test');
    const colleague = await loginBearer(h, 'monitor@demo.test');

    const res = await h.app.request('/api/account/report-compromise', jsonPost({ note: 'I did not sign in from there' }, cookieHeaders(console)));
    expect(res.status).toBe(202);
    expect(res.headers.get('set-cookie')).toMatch(/openipp_session=;/);

    for (const token of [extension, secondExtension]) {
      for (const path of ['/api/captures', '/api/me', '/api/agreements/current']) {
        expect((await problem(await h.app.request(path, { headers: bearer(token) }))).code).toBe('account_frozen');
      }
    }
    const viaCookie = await h.app.request('/api/me', { headers: cookieHeaders(console) });
    expect(viaCookie.status).toBe(401);
    expect((await problem(viaCookie)).code).toBe('account_frozen');

    const [user] = h.db.rows<{ id: string; frozen_at: number | null; frozen_note: string | null }>(
      "select id, frozen_at, frozen_note from users where email = 'owner@demo.test'",
    );
    expect(user!.frozen_at).toBeTypeOf('number');
    expect(user!.frozen_note).toBe('I did not sign in from there');
    expect(h.db.count('sessions', 'user_id = ? and revoked_at is null', user!.id)).toBe(0);
    expect(h.db.count('sessions', 'user_id = ?', user!.id)).toBeGreaterThanOrEqual(3);

    // The rest of the tenant carries on.
    expect((await h.app.request('/api/captures', { headers: bearer(colleague) })).status).toBe(200);
  });

  it('refuses the right password with account_frozen and a wrong one with invalid_credentials', async () => {
    const right = await login(h, 'owner@demo.test', 'demo-password-1', '198.51.100.1');
    expect(right.status).toBe(401);
    expect((await problem(right)).code).toBe('account_frozen');
    const wrong = await login(h, 'owner@demo.test', 'not-the-password', '198.51.100.2');
    expect((await problem(wrong)).code).toBe('invalid_credentials');
    expect(h.db.count('sessions', "user_id = (select id from users where email = 'owner@demo.test') and revoked_at is null")).toBe(0);
  });

  it('leaves a frozen user out of announcements', async () => {
    const before = h.db.rows<{ email: string; n: number }>('select u.email, count(m.id) as n from users u left join messages m on m.user_id = u.id group by u.email order by u.email');
    const res = await h.app.request(
      '/api/admin/agreements',
      jsonPost({ bodyZh: '第三版', bodyEn: 'Version three', summaryZh: '变更', summaryEn: 'Changes' }, bearer(admin)),
    );
    expect(res.status).toBe(201);
    const after = h.db.rows<{ email: string; n: number }>('select u.email, count(m.id) as n from users u left join messages m on m.user_id = u.id group by u.email order by u.email');
    const added = Object.fromEntries(after.map((row, i) => [row.email, row.n - before[i]!.n]));
    expect(added).toEqual({ 'admin@demo.test': 1, 'monitor@demo.test': 1, 'owner@demo.test': 0, 'reviewer@demo.test': 1, 'seller@demo.test': 1 });
    await h.app.request('/api/agreements/3/accept', jsonPost({ language: 'en' }, bearer(admin)));
  });

  it('lists frozen users for the admin and unfreezing restores login (old tokens stay void)', async () => {
    const frozen = await h.app.request('/api/admin/users?frozen=true', { headers: bearer(admin) });
    expect(frozen.status).toBe(200);
    const items = ((await frozen.json()) as { items: AdminUser[] }).items;
    expect(items.map((u) => u.email)).toEqual(['owner@demo.test']);
    expect(items[0]!.frozenNote).toBe('I did not sign in from there');
    const active = ((await (await h.app.request('/api/admin/users?frozen=false', { headers: bearer(admin) })).json()) as { items: AdminUser[] }).items;
    expect(active.map((u) => u.email)).not.toContain('owner@demo.test');
    expect(active).toHaveLength(4);
    expect(((await (await h.app.request('/api/admin/users', { headers: bearer(admin) })).json()) as { items: AdminUser[] }).items).toHaveLength(5);
    const badQuery = await h.app.request('/api/admin/users?frozen=maybe', { headers: bearer(admin) });
    expect((await problem(badQuery)).code).toBe('validation_failed');

    const id = items[0]!.id;
    const noNote = await h.app.request(`/api/admin/users/${id}/unfreeze`, jsonPost({}, bearer(admin)));
    expect((await problem(noNote)).code).toBe('validation_failed');
    expect(h.db.count('users', 'id = ? and frozen_at is not null', id)).toBe(1);
    const unknown = await h.app.request('/api/admin/users/nobody/unfreeze', jsonPost({ note: 'checked' }, bearer(admin)));
    expect((await problem(unknown)).code).toBe('not_found');

    const res = await h.app.request(`/api/admin/users/${id}/unfreeze`, jsonPost({ note: 'Verified by phone' }, bearer(admin)));
    expect(res.status).toBe(204);
    expect(h.db.rows('select frozen_at, unfrozen_note from users where id = ?', id)).toEqual([{ frozen_at: null, unfrozen_note: 'Verified by phone' }]);
    const again = await login(h, 'owner@demo.test', 'demo-password-1', '198.51.100.3');
    expect(again.status).toBe(200);
  });

  it('keeps the login history with time, IP, user agent and outcome, newest first', async () => {
    const token = await loginBearer(h, 'owner@demo.test');
    await h.app.request('/api/agreements/3/accept', jsonPost({ language: 'zh-CN' }, bearer(token)));
    const res = await h.app.request('/api/account/logins', { headers: bearer(token) });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: LoginEvent[] }).items;
    const mine = items.filter((event) => event.ip?.startsWith('198.51.100.'));
    expect(mine.map((event) => [event.ip, event.outcome, event.userAgent])).toEqual([
      ['198.51.100.3', 'success', 'AccountTest/1.0'],
      ['198.51.100.2', 'wrong_password', 'AccountTest/1.0'],
      ['198.51.100.1', 'frozen', 'AccountTest/1.0'],
    ]);
    const times = items.map((event) => Date.parse(event.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Nobody else's attempts leak in.
    expect(h.db.count('login_events', "email = 'monitor@demo.test'")).toBeGreaterThan(0);
    expect(items.length).toBe(h.db.count('login_events', "user_id = (select id from users where email = 'owner@demo.test')"));
  });

  it('records throttled attempts too', async () => {
    const t = await createHarness({ trustProxy: true, loginThrottle: { windowSeconds: 900, maxFailuresPerEmail: 2, maxFailuresPerIp: 50 } });
    try {
      await login(t, 'seller@demo.test', 'wrong-1', '192.0.2.1');
      await login(t, 'seller@demo.test', 'wrong-2', '192.0.2.1');
      const throttled = await login(t, 'seller@demo.test', 'demo-password-1', '192.0.2.1');
      expect(throttled.status).toBe(429);
      expect(t.db.rows("select outcome from login_events where email = 'seller@demo.test' order by at, id")).toEqual([
        { outcome: 'wrong_password' },
        { outcome: 'wrong_password' },
        { outcome: 'throttled' },
      ]);
      await login(t, 'nobody@demo.test', 'x', '192.0.2.2');
      expect(t.db.rows("select user_id, outcome from login_events where email = 'nobody@demo.test'")).toEqual([{ user_id: null, outcome: 'wrong_password' }]);
    } finally {
      await t.close();
    }
  });

  it('validates the report body and writes nothing on bad input', async () => {
    const token = await loginBearer(h, 'seller@demo.test');
    await h.app.request('/api/agreements/3/accept', jsonPost({ language: 'zh-CN' }, bearer(token)));
    for (const body of [{ note: 'x'.repeat(2001) }, { note: 'ok', extra: 1 }, { note: 5 }]) {
      const res = await h.app.request('/api/account/report-compromise', jsonPost(body, bearer(token)));
      expect((await problem(res)).code).toBe('validation_failed');
    }
    expect(h.db.count('users', "email = 'seller@demo.test' and frozen_at is not null")).toBe(0);
    expect((await h.app.request('/api/captures', { headers: bearer(token) })).status).toBe(200);
    // Without a body at all, the report still goes through.
    const bare = await h.app.request('/api/account/report-compromise', { method: 'POST', headers: bearer(token) });
    expect(bare.status).toBe(202);
    expect(h.db.rows("select frozen_note from users where email = 'seller@demo.test' and frozen_at is not null")).toEqual([{ frozen_note: null }]);
  });
});

describe('own sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const list = async (auth: Record<string, string>) => {
    const res = await h.app.request('/api/sessions', { headers: auth });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: SessionInfo[] }).items;
  };

  it('lists live sessions under public ids, marks the current one, and ends one by id', async () => {
    const extension = await loginBearer(h, 'owner@demo.test');
    const console = await loginCookie(h, 'owner@demo.test');
    const items = await list(bearer(extension));
    expect(items).toHaveLength(2);
    const current = items.find((s) => s.current)!;
    const other = items.find((s) => !s.current)!;
    expect(current.kind).toBe('bearer');
    expect(other.kind).toBe('cookie');
    // Public ids are neither the token nor its hash (the primary key).
    const hashes = h.db.rows<{ id: string; public_id: string }>("select id, public_id from sessions where user_id = (select id from users where email = 'owner@demo.test')");
    for (const session of items) {
      expect(session.id).not.toBe(sha256Hex(extension));
      expect(hashes.map((row) => row.id)).not.toContain(session.id);
      expect(hashes.map((row) => row.public_id)).toContain(session.id);
    }

    const res = await h.app.request(`/api/sessions/${other.id}`, { method: 'DELETE', headers: bearer(extension) });
    expect(res.status).toBe(204);
    expect((await problem(await h.app.request('/api/me', { headers: cookieHeaders(console) }))).code).toBe('session_expired');
    expect((await list(bearer(extension))).map((s) => s.id)).toEqual([current.id]);
    const twice = await h.app.request(`/api/sessions/${other.id}`, { method: 'DELETE', headers: bearer(extension) });
    expect((await problem(twice)).code).toBe('not_found');
  });

  it("answers 404 for another user's session and leaves it alive", async () => {
    const mine = await loginBearer(h, 'owner@demo.test');
    const theirs = await loginBearer(h, 'monitor@demo.test');
    const [theirSession] = await list(bearer(theirs));
    const res = await h.app.request(`/api/sessions/${theirSession!.id}`, { method: 'DELETE', headers: bearer(mine) });
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe('not_found');
    expect((await h.app.request('/api/me', { headers: bearer(theirs) })).status).toBe(200);
  });

  it('ending a cookie session from the console needs CSRF', async () => {
    const console = await loginCookie(h, 'reviewer@demo.test');
    const [session] = await list(cookieHeaders(console));
    const res = await h.app.request(`/api/sessions/${session!.id}`, { method: 'DELETE', headers: cookieHeaders(console, false) });
    expect((await problem(res)).code).toBe('csrf_failed');
    expect((await h.app.request('/api/me', { headers: cookieHeaders(console) })).status).toBe(200);
  });

  it('logs out everywhere, this session included', async () => {
    const a = await loginBearer(h, 'seller@demo.test');
    const b = await loginBearer(h, 'seller@demo.test');
    const c = await loginCookie(h, 'seller@demo.test');
    const other = await loginBearer(h, 'monitor@demo.test');
    const res = await h.app.request('/api/sessions/revoke-all', { method: 'POST', headers: cookieHeaders(c) });
    expect(res.status).toBe(204);
    for (const auth of [bearer(a), bearer(b), cookieHeaders(c)]) {
      expect((await problem(await h.app.request('/api/me', { headers: auth }))).code).toBe('session_expired');
    }
    expect((await h.app.request('/api/me', { headers: bearer(other) })).status).toBe(200);
    expect(h.db.count('sessions', "user_id = (select id from users where email = 'seller@demo.test') and revoked_at is null")).toBe(0);
  });
});

describe('report of unauthorised use, when other rules would stand in the way', () => {
  it('works before the current agreement is accepted, and during maintenance', async () => {
    const h = await createHarness({}, { acceptAgreement: false });
    try {
      const stolen = await loginBearer(h, 'owner@demo.test');
      // The gate is closed for this user: an ordinary read is refused…
      expect((await h.app.request('/api/captures', { headers: bearer(stolen) })).status).toBe(403);
      // …and maintenance pauses writes.
      const admin = (await h.runtime.store.findUserByEmail('admin@demo.test'))!;
      await setMaintenance(h.runtime.store, admin.user.id, { enabled: true });
      const res = await h.app.request('/api/account/report-compromise', jsonPost({ note: 'not me' }, bearer(stolen)));
      expect(res.status).toBe(202);
      expect((await problem(await h.app.request('/api/me', { headers: bearer(stolen) }))).code).toBe('account_frozen');
    } finally {
      await h.close();
    }
  });
});
