import { DOCUMENT_MAX_BYTES, entityKey } from '@openipp/shared';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto';
import { databaseFile } from '../../store';
import { inspectDatabase } from '../../store/inspect';
import { blobPath, createHarness, jsonPost, pngBytes, type Harness } from '../../testing/harness';
import { linkToken, startInbox, type Inbox } from '../../testing/inbox';
import { freshIp, pdfBytes, postRegistration, registrationData, registrationForm, snapshot } from '../../testing/registration';

let h: Harness;
let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({
    trustProxy: true,
    publicUrl: 'http://console.test:8787',
    mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 },
    registrationRateLimit: { windowSeconds: 3600, maxPerIp: 5 },
  });
});
afterAll(async () => {
  await h.close();
  await inbox.close();
});

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number; errors?: Array<{ path: string; code: string }> };
}

function login(email: string, password: string, headers = freshIp()) {
  return h.app.request('/api/auth/login', jsonPost({ email, password }, headers));
}

describe('registration, e-mail verification, first sign-in', () => {
  it('creates tenant, owner, contacts, documents and one verification mail; the mailed link verifies; the gate follows', async () => {
    const data = registrationData({ locale: 'en', displayName: 'Ada Registrant' });
    const pdf = pdfBytes('happy');
    const png = await pngBytes(320, 200, '#123456');
    const before = snapshot(h);
    const res = await postRegistration(
      h,
      registrationForm({ data, proofs: [{ bytes: pdf, name: 'licence.pdf', type: 'application/pdf' }, { bytes: png, name: 'id-card.png', type: 'image/png' }] }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { tenantId: string; userId: string; emailVerificationSent: boolean };
    expect(body.emailVerificationSent).toBe(true);

    const after = snapshot(h);
    expect(after).toEqual({
      ...before,
      tenants: before.tenants! + 1,
      users: before.users! + 1,
      documents: before.documents! + 2,
      contact_versions: before.contact_versions! + 1,
      one_time_links: before.one_time_links! + 1,
      mail_outbox: before.mail_outbox! + 1,
      blobs: before.blobs! + 2,
    });
    const [tenant] = h.db.rows<Record<string, unknown>>('select * from tenants where id = ?', body.tenantId);
    expect(tenant).toMatchObject({
      kind: 'rights_holder',
      name: data.identity.legalName,
      legal_name: data.identity.legalName,
      entity_key: entityKey(data.identity),
      identity_status: 'pending',
      identity_decided_at: null,
    });
    const [user] = h.db.rows<Record<string, unknown>>('select * from users where id = ?', body.userId);
    expect(user).toMatchObject({ tenant_id: body.tenantId, email: data.email, role: 'owner', locale: 'en', email_verified_at: null });
    expect(String(user!.password_hash)).toMatch(/^\$argon2id\$/);
    expect(h.db.rows('select email, phone, postal_address, until from contact_versions where user_id = ?', body.userId)).toEqual([
      { email: data.email, phone: data.phone, postal_address: data.postalAddress, until: null },
    ]);
    const documents = h.db.rows<{ sha256: string; mime: string; file_name: string; purpose: string; bytes: number }>(
      'select sha256, mime, file_name, purpose, bytes from documents where tenant_id = ? order by file_name',
      body.tenantId,
    );
    expect(documents).toEqual([
      { sha256: sha256Hex(png), mime: 'image/png', file_name: 'id-card.png', purpose: 'identity_proof', bytes: png.byteLength },
      { sha256: sha256Hex(pdf), mime: 'application/pdf', file_name: 'licence.pdf', purpose: 'identity_proof', bytes: pdf.byteLength },
    ]);
    for (const doc of documents) expect(sha256Hex(readFileSync(blobPath(h.dataDir, doc.sha256)))).toBe(doc.sha256);
    const [link] = h.db.rows<{ token_hash: string; purpose: string; expires_at: number; created_at: number }>(
      'select token_hash, purpose, expires_at, created_at from one_time_links where user_id = ?',
      body.userId,
    );
    expect(link!.purpose).toBe('verify_email');
    expect(link!.expires_at - link!.created_at).toBe(48 * 3600_000);

    // The mail travels over real SMTP; its link carries the token whose hash alone is stored.
    expect(await h.mailer.drain()).toBe(1);
    const mails = inbox.to(data.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Confirm your e-mail address for OpenIPP');
    expect(mails[0]!.text).toContain('Hello Ada Registrant');
    expect(mails[0]!.text).toContain('http://console.test:8787/#/verify-email?token=');
    const token = linkToken(mails[0]!.text, 'verify-email');
    expect(sha256Hex(token)).toBe(link!.token_hash);
    expect(h.db.rows('select status, attempts from mail_outbox where "to" = ?', data.email)).toEqual([{ status: 'sent', attempts: 1 }]);

    // Before verification: the right password is refused as unverified, a wrong one stays invalid.
    const early = await login(data.email, data.password);
    expect(early.status).toBe(403);
    expect((await problem(early)).code).toBe('email_not_verified');
    expect((await problem(await login(data.email, 'not the password at all'))).code).toBe('invalid_credentials');

    const verified = await h.app.request('/api/auth/verify-email', jsonPost({ token }));
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ email: data.email });
    const again = await h.app.request('/api/auth/verify-email', jsonPost({ token }));
    expect(again.status).toBe(409);
    expect((await problem(again)).code).toBe('link_used');

    const signedIn = await login(data.email, data.password);
    expect(signedIn.status).toBe(200);
    const session = (await signedIn.json()) as { token: string; user: { tenant: { identityStatus: string } } };
    expect(session.user.tenant.identityStatus).toBe('pending');
    const auth = { Authorization: `Bearer ${session.token}` };
    const me = (await (await h.app.request('/api/me', { headers: auth })).json()) as { pendingAgreementVersion: number; contactConfirmationDue: boolean };
    expect(me).toMatchObject({ pendingAgreementVersion: 2, contactConfirmationDue: false });
    const gated = await h.app.request('/api/tenant', { headers: auth });
    expect(gated.status).toBe(403);
    expect((await problem(gated)).code).toBe('agreement_acceptance_required');
    expect((await h.app.request('/api/agreements/2/accept', jsonPost({ language: 'en' }, auth))).status).toBe(201);

    const profile = (await (await h.app.request('/api/tenant', { headers: auth })).json()) as {
      identity: unknown;
      verification: unknown;
      documents: Array<{ id: string; sha256: string; fileName: string }>;
    };
    expect(profile.identity).toEqual(data.identity);
    expect(profile.verification).toEqual({ status: 'pending', decidedAt: null, reasons: null });
    const pdfDoc = profile.documents.find((doc) => doc.fileName === 'licence.pdf')!;
    const download = await h.app.request(`/api/documents/${pdfDoc.id}`, { headers: auth });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(sha256Hex(new Uint8Array(await download.arrayBuffer()))).toBe(sha256Hex(pdf));
    // The first sign-in made its device known without a warning mail.
    expect(h.db.count('mail_outbox', `template = 'new_device_login' and "to" = ?`, data.email)).toBe(0);
  });

  it('refuses an unknown token (link_invalid) and an expired one (link_expired), changing nothing', async () => {
    const data = registrationData();
    expect((await postRegistration(h, registrationForm({ data, proofs: [{ bytes: pdfBytes() }] }))).status).toBe(201);
    await h.mailer.drain();
    const token = linkToken(inbox.to(data.email)[0]!.text, 'verify-email');
    const writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
    writable.run('update one_time_links set expires_at = ? where token_hash = ?', Date.now() - 1, sha256Hex(token));
    writable.close();
    const before = snapshot(h);
    const expired = await h.app.request('/api/auth/verify-email', jsonPost({ token }));
    expect(expired.status).toBe(410);
    expect((await problem(expired)).code).toBe('link_expired');
    const unknown = await h.app.request('/api/auth/verify-email', jsonPost({ token: 'x'.repeat(43) }));
    expect(unknown.status).toBe(400);
    expect((await problem(unknown)).code).toBe('link_invalid');
    const malformed = await h.app.request('/api/auth/verify-email', jsonPost({ token: 'short' }));
    expect((await problem(malformed)).code).toBe('validation_failed');
    expect(snapshot(h)).toEqual(before);

    // A resend issues a fresh link that works.
    const resent = await h.app.request('/api/auth/resend-verification', jsonPost({ email: data.email }, freshIp()));
    expect(resent.status).toBe(202);
    await h.mailer.drain();
    const fresh = linkToken(inbox.to(data.email).at(-1)!.text, 'verify-email');
    expect(fresh).not.toBe(token);
    expect((await h.app.request('/api/auth/verify-email', jsonPost({ token: fresh }))).status).toBe(200);
  });

  it('answers 202 to a resend for an unknown or verified address without sending anything', async () => {
    const before = snapshot(h);
    for (const email of ['nobody@example.test', 'owner@demo.test']) {
      expect((await h.app.request('/api/auth/resend-verification', jsonPost({ email }, freshIp()))).status).toBe(202);
    }
    expect(snapshot(h)).toEqual(before);
  });

  it('limits resends and registrations per client IP in the database (429 rate_limited)', async () => {
    const ip = { 'X-Forwarded-For': '198.51.100.77' };
    for (let i = 0; i < 5; i++) expect((await h.app.request('/api/auth/resend-verification', jsonPost({ email: 'x@example.test' }, ip))).status).toBe(202);
    const limited = await h.app.request('/api/auth/resend-verification', jsonPost({ email: 'x@example.test' }, ip));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);

    const regIp = { 'X-Forwarded-For': '198.51.100.78' };
    for (let i = 0; i < 5; i++) await postRegistration(h, registrationForm({ dataText: '{' }), regIp);
    const before = snapshot(h);
    const refused = await postRegistration(h, registrationForm({ data: registrationData(), proofs: [{ bytes: pdfBytes() }] }), regIp);
    expect(refused.status).toBe(429);
    expect((await problem(refused)).code).toBe('rate_limited');
    expect(snapshot(h)).toEqual(before);
    expect(h.db.count('rate_limit_counters', "key = 'register:ip:198.51.100.78'")).toBe(1);
  });
});

