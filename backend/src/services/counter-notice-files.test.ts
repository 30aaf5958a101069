import type { Complaint, CounterNotice, CounterNoticeList, RestoreDueList, SellerComplaint, SellerComplaintList, ShopClaim } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, jsonPost, pngBytes, sha256, type Harness } from '../testing/harness';
import { startInbox, type Inbox } from '../testing/inbox';
import { demoFiler, signIn, type Filer, type Staff } from '../testing/filing';
import { pdfBytes, registerAndSignIn } from '../testing/registration';
import { fileComplaint } from '../testing/review';
import { markRestoreDue } from './counter-notices';
import { claimComplaint } from './review/claims';
import { decideOnComplaint } from './review/decisions';

let h: Harness;
let inbox: Inbox;
let owner: Filer;
let monitor: Staff;
let reviewer: Staff;
let admin: Staff;
let seller: Staff;
/** A second seller, and a second complainant, both registered through the API. */
let rival: { token: string };
let stranger: { token: string };

const SHOP = '58700001';
const RIVAL_SHOP = '58700002';
let item = 930_000_000_000;
const listingIn = (shopId: string) => `https://item.taobao.com/item.htm?id=${item++}&shop_id=${shopId}`;

const identity = { legalName: 'Ningbo Demo Leather Co., Ltd.', registrationNumber: '91330200MA2YYYYY2B', address: '2 Demo Road, Ningbo', email: 'legal@leather.test', phone: '+86 574 0000 0000' };
const statement = 'These bags are our own design, sold under our own name, and carry no mark of the complainant.';
const PROOF_NOTE = 'Lawsuit filed with the Ningbo Intermediate Court, case (2026) Zhe 02 Min Chu 77.';
type Part = { bytes: Uint8Array<ArrayBuffer>; name: string; type: string };

function form(data: unknown, files: Part[], field: string) {
  const body = new FormData();
  body.append('data', JSON.stringify(data));
  for (const file of files) body.append(field, new Blob([file.bytes], { type: file.type }), file.name);
  return body;
}
const get = (path: string, token?: string) => h.app.request(path, token === undefined ? {} : { headers: bearer(token) });
const code = async (res: Response) => ((await res.json()) as { code: string }).code;

async function verifiedClaim(token: string, shopId: string, proof: Part): Promise<ShopClaim> {
  const res = await h.app.request('/api/shops', { method: 'POST', headers: bearer(token), body: form({ marketplace: 'taobao', shopId }, [proof], 'proof') });
  expect(res.status).toBe(201);
  const claim = (await res.json()) as ShopClaim;
  expect((await h.app.request(`/api/admin/shops/${claim.id}/verification`, jsonPost({ decision: 'approve' }, bearer(admin.token)))).status).toBe(200);
  return claim;
}

/** A complaint naming one listing per shop: the first upheld, the rest rejected. */
async function decidedComplaint(shops: string[]): Promise<Complaint> {
  const complaint = await fileComplaint(h, owner.token, { rightId: owner.rightId, listings: shops.map((shopId) => ({ url: listingIn(shopId) })) });
  await claimComplaint(h.runtime.store, reviewer.principal, complaint.id);
  await decideOnComplaint(h.runtime.store, reviewer.principal, complaint.id, {
    listings: complaint.listings.map((listing, i) => ({
      listingId: listing.id,
      outcome: i === 0 ? ('upheld' as const) : ('rejected' as const),
      statement: i === 0 ? 'The listing shows the registered mark on bags the owner never made.' : 'The listing does not show the mark.',
    })),
  });
  return complaint;
}

