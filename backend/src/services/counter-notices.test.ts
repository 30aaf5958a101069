import type { Complaint, CounterNotice, CounterNoticeList, Message, RestoreDueList, ShopClaim } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger';
import { bearer, createHarness, jsonPost, pngBytes, type Harness } from '../testing/harness';
import { startInbox, type Inbox } from '../testing/inbox';
import { demoFiler, signIn, type Filer, type Staff } from '../testing/filing';
import { pdfBytes } from '../testing/registration';
import { fileComplaint } from '../testing/review';
import { verifyAuditChain } from './audit';
import { complainantStats } from './complaints';
import { markRestoreDue, submitComplainantProof } from './counter-notices';
import { createMailer } from './mail';
import { claimComplaint } from './review/claims';
import { decideOnComplaint } from './review/decisions';

let h: Harness;
let owner: Filer;
let reviewer: Staff;
let admin: Staff;
let seller: Staff;
let inbox: Inbox;

const SHOP = '58801234';
const UNCLAIMED_SHOP = '58809999';
const DAY = 24 * 60 * 60 * 1000;
let item = 920_000_000_000;
const listingIn = (shopId: string) => `https://item.taobao.com/item.htm?id=${item++}&shop_id=${shopId}`;

const identity = { legalName: 'Hangzhou Demo Trading Co., Ltd.', registrationNumber: '91330100MA2XXXXX1A', address: '1 Demo Road, Hangzhou', email: 'legal@seller.test', phone: '+86 571 0000 0000' };
const goodData = { statement: 'These bags are genuine goods bought from the brand owner’s own distributor.', identity, declaration: true };
type Part = { bytes: Uint8Array<ArrayBuffer>; name: string; type: string };
const pdf = (marker = 'invoice'): Part => ({ bytes: pdfBytes(marker), name: 'invoice.pdf', type: 'application/pdf' });

function form(data: unknown, files: Part[], field: string) {
  const body = new FormData();
  body.append('data', JSON.stringify(data));
  for (const file of files) body.append(field, new Blob([file.bytes], { type: file.type }), file.name);
  return body;
}
const fileCn = (listingId: string, data: unknown = goodData, files: Part[] = [pdf()], token = seller.token) =>
  h.app.request(`/api/seller/listings/${listingId}/counter-notice`, { method: 'POST', headers: bearer(token), body: form(data, files, 'evidence') });
const decide = (id: string, body: unknown) => h.app.request(`/api/review/counter-notices/${id}/decision`, jsonPost(body, bearer(reviewer.token)));
const code = async (res: Response) => ((await res.json()) as { code: string }).code;

/** Files a complaint naming one listing per shop; the first is upheld, the rest rejected. */
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

const written = () => ({
  counterNotices: h.db.count('counter_notices'),
  documents: h.db.count('counter_notice_documents'),
  proofs: h.db.count('complainant_proofs'),
  messages: h.db.count('messages'),
  mail: h.db.count('mail_outbox'),
  deliveries: h.db.count('deliveries'),
  audit: h.db.count('audit_log'),
  listings: h.db.rows('select id, measure, reversed_at from complaint_listings order by id'),
  states: h.db.rows('select id, state from counter_notices order by id'),
});

beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  owner = await demoFiler(h);
  reviewer = await signIn(h, 'reviewer@demo.test');
  admin = await signIn(h, 'admin@demo.test');
  seller = await signIn(h, 'seller@demo.test');
  const claim = new FormData();
  claim.append('data', JSON.stringify({ marketplace: 'taobao', shopId: SHOP }));
  claim.append('proof', new Blob([pdfBytes('licence')], { type: 'application/pdf' }), 'licence.pdf');
  const res = await h.app.request('/api/shops', { method: 'POST', headers: bearer(seller.token), body: claim });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as ShopClaim;
  expect((await h.app.request(`/api/admin/shops/${id}/verification`, jsonPost({ decision: 'approve' }, bearer(admin.token)))).status).toBe(200);
});

afterAll(async () => {
  await h?.close();
  await inbox?.close();
});

