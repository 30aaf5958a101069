import type { ContactsResponse, Invitation, TenantUserList } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto';
import { databaseFile } from '../../store';
import { inspectDatabase } from '../../store/inspect';
import { bearer, createHarness, jsonPost, loginBearer, type Harness } from '../../testing/harness';
import { linkToken, startInbox, type Inbox } from '../../testing/inbox';
import { snapshot } from '../../testing/registration';

let h: Harness;
let inbox: Inbox;
let owner: string;
beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({ trustProxy: true, mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 } });
  owner = await loginBearer(h, 'owner@demo.test');
});
afterAll(async () => {
  await h.close();
  await inbox.close();
});

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number; errors?: Array<{ code: string }> };
}

const invite = (email: string, token = owner) => h.app.request('/api/tenant/invitations', jsonPost({ email, role: 'monitor', locale: 'en' }, bearer(token)));
const accept = (body: unknown) => h.app.request('/api/auth/accept-invitation', jsonPost(body));

describe('invitations, end to end through SMTP', () => {
  it('mails a one-time link; accepting creates a verified monitor who signs in and meets the gate', async () => {
    const res = await invite('New.Monitor@Example.test');
    expect(res.status).toBe(201);
    const invitation = (await res.json()) as Invitation;
    expect(invitation).toMatchObject({ email: 'new.monitor@example.test', role: 'monitor' });
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(7 * 24 * 3600_000);
    const list = (await (await h.app.request('/api/tenant/users', { headers: bearer(owner) })).json()) as TenantUserList;
    expect(list.invitations).toEqual([invitation]);

    await h.mailer.drain();
    const [mail] = inbox.to('new.monitor@example.test');
    expect(mail!.subject).toBe('owner@demo.test invites you to Demo Brand Co. on OpenIPP');
    // A notice to the address, recorded without its one-time link.
    const [notice] = h.db.rows<{ recipient_user_id: string | null; params: string }>("select recipient_user_id, params from notices where kind = 'invitation' and subject_id = ?", invitation.id);
    expect(notice).toEqual({ recipient_user_id: null, params: JSON.stringify({ tenantName: 'Demo Brand Co.', inviterEmail: 'owner@demo.test' }) });
    const token = linkToken(mail!.text, 'accept-invitation');

    const weak = await accept({ token, displayName: 'New Monitor', password: 'i am new.monitor here' });
    expect(weak.status).toBe(422);
    expect((await problem(weak)).errors?.map((e) => e.code)).toEqual(['contains_email']);

    const created = await accept({ token, displayName: 'New Monitor', password: 'a fine long passphrase' });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { userId: string; email: string; tenantName: string };
    expect(body).toMatchObject({ email: 'new.monitor@example.test', tenantName: 'Demo Brand Co.' });
    const [row] = h.db.rows<Record<string, unknown>>('select role, locale, email_verified_at, tenant_id from users where id = ?', body.userId);
    const [ownerRow] = h.db.rows<{ tenant_id: string }>("select tenant_id from users where email = 'owner@demo.test'");
    expect(row).toMatchObject({ role: 'monitor', locale: 'en', tenant_id: ownerRow!.tenant_id });
    expect(row!.email_verified_at).toBeTypeOf('number');

    const reused = await accept({ token, displayName: 'Again', password: 'a fine long passphrase' });
    expect(reused.status).toBe(409);
    expect((await problem(reused)).code).toBe('link_used');

    const login = await h.app.request('/api/auth/login', jsonPost({ email: 'new.monitor@example.test', password: 'a fine long passphrase' }));
    expect(login.status).toBe(200);
    const monitor = ((await login.json()) as { token: string }).token;
    expect((await problem(await h.app.request('/api/captures', { headers: bearer(monitor) }))).code).toBe('agreement_acceptance_required');
    const users = (await (await h.app.request('/api/tenant/users', { headers: bearer(owner) })).json()) as TenantUserList;
    expect(users.items.map((u) => u.email).sort()).toEqual(['monitor@demo.test', 'new.monitor@example.test', 'owner@demo.test']);
    expect(users.items.find((u) => u.email === 'new.monitor@example.test')).toMatchObject({ role: 'monitor', emailVerified: true, displayName: 'New Monitor' });
    expect(users.invitations).toEqual([]);
  });

  it('refuses duplicates, expired and unknown links, and non-owners, writing nothing', async () => {
    const res = await invite('late@example.test');
    await h.mailer.drain();
    const token = linkToken(inbox.to('late@example.test')[0]!.text, 'accept-invitation');
    const writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
    writable.run('update one_time_links set expires_at = ? where token_hash = ?', Date.now() - 1, sha256Hex(token));
    writable.close();
    expect(res.status).toBe(201);

    const monitor = await loginBearer(h, 'monitor@demo.test');
    const cases: Array<[() => Response | Promise<Response>, number, string]> = [
      [() => invite('monitor@demo.test'), 409, 'email_already_registered'],
      [() => invite('seller@demo.test'), 409, 'email_already_registered'],
      [() => invite('someone@example.test', monitor), 403, 'forbidden'],
      [() => accept({ token, displayName: 'Late', password: 'a fine long passphrase' }), 410, 'link_expired'],
      [() => accept({ token: 'z'.repeat(43), displayName: 'X', password: 'a fine long passphrase' }), 400, 'link_invalid'],
      [() => accept({ token: 'z'.repeat(43), displayName: 'X' }), 400, 'validation_failed'],
    ];
    for (const [pending, status, code] of cases) {
      const before = snapshot(h);
      const answer = await pending();
      expect(answer.status, code).toBe(status);
      expect((await problem(answer)).code).toBe(code);
      expect(snapshot(h), code).toEqual(before);
    }
    expect((await problem(await h.app.request('/api/tenant/users', { headers: bearer(monitor) }))).code).toBe('forbidden');
  });
});