describe('bad registration input: its own code, nothing written', () => {
  const demoEntity = { entityKind: 'company' as const, legalName: 'Someone Else Ltd.', country: 'CN', registrationNumber: '91310000DEMO00001X' };

  const cases: Array<[string, () => Promise<FormData | { json: unknown }>, number, string]> = [
    ['a JSON body instead of a form', async () => ({ json: registrationData() }), 400, 'malformed_multipart'],
    ['no data field', async () => registrationForm({ proofs: [{ bytes: pdfBytes() }] }), 400, 'validation_failed'],
    ['data that is not JSON', async () => registrationForm({ dataText: '{"tenantKind":', proofs: [{ bytes: pdfBytes() }] }), 400, 'malformed_json'],
    ['data without an identity', async () => registrationForm({ data: { ...registrationData(), identity: undefined }, proofs: [{ bytes: pdfBytes() }] }), 400, 'validation_failed'],
    ['data with an extra field', async () => registrationForm({ data: { ...registrationData(), role: 'admin' }, proofs: [{ bytes: pdfBytes() }] }), 400, 'validation_failed'],
    ['the platform as tenant kind', async () => registrationForm({ data: { ...registrationData(), tenantKind: 'platform' }, proofs: [{ bytes: pdfBytes() }] }), 400, 'validation_failed'],
    ['a country that is not ISO alpha-2', async () => registrationForm({ data: registrationData({ identity: { ...demoEntity, country: 'China' } }), proofs: [{ bytes: pdfBytes() }] }), 400, 'validation_failed'],
    ['a malformed e-mail', async () => registrationForm({ data: registrationData({ email: 'not-an-email' }), proofs: [{ bytes: pdfBytes() }] }), 400, 'validation_failed'],
    ['an unexpected form field', async () => registrationForm({ data: registrationData(), proofs: [{ bytes: pdfBytes() }], extra: [['tenantId', 'x']] }), 400, 'validation_failed'],
    ['a common password', async () => registrationForm({ data: registrationData({ password: 'password123' }), proofs: [{ bytes: pdfBytes() }] }), 422, 'weak_password'],
    ['no proof', async () => registrationForm({ data: registrationData() }), 400, 'missing_file'],
    ['a proof sent as text', async () => registrationForm({ data: registrationData(), extra: [['proof', 'not a file']] }), 400, 'missing_file'],
    ['six proofs', async () => registrationForm({ data: registrationData(), proofs: Array.from({ length: 6 }, (_, i) => ({ bytes: pdfBytes(`p${i}`) })) }), 400, 'validation_failed'],
    ['an empty proof', async () => registrationForm({ data: registrationData(), proofs: [{ bytes: new Uint8Array(0) }] }), 422, 'empty_file'],
    [
      'an oversize proof',
      async () => {
        const big = new Uint8Array(DOCUMENT_MAX_BYTES + 1);
        big.set(pdfBytes());
        return registrationForm({ data: registrationData(), proofs: [{ bytes: big }] });
      },
      413,
      'payload_too_large',
    ],
    ['a text file', async () => registrationForm({ data: registrationData(), proofs: [{ bytes: new Uint8Array(Buffer.from('hello, I am a licence')), name: 'licence.txt', type: 'text/plain' }] }), 415, 'unsupported_file_type'],
    ['a PNG named .pdf', async () => registrationForm({ data: registrationData(), proofs: [{ bytes: await pngBytes(), name: 'licence.pdf', type: 'application/octet-stream' }] }), 422, 'file_type_mismatch'],
    ['a PDF declared as image/png', async () => registrationForm({ data: registrationData(), proofs: [{ bytes: pdfBytes(), name: 'licence', type: 'image/png' }] }), 422, 'file_type_mismatch'],
    ['a PDF cut off before %%EOF', async () => registrationForm({ data: registrationData(), proofs: [{ bytes: pdfBytes().slice(0, 60) }] }), 422, 'document_unreadable'],
    ['a PNG that does not decode', async () => registrationForm({ data: registrationData(), proofs: [{ bytes: (await pngBytes()).slice(0, 80), name: 'id.png', type: 'image/png' }] }), 422, 'image_unreadable'],
    ['an e-mail already registered', async () => registrationForm({ data: registrationData({ email: 'OWNER@demo.test' }), proofs: [{ bytes: pdfBytes() }] }), 409, 'email_already_registered'],
    ['a registered entity', async () => registrationForm({ data: registrationData({ identity: demoEntity }), proofs: [{ bytes: pdfBytes() }] }), 409, 'entity_already_registered'],
    [
      'a registered entity in full-width characters',
      async () => registrationForm({ data: registrationData({ identity: { ...demoEntity, registrationNumber: '９１３１００００ＤＥＭＯ００００１Ｘ' } }), proofs: [{ bytes: pdfBytes() }] }),
      409,
      'entity_already_registered',
    ],
    [
      'a registered entity with spaces and lower case',
      async () =>
        registrationForm({ data: registrationData({ identity: { ...demoEntity, country: ' cn ', registrationNumber: '9131 0000 demo\u30000000 1x' } }), proofs: [{ bytes: pdfBytes() }] }),
      409,
      'entity_already_registered',
    ],
  ];

  it.each(cases)('%s', async (_name, build, status, code) => {
    const built = await build();
    const before = snapshot(h);
    const res =
      built instanceof FormData
        ? await postRegistration(h, built)
        : await h.app.request('/api/registrations', jsonPost((built as { json: unknown }).json, freshIp()));
    expect(res.status).toBe(status);
    const body = await problem(res);
    expect(body.code).toBe(code);
    expect(snapshot(h)).toEqual(before);
    if (code === 'weak_password') expect(body.errors?.map((e) => e.code)).toContain('too_common');
  });

  it('a too-short password names its problem', async () => {
    const res = await postRegistration(h, registrationForm({ data: registrationData({ password: 'short' }), proofs: [{ bytes: pdfBytes() }] }));
    expect(res.status).toBe(422);
    expect((await problem(res)).errors).toEqual([expect.objectContaining({ path: 'password', code: 'too_short' })]);
  });

  it('of two concurrent registrations of one entity, exactly one wins (the unique index decides)', async () => {
    const identity = registrationData().identity;
    const before = snapshot(h);
    const results = await Promise.all(
      ['A', 'B', 'C'].map((suffix, i) =>
        postRegistration(
          h,
          registrationForm({
            data: registrationData({ identity: i === 1 ? { ...identity, registrationNumber: ` ${identity.registrationNumber.toLowerCase()} ` } : identity }),
            proofs: [{ bytes: pdfBytes(`race-${suffix}`) }],
          }),
        ),
      ),
    );
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    for (const res of results.filter((r) => r.status === 409)) expect((await problem(res)).code).toBe('entity_already_registered');
    const after = snapshot(h);
    expect(after.tenants).toBe(before.tenants! + 1);
    expect(after.users).toBe(before.users! + 1);
    expect(after.documents).toBe(before.documents! + 1);
    expect(after.blobs).toBe(before.blobs! + 1);
    expect(after.mail_outbox).toBe(before.mail_outbox! + 1);
  });
});
