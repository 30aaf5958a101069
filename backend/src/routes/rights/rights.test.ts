import { ComplaintRightSchema, type AdminRightList, type MessageList, type Principal, type Right, type RightData } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto';
import { remindExpiringRights, rightForQualification } from '../../services/rights';
import { bearer, createHarness, jsonPost, loginBearer, pngBytes, type Harness } from '../../testing/harness';
import { startInbox, type Inbox } from '../../testing/inbox';
import { pdfBytes, registerAndSignIn, snapshot, type FilePart, type RegisteredAccount } from '../../testing/registration';

let h: Harness;
let inbox: Inbox;
let owner: string;
let monitor: string;
let seller: string;
let admin: string;
let agency: RegisteredAccount;
let otherAgency: RegisteredAccount;
let approvedPrincipal: Principal;
let pendingPrincipal: Principal;
let foreignPrincipal: Principal;

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { code: string; status: number };
}

function postRight(token: string, data: unknown, proofs: FilePart[] = [{ bytes: pdfBytes('registration certificate'), name: 'certificate.pdf' }]) {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const proof of proofs) form.append('proof', new Blob([proof.bytes], { type: proof.type ?? 'application/pdf' }), proof.name ?? 'proof.pdf');
  return h.app.request('/api/rights', { method: 'POST', headers: bearer(token), body: form });
}

async function addPrincipal(token: string, number: string): Promise<Principal> {
  const form = new FormData();
  form.append('data', JSON.stringify({ entityKind: 'company', legalName: `Brand ${number} GmbH`, country: 'DE', registrationNumber: number }));
  form.append('authority', new Blob([pdfBytes(number)], { type: 'application/pdf' }), 'authority.pdf');
  const res = await h.app.request('/api/principals', { method: 'POST', headers: bearer(token), body: form });
  expect(res.status).toBe(201);
  return (await res.json()) as Principal;
}

const decide = (id: string, body: unknown, token = admin) => h.app.request(`/api/admin/rights/${id}/verification`, jsonPost(body, bearer(token)));

const trademark = (overrides: Partial<RightData> = {}): RightData => ({
  type: 'trademark',
  registrationNumber: 'TM 1234567',
  territories: ['CN', 'HK'],
  niceClasses: [25, 35],
  validFrom: '2020-01-01',
  validUntil: '2039-12-31',
  ...overrides,
});

/** Every table a right could write, plus blob files. */
const written = () => ({ ...snapshot(h), rights: h.db.count('rights'), rightProofs: h.db.count('right_proofs'), messages: h.db.count('messages') });

beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({ trustProxy: true, mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 } });
  owner = await loginBearer(h, 'owner@demo.test');
  monitor = await loginBearer(h, 'monitor@demo.test');
  seller = await loginBearer(h, 'seller@demo.test');
  admin = await loginBearer(h, 'admin@demo.test');
  agency = await registerAndSignIn(h, inbox, { tenantKind: 'agency' });
  otherAgency = await registerAndSignIn(h, inbox, { tenantKind: 'agency' });
  approvedPrincipal = await addPrincipal(agency.token, 'HRB 100');
  pendingPrincipal = await addPrincipal(agency.token, 'HRB 200');
  foreignPrincipal = await addPrincipal(otherAgency.token, 'HRB 300');
  for (const principal of [approvedPrincipal, foreignPrincipal]) {
    const res = await h.app.request(`/api/admin/principals/${principal.id}/verification`, jsonPost({ decision: 'approve' }, bearer(admin)));
    expect(res.status).toBe(200);
  }
});
afterAll(async () => {
  await h.close();
  await inbox.close();
});

