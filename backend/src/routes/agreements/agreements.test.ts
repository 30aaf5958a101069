import { CSRF_HEADER, type AgreementAcceptance, type AgreementAdminList, type CurrentAgreementResponse, type MessageList } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, cookieHeaders, createHarness, jsonPost, loginBearer, loginCookie, sha256, type Harness } from '../../testing/harness';

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number; errors?: Array<{ path: string }> };
}

const utf8 = (text: string) => new TextEncoder().encode(text);
type OpenApiDoc = { paths: Record<string, Record<string, { security?: unknown[] }>> };

/** Every authenticated operation in the published OpenAPI document, with path parameters filled in. */
async function authenticatedOperations(h: Harness): Promise<Array<{ method: string; path: string }>> {
  const doc = (await (await h.app.request('/api/openapi.json')).json()) as OpenApiDoc;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.security !== undefined)
      .map(([method, ]) => ({ method: method.toUpperCase(), path: path.replace('{version}', '2').replace(/\{\w+\}/g, 'x') })),
  );
}

// Report-compromise is open too, but it freezes the account, so it is checked
// in its own test rather than called in this loop.
const ALLOW_LISTED = new Set(['GET /api/me', 'GET /api/agreements/current', 'POST /api/agreements/2/accept', 'POST /api/auth/logout', 'POST /api/account/report-compromise']);