describe('tenant isolation by id', () => {
  it("answers 404 for another tenant's users, their contacts and their documents", async () => {
    const seller = await loginBearer(h, 'seller@demo.test');
    const [demoOwner] = h.db.rows<{ id: string }>("select id from users where email = 'owner@demo.test'");
    const [demoMonitor] = h.db.rows<{ id: string }>("select id from users where email = 'monitor@demo.test'");
    for (const path of [`/api/tenant/users/${demoOwner!.id}`, `/api/tenant/users/${demoMonitor!.id}/contacts`, '/api/tenant/users/no-such-user']) {
      const res = await h.app.request(path, { headers: bearer(seller) });
      expect(res.status, path).toBe(404);
      expect((await problem(res)).code).toBe('not_found');
    }
    // The same ids answer for their own owner.
    expect((await h.app.request(`/api/tenant/users/${demoMonitor!.id}`, { headers: bearer(owner) })).status).toBe(200);
    const contacts = (await (await h.app.request(`/api/tenant/users/${demoMonitor!.id}/contacts`, { headers: bearer(owner) })).json()) as ContactsResponse;
    expect(contacts.current.email).toBe('monitor@demo.test');
  });

  it('shows each tenant its own profile; demo tenants are approved', async () => {
    const profile = (await (await h.app.request('/api/tenant', { headers: bearer(owner) })).json()) as Record<string, unknown>;
    expect(profile).toMatchObject({
      name: 'Demo Brand Co.',
      kind: 'rights_holder',
      identity: { entityKind: 'company', legalName: 'Demo Brand Co.', country: 'CN', registrationNumber: '91310000DEMO00001X' },
      verification: { status: 'approved' },
      documents: [],
    });
    const staff = (await (await h.app.request('/api/tenant', { headers: bearer(await loginBearer(h, 'admin@demo.test')) })).json()) as Record<string, unknown>;
    expect(staff).toMatchObject({ kind: 'platform', identity: null, verification: { status: 'approved' } });
  });
});
