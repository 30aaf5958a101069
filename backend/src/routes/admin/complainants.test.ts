import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, type Complaint, type Right, type Sanction } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../services/auth';
import { markAbuse } from '../../services/sanctions';
import { bearer, createHarness, jsonPost, loginBearer, type Harness } from '../../testing/harness';
import { startInbox, type Inbox } from '../../testing/inbox';
import { demoFiler, fileComplaint, signIn, type Filer, type Staff } from '../../testing/filing';
import { pdfBytes, registerAndSignIn } from '../../testing/registration';

let h: Harness;
let inbox: Inbox;
let owner: Filer;
/** A second rights holder, registered and verified through the API. */
let rival: Filer;
let reviewer: Staff;
let admin: Staff;
let seller: string;

interface Overview {
  items: Array<{
    tenant: { id: string; name: string; kind: string };
    stats: { complaints: { submitted: number } };
    abuse: { wrongful: number; malicious: number; score: number };
    risk: string;
    sanctions: Sanction[];
  }>;
}

/** Every row a sanction or a filing could write. */
const written = () => ({
  sanctions: h.db.rows('select * from sanctions order by id'),
  complaints: h.db.count('complaints'),
  transitions: h.db.count('complaint_transitions'),
  auditLog: h.db.count('audit_log'),
});

const overview = (token: string) => h.app.request('/api/admin/complainants', { headers: bearer(token) });
const impose = (token: string, tenantId: string, body: unknown) => h.app.request(`/api/admin/complainants/${tenantId}/sanctions`, jsonPost(body, bearer(token)));
const lift = (token: string, tenantId: string, id: string, body: unknown) =>
  h.app.request(`/api/admin/complainants/${tenantId}/sanctions/${id}/lift`, jsonPost(body, bearer(token)));
const file = (filer: Filer, submit: boolean) =>
  h.app.request(
    '/api/complaints',
    jsonPost(
      { principalId: null, rightId: null, reason: null, explanation: '', goodFaith: false, accuracy: false, listings: [], submit },
      { ...bearer(filer.token), [IDEMPOTENCY_HEADER]: randomUUID() },
    ),
  );

async function refused(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(((await res.json()) as { code: string }).code).toBe(code);
}

async function verifiedRival(): Promise<Filer> {
  const account = await registerAndSignIn(h, inbox, { tenantKind: 'rights_holder' });
  expect((await h.app.request(`/api/admin/tenants/${account.tenantId}/verification`, jsonPost({ decision: 'approve' }, bearer(admin.token)))).status).toBe(200);
  const form = new FormData();
  form.append('data', JSON.stringify({ type: 'trademark', registrationNumber: 'TM-RIVAL-1', territories: ['CN'], niceClasses: [18], validFrom: '2020-01-01', validUntil: '2035-12-31' }));
  form.append('proof', new Blob([pdfBytes('rival certificate')], { type: 'application/pdf' }), 'certificate.pdf');
  const added = await h.app.request('/api/rights', { method: 'POST', headers: bearer(account.token), body: form });
  expect(added.status).toBe(201);
  const right = (await added.json()) as Right;
  expect((await h.app.request(`/api/admin/rights/${right.id}/verification`, jsonPost({ decision: 'approve' }, bearer(admin.token)))).status).toBe(200);
  // Authenticated after the approval, so the principal carries the verified identity.
  return { token: account.token, principal: await authenticate(h.runtime.store, account.token, 'bearer'), rightId: right.id };
}

beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({
    mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 },
    writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 },
  });
  owner = await demoFiler(h);
  reviewer = await signIn(h, 'reviewer@demo.test');
  admin = await signIn(h, 'admin@demo.test');
  seller = await loginBearer(h, 'seller@demo.test');
  rival = await verifiedRival();
});
afterAll(async () => {
  await h.close();
  await inbox.close();
});

describe('admin complainant routes', () => {
  it('are absent to everyone but admins, and write nothing', async () => {
    const before = written();
    for (const token of [reviewer.token, owner.token, seller]) {
      await refused(await overview(token), 404, 'not_found');
      await refused(await impose(token, owner.principal.tenant.id, { kind: 'filing_suspended', reason: 'Abuse.' }), 404, 'not_found');
      await refused(await lift(token, owner.principal.tenant.id, randomUUID(), { reason: 'Over.' }), 404, 'not_found');
    }
    expect(written()).toEqual(before);
  });
});

