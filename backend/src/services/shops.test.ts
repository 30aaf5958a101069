import type { Complaint, DisclosureList, Message, SellerComplaint, SellerComplaintList, ShopClaim, ShopClaimList } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, jsonPost, pngBytes, type Harness } from '../testing/harness';
import { startInbox, type Inbox } from '../testing/inbox';
import { demoFiler, signIn, type Filer, type Staff } from '../testing/filing';
import { pdfBytes, registerAndSignIn } from '../testing/registration';
import { fileComplaint } from '../testing/review';
import { verifyAuditChain } from './audit';
import { claimComplaint } from './review/claims';
import { decideOnComplaint } from './review/decisions';

let h: Harness;
let inbox: Inbox;
let owner: Filer;
let reviewer: Staff;
let admin: Staff;
/** The demo seller, and a second seller registered through the API. */
let seller: Staff;
let rival: { token: string; tenantId: string };

const SHOP = '57301234';
const RIVAL_SHOP = '66600001';
const UNCLAIMED_SHOP = '77700001';
let item = 910_000_000_000;
const listingIn = (shopId: string) => `https://item.taobao.com/item.htm?id=${item++}&shop_id=${shopId}`;

function claimForm(data: unknown, proofs: Array<{ bytes: Uint8Array<ArrayBuffer>; name: string; type: string }> = [{ bytes: pdfBytes('shop licence'), name: 'licence.pdf', type: 'application/pdf' }]) {
  const form = new FormData();
  form.append('data', typeof data === 'string' ? data : JSON.stringify(data));
  for (const proof of proofs) form.append('proof', new Blob([proof.bytes], { type: proof.type }), proof.name);
  return form;
}
const postClaim = (token: string, form: FormData) => h.app.request('/api/shops', { method: 'POST', headers: bearer(token), body: form });
const verify = (claimId: string, body: unknown, token = admin.token) => h.app.request(`/api/admin/shops/${claimId}/verification`, jsonPost(body, bearer(token)));
const sellerGet = (token: string, path: string) => h.app.request(`/api/seller${path}`, { headers: bearer(token) });

async function problemCode(res: Response): Promise<string> {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return ((await res.json()) as { code: string }).code;
}

/** Claims a shop and has the admin verify it. */
async function verifiedClaim(token: string, shopId: string): Promise<ShopClaim> {
  const res = await postClaim(token, claimForm({ marketplace: 'taobao', shopId }));
  expect(res.status).toBe(201);
  const claim = (await res.json()) as ShopClaim;
  expect((await verify(claim.id, { decision: 'approve' })).status).toBe(200);
  return claim;
}

/** Files a complaint naming one listing in each shop, then upholds the first listing and rejects the rest. */
async function decidedComplaint(shops: string[]): Promise<Complaint> {
  const complaint = await fileComplaint(h, owner.token, { rightId: owner.rightId, listings: shops.map((shopId) => ({ url: listingIn(shopId) })) });
  await claimComplaint(h.runtime.store, reviewer.principal, complaint.id);
  const listings = complaint.listings.map((listing, i) => ({
    listingId: listing.id,
    outcome: i === 0 ? ('upheld' as const) : ('rejected' as const),
    statement: i === 0 ? 'The listing shows the registered mark on bags the owner never made.' : 'The listing does not show the mark.',
  }));
  await decideOnComplaint(h.runtime.store, reviewer.principal, complaint.id, { listings });
  return complaint;
}

const written = () => ({
  claims: h.db.rows('select * from shop_claims order by id'),
  proofs: h.db.count('shop_claim_proofs'),
  disclosures: h.db.count('disclosures'),
  messages: h.db.count('messages'),
  audit: h.db.count('audit_log'),
});

beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({
    mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 },
    writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 },
  });
  owner = await demoFiler(h);
  reviewer = await signIn(h, 'reviewer@demo.test');
  admin = await signIn(h, 'admin@demo.test');
  seller = await signIn(h, 'seller@demo.test');
  const account = await registerAndSignIn(h, inbox, { tenantKind: 'seller' });
  rival = { token: account.token, tenantId: account.tenantId };
});

afterAll(async () => {
  await h?.close();
  await inbox?.close();
});