describe('a decision on listings', () => {
  it('tells the seller of a verified shop about its own listings, and no one about an unclaimed shop', async () => {
    const complaint = await decidedComplaint([SHOP, UNCLAIMED_SHOP]);
    const notices = h.db.rows<{ id: string; recipient_user_id: string; params: string }>("select id, recipient_user_id, params from notices where kind = 'listing_decided' and subject_id = ?", complaint.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.recipient_user_id).toBe(seller.principal.user.id);
    // Only the listing on its own shop (the first; the unclaimed shop's is second).
    const { listings } = JSON.parse(notices[0]!.params) as { listings: Array<{ position: number; outcome: string }> };
    expect(listings).toEqual([expect.objectContaining({ position: 1, outcome: 'upheld' })]);
    expect(h.db.rows<{ channel: string }>('select channel from deliveries where notice_id = ? order by channel', notices[0]!.id).map((row) => row.channel)).toEqual(['email', 'in_site', 'sms']);
    const sellerInbox = (await (await h.app.request('/api/messages', { headers: bearer(seller.token) })).json()) as { items: Message[] };
    expect(sellerInbox.items[0]!.body.en).toContain(`complaint ${complaint.id}`);
    expect(sellerInbox.items[0]!.body.en).not.toContain(complaint.listings[1]!.url);
    // The complainant hears of both listings.
    expect(h.db.count('notices', "kind = 'complaint_decided' and subject_id = ?", complaint.id)).toBe(1);
  });
});

