import type { ContactsResponse } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto';
import { confirmationDue, contactsAt, getContacts } from '../../services/contacts';
import { databaseFile } from '../../store';
import { inspectDatabase } from '../../store/inspect';
import { acceptCurrentAgreementForAll, bearer, createHarness, jsonPost, loginBearer, type Harness } from '../../testing/harness';
import { linkToken, startInbox, type Inbox } from '../../testing/inbox';
import { registrationData, postRegistration, registrationForm, pdfBytes } from '../../testing/registration';

let h: Harness;
let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({ trustProxy: true, mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 } });
});
afterAll(async () => {
  await h.close();
  await inbox.close();
});

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number };
}

const device = (ip: string, agent: string) => ({ 'X-Forwarded-For': ip, 'User-Agent': agent });
async function signIn(email: string, headers: Record<string, string>) {
  const res = await h.app.request('/api/auth/login', jsonPost({ email, password: 'demo-password-1' }, headers));
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}
const userId = (email: string) => h.db.rows<{ id: string }>('select id from users where email = ?', email)[0]!.id;

describe('new-device sign-in e-mail and the freeze link', () => {
  it('warns about a new device (not the first one, not a known one); its link freezes the account at once', async () => {
    const email = 'monitor@demo.test';
    const home = device('192.0.2.10', 'Mozilla/5.0 HomeLaptop');
    await signIn(email, home);
    await signIn(email, home);
    expect(h.db.count('mail_outbox', "template = 'new_device_login'")).toBe(0);
    expect(h.db.count('known_devices', 'user_id = ?', userId(email))).toBe(1);
    expect(h.db.rows('select device_hash from known_devices where user_id = ?', userId(email))).toEqual([
      { device_hash: sha256Hex('Mozilla/5.0 HomeLaptop\n192.0.2.10') },
    ]);

    const extension = await signIn(email, home);
    await signIn(email, device('198.51.100.99', 'Mozilla/5.0 Elsewhere'));
    expect(h.db.count('mail_outbox', "template = 'new_device_login'")).toBe(1);
    await h.mailer.drain();
    const [mail] = inbox.to(email);
    // The demo user reads Chinese.
    expect(mail!.subject).toBe('您的 OpenIPP 账号有新的登录');
    expect(mail!.text).toContain('198.51.100.99');
    expect(mail!.text).toContain('Mozilla/5.0 Elsewhere');
    const token = linkToken(mail!.text, 'freeze');

    // Works without a session: the person may be locked out of the account.
    const res = await h.app.request('/api/auth/freeze-by-link', jsonPost({ token }));
    expect(res.status).toBe(202);
    const refused = await h.app.request('/api/captures', { headers: bearer(extension) });
    expect(refused.status).toBe(401);
    expect((await problem(refused)).code).toBe('account_frozen');
    expect(h.db.count('sessions', 'user_id = ? and revoked_at is null', userId(email))).toBe(0);
    const [row] = h.db.rows<{ frozen_at: number | null; frozen_note: string }>('select frozen_at, frozen_note from users where email = ?', email);
    expect(row!.frozen_at).toBeTypeOf('number');
    expect(row!.frozen_note).toBe('通过新设备登录提醒邮件中的链接报告。');

    const again = await h.app.request('/api/auth/freeze-by-link', jsonPost({ token }));
    expect(again.status).toBe(409);
    expect((await problem(again)).code).toBe('link_used');
    expect((await problem(await h.app.request('/api/auth/freeze-by-link', jsonPost({ token: 'q'.repeat(43) })))).code).toBe('link_invalid');
  });
});