async function fileCounterNotice(listingId: string, evidence: Part[]): Promise<CounterNotice> {
  const res = await h.app.request(`/api/seller/listings/${listingId}/counter-notice`, {
    method: 'POST',
    headers: bearer(seller.token),
    body: form({ statement, identity, declaration: true }, evidence, 'evidence'),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CounterNotice;
}

async function lodgeProof(id: string, document: Part): Promise<CounterNotice> {
  const res = await h.app.request(`/api/counter-notices/${id}/proof`, { method: 'POST', headers: bearer(owner.token), body: form({ note: PROOF_NOTE }, [document], 'document') });
  expect(res.status).toBe(200);
  return (await res.json()) as CounterNotice;
}

/** A download: the exact bytes, as an attachment under the given name stem, never cached. */
async function expectDownload(res: Response, expected: Part, stem: string, id: string): Promise<void> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(expected.type);
  const extension = expected.type === 'application/pdf' ? 'pdf' : 'png';
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${stem}-${id}.${extension}"; filename*=UTF-8''${encodeURIComponent(expected.name)}`);
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  const body = new Uint8Array(await res.arrayBuffer());
  expect(sha256(body)).toBe(sha256(expected.bytes));
  expect(res.headers.get('x-content-sha256')).toBe(sha256(expected.bytes));
}

const invoice: Part = { bytes: pdfBytes('invoice 2026-0042'), name: 'invoice 2026.pdf', type: 'application/pdf' };
let photo: Part;
const courtReceipt: Part = { bytes: pdfBytes('court receipt 77'), name: 'court-receipt.pdf', type: 'application/pdf' };
const licence: Part = { bytes: pdfBytes('business licence 58700001'), name: 'licence.pdf', type: 'application/pdf' };

let claim: ShopClaim;
let complaint: Complaint;
let cn: CounterNotice;

beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({
    mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 },
    writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 },
  });
  owner = await demoFiler(h);
  monitor = await signIn(h, 'monitor@demo.test');
  reviewer = await signIn(h, 'reviewer@demo.test');
  admin = await signIn(h, 'admin@demo.test');
  seller = await signIn(h, 'seller@demo.test');
  rival = await registerAndSignIn(h, inbox, { tenantKind: 'seller' });
  stranger = await registerAndSignIn(h, inbox, { tenantKind: 'rights_holder' });
  photo = { bytes: await pngBytes(60, 40, '#336699'), name: 'shelf photo.png', type: 'image/png' };
  claim = await verifiedClaim(seller.token, SHOP, licence);
  await verifiedClaim(rival.token, RIVAL_SHOP, { bytes: pdfBytes('rival licence'), name: 'rival.pdf', type: 'application/pdf' });
  complaint = await decidedComplaint([SHOP, SHOP]);
  cn = await fileCounterNotice(complaint.listings[0]!.id, [invoice, photo]);
  cn = await lodgeProof(cn.id, courtReceipt);
});

afterAll(async () => {
  await h?.close();
  await inbox?.close();
});

describe("the seller's evidence", () => {
  it('downloads as filed for the seller that filed it, the complainant tenant and staff', async () => {
    const [pdf, png] = cn.evidence;
    for (const token of [seller.token, owner.token, monitor.token, reviewer.token, admin.token]) {
      await expectDownload(await get(`/api/counter-notices/${cn.id}/evidence/${pdf!.id}`, token), invoice, 'evidence', pdf!.id);
      await expectDownload(await get(`/api/counter-notices/${cn.id}/evidence/${png!.id}`, token), photo, 'evidence', png!.id);
    }
  });

  it('is a 404 to another seller, another complainant, and for a document of another record', async () => {
    const path = `/api/counter-notices/${cn.id}/evidence/${cn.evidence[0]!.id}`;
    for (const token of [rival.token, stranger.token]) {
      const res = await get(path, token);
      expect(res.status).toBe(404);
      expect(await code(res)).toBe('not_found');
    }
    // A proof document is not evidence, and an unknown counter-notice is nobody's.
    expect((await get(`/api/counter-notices/${cn.id}/evidence/${cn.proofs[0]!.id}`, owner.token)).status).toBe(404);
    expect((await get(`/api/counter-notices/0190aaaa-0000-7000-8000-000000000000/evidence/${cn.evidence[0]!.id}`, reviewer.token)).status).toBe(404);
    expect((await get(path)).status).toBe(401);
  });
});