describe('the agreement gate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ trustProxy: true }, { acceptAgreement: false });
  });
  afterAll(() => h.close());

  it('/me names the pending version for a user who accepted only v1', async () => {
    const token = await loginBearer(h, 'monitor@demo.test');
    const res = await h.app.request('/api/me', { headers: bearer(token) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { pendingAgreementVersion: number | null }).pendingAgreementVersion).toBe(2);
  });

  it('blocks every authenticated route but the allow-list, for customers and staff alike', async () => {
    const operations = await authenticatedOperations(h);
    expect(operations.length).toBeGreaterThan(15);
    for (const email of ['owner@demo.test', 'admin@demo.test', 'reviewer@demo.test']) {
      const token = await loginBearer(h, email);
      for (const { method, path } of operations) {
        if (ALLOW_LISTED.has(`${method} ${path}`)) continue;
        // Admin routes hide themselves from non-admins before anything else.
        const expected = path.startsWith('/api/admin/') && email !== 'admin@demo.test' ? 'not_found' : 'agreement_acceptance_required';
        const res = await h.app.request(path, { method, headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
        expect((await problem(res)).code, `${email} ${method} ${path}`).toBe(expected);
      }
      const me = await h.app.request('/api/me', { headers: bearer(token) });
      expect(me.status).toBe(200);
      const current = await h.app.request('/api/agreements/current', { headers: bearer(token) });
      expect(current.status).toBe(200);
    }
    // Nothing got written on the way: no new version, message, acceptance or capture.
    expect(h.db.count('agreement_versions')).toBe(2);
    expect(h.db.count('agreement_acceptances', 'version = 2')).toBe(0);
    expect(h.db.count('captures')).toBe(0);
  });

  it('also gates cookie sessions', async () => {
    const session = await loginCookie(h, 'seller@demo.test');
    const res = await h.app.request('/api/captures', { headers: cookieHeaders(session) });
    expect((await problem(res)).code).toBe('agreement_acceptance_required');
  });

  it('serves both texts with their hashes, and accepting records both hashes, language, IP and user agent', async () => {
    const token = await loginBearer(h, 'owner@demo.test');
    const res = await h.app.request('/api/agreements/current', { headers: bearer(token) });
    expect(res.status).toBe(200);
    const { agreement, acceptedAt } = (await res.json()) as CurrentAgreementResponse;
    expect(acceptedAt).toBeNull();
    expect(agreement.version).toBe(2);
    expect(agreement.prevailingLanguage).toBe('zh-CN');
    expect(agreement.texts['zh-CN'].body.length).toBeGreaterThan(100);
    expect(agreement.texts.en.body.length).toBeGreaterThan(100);
    const zh = sha256(utf8(agreement.texts['zh-CN'].body));
    const en = sha256(utf8(agreement.texts.en.body));
    expect(agreement.texts['zh-CN'].sha256).toBe(zh);
    expect(agreement.texts.en.sha256).toBe(en);
    expect(zh).not.toBe(en);

    const accept = await h.app.request(
      '/api/agreements/2/accept',
      jsonPost({ language: 'en' }, { ...bearer(token), 'X-Forwarded-For': '203.0.113.7', 'User-Agent': 'GateTest/1.0' }),
    );
    expect(accept.status).toBe(201);
    const record = (await accept.json()) as AgreementAcceptance;
    expect(record).toMatchObject({ version: 2, language: 'en', zhSha256: zh, enSha256: en, ip: '203.0.113.7', userAgent: 'GateTest/1.0', userEmail: 'owner@demo.test' });
    const rows = h.db.rows(
      "select a.language, a.sha256_zh, a.sha256_en, a.ip, a.user_agent, a.tenant_id = u.tenant_id as same_tenant from agreement_acceptances a join users u on u.id = a.user_id where u.email = 'owner@demo.test' and a.version = 2",
    );
    expect(rows).toEqual([{ language: 'en', sha256_zh: zh, sha256_en: en, ip: '203.0.113.7', user_agent: 'GateTest/1.0', same_tenant: 1 }]);

    // The gate is open now, for this user only.
    const captures = await h.app.request('/api/captures', { headers: bearer(token) });
    expect(captures.status).toBe(200);
    const me = (await (await h.app.request('/api/me', { headers: bearer(token) })).json()) as { pendingAgreementVersion: number | null };
    expect(me.pendingAgreementVersion).toBeNull();
    const current = (await (await h.app.request('/api/agreements/current', { headers: bearer(token) })).json()) as CurrentAgreementResponse;
    expect(current.acceptedAt).toBe(record.acceptedAt);
    const other = await loginBearer(h, 'monitor@demo.test');
    expect((await problem(await h.app.request('/api/captures', { headers: bearer(other) }))).code).toBe('agreement_acceptance_required');
  });

  it('accepting again answers 200 with the existing record and writes nothing', async () => {
    const token = await loginBearer(h, 'owner@demo.test');
    const before = h.db.count('agreement_acceptances');
    const again = await h.app.request('/api/agreements/2/accept', jsonPost({ language: 'zh-CN' }, bearer(token)));
    expect(again.status).toBe(200);
    expect(((await again.json()) as AgreementAcceptance).language).toBe('en');
    expect(h.db.count('agreement_acceptances')).toBe(before);
  });

  it('refuses versions that are not current with 409, and bad input with 400, writing nothing', async () => {
    const token = await loginBearer(h, 'reviewer@demo.test');
    const before = h.db.count('agreement_acceptances');
    for (const version of ['1', '3', '999']) {
      const res = await h.app.request(`/api/agreements/${version}/accept`, jsonPost({ language: 'zh-CN' }, bearer(token)));
      expect(res.status).toBe(409);
      expect((await problem(res)).code).toBe('agreement_version_not_current');
    }
    const cases: Array<[string, RequestInit, string]> = [
      ['/api/agreements/2/accept', jsonPost({ language: 'fr' }, bearer(token)), 'validation_failed'],
      ['/api/agreements/2/accept', jsonPost({}, bearer(token)), 'validation_failed'],
      ['/api/agreements/2/accept', jsonPost({ language: 'en', extra: 1 }, bearer(token)), 'validation_failed'],
      ['/api/agreements/abc/accept', jsonPost({ language: 'en' }, bearer(token)), 'validation_failed'],
      ['/api/agreements/0/accept', jsonPost({ language: 'en' }, bearer(token)), 'validation_failed'],
      ['/api/agreements/2/accept', { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: '{"language":' }, 'malformed_json'],
    ];
    for (const [path, init, code] of cases) {
      const res = await h.app.request(path, init);
      expect(res.status, `${path} ${String(init.body)}`).toBe(400);
      expect((await problem(res)).code).toBe(code);
    }
    expect(h.db.count('agreement_acceptances')).toBe(before);
  });

  it('needs the CSRF token to accept through a cookie session', async () => {
    const session = await loginCookie(h, 'seller@demo.test');
    const without = await h.app.request('/api/agreements/2/accept', jsonPost({ language: 'zh-CN' }, cookieHeaders(session, false)));
    expect((await problem(without)).code).toBe('csrf_failed');
    expect(h.db.count('agreement_acceptances', 'version = 2 and user_id = (select id from users where email = ?)', 'seller@demo.test')).toBe(0);
    const ok = await h.app.request('/api/agreements/2/accept', jsonPost({ language: 'zh-CN' }, { Cookie: session.cookie, [CSRF_HEADER]: session.csrfToken }));
    expect(ok.status).toBe(201);
  });
});