describe('filing a counter-notice', () => {
  it('stores it, audits it and forwards it to the complainant by message and e-mail; the window is 15 natural days for a CN Taobao listing', async () => {
    const complaint = await decidedComplaint([SHOP]);
    const listingId = complaint.listings[0]!.id;
    const before = written();
    const started = Date.now();
    const res = await fileCn(listingId, goodData, [pdf(), { bytes: await pngBytes(40, 30), name: 'photo.png', type: 'image/png' }]);
    expect(res.status).toBe(201);
    const cn = (await res.json()) as CounterNotice;
    expect(cn).toMatchObject({ complaintId: complaint.id, listingId, state: 'window_open', identity, rule: { kind: 'natural_days', days: 15, basis: 'cn_ecommerce_law_art43' } });
    expect(cn.evidence.map((doc) => doc.mime)).toEqual(['application/pdf', 'image/png']);

    // Delivered at filing (the in-site message); the window ends at the end of the 15th Shanghai day after it.
    const delivered = Date.parse(cn.deliveredAt);
    expect(delivered).toBeGreaterThanOrEqual(started);
    const shanghaiDay = Math.floor((delivered + 8 * 3_600_000) / DAY);
    expect(Date.parse(cn.windowEndsAt)).toBe((shanghaiDay + 16) * DAY - 8 * 3_600_000 - 1);

    const after = written();
    expect(after.counterNotices).toBe(before.counterNotices + 1);
    expect(after.documents).toBe(before.documents + 2);
    expect(after.audit).toBe(before.audit + 1);
    expect(after.messages).toBe(before.messages + 1);
    expect(after.mail).toBe(before.mail + 1);
    // One notice about the counter-notice: its in-site record (delivered now), and the e-mail's and SMS's (waiting in their outboxes).
    expect(after.deliveries).toBe(before.deliveries + 3);
    const [notice] = h.db.rows<{ id: string; kind: string }>('select id, kind from notices where subject_id = ?', cn.id);
    expect(notice).toMatchObject({ kind: 'counter_notice_forwarded' });
    const deliveries = h.db.rows<{ channel: string; outcome: string | null; counts_as_delivered_at: number | null }>('select channel, outcome, counts_as_delivered_at from deliveries where notice_id = ? order by channel', notice!.id);
    expect(deliveries).toEqual([
      { channel: 'email', outcome: null, counts_as_delivered_at: null },
      { channel: 'in_site', outcome: 'sent', counts_as_delivered_at: delivered },
      { channel: 'sms', outcome: null, counts_as_delivered_at: null },
    ]);
    const mail = h.db.rows<{ to: string; template: string }>('select "to", template from mail_outbox order by created_at desc, id desc limit 1')[0]!;
    expect(mail).toEqual({ to: 'owner@demo.test', template: 'counter_notice_forwarded' });
    const audit = h.db.rows<{ kind: string; subject_id: string }>('select kind, subject_id from audit_log order by seq desc limit 1')[0]!;
    expect(audit).toEqual({ kind: 'counter_notice', subject_id: cn.id });
    expect((await verifyAuditChain(h.runtime.store)).ok).toBe(true);

    const inbox = (await (await h.app.request('/api/messages', { headers: bearer(owner.token) })).json()) as { items: Message[] };
    expect(inbox.items[0]).toMatchObject({ kind: 'counter_notice_filed' });
    expect(inbox.items[0]!.body.en).toContain(identity.legalName);
    expect(inbox.items[0]!.body['zh-CN']).toContain(goodData.statement);

    const list = await h.app.request(`/api/complaints/${complaint.id}/counter-notices`, { headers: bearer(owner.token) });
    expect(list.status).toBe(200);
    expect(((await list.json()) as CounterNoticeList).items.map((item) => item.id)).toEqual([cn.id]);
    // Not the complainant's complaint to anyone else.
    expect((await h.app.request(`/api/complaints/${complaint.id}/counter-notices`, { headers: bearer(seller.token) })).status).toBe(404);
    // Staff read every complaint's counter-notices: they decide on them.
    const staffList = await h.app.request(`/api/complaints/${complaint.id}/counter-notices`, { headers: bearer(reviewer.token) });
    expect(staffList.status).toBe(200);
    expect(((await staffList.json()) as CounterNoticeList).items.map((item) => item.id)).toEqual([cn.id]);

    // Filed twice: 409, nothing written.
    const again = written();
    const twice = await fileCn(listingId);
    expect(twice.status).toBe(409);
    expect(await code(twice)).toBe('already_decided');
    expect(written()).toEqual(again);
  });

  it('refuses bad input with nothing written', async () => {
    const complaint = await decidedComplaint([SHOP, SHOP]);
    const [upheld, rejected] = complaint.listings;
    const other = await decidedComplaint([UNCLAIMED_SHOP]);
    const before = written();

    const notUpheld = await fileCn(rejected!.id);
    expect(notUpheld.status).toBe(409);
    expect(await code(notUpheld)).toBe('invalid_transition');

    const notMine = await fileCn(other.listings[0]!.id);
    expect(notMine.status).toBe(404);
    // Not a seller at all: the route is absent.
    expect((await fileCn(upheld!.id, goodData, [pdf()], owner.token)).status).toBe(404);

    const noDeclaration = await fileCn(upheld!.id, { statement: goodData.statement, identity });
    expect(noDeclaration.status).toBe(400);
    expect(await code(noDeclaration)).toBe('validation_failed');
    expect((await fileCn(upheld!.id, { ...goodData, declaration: false })).status).toBe(400);
    expect((await fileCn(upheld!.id, { ...goodData, statement: 'too short' })).status).toBe(400);

    const garbage = await fileCn(upheld!.id, goodData, [{ bytes: new Uint8Array(Buffer.from('MZ not a document at all')), name: 'x.pdf', type: 'application/pdf' }]);
    expect(garbage.status).toBe(415);
    expect(await code(garbage)).toBe('unsupported_file_type');
    const mislabelled = await fileCn(upheld!.id, goodData, [{ bytes: await pngBytes(20, 20), name: 'invoice.pdf', type: 'application/pdf' }]);
    expect(mislabelled.status).toBe(422);
    const truncated = await fileCn(upheld!.id, goodData, [{ bytes: pdfBytes('cut').slice(0, 40), name: 'cut.pdf', type: 'application/pdf' }]);
    expect(truncated.status).toBe(422);
    expect((await fileCn(upheld!.id, goodData, [])).status).toBe(400);

    expect(written()).toEqual(before);
  });
});