describe("the complainant's proof documents", () => {
  it('download as lodged for the complainant tenant and staff', async () => {
    const [proof] = cn.proofs;
    for (const token of [owner.token, monitor.token, reviewer.token, admin.token]) {
      await expectDownload(await get(`/api/counter-notices/${cn.id}/proofs/${proof!.id}`, token), courtReceipt, 'proof', proof!.id);
    }
  });

  it('are a 404 to the seller that filed the counter-notice, to another seller and to another complainant', async () => {
    const path = `/api/counter-notices/${cn.id}/proofs/${cn.proofs[0]!.id}`;
    for (const token of [seller.token, rival.token, stranger.token]) {
      const res = await get(path, token);
      expect(res.status).toBe(404);
      expect(await code(res)).toBe('not_found');
    }
    expect((await get(`/api/counter-notices/${cn.id}/proofs/${cn.evidence[0]!.id}`, owner.token)).status).toBe(404);
  });

  it('show no complainant data to a seller, so no download writes a disclosure', async () => {
    const before = { disclosures: h.db.count('disclosures'), audit: h.db.count('audit_log') };
    await get(`/api/counter-notices/${cn.id}/evidence/${cn.evidence[0]!.id}`, seller.token);
    await get(`/api/counter-notices/${cn.id}/proofs/${cn.proofs[0]!.id}`, seller.token);
    await get(`/api/counter-notices/${cn.id}/proofs/${cn.proofs[0]!.id}`, owner.token);
    expect({ disclosures: h.db.count('disclosures'), audit: h.db.count('audit_log') }).toEqual(before);
  });

  it('are named, with the evidence, in what the complainant and staff read, so their consoles can link them', async () => {
    const list = (await (await get(`/api/complaints/${complaint.id}/counter-notices`, owner.token)).json()) as CounterNoticeList;
    expect(list.items[0]!.evidence.map((doc) => doc.id)).toEqual(cn.evidence.map((doc) => doc.id));
    expect(list.items[0]!.proofs.map((doc) => doc.id)).toEqual(cn.proofs.map((doc) => doc.id));
  });
});

describe('shop-claim proofs', () => {
  it('download for the seller that claimed the shop and for admins', async () => {
    const [proof] = claim.proofs;
    await expectDownload(await get(`/api/shops/${claim.id}/proofs/${proof!.id}`, seller.token), licence, 'shop-proof', proof!.id);
    await expectDownload(await get(`/api/admin/shops/${claim.id}/proofs/${proof!.id}`, admin.token), licence, 'shop-proof', proof!.id);
  });

  it('are a 404 to another seller, to non-sellers on the seller route and to anyone but an admin on the admin route', async () => {
    const proofId = claim.proofs[0]!.id;
    for (const token of [rival.token, owner.token, reviewer.token]) expect((await get(`/api/shops/${claim.id}/proofs/${proofId}`, token)).status).toBe(404);
    for (const token of [seller.token, reviewer.token, owner.token]) expect((await get(`/api/admin/shops/${claim.id}/proofs/${proofId}`, token)).status).toBe(404);
    expect((await get(`/api/admin/shops/${claim.id}/proofs/0190aaaa-0000-7000-8000-000000000000`, admin.token)).status).toBe(404);
  });
});