describe('publishing a version (admin)', () => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await createHarness();
    admin = await loginBearer(h, 'admin@demo.test');
  });
  afterAll(() => h.close());

  const v3 = { bodyZh: '# 用户协议 第三版\n\n正文。', bodyEn: '# User agreement v3\n\nText.', summaryZh: '第三版：调整第 1 条。', summaryEn: 'Version 3: clause 1 revised.' };

  it('hides every admin route from non-admins behind a 404', async () => {
    for (const email of ['owner@demo.test', 'reviewer@demo.test', 'seller@demo.test']) {
      const token = await loginBearer(h, email);
      const requests: Array<[string, RequestInit]> = [
        ['/api/admin/agreements', { headers: bearer(token) }],
        ['/api/admin/agreements', jsonPost(v3, bearer(token))],
        ['/api/admin/users', { headers: bearer(token) }],
        ['/api/admin/users/x/acceptances', { headers: bearer(token) }],
        ['/api/admin/users/x/unfreeze', jsonPost({ note: 'n' }, bearer(token))],
        ['/api/admin/maintenance', { method: 'PUT', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify({ enabled: true }) }],
      ];
      for (const [path, init] of requests) {
        const res = await h.app.request(path, init);
        expect(res.status, `${email} ${path}`).toBe(404);
        expect((await problem(res)).code).toBe('not_found');
      }
    }
    expect(h.db.count('agreement_versions')).toBe(2);
    expect(h.db.count('platform_settings')).toBe(0);
  });

  it('refuses bad input with 400 and publishes nothing', async () => {
    const before = { versions: h.db.count('agreement_versions'), messages: h.db.count('messages') };
    const bad = [{ ...v3, bodyEn: undefined }, { ...v3, bodyZh: '   ' }, { ...v3, extra: true }, { ...v3, summaryEn: 'x'.repeat(2001) }, []];
    for (const body of bad) {
      const res = await h.app.request('/api/admin/agreements', jsonPost(body, bearer(admin)));
      expect(res.status).toBe(400);
      expect((await problem(res)).code).toBe('validation_failed');
    }
    expect({ versions: h.db.count('agreement_versions'), messages: h.db.count('messages') }).toEqual(before);
  });

  it('publishes v3, re-closes the gate for everyone (the publisher too) and announces it to every user', async () => {
    const owner = await loginBearer(h, 'owner@demo.test');
    expect((await h.app.request('/api/captures', { headers: bearer(owner) })).status).toBe(200);
    const messagesBefore = h.db.count('messages');

    const res = await h.app.request('/api/admin/agreements', jsonPost(v3, bearer(admin)));
    expect(res.status).toBe(201);
    const published = (await res.json()) as { version: number; texts: Record<string, { body: string; sha256: string }>; summary: Record<string, string> };
    expect(published.version).toBe(3);
    expect(published.texts['zh-CN']!.sha256).toBe(sha256(utf8(v3.bodyZh)));
    expect(published.texts.en!.sha256).toBe(sha256(utf8(v3.bodyEn)));
    expect(published.summary).toEqual({ 'zh-CN': v3.summaryZh, en: v3.summaryEn });

    for (const token of [owner, admin]) {
      expect((await problem(await h.app.request('/api/captures', { headers: bearer(token) }))).code).toBe('agreement_acceptance_required');
      const me = (await (await h.app.request('/api/me', { headers: bearer(token) })).json()) as { pendingAgreementVersion: number | null };
      expect(me.pendingAgreementVersion).toBe(3);
    }

    expect(h.db.count('messages') - messagesBefore).toBe(5);
    expect(h.db.count('messages', "kind = 'agreement_published' and title_en like '%3%' and body_en like ? and body_zh like ?", `%${v3.summaryEn}%`, `%${v3.summaryZh}%`)).toBe(5);
    const perUser = h.db.rows<{ n: number }>("select count(*) as n from messages where body_en like ? group by user_id", `%${v3.summaryEn}%`);
    expect(perUser.map((row) => row.n)).toEqual([1, 1, 1, 1, 1]);
    // One notice per user, each delivered in-site and queued by e-mail (every seeded address is verified).
    const notices = h.db.rows<{ id: string }>("select id from notices where kind = 'agreement_published' and subject_id = '3'");
    expect(notices).toHaveLength(5);
    for (const { id } of notices) expect(h.db.rows<{ channel: string }>('select channel from deliveries where notice_id = ? order by channel', id).map((row) => row.channel)).toEqual(['email', 'in_site']);

    // The old version can no longer be accepted; the new one can, and reopens the gate.
    const old = await h.app.request('/api/agreements/2/accept', jsonPost({ language: 'zh-CN' }, bearer(owner)));
    expect(old.status).toBe(409);
    expect((await h.app.request('/api/agreements/3/accept', jsonPost({ language: 'zh-CN' }, bearer(owner)))).status).toBe(201);
    expect((await h.app.request('/api/captures', { headers: bearer(owner) })).status).toBe(200);
    const ownerMessages = (await (await h.app.request('/api/messages', { headers: bearer(owner) })).json()) as MessageList;
    expect(ownerMessages.items[0]?.body.en).toContain(v3.summaryEn);
    expect(ownerMessages.items[0]?.title['zh-CN']).toContain('3');
  });

  it('counts acceptances per version', async () => {
    await h.app.request('/api/agreements/3/accept', jsonPost({ language: 'en' }, bearer(admin)));
    const res = await h.app.request('/api/admin/agreements', { headers: bearer(admin) });
    expect(res.status).toBe(200);
    const list = (await res.json()) as AgreementAdminList;
    // Seed: everyone accepted v1; the harness had everyone accept v2; owner and admin accepted v3 above.
    expect(list.items.map(({ version, acceptances, current }) => ({ version, acceptances, current }))).toEqual([
      { version: 3, acceptances: 2, current: true },
      { version: 2, acceptances: 5, current: false },
      { version: 1, acceptances: 5, current: false },
    ]);
    expect(list.activeUsers).toBe(5);
    expect(list.items[0]!.zhSha256).toBe(sha256(utf8(v3.bodyZh)));
  });

  it("exports one user's acceptance proof as a JSON download", async () => {
    const [owner] = h.db.rows<{ id: string; tenant_id: string }>("select id, tenant_id from users where email = 'owner@demo.test'");
    const res = await h.app.request(`/api/admin/users/${owner!.id}/acceptances`, { headers: bearer(admin) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="acceptance-proof-${owner!.id}.json"`);
    const proof = (await res.json()) as { user: Record<string, string>; acceptances: AgreementAcceptance[] };
    expect(proof.user).toMatchObject({ id: owner!.id, email: 'owner@demo.test', tenantId: owner!.tenant_id, tenantName: 'Demo Brand Co.' });
    expect(proof.acceptances.map((a) => a.version)).toEqual([1, 2, 3]);
    const versions = h.db.rows<{ version: number; sha256_zh: string; sha256_en: string }>('select version, sha256_zh, sha256_en from agreement_versions order by version');
    for (const [i, acceptance] of proof.acceptances.entries()) {
      expect(acceptance.zhSha256).toBe(versions[i]!.sha256_zh);
      expect(acceptance.enSha256).toBe(versions[i]!.sha256_en);
      expect(acceptance.userId).toBe(owner!.id);
    }
    expect(proof.acceptances[0]!.userAgent).toBe('seed');

    const missing = await h.app.request('/api/admin/users/no-such-user/acceptances', { headers: bearer(admin) });
    expect((await problem(missing)).code).toBe('not_found');
  });
});