describe('GET /api/admin/complainants', () => {
  it('lists every complaining tenant with its record, marks, score and risk, highest score first', async () => {
    // The rival, registered after the demo brand, files two complaints a reviewer finds malicious.
    for (let i = 0; i < 2; i++) {
      const complaint = await fileComplaint(h, rival, 1);
      await markAbuse(h.runtime.store, reviewer.principal, complaint.id, { kind: 'malicious', note: 'Aimed at a competitor.' });
    }
    const own = await fileComplaint(h, owner, 1);
    await markAbuse(h.runtime.store, reviewer.principal, own.id, { kind: 'wrongful', note: 'The product is genuine.' });

    const res = await overview(admin.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { items } = (await res.json()) as Overview;
    // Rights holders and agencies only: neither the seller nor the platform files complaints.
    expect(items.map((item) => item.tenant.id)).toEqual([rival.principal.tenant.id, owner.principal.tenant.id]);
    expect(items[0]).toMatchObject({
      tenant: { kind: 'rights_holder' },
      stats: { complaints: { submitted: 2 } },
      abuse: { wrongful: 0, malicious: 2, score: 6 },
      risk: 'high',
      sanctions: [],
    });
    expect(items[1]).toMatchObject({ tenant: { name: 'Demo Brand Co.' }, abuse: { wrongful: 1, malicious: 0, score: 1 }, risk: 'low' });
  });
});

describe('sanctions', () => {
  let suspension: Sanction;

  it('refuses bad input, unknown tenants and tenants that do not file, writing nothing', async () => {
    const before = written();
    const sellerTenant = h.db.rows<{ id: string }>("select id from tenants where kind = 'seller'")[0]!.id;
    const platform = admin.principal.tenant.id;
    await refused(await impose(admin.token, owner.principal.tenant.id, { kind: 'filing_suspended' }), 400, 'validation_failed');
    await refused(await impose(admin.token, owner.principal.tenant.id, { kind: 'banned', reason: 'Abuse.' }), 400, 'validation_failed');
    await refused(await impose(admin.token, owner.principal.tenant.id, { kind: 'filing_suspended', reason: '  ' }), 400, 'validation_failed');
    for (const tenantId of [randomUUID(), sellerTenant, platform]) {
      await refused(await impose(admin.token, tenantId, { kind: 'filing_suspended', reason: 'Abuse.' }), 404, 'not_found');
    }
    expect(written()).toEqual(before);
  });

  it('imposes a suspension with its reason on the record; a second of the same kind is refused', async () => {
    const draft = (await (await file(owner, false)).json()) as Complaint;
    const before = written();
    const res = await impose(admin.token, owner.principal.tenant.id, { kind: 'filing_suspended', reason: 'Repeated malicious complaints against one shop.' });
    expect(res.status).toBe(201);
    suspension = (await res.json()) as Sanction;
    expect(suspension).toMatchObject({
      kind: 'filing_suspended',
      reason: 'Repeated malicious complaints against one shop.',
      imposedBy: { id: admin.principal.user.id, email: 'admin@demo.test' },
      liftedAt: null,
      liftReason: null,
    });
    const [entry] = h.db.rows<{ kind: string; subject_id: string; tenant_id: string; actor_id: string; payload: string }>('select * from audit_log where seq > ?', before.auditLog);
    expect(entry).toMatchObject({ kind: 'sanction', subject_id: suspension.id, tenant_id: owner.principal.tenant.id, actor_id: admin.principal.user.id });
    expect(JSON.parse(entry!.payload)).toEqual({
      sanctionId: suspension.id,
      tenantId: owner.principal.tenant.id,
      event: 'imposed',
      kind: 'filing_suspended',
      reason: 'Repeated malicious complaints against one shop.',
    });
    expect((await h.runtime.store.liveSanction(owner.principal.tenant.id, 'filing_suspended'))?.id).toBe(suspension.id);
    expect(h.db.rows('select level from complainant_risk where tenant_id = ?', owner.principal.tenant.id)).toEqual([{ level: 'high' }]);

    const afterImpose = written();
    await refused(await impose(admin.token, owner.principal.tenant.id, { kind: 'filing_suspended', reason: 'Again.' }), 409, 'already_decided');
    expect(written()).toEqual(afterImpose);

    // Filing is closed (403), both at once and from a saved draft; saving drafts still works.
    await refused(await file(owner, true), 403, 'filing_suspended');
    await refused(await h.app.request(`/api/complaints/${draft.id}/submit`, { method: 'POST', headers: { ...bearer(owner.token), [IDEMPOTENCY_HEADER]: randomUUID() } }), 403, 'filing_suspended');
    expect(written()).toEqual(afterImpose);
    expect((await file(owner, false)).status).toBe(201);
    // Another complainant files as before.
    expect((await fileComplaint(h, rival, 1)).state).toBe('submitted');

    // The other kind is a separate sanction, and may stand beside it.
    const enhanced = await impose(admin.token, owner.principal.tenant.id, { kind: 'enhanced_review', reason: 'Watch closely.' });
    expect(enhanced.status).toBe(201);
    expect((await h.runtime.store.liveSanction(owner.principal.tenant.id, 'enhanced_review'))?.id).toBe(((await enhanced.json()) as Sanction).id);
  });

  it('lifts it with a reason; filing reopens; it cannot be lifted twice or through another tenant', async () => {
    await refused(await lift(admin.token, rival.principal.tenant.id, suspension.id, { reason: 'Over.' }), 404, 'not_found');
    await refused(await lift(admin.token, owner.principal.tenant.id, randomUUID(), { reason: 'Over.' }), 404, 'not_found');
    await refused(await lift(admin.token, owner.principal.tenant.id, suspension.id, {}), 400, 'validation_failed');
    const before = written();
    const res = await lift(admin.token, owner.principal.tenant.id, suspension.id, { reason: 'Undertaking signed; six months without incident.' });
    expect(res.status).toBe(200);
    const lifted = (await res.json()) as Sanction;
    expect(lifted).toMatchObject({ id: suspension.id, kind: 'filing_suspended', reason: suspension.reason, liftReason: 'Undertaking signed; six months without incident.' });
    expect(Date.parse(lifted.liftedAt!)).toBeGreaterThanOrEqual(Date.parse(suspension.imposedAt));
    expect(h.db.rows('select lifted_by from sanctions where id = ?', suspension.id)).toEqual([{ lifted_by: admin.principal.user.id }]);
    const [entry] = h.db.rows<{ kind: string; subject_id: string; payload: string }>('select * from audit_log where seq > ?', before.auditLog);
    expect(entry).toMatchObject({ kind: 'sanction', subject_id: suspension.id });
    expect(JSON.parse(entry!.payload)).toMatchObject({ event: 'lifted', kind: 'filing_suspended', reason: 'Undertaking signed; six months without incident.' });
    expect(await h.runtime.store.liveSanction(owner.principal.tenant.id, 'filing_suspended')).toBeUndefined();

    const afterLift = written();
    await refused(await lift(admin.token, owner.principal.tenant.id, suspension.id, { reason: 'Again.' }), 409, 'already_decided');
    expect(written()).toEqual(afterLift);

    expect((await fileComplaint(h, owner, 1)).state).toBe('submitted');
    // The record keeps both sanctions, newest first, the lifted one with why.
    const { items } = (await (await overview(admin.token)).json()) as Overview;
    const demo = items.find((item) => item.tenant.id === owner.principal.tenant.id)!;
    expect(demo.sanctions.map((sanction) => [sanction.kind, sanction.liftedAt === null])).toEqual([
      ['enhanced_review', true],
      ['filing_suspended', false],
    ]);
    // Enhanced review is still in force, so the risk stays high.
    expect(demo.risk).toBe('high');
    // A new suspension may be imposed once the old one is lifted.
    expect((await impose(admin.token, owner.principal.tenant.id, { kind: 'filing_suspended', reason: 'Relapsed.' })).status).toBe(201);
  });
});