describe('the rights portfolio', () => {
  let created: Right;

  it('records a right with its proofs, pending verification; lists it, reads it and serves the proofs', async () => {
    const certificate = pdfBytes('certificate-1');
    const image = await pngBytes(320, 200);
    const res = await postRight(owner, trademark({ territories: ['cn', 'HK'] }), [
      { bytes: certificate, name: 'certificate.pdf' },
      { bytes: image, name: 'mark.png', type: 'image/png' },
    ]);
    expect(res.status).toBe(201);
    created = (await res.json()) as Right;
    expect(created).toMatchObject({
      type: 'trademark',
      registrationNumber: 'TM 1234567',
      territories: ['CN', 'HK'],
      principal: null,
      niceClasses: [25, 35],
      scope: null,
      validFrom: '2020-01-01',
      validUntil: '2039-12-31',
      verification: { status: 'pending', decidedAt: null, reasons: null },
    });
    expect(created.proofs.map((proof) => [proof.fileName, proof.mime, proof.sha256])).toEqual([
      ['certificate.pdf', 'application/pdf', sha256Hex(certificate)],
      ['mark.png', 'image/png', sha256Hex(image)],
    ]);
    // The demo seed gave the tenant two rights already.
    expect(h.db.count('rights', 'tenant_id = (select tenant_id from users where email = ?)', 'owner@demo.test')).toBe(3);

    // A monitor of the same tenant sees it and may record rights too.
    const list = (await (await h.app.request('/api/rights', { headers: bearer(monitor) })).json()) as { items: Right[] };
    expect(list.items.map((right) => right.registrationNumber)).toEqual(['TM-DEMO-0001', 'CR-DEMO-0002', 'TM 1234567']);
    expect(list.items.at(-1)).toEqual(created);
    expect(await (await h.app.request(`/api/rights/${created.id}`, { headers: bearer(owner) })).json()).toEqual(created);
    const byMonitor = await postRight(monitor, { type: 'copyright', registrationNumber: '国作登字-2021-F-00000001', territories: ['WW'], scope: 'Product photographs, 2021 catalogue', validFrom: '2021-03-01', validUntil: '2071-12-31' });
    expect(byMonitor.status).toBe(201);
    expect(((await byMonitor.json()) as Right).niceClasses).toEqual([]);

    const download = await h.app.request(`/api/rights/${created.id}/proofs/${created.proofs[1]!.id}`, { headers: bearer(owner) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(sha256Hex(new Uint8Array(await download.arrayBuffer()))).toBe(sha256Hex(image));
  });

  it('gives the stored right in the shape the qualification rules expect', async () => {
    const record = await h.runtime.store.findRight({ id: created.id, tenantId: null });
    const shape = rightForQualification(record!.right);
    expect(ComplaintRightSchema.parse(shape)).toEqual(shape);
    expect(shape).toEqual({
      id: created.id,
      type: 'trademark',
      status: 'pending',
      validFrom: '2020-01-01',
      validUntil: '2039-12-31',
      territories: ['CN', 'HK'],
    });
  });

  it('refuses bad input, each with its own code, writing nothing', async () => {
    const { registrationNumber: _omitted, ...withoutNumber } = trademark();
    const cases: Array<[string, string, unknown, FilePart[] | undefined, number, string]> = [
      ['missing field', owner, withoutNumber, undefined, 400, 'validation_failed'],
      ['validUntil before validFrom', owner, trademark({ validFrom: '2030-01-01', validUntil: '2029-12-31' }), undefined, 400, 'validation_failed'],
      ['not a date', owner, trademark({ validUntil: '2030-02-30' }), undefined, 400, 'validation_failed'],
      ['unknown type', owner, { ...trademark(), type: 'patent' }, undefined, 400, 'validation_failed'],
      ['bad territory', owner, trademark({ territories: ['China'] }), undefined, 400, 'validation_failed'],
      ['neither classes nor scope', owner, trademark({ niceClasses: [] }), undefined, 400, 'validation_failed'],
      ['no proof', owner, trademark(), [], 400, 'missing_file'],
      ['six proofs', owner, trademark(), Array.from({ length: 6 }, (_, i) => ({ bytes: pdfBytes(`p${i}`) })), 400, 'validation_failed'],
      ['text file', owner, trademark(), [{ bytes: new Uint8Array(Buffer.from('plain text')), name: 'proof.txt', type: 'text/plain' }], 415, 'unsupported_file_type'],
      ['PNG labelled PDF', owner, trademark(), [{ bytes: await pngBytes(), name: 'proof.pdf' }], 422, 'file_type_mismatch'],
      ['principal named by a rights holder', owner, trademark({ principalId: approvedPrincipal.id }), undefined, 404, 'not_found'],
      ["another agency's principal", agency.token, trademark({ principalId: foreignPrincipal.id }), undefined, 404, 'not_found'],
      ['unknown principal', agency.token, trademark({ principalId: 'no-such-principal' }), undefined, 404, 'not_found'],
      ['principal not yet approved', agency.token, trademark({ principalId: pendingPrincipal.id }), undefined, 422, 'principal_not_approved'],
      ['seller tenant', seller, trademark(), undefined, 404, 'not_found'],
      ['platform staff', admin, trademark(), undefined, 404, 'not_found'],
    ];
    for (const [label, token, data, proofs, status, code] of cases) {
      const before = written();
      const res = await postRight(token, data, proofs);
      expect(res.status, label).toBe(status);
      expect((await problem(res)).code, label).toBe(code);
      expect(written(), label).toEqual(before);
    }
  });

  it('lets an agency record a right for its approved principal', async () => {
    const res = await postRight(agency.token, trademark({ principalId: approvedPrincipal.id, registrationNumber: 'EUTM 018000001', territories: ['DE', 'FR'] }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as Right).principal).toEqual({ id: approvedPrincipal.id, legalName: 'Brand HRB 100 GmbH' });
  });

  it("keeps each tenant's rights to itself (404), sellers have no portfolio, staff may download proofs", async () => {
    expect((await problem(await h.app.request(`/api/rights/${created.id}`, { headers: bearer(agency.token) }))).code).toBe('not_found');
    expect((await problem(await h.app.request(`/api/rights/${created.id}/proofs/${created.proofs[0]!.id}`, { headers: bearer(agency.token) }))).code).toBe('not_found');
    const agencyList = (await (await h.app.request('/api/rights', { headers: bearer(agency.token) })).json()) as { items: Right[] };
    expect(agencyList.items.map((right) => right.registrationNumber)).toEqual(['EUTM 018000001']);
    expect((await problem(await h.app.request('/api/rights', { headers: bearer(seller) }))).code).toBe('not_found');
    expect((await problem(await h.app.request(`/api/rights/${created.id}`, { headers: bearer(seller) }))).code).toBe('not_found');
    const staffDownload = await h.app.request(`/api/rights/${created.id}/proofs/${created.proofs[0]!.id}`, { headers: bearer(admin) });
    expect(staffDownload.status).toBe(200);
  });

  it('is verified or rejected by staff once; the owner gets an in-site message; non-admins get 404', async () => {
    for (const token of [owner, monitor, agency.token]) {
      expect((await problem(await h.app.request('/api/admin/rights?status=pending', { headers: bearer(token) }))).code).toBe('not_found');
      expect((await problem(await decide(created.id, { decision: 'approve' }, token))).code).toBe('not_found');
    }
    const queue = (await (await h.app.request('/api/admin/rights?status=pending', { headers: bearer(admin) })).json()) as AdminRightList;
    expect(queue.items.find((item) => item.id === created.id)).toEqual({ ...created, tenant: { id: expect.any(String), name: expect.any(String) } });
    expect(queue.items.every((item) => item.verification.status === 'pending')).toBe(true);

    const before = written();
    const noReasons = await decide(created.id, { decision: 'reject' });
    expect(noReasons.status).toBe(400);
    expect((await problem(noReasons)).code).toBe('validation_failed');
    expect((await problem(await decide('no-such-right', { decision: 'approve' }))).code).toBe('not_found');
    expect(written()).toEqual(before);

    const rejected = await decide(created.id, { decision: 'reject', reasons: 'Certificate illegible.' });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ status: 'rejected', reasons: 'Certificate illegible.' });
    const twice = await decide(created.id, { decision: 'approve' });
    expect(twice.status).toBe(409);
    expect((await problem(twice)).code).toBe('already_decided');
    expect(((await (await h.app.request(`/api/rights/${created.id}`, { headers: bearer(owner) })).json()) as Right).verification).toMatchObject({
      status: 'rejected',
      reasons: 'Certificate illegible.',
    });

    const messages = (await (await h.app.request('/api/messages', { headers: bearer(owner) })).json()) as MessageList;
    const notice = messages.items.find((message) => message.kind === 'right_decided');
    expect(notice?.title.en).toContain('TM 1234567');
    expect(notice?.body.en).toContain('Certificate illegible.');
    expect(notice?.body['zh-CN']).toContain('商标');
    // Only the owner is told.
    const monitorMessages = (await (await h.app.request('/api/messages', { headers: bearer(monitor) })).json()) as MessageList;
    expect(monitorMessages.items.some((message) => message.kind === 'right_decided')).toBe(false);
    expect(h.db.count('notices', "kind = 'right_rejected' and subject_id = ?", created.id)).toBe(1);

    const rejectedQueue = (await (await h.app.request('/api/admin/rights?status=rejected', { headers: bearer(admin) })).json()) as AdminRightList;
    expect(rejectedQueue.items.map((item) => item.id)).toEqual([created.id]);
  });

  it('files each right once per tenant, however it is spelled; a rejected filing may be filed again', async () => {
    // The seed's verified TM-DEMO-0001, spelled with full-width characters, spaces and lower case.
    const before = written();
    const again = await postRight(owner, trademark({ registrationNumber: ' ｔｍ-demo-0001 ' }));
    expect(again.status).toBe(409);
    expect((await problem(again)).code).toBe('right_already_registered');
    expect(written()).toEqual(before);
    // Another type with the same number is another right.
    expect((await postRight(owner, { ...trademark({ registrationNumber: 'TM-DEMO-0001' }), type: 'copyright', niceClasses: undefined, scope: 'Logo artwork' })).status).toBe(201);
    // 'TM 1234567' was rejected above: filing it again, with better proof, is allowed — once.
    expect((await postRight(owner, trademark({ registrationNumber: 'TM1234567' }))).status).toBe(201);
    expect((await problem(await postRight(owner, trademark()))).code).toBe('right_already_registered');
    // Another tenant (an agency acting for the brand) files its own record of the same right.
    expect((await postRight(agency.token, trademark({ principalId: approvedPrincipal.id, registrationNumber: 'TM-DEMO-0001' }))).status).toBe(201);
  });

  it('lets only one of two identical filings racing each other land', async () => {
    const data = trademark({ registrationNumber: 'TM RACE 1' });
    const answers = await Promise.all([postRight(owner, data), postRight(owner, data)]);
    expect(answers.map((res) => res.status).sort()).toEqual([201, 409]);
    expect(h.db.count('rights', 'registration_number = ?', 'TM RACE 1')).toBe(1);
  });
});

