import type { VerificationQueue } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error';
import type { Principal } from '../../lib/context';
import { sha256Hex } from '../../lib/crypto';
import { requireVerifiedIdentity } from '../../services/verification';
import { bearer, createHarness, jsonPost, loginBearer, type Harness } from '../../testing/harness';
import { startInbox, type Inbox } from '../../testing/inbox';
import { pdfBytes, registerAndSignIn, snapshot, type RegisteredAccount } from '../../testing/registration';

let h: Harness;
let inbox: Inbox;
let admin: string;
beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({ trustProxy: true, mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 } });
  admin = await loginBearer(h, 'admin@demo.test');
});
afterAll(async () => {
  await h.close();
  await inbox.close();
});

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number };
}

const queue = async () => (await (await h.app.request('/api/admin/verifications', { headers: bearer(admin) })).json()) as VerificationQueue;
const decide = (kind: 'tenants' | 'principals', id: string, body: unknown, token = admin) =>
  h.app.request(`/api/admin/${kind}/${id}/verification`, jsonPost(body, bearer(token)));

function principalFor(identityStatus: 'pending' | 'approved' | 'rejected', kind: 'rights_holder' | 'platform' = 'rights_holder'): Pick<Principal, 'tenant'> {
  return { tenant: { id: 't', name: 'T', kind, identityStatus } };
}

describe('requireVerifiedIdentity (the filing guard)', () => {
  it('lets an approved tenant and the platform through, stops pending and rejected ones with identity_not_verified', () => {
    expect(() => requireVerifiedIdentity(principalFor('approved'))).not.toThrow();
    expect(() => requireVerifiedIdentity(principalFor('pending', 'platform'))).not.toThrow();
    for (const status of ['pending', 'rejected'] as const) {
      let thrown: unknown;
      try {
        requireVerifiedIdentity(principalFor(status));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).code).toBe('identity_not_verified');
      expect((thrown as AppError).status).toBe(403);
    }
  });
});