describe("the seller's view of its counter-notices", () => {
  const listingOf = (view: SellerComplaint | SellerComplaintList['items'][number], listingId: string) => view.listings.find((listing) => listing.id === listingId)!;

  it('offers filing on an upheld listing without one, not on a rejected listing', async () => {
    const fresh = await decidedComplaint([SHOP, SHOP]);
    const view = (await (await get(`/api/seller/complaints/${fresh.id}`, seller.token)).json()) as SellerComplaint;
    expect(listingOf(view, fresh.listings[0]!.id)).toMatchObject({ outcome: 'upheld', counterNoticeAllowed: true, counterNotice: null });
    expect(listingOf(view, fresh.listings[1]!.id)).toMatchObject({ outcome: 'rejected', counterNoticeAllowed: false, counterNotice: null });
  });

  it('shows the filed counter-notice with its window, evidence and that proof came in time, but not the proof itself', async () => {
    const res = await get(`/api/seller/complaints/${complaint.id}`, seller.token);
    expect(res.status).toBe(200);
    const text = await res.text();
    const listing = listingOf(JSON.parse(text) as SellerComplaint, cn.listingId);
    expect(listing.counterNoticeAllowed).toBe(false);
    expect(listing.counterNotice).toMatchObject({
      id: cn.id,
      state: 'proof_received',
      statement,
      identity,
      windowEndsAt: cn.windowEndsAt,
      deliveredAt: cn.deliveredAt,
      decision: null,
      proofReceivedAt: cn.proofs[0]!.uploadedAt,
    });
    expect(listing.counterNotice!.evidence.map((doc) => ({ id: doc.id, fileName: doc.fileName, sha256: doc.sha256 }))).toEqual(
      cn.evidence.map((doc) => ({ id: doc.id, fileName: doc.fileName, sha256: doc.sha256 })),
    );
    expect(listing.counterNotice).not.toHaveProperty('proofs');
    expect(text).not.toContain(PROOF_NOTE);
    expect(text).not.toContain(cn.proofs[0]!.id);

    // The list view says the same per listing.
    const list = (await (await get('/api/seller/complaints', seller.token)).json()) as SellerComplaintList;
    const summary = listingOf(list.items.find((entry) => entry.id === complaint.id)!, cn.listingId);
    expect(summary).toMatchObject({ counterNoticeAllowed: false, counterNotice: { id: cn.id, state: 'proof_received', proofReceivedAt: cn.proofs[0]!.uploadedAt } });
  });

  it('follows the counter-notice to restore due and to the decision', async () => {
    const other = await decidedComplaint([SHOP]);
    const filed = await fileCounterNotice(other.listings[0]!.id, [invoice]);
    const view = async () => listingOf((await (await get(`/api/seller/complaints/${other.id}`, seller.token)).json()) as SellerComplaint, filed.listingId);
    expect((await view()).counterNotice).toMatchObject({ state: 'window_open', proofReceivedAt: null, decision: null });

    await markRestoreDue(h.runtime.store, Date.parse(filed.windowEndsAt) + 1);
    expect((await view()).counterNotice).toMatchObject({ state: 'restore_due', proofReceivedAt: null });
    const due = (await (await get('/api/review/restore-due', reviewer.token)).json()) as RestoreDueList;
    expect(due.items.find((entry) => entry.id === filed.id)!.evidence.map((doc) => doc.id)).toEqual(filed.evidence.map((doc) => doc.id));

    const restore = 'No proof of a complaint to the authorities or a lawsuit came within the window.';
    expect((await h.app.request(`/api/review/counter-notices/${filed.id}/decision`, jsonPost({ action: 'restore', statement: restore }, bearer(reviewer.token)))).status).toBe(200);
    const decided = await view();
    expect(decided).toMatchObject({ measure: null, counterNoticeAllowed: false, counterNotice: { state: 'restored', decision: { action: 'restore', statement: restore } } });
  });

  it("never shows another seller's counter-notice, and keeps the rival's own view to its shop", async () => {
    const shared = await decidedComplaint([RIVAL_SHOP]);
    const list = (await (await get('/api/seller/complaints', rival.token)).json()) as SellerComplaintList;
    expect(list.items.map((entry) => entry.id)).toEqual([shared.id]);
    expect(list.items[0]!.listings[0]).toMatchObject({ counterNoticeAllowed: true, counterNotice: null });
    expect((await get(`/api/seller/complaints/${complaint.id}`, rival.token)).status).toBe(404);
  });
});