describe('expiry reminders', () => {
  const now = Date.parse('2031-06-01T12:00:00Z');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const make = async (name: string, validUntil: string, decision: 'approve' | 'reject' | null) => {
      const res = await postRight(owner, trademark({ registrationNumber: `R-${name}`, validFrom: '2021-01-01', validUntil }));
      expect(res.status).toBe(201);
      ids[name] = ((await res.json()) as Right).id;
      if (decision) expect((await decide(ids[name]!, { decision, reasons: 'checked' })).status).toBe(200);
    };
    await make('soon', '2031-06-20', 'approve');
    await make('lastDay', '2031-07-01', 'approve');
    await make('farOff', '2031-09-01', 'approve');
    await make('pending', '2031-06-15', null);
    await make('rejected', '2031-06-15', 'reject');
    await make('expired', '2031-05-31', 'approve');
  });

  const reminders = () => h.db.count('messages', "kind = 'right_expiring'");

  it('reminds the owner once per verified right expiring within 30 days, and never twice', async () => {
    const before = reminders();
    const [first, concurrent] = await Promise.all([remindExpiringRights(h.runtime.store, now), remindExpiringRights(h.runtime.store, now)]);
    expect(first + concurrent).toBe(2);
    expect(reminders() - before).toBe(2);
    const reminded = h.db.rows<{ registration_number: string; reminded_at: number }>('select registration_number, reminded_at from rights where reminded_at is not null order by registration_number');
    expect(reminded).toEqual([
      { registration_number: 'R-lastDay', reminded_at: now },
      { registration_number: 'R-soon', reminded_at: now },
    ]);

    expect(await remindExpiringRights(h.runtime.store, now + 60_000)).toBe(0);
    expect(reminders() - before).toBe(2);

    const messages = (await (await h.app.request('/api/messages', { headers: bearer(owner) })).json()) as MessageList;
    const soon = messages.items.find((message) => message.kind === 'right_expiring' && message.title.en.includes('R-soon'));
    expect(soon?.title.en).toContain('2031-06-20');
    expect(soon?.body['zh-CN']).toContain('2031-06-20');
    // The monitor is not an owner.
    const monitorMessages = (await (await h.app.request('/api/messages', { headers: bearer(monitor) })).json()) as MessageList;
    expect(monitorMessages.items.some((message) => message.kind === 'right_expiring')).toBe(false);
  });

  it('reminds a far-off right only once it comes within 30 days, never the unverified or expired', async () => {
    const before = reminders();
    expect(await remindExpiringRights(h.runtime.store, Date.parse('2031-08-01T00:00:00Z'))).toBe(0);
    expect(await remindExpiringRights(h.runtime.store, Date.parse('2031-08-02T00:00:00Z'))).toBe(1);
    expect(reminders() - before).toBe(1);
    const unreminded = h.db.rows<{ registration_number: string }>(
      "select registration_number from rights where registration_number like 'R-%' and reminded_at is null order by registration_number",
    );
    expect(unreminded.map((row) => row.registration_number)).toEqual(['R-expired', 'R-pending', 'R-rejected']);
  });
});