describe('shop claims', () => {
  it('records a claim by shop URL as the recognised shop id, pending, and staff verify it with a message to the seller', async () => {
    const res = await postClaim(seller.token, claimForm({ marketplace: 'taobao', shopUrl: `https://shop${SHOP}.taobao.com/search.htm?spm=a1z10` }));
    expect(res.status).toBe(201);
    const claim = (await res.json()) as ShopClaim;
    expect(claim).toMatchObject({ marketplace: 'taobao', shopId: SHOP, verification: { status: 'pending', decidedAt: null, reasons: null } });
    expect(claim.proofs).toHaveLength(1);
    expect(claim.proofs[0]).toMatchObject({ fileName: 'licence.pdf', mime: 'application/pdf' });

    const queue = (await (await h.app.request('/api/admin/shops?status=pending', { headers: bearer(admin.token) })).json()) as { items: Array<ShopClaim & { tenant: { id: string } }> };
    expect(queue.items.map((item) => item.id)).toContain(claim.id);
    expect(queue.items.find((item) => item.id === claim.id)!.tenant.id).toBe(seller.principal.tenant.id);

    const decided = await verify(claim.id, { decision: 'approve' });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ status: 'verified', reasons: null });
    expect(await problemCode(await verify(claim.id, { decision: 'reject', reasons: 'again' }))).toBe('already_decided');

    const mine = (await (await h.app.request('/api/shops', { headers: bearer(seller.token) })).json()) as ShopClaimList;
    expect(mine.items.find((item) => item.id === claim.id)!.verification.status).toBe('verified');
    const inbox = (await (await h.app.request('/api/messages', { headers: bearer(seller.token) })).json()) as { items: Message[] };
    expect(inbox.items[0]).toMatchObject({ kind: 'shop_decided' });
    expect(inbox.items[0]!.title.en).toContain(SHOP);
    expect(h.db.count('notices', "kind = 'shop_verified' and subject_id = ? and recipient_user_id = ?", claim.id, seller.principal.user.id)).toBe(1);
  });

  it('keeps one verified owner per shop: a second verification is 409 already_decided and changes nothing', async () => {
    const res = await postClaim(rival.token, claimForm({ marketplace: 'taobao', shopId: SHOP }));
    expect(res.status).toBe(201);
    const claim = (await res.json()) as ShopClaim;
    const before = written();
    const refused = await verify(claim.id, { decision: 'approve' });
    expect(refused.status).toBe(409);
    expect(await problemCode(refused)).toBe('already_decided');
    expect(written()).toEqual(before);
    // Rejecting it, with reasons, still works.
    expect((await verify(claim.id, { decision: 'reject', reasons: 'The shop belongs to another verified seller.' })).status).toBe(200);
    await verifiedClaim(rival.token, RIVAL_SHOP);
  });

  it('refuses bad input with nothing written', async () => {
    const before = written();
    const cases: Array<[FormData, number, string]> = [
      [claimForm({ marketplace: 'taobao', shopUrl: 'https://item.taobao.com/item.htm?id=1' }), 400, 'validation_failed'],
      [claimForm({ marketplace: 'tmall', shopUrl: `https://shop${SHOP}.taobao.com/` }), 400, 'validation_failed'],
      [claimForm({ marketplace: 'taobao', shopId: SHOP, shopUrl: `https://shop${SHOP}.taobao.com/` }), 400, 'validation_failed'],
      [claimForm({ marketplace: 'generic', shopId: SHOP }), 400, 'validation_failed'],
      [claimForm('{not json'), 400, 'malformed_json'],
      [claimForm({ marketplace: 'taobao', shopId: SHOP }, []), 400, 'missing_file'],
      [claimForm({ marketplace: 'taobao', shopId: SHOP }, [{ bytes: pdfBytes('x'), name: 'a.pdf', type: 'application/pdf' }, { bytes: pdfBytes('x'), name: 'b.pdf', type: 'application/pdf' }, { bytes: pdfBytes('x'), name: 'c.pdf', type: 'application/pdf' }, { bytes: pdfBytes('x'), name: 'd.pdf', type: 'application/pdf' }]), 400, 'validation_failed'],
      [claimForm({ marketplace: 'taobao', shopId: SHOP }, [{ bytes: new Uint8Array(Buffer.from('MZ not a document')), name: 'licence.pdf', type: 'application/pdf' }]), 415, 'unsupported_file_type'],
      [claimForm({ marketplace: 'taobao', shopId: SHOP }, [{ bytes: await pngBytes(32, 32), name: 'licence.pdf', type: 'application/pdf' }]), 422, 'file_type_mismatch'],
    ];
    for (const [form, status, code] of cases) {
      const res = await postClaim(seller.token, form);
      expect(res.status, code).toBe(status);
      expect(await problemCode(res)).toBe(code);
    }
    // Not a seller: the routes are absent, even with a valid body.
    expect((await postClaim(owner.token, claimForm({ marketplace: 'taobao', shopId: SHOP }))).status).toBe(404);
    expect((await h.app.request('/api/shops', { headers: bearer(owner.token) })).status).toBe(404);
    // Staff: a rejection needs reasons; an unknown claim is 404; a non-admin gets 404.
    expect(await problemCode(await verify('0190aaaa-0000-7000-8000-000000000000', { decision: 'approve' }))).toBe('not_found');
    expect((await verify('0190aaaa-0000-7000-8000-000000000000', { decision: 'approve' }, reviewer.token)).status).toBe(404);
    expect((await h.app.request('/api/admin/shops', { headers: bearer(seller.token) })).status).toBe(404);
    expect(written()).toEqual(before);
  });
});