describe('the window, restore due and the decision', () => {
  async function filed(): Promise<CounterNotice> {
    const complaint = await decidedComplaint([SHOP]);
    const res = await fileCn(complaint.listings[0]!.id);
    expect(res.status).toBe(201);
    return (await res.json()) as CounterNotice;
  }
  const proofUpload = { data: { note: 'Complaint filed with the Hangzhou market regulator, file 2025-001.' }, documents: [] as never[] };
  const postProof = (id: string) => h.app.request(`/api/counter-notices/${id}/proof`, { method: 'POST', headers: bearer(owner.token), body: form({ note: 'Lawsuit filed, case (2025) Zhe 01 Min Chu 1.' }, [pdf('court receipt')], 'document') });

  it('takes proof within the window; after it, 409 window_closed and nothing written', async () => {
    const cn = await filed();
    const res = await postProof(cn.id);
    expect(res.status).toBe(200);
    const received = (await res.json()) as CounterNotice;
    expect(received.state).toBe('proof_received');
    expect(received.proofs).toHaveLength(1);
    expect(received.proofs[0]!.note).toContain('Lawsuit');
    // Another complainant tenant's view: the seller cannot post proof.
    expect((await h.app.request(`/api/counter-notices/${cn.id}/proof`, { method: 'POST', headers: bearer(seller.token), body: form({ note: 'x' }, [pdf()], 'document') })).status).toBe(404);

    const late = await filed();
    const before = written();
    const end = Date.parse(late.windowEndsAt);
    const deps = { store: h.runtime.store, blobs: h.runtime.blobs };
    const documents = [{ field: 'document', bytes: pdfBytes('late'), name: 'late.pdf', type: 'application/pdf', mime: 'application/pdf' as const, sha256: 'f'.repeat(64), fileName: 'late.pdf' }];
    await expect(submitComplainantProof(deps, owner.principal, late.id, { ...proofUpload, documents }, end + 1)).rejects.toMatchObject({ code: 'window_closed' });
    expect(written()).toEqual(before);
    // The last instant of the window is still in time.
    const inTime = await submitComplainantProof(deps, owner.principal, late.id, { ...proofUpload, documents }, end);
    expect(inTime.state).toBe('proof_received');
  });

  it('marks windows that ended without proof restore due, once, and lists them oldest first', async () => {
    const first = await filed();
    const second = await filed();
    const proven = await filed();
    expect((await postProof(proven.id)).status).toBe(200);
    const end = Date.parse(second.windowEndsAt);

    // Not yet: the last instant of the window still belongs to it.
    expect(await markRestoreDue(h.runtime.store, Date.parse(first.windowEndsAt))).toEqual([]);
    const auditBefore = h.db.count('audit_log');
    const moved = await markRestoreDue(h.runtime.store, end + 1);
    expect(moved).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(moved).not.toContain(proven.id);
    expect(h.db.count('audit_log')).toBe(auditBefore + moved.length);
    // Idempotent: a second run finds nothing left to move.
    expect(await markRestoreDue(h.runtime.store, end + 2)).toEqual([]);

    const res = await h.app.request('/api/review/restore-due', { headers: bearer(reviewer.token) });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as RestoreDueList).items;
    const ids = items.map((entry) => entry.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(ids).not.toContain(proven.id);
    expect(items.every((entry) => entry.state === 'restore_due')).toBe(true);
    expect((await h.app.request('/api/review/restore-due', { headers: bearer(owner.token) })).status).toBe(404);
  });

  it('restores a listing: reversed in the complainant stats, measure lifted, both parties told', async () => {
    const statsBefore = await complainantStats(h.runtime.store, owner.principal);
    const cn = await filed();
    // Still window_open: not decidable yet.
    const early = await decide(cn.id, { action: 'restore', statement: 'No proof of an action was shown in time.' });
    expect(early.status).toBe(409);
    expect(await code(early)).toBe('invalid_transition');
    await markRestoreDue(h.runtime.store, Date.parse(cn.windowEndsAt) + 1);

    const before = written();
    const placeholder = await decide(cn.id, { action: 'restore', statement: 'Restored because [[reason]] was not shown.' });
    expect(placeholder.status).toBe(422);
    expect(await code(placeholder)).toBe('placeholder_unfilled');
    expect(written()).toEqual(before);

    const sellerInbox = (await (await h.app.request('/api/messages', { headers: bearer(seller.token) })).json()) as { unread: number };
    const res = await decide(cn.id, { action: 'restore', statement: 'No proof of an action was shown within the window.' });
    expect(res.status).toBe(200);
    expect((await res.json()) as CounterNotice).toMatchObject({ state: 'restored', decision: { action: 'restore' } });
    const listing = h.db.rows<{ measure: string | null; reversed_at: number | null }>('select measure, reversed_at from complaint_listings where id = ?', cn.listingId)[0]!;
    expect(listing.measure).toBeNull();
    expect(listing.reversed_at).not.toBeNull();
    const stats = await complainantStats(h.runtime.store, owner.principal);
    expect(stats.listings.reversed).toBe(statsBefore.listings.reversed + 1);

    const complainantInbox = (await (await h.app.request('/api/messages', { headers: bearer(owner.token) })).json()) as { items: Message[] };
    expect(complainantInbox.items[0]).toMatchObject({ kind: 'counter_notice_decided' });
    expect(complainantInbox.items[0]!.body.en).toContain('within the window');
    const after = (await (await h.app.request('/api/messages', { headers: bearer(seller.token) })).json()) as { items: Message[]; unread: number };
    expect(after.unread).toBe(sellerInbox.unread + 1);
    expect(after.items[0]!.title['zh-CN']).toContain('恢复');

    // Both parties get the decision in-site AND by e-mail (and SMS): one notice each, every channel recorded.
    const notices = h.db.rows<{ id: string; recipient_user_id: string }>("select id, recipient_user_id from notices where subject_id = ? and kind = 'counter_notice_restored'", cn.id);
    expect(notices.map((notice) => notice.recipient_user_id).sort()).toEqual([owner.principal.user.id, seller.principal.user.id].sort());
    for (const notice of notices) {
      expect(h.db.rows<{ channel: string }>('select channel from deliveries where notice_id = ? order by channel', notice.id).map((row) => row.channel)).toEqual(['email', 'in_site', 'sms']);
    }
    inbox.mails.length = 0;
    const mailer = createMailer({ store: h.runtime.store, config: { mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 } }, logger: createLogger({ logLevel: 'silent' }) });
    await mailer.drain();
    await mailer.stop();
    for (const address of ['owner@demo.test', 'seller@demo.test']) {
      // Demo users read Chinese.
      const [mail] = inbox.to(address).filter((m) => m.subject === `投诉 ${cn.complaintId} 的反通知：商品已恢复`);
      expect(mail?.text).toContain('No proof of an action was shown within the window.');
    }

    // Decided: a second decision is refused.
    expect((await decide(cn.id, { action: 'retain', statement: 'Changed our mind entirely.' })).status).toBe(409);
    // Filing again on a restored listing: already answered.
    expect((await fileCn(cn.listingId)).status).toBe(409);
  });

  it('retains the measure after proof was received', async () => {
    const statsBefore = await complainantStats(h.runtime.store, owner.principal);
    const cn = await filed();
    expect((await postProof(cn.id)).status).toBe(200);
    const res = await decide(cn.id, { action: 'retain', statement: 'The complainant sued within the window.' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as CounterNotice).state).toBe('retained');
    const listing = h.db.rows<{ measure: string | null; reversed_at: number | null }>('select measure, reversed_at from complaint_listings where id = ?', cn.listingId)[0]!;
    expect(listing).toEqual({ measure: 'takedown_requested', reversed_at: null });
    expect((await complainantStats(h.runtime.store, owner.principal)).listings.reversed).toBe(statsBefore.listings.reversed);
    expect((await decide('no-such-id', { action: 'retain', statement: 'Nothing to decide here.' })).status).toBe(404);
  });
});