describe('agreement announcement by e-mail', () => {
  it('queues one mail per non-frozen user with a verified e-mail, to the current contact address, with a link and no text', async () => {
    const admin = await loginBearer(h, 'admin@demo.test');
    const seller = await loginBearer(h, 'seller@demo.test');
    const moved = await h.app.request(
      '/api/account/contacts',
      { method: 'PUT', headers: { ...bearer(seller), 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'shop-contact@example.test', phone: null, postalAddress: 'Hangzhou' }) },
    );
    expect(moved.status).toBe(200);
    // An unverified registrant is not mailed.
    const pending = registrationData();
    expect((await postRegistration(h, registrationForm({ data: pending, proofs: [{ bytes: pdfBytes() }] }))).status).toBe(201);
    await h.mailer.drain();
    inbox.mails.length = 0;

    const res = await h.app.request(
      '/api/admin/agreements',
      jsonPost({ bodyZh: '# 协议第三版\n全文只在控制台。', bodyEn: '# Agreement v3\nFull text only in the console.', summaryZh: '第三版变更', summaryEn: 'What changed in v3' }, bearer(admin)),
    );
    expect(res.status).toBe(201);
    const queued = h.db.rows<{ to: string; locale: string }>(`select "to", locale from mail_outbox where template = 'agreement_published' order by "to"`);
    // monitor@demo.test is frozen (previous test); the registrant is unverified.
    expect(queued.map((q) => q.to)).toEqual(['admin@demo.test', 'owner@demo.test', 'reviewer@demo.test', 'shop-contact@example.test']);
    expect(await h.mailer.drain()).toBe(4);
    const sellerMail = inbox.to('shop-contact@example.test')[0]!;
    expect(sellerMail.subject).toBe('OpenIPP 用户协议第 3 版已生效');
    expect(sellerMail.text).toContain('第三版变更');
    expect(sellerMail.text).toContain('/#/agreement');
    expect(sellerMail.text).not.toContain('全文只在控制台');
    expect(inbox.to(pending.email)).toEqual([]);
  });
});

describe('contact details with history', () => {
  // Version 3 was published above; these users have to be past the gate.
  beforeAll(() => acceptCurrentAgreementForAll(h.runtime.store));

  it('keeps every version, confirms on save, and answers contactsAt for past moments', async () => {
    const token = await loginBearer(h, 'owner@demo.test');
    const id = userId('owner@demo.test');
    const initial = (await (await h.app.request('/api/account/contacts', { headers: bearer(token) })).json()) as ContactsResponse;
    expect(initial.current).toMatchObject({ email: 'owner@demo.test', phone: null, postalAddress: null });
    expect(initial.history).toHaveLength(1);
    expect(initial.confirmationDue).toBe(false);

    const between = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const put = await h.app.request('/api/account/contacts', {
      method: 'PUT',
      headers: { ...bearer(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'Legal@Brand.test', phone: '+86 10 1234 5678', postalAddress: '2 Brand Street, Beijing' }),
    });
    expect(put.status).toBe(200);
    const updated = (await put.json()) as ContactsResponse;
    expect(updated.current).toMatchObject({ email: 'legal@brand.test', phone: '+86 10 1234 5678', postalAddress: '2 Brand Street, Beijing' });
    expect(updated.history.map((v) => [v.email, v.until === null])).toEqual([
      ['legal@brand.test', true],
      ['owner@demo.test', false],
    ]);
    expect(updated.history[1]!.until).toBe(updated.current.since);
    expect(await contactsAt(h.runtime.store, id, between)).toEqual({ email: 'owner@demo.test', phone: null, postalAddress: null });
    expect((await contactsAt(h.runtime.store, id, Date.now()))?.email).toBe('legal@brand.test');

    const bad = await h.app.request('/api/account/contacts', {
      method: 'PUT',
      headers: { ...bearer(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'legal@brand.test', phone: 'call me', postalAddress: null }),
    });
    expect((await problem(bad)).code).toBe('validation_failed');
    expect(h.db.count('contact_versions', 'user_id = ?', id)).toBe(2);
  });

  it('asks for confirmation once CONTACT_CONFIRM_MONTHS have passed, and confirming clears it', async () => {
    const token = await loginBearer(h, 'reviewer@demo.test');
    const id = userId('reviewer@demo.test');
    const now = Date.now();
    const months = h.config.contactConfirmMonths;
    expect(months).toBe(12);
    expect((await getContacts(h.runtime.store, id, months, now + 364 * 86_400_000)).confirmationDue).toBe(false);
    expect((await getContacts(h.runtime.store, id, months, now + 366 * 86_400_000)).confirmationDue).toBe(true);
    expect(confirmationDue(Date.UTC(2025, 0, 31), Date.UTC(2026, 0, 30), 12)).toBe(false);
    expect(confirmationDue(Date.UTC(2025, 0, 31), Date.UTC(2026, 0, 31), 12)).toBe(true);

    const writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
    writable.run('update contact_versions set confirmed_at = ? where user_id = ? and until is null', now - 13 * 31 * 86_400_000, id);
    writable.close();
    const me = async () => ((await (await h.app.request('/api/me', { headers: bearer(token) })).json()) as { contactConfirmationDue: boolean }).contactConfirmationDue;
    expect(await me()).toBe(true);
    expect((await h.app.request('/api/account/contacts/confirm', { method: 'POST', headers: bearer(token) })).status).toBe(204);
    expect(await me()).toBe(false);
    expect(h.db.count('contact_versions', 'user_id = ?', id)).toBe(1);
  });
});