describe('the seller’s view of complaints', () => {
  let ownAndOther: Complaint;
  let rivalOnly: Complaint;

  beforeAll(async () => {
    // One listing in the seller's shop (upheld), one in the rival's shop and one in nobody's (rejected).
    ownAndOther = await decidedComplaint([SHOP, RIVAL_SHOP, UNCLAIMED_SHOP]);
    rivalOnly = await decidedComplaint([RIVAL_SHOP]);
  });

  it('lists only complaints touching the seller’s verified shops, with only its own listings', async () => {
    const res = await sellerGet(seller.token, '/complaints');
    expect(res.status).toBe(200);
    const list = (await res.json()) as SellerComplaintList;
    expect(list.items.map((item) => item.id)).toEqual([ownAndOther.id]);
    expect(list.items[0]!.listings).toHaveLength(1);
    expect(list.items[0]!.listings[0]).toMatchObject({ shopId: SHOP, marketplace: 'taobao', outcome: 'upheld', measure: 'takedown_requested', canonicalUrl: ownAndOther.listings[0]!.canonicalUrl });

    const rivals = (await (await sellerGet(rival.token, '/complaints')).json()) as SellerComplaintList;
    expect(rivals.items.map((item) => item.id).sort()).toEqual([ownAndOther.id, rivalOnly.id].sort());
    expect(rivals.items.find((item) => item.id === ownAndOther.id)!.listings.map((listing) => listing.shopId)).toEqual([RIVAL_SHOP]);
  });

  it('shows the right, reason, own listing, evidence and statement, and the complainant’s name and e-mail only, recording each view as a disclosure', async () => {
    const before = written();
    const res = await sellerGet(seller.token, `/complaints/${ownAndOther.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const view = JSON.parse(text) as SellerComplaint;
    const filed = ownAndOther.complainant!;
    expect(view.complainant).toStrictEqual({ legalName: filed.legalName, email: filed.email });
    // The filter: phone and postal address are never in the body.
    expect(text).not.toContain('"phone"');
    expect(text).not.toContain('postalAddress');
    if (filed.phone) expect(text).not.toContain(filed.phone);
    if (filed.postalAddress) expect(text).not.toContain(filed.postalAddress);
    expect(view).toMatchObject({ id: ownAndOther.id, reason: 'counterfeit', right: { type: 'trademark', registrationNumber: 'TM-DEMO-0001' } });
    expect(view.right!.territories).toEqual(expect.arrayContaining(['CN']));
    expect(view.listings).toHaveLength(1);
    const [listing] = view.listings;
    expect(listing).toMatchObject({ shopId: SHOP, outcome: 'upheld', statement: 'The listing shows the registered mark on bags the owner never made.' });
    expect(listing!.evidence).toHaveLength(1);
    expect(listing!.evidence[0]!.id).toBe(ownAndOther.listings[0]!.captureIds[0]);
    // Other shops' listings in the same complaint are not shown, not even their URLs.
    expect(text).not.toContain(ownAndOther.listings[1]!.canonicalUrl!);
    expect(text).not.toContain(RIVAL_SHOP);

    const rows = h.db.rows<Record<string, unknown>>('select * from disclosures where id = ?', view.disclosureId);
    expect(rows).toEqual([
      expect.objectContaining({
        complainant_tenant_id: owner.principal.tenant.id,
        complaint_id: ownAndOther.id,
        recipient_tenant_id: seller.principal.tenant.id,
        recipient_user_id: seller.principal.user.id,
        fields: '["legalName","email"]',
        legal_basis: 'handling_complaint',
      }),
    ]);
    const audit = h.db.rows<{ kind: string; subject_id: string; tenant_id: string; actor_id: string; payload: string }>('select * from audit_log order by seq desc limit 1');
    expect(audit[0]).toMatchObject({ kind: 'disclosure', subject_id: view.disclosureId, tenant_id: owner.principal.tenant.id, actor_id: seller.principal.user.id });
    expect(JSON.parse(audit[0]!.payload)).toMatchObject({ complaintId: ownAndOther.id, fields: ['legalName', 'email'], legalBasis: 'handling_complaint' });
    expect(written()).toMatchObject({ disclosures: before.disclosures + 1, audit: before.audit + 1 });

    // Every view is a disclosure of its own.
    const again = (await (await sellerGet(seller.token, `/complaints/${ownAndOther.id}`)).json()) as SellerComplaint;
    expect(again.disclosureId).not.toBe(view.disclosureId);
    expect(written()).toMatchObject({ disclosures: before.disclosures + 2, audit: before.audit + 2 });
    expect(await verifyAuditChain(h.runtime.store)).toMatchObject({ ok: true });
  });

  it('serves the evidence image of its own listing only', async () => {
    const own = ownAndOther.listings[0]!.captureIds[0]!;
    const other = ownAndOther.listings[1]!.captureIds[0]!;
    const image = await sellerGet(seller.token, `/complaints/${ownAndOther.id}/captures/${own}/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((await sellerGet(seller.token, `/complaints/${ownAndOther.id}/captures/${other}/image`)).status).toBe(404);
    expect((await sellerGet(seller.token, `/complaints/${rivalOnly.id}/captures/${rivalOnly.listings[0]!.captureIds[0]}/image`)).status).toBe(404);
  });

  it('answers 404, with nothing written, for another seller’s complaint, an unknown id, and anyone but a seller', async () => {
    const before = written();
    expect(await problemCode(await sellerGet(seller.token, `/complaints/${rivalOnly.id}`))).toBe('not_found');
    expect((await sellerGet(seller.token, '/complaints/0190aaaa-0000-7000-8000-000000000000')).status).toBe(404);
    for (const token of [owner.token, reviewer.token, admin.token]) {
      expect((await sellerGet(token, '/complaints')).status).toBe(404);
      expect((await sellerGet(token, `/complaints/${ownAndOther.id}`)).status).toBe(404);
    }
    expect((await h.app.request(`/api/seller/complaints/${ownAndOther.id}`)).status).toBe(401);
    expect(written()).toEqual(before);
  });

  it('lists the disclosures of one complainant for admins, newest first', async () => {
    const res = await h.app.request(`/api/admin/disclosures?complainant=${owner.principal.tenant.id}`, { headers: bearer(admin.token) });
    expect(res.status).toBe(200);
    const list = (await res.json()) as DisclosureList;
    expect(list.items.length).toBe(2);
    expect(list.items[0]).toMatchObject({
      legalBasis: 'handling_complaint',
      fields: ['legalName', 'email'],
      complainantTenantId: owner.principal.tenant.id,
      complaintId: ownAndOther.id,
      recipient: { tenantId: seller.principal.tenant.id },
      user: { id: seller.principal.user.id, email: 'seller@demo.test' },
    });
    expect(list.items[0]!.at >= list.items[1]!.at).toBe(true);
    const none = (await (await h.app.request(`/api/admin/disclosures?complainant=${rival.tenantId}`, { headers: bearer(admin.token) })).json()) as DisclosureList;
    expect(none.items).toEqual([]);
    expect((await h.app.request('/api/admin/disclosures', { headers: bearer(admin.token) })).status).toBe(400);
    expect((await h.app.request(`/api/admin/disclosures?complainant=${owner.principal.tenant.id}`, { headers: bearer(reviewer.token) })).status).toBe(404);
    expect((await h.app.request(`/api/admin/disclosures?complainant=${owner.principal.tenant.id}`, { headers: bearer(seller.token) })).status).toBe(404);
  });
});