describe('staff verification of identities', () => {
  let first: RegisteredAccount;
  let second: RegisteredAccount;
  beforeAll(async () => {
    first = await registerAndSignIn(h, inbox, { displayName: 'First' });
    second = await registerAndSignIn(h, inbox, { displayName: 'Second', tenantKind: 'seller', locale: 'zh-CN' });
  });

  it('is hidden from everyone but admins (404)', async () => {
    for (const email of ['reviewer@demo.test', 'owner@demo.test']) {
      const token = await loginBearer(h, email);
      expect((await problem(await h.app.request('/api/admin/verifications', { headers: bearer(token) }))).code).toBe('not_found');
      expect((await problem(await decide('tenants', first.tenantId, { decision: 'approve' }, token))).code).toBe('not_found');
    }
  });

  it('lists pending registrations oldest first with owner and documents; demo tenants are not in it', async () => {
    const { tenants } = await queue();
    const ids = tenants.map((t) => t.id);
    expect(ids.indexOf(first.tenantId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.tenantId)).toBeLessThan(ids.indexOf(second.tenantId));
    expect(tenants.map((t) => t.name)).not.toContain('Demo Brand Co.');
    const entry = tenants.find((t) => t.id === first.tenantId)!;
    expect(entry).toMatchObject({ kind: 'rights_holder', ownerEmail: first.data.email, emailVerified: true, identity: first.data.identity });
    expect(entry.documents).toEqual([expect.objectContaining({ purpose: 'identity_proof', mime: 'application/pdf', sha256: sha256Hex(pdfBytes(first.data.email)) })]);
  });

  it('lets staff download a pending tenant’s proof; other tenants get 404', async () => {
    const docId = (await queue()).tenants.find((t) => t.id === first.tenantId)!.documents[0]!.id;
    const staff = await loginBearer(h, 'reviewer@demo.test');
    expect((await h.app.request(`/api/documents/${docId}`, { headers: bearer(staff) })).status).toBe(200);
    expect((await problem(await h.app.request(`/api/documents/${docId}`, { headers: bearer(second.token) }))).code).toBe('not_found');
    expect((await problem(await h.app.request(`/api/documents/${docId}`, { headers: bearer(await loginBearer(h, 'owner@demo.test')) }))).code).toBe('not_found');
  });

  it('approves once, mails the owner in their language, and answers already_decided after', async () => {
    const res = await decide('tenants', first.tenantId, { decision: 'approve' });
    expect(res.status).toBe(200);
    const decision = (await res.json()) as { status: string; decidedAt: string; reasons: null };
    expect(decision).toMatchObject({ status: 'approved', reasons: null });
    const [row] = h.db.rows<Record<string, unknown>>('select identity_status, identity_decided_by, identity_decided_at from tenants where id = ?', first.tenantId);
    const [adminRow] = h.db.rows<{ id: string }>("select id from users where email = 'admin@demo.test'");
    expect(row).toEqual({ identity_status: 'approved', identity_decided_by: adminRow!.id, identity_decided_at: Date.parse(decision.decidedAt) });

    const before = snapshot(h);
    const twice = await decide('tenants', first.tenantId, { decision: 'reject', reasons: 'changed my mind' });
    expect(twice.status).toBe(409);
    expect((await problem(twice)).code).toBe('already_decided');
    expect(snapshot(h)).toEqual(before);

    await h.mailer.drain();
    const mails = inbox.to(first.data.email).filter((m) => m.subject.includes('is verified'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(first.data.identity.legalName);
    const [notice] = h.db.rows<{ id: string }>("select id from notices where kind = 'identity_decision_approved' and subject_id = ?", first.tenantId);
    expect(h.db.rows<{ channel: string; outcome: string }>('select channel, outcome from deliveries where notice_id = ? order by channel', notice!.id)).toEqual([
      { channel: 'email', outcome: 'sent' },
      { channel: 'in_site', outcome: 'sent' },
    ]);
    // The owner's inbox holds it too, in both languages.
    const inboxed = (await (await h.app.request('/api/messages', { headers: bearer(first.token) })).json()) as { items: { kind: string; title: { en: string } }[] };
    expect(inboxed.items.find((message) => message.kind === 'identity_decided')?.title.en).toContain(first.data.identity.legalName);
    const me = (await (await h.app.request('/api/me', { headers: bearer(first.token) })).json()) as { user: { tenant: { identityStatus: string } } };
    expect(me.user.tenant.identityStatus).toBe('approved');
    expect((await queue()).tenants.map((t) => t.id)).not.toContain(first.tenantId);
  });

  it('requires reasons to reject, records them, and mails them', async () => {
    const before = snapshot(h);
    const bare = await decide('tenants', second.tenantId, { decision: 'reject' });
    expect(bare.status).toBe(400);
    expect((await problem(bare)).code).toBe('validation_failed');
    expect(snapshot(h)).toEqual(before);

    const res = await decide('tenants', second.tenantId, { decision: 'reject', reasons: 'The licence is illegible.' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'rejected', reasons: 'The licence is illegible.' });
    await h.mailer.drain();
    const mail = inbox.to(second.data.email).find((m) => m.text.includes('The licence is illegible.'));
    // The registrant chose Chinese.
    expect(mail?.subject).toBe(`${second.data.identity.legalName} 的身份未能通过核验`);
    const profile = (await (await h.app.request('/api/tenant', { headers: bearer(second.token) })).json()) as { verification: unknown };
    expect(profile.verification).toMatchObject({ status: 'rejected', reasons: 'The licence is illegible.' });
  });

  it('answers 404 for an unknown tenant and for the platform tenant', async () => {
    expect((await problem(await decide('tenants', 'no-such-tenant', { decision: 'approve' }))).code).toBe('not_found');
    const [platform] = h.db.rows<{ id: string }>("select id from tenants where kind = 'platform'");
    expect((await problem(await decide('tenants', platform!.id, { decision: 'approve' }))).code).toBe('not_found');
  });
});
