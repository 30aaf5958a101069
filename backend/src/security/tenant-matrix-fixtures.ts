/**
 * The cast and the records the tenant-isolation matrix points at (issue #8,
 * part 1). The demo seed gives one tenant of each seeded kind; this adds what
 * the matrix needs to prove isolation: a second rights holder ("foreign")
 * whose records every other customer must find absent, an agency, and a second
 * seller whose shop, counter-notice and complaint the demo seller must not see.
 * Everything is made through the API (or, for the reviewer's decision, the
 * same routes a reviewer uses), so the records are the ones users make.
 */
import { dataForm, expectStatus, pdfPart } from '../testing/requests';
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, type Complaint, type CounterNotice, type ShopClaim } from '@openipp/shared';
import { bearer, createHarness, jsonPost, loginBearer, pngBytes, sampleMeta, sha256, upload, type Harness } from '../testing/harness';
import { startInbox, type Inbox } from '../testing/inbox';
import { registerAndSignIn, type RegisteredAccount } from '../testing/registration';
import { REGION } from '../testing/review';

/** Every signed-in role of the matrix; `anonymous` is the absence of a session. */
export const ROLES = ['owner', 'monitor', 'agency', 'seller', 'reviewer', 'admin'] as const;
export type MatrixRole = (typeof ROLES)[number];

/** Ids of records that belong to a tenant other than the caller's (or to staff alone). */
export interface ForeignRecords {
  tenantId: string;
  userId: string;
  userEmail: string;
  /** Public id of a live session of the foreign user. */
  sessionId: string;
  messageId: string;
  rightId: string;
  rightProofId: string;
  /** The foreign tenant's identity proof, sent with its registration. */
  documentId: string;
  captureId: string;
  /** SHA-256 of the capture's screenshot, and the bytes (a PUT must send bytes that hash to the path). */
  captureSha256: string;
  captureBytes: Uint8Array<ArrayBuffer>;
  /** Filed, decided (one listing upheld) and answered by a counter-notice. */
  complaintId: string;
  listingId: string;
  /** A draft of the foreign tenant, never submitted. */
  draftId: string;
  /** A second filed complaint on which a reviewer asked for material, and the document the foreign tenant answered with. */
  askedComplaintId: string;
  infoDocumentId: string;
  counterNoticeId: string;
  counterNoticeEvidenceId: string;
  complainantProofId: string;
  /** The second seller's verified shop claim and its proof. */
  shopClaimId: string;
  shopProofId: string;
  /** A sanction imposed on the foreign tenant by an admin. */
  sanctionId: string;
}

export interface MatrixWorld {
  h: Harness;
  inbox: Inbox;
  tokens: Record<MatrixRole, string>;
  foreign: ForeignRecords;
  /**
   * Strings that must never appear in a tenant user's answer: the foreign
   * tenant's and the second seller's record ids and e-mail addresses.
   */
  foreignMarkers: string[];
  close(): Promise<void>;
}

const SHOP_ID = '58807777';
const FOREIGN_LISTING = `https://item.taobao.com/item.htm?id=917700000001&shop_id=${SHOP_ID}`;

export const COUNTER_NOTICE_DATA = {
  statement: 'These goods are genuine, bought from the brand owner’s own distributor in 2025.',
  identity: { legalName: 'Ningbo Matrix Trading Co., Ltd.', registrationNumber: '91330200MATRIX0001', address: '2 Matrix Road, Ningbo', email: 'legal@matrix-seller.test', phone: '+86 574 0000 0000' },
  declaration: true,
} as const;

export async function buildWorld(): Promise<MatrixWorld> {
  const inbox = await startInbox();
  const h = await createHarness({
    // Registrations come from fresh X-Forwarded-For addresses, so per-IP budgets stay apart.
    trustProxy: true,
    mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 },
    // The matrix sends hundreds of refused writes; each spends the caller's write budget by design.
    writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 },
  });
  try {
    const [owner, monitor, seller, reviewer, admin] = await Promise.all(
      ['owner@demo.test', 'monitor@demo.test', 'seller@demo.test', 'reviewer@demo.test', 'admin@demo.test'].map((email) => loginBearer(h, email)),
    );
    const asAdmin = bearer(admin!);
    const approveTenant = (account: RegisteredAccount) =>
      expectStatus(h.app.request(`/api/admin/tenants/${account.tenantId}/verification`, jsonPost({ decision: 'approve' }, asAdmin)), 200, 'approve tenant');

    const foreignHolder = await registerAndSignIn(h, inbox, { tenantKind: 'rights_holder' });
    const agency = await registerAndSignIn(h, inbox, { tenantKind: 'agency' });
    const secondSeller = await registerAndSignIn(h, inbox, { tenantKind: 'seller' });
    for (const account of [foreignHolder, agency, secondSeller]) await approveTenant(account);
    const asForeign = bearer(foreignHolder.token);

    // The foreign tenant's verified trademark, with its proof document.
    const right = await expectStatus<{ id: string; proofs: Array<{ id: string }> }>(
      h.app.request('/api/rights', {
        method: 'POST',
        headers: asForeign,
        body: dataForm(
          { type: 'trademark', registrationNumber: 'TM-MATRIX-0001', territories: ['CN'], niceClasses: [18], validFrom: '2020-01-01', validUntil: '2039-12-31' },
          'proof',
          [pdfPart('matrix-certificate')],
        ),
      }),
      201,
      'foreign right',
    );
    await expectStatus(h.app.request(`/api/admin/rights/${right.id}/verification`, jsonPost({ decision: 'approve' }, asAdmin)), 200, 'approve right');

    // The second seller's verified shop.
    const shop = await expectStatus<ShopClaim>(
      h.app.request('/api/shops', {
        method: 'POST',
        headers: bearer(secondSeller.token),
        body: dataForm({ marketplace: 'taobao', shopId: SHOP_ID }, 'proof', [pdfPart('matrix-licence')]),
      }),
      201,
      'shop claim',
    );
    await expectStatus(h.app.request(`/api/admin/shops/${shop.id}/verification`, jsonPost({ decision: 'approve' }, asAdmin)), 200, 'approve shop');

    // The foreign tenant's capture of a listing in the second seller's shop.
    const captureBytes = await pngBytes(96, 64, '#3b7a57');
    const receipt = await expectStatus<{ id: string }>(
      upload(h, asForeign, randomUUID(), { meta: sampleMeta({ url: FOREIGN_LISTING }), file: { bytes: captureBytes } }),
      201,
      'foreign capture',
    );

    const complaintBody = (submit: boolean) => ({
      principalId: null,
      rightId: right.id,
      reason: 'counterfeit',
      explanation: 'These bags carry our registered mark but were never made or sold by us.',
      goodFaith: true,
      accuracy: true,
      listings: [{ url: FOREIGN_LISTING, captureIds: [receipt.id], location: REGION }],
      submit,
    });
    const fileAs = (submit: boolean) =>
      expectStatus<Complaint>(h.app.request('/api/complaints', jsonPost(complaintBody(submit), { ...asForeign, [IDEMPOTENCY_HEADER]: randomUUID() })), 201, 'foreign complaint');
    const complaint = await fileAs(true);
    const draft = await fileAs(false);
    const listing = complaint.listings[0]!;

    // A reviewer upholds it, so the second seller may answer with a counter-notice.
    const asReviewer = bearer(reviewer!);
    await expectStatus(h.app.request(`/api/review/complaints/${complaint.id}/claim`, { method: 'POST', headers: asReviewer }), 200, 'claim');
    await expectStatus(
      h.app.request(
        `/api/review/complaints/${complaint.id}/decision`,
        jsonPost({ listings: [{ listingId: listing.id, outcome: 'upheld', statement: 'The listing shows the registered mark on bags the owner never made.' }] }, asReviewer),
      ),
      200,
      'decision',
    );
    const counterNotice = await expectStatus<CounterNotice>(
      h.app.request(`/api/seller/listings/${listing.id}/counter-notice`, {
        method: 'POST',
        headers: bearer(secondSeller.token),
        body: dataForm(COUNTER_NOTICE_DATA, 'evidence', [pdfPart('matrix-invoice')]),
      }),
      201,
      'counter-notice',
    );
    const withProof = await expectStatus<CounterNotice>(
      h.app.request(`/api/counter-notices/${counterNotice.id}/proof`, {
        method: 'POST',
        headers: asForeign,
        body: dataForm({ note: 'Case (2026) Zhe 01 Min Chu 1234, Hangzhou Intermediate Court' }, 'document', [pdfPart('matrix-court-filing')]),
      }),
      200,
      'complainant proof',
    );
    // A second complaint, on which a reviewer asks for material and the foreign tenant answers with a document.
    const asked = await fileAs(true);
    await expectStatus(h.app.request(`/api/review/complaints/${asked.id}/claim`, { method: 'POST', headers: asReviewer }), 200, 'claim asked');
    await expectStatus(
      h.app.request(
        `/api/review/complaints/${asked.id}/info-request`,
        jsonPost(
          { deficiencies: ['listing_evidence'], message: 'Please send the test purchase receipt.', deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() },
          asReviewer,
        ),
      ),
      200,
      'info request',
    );
    await expectStatus(
      h.app.request(`/api/complaints/${asked.id}/info-response`, {
        method: 'POST',
        headers: asForeign,
        body: dataForm({ message: 'The receipt of our test purchase.', captureIds: [] }, 'document', [pdfPart('matrix-receipt')]),
      }),
      200,
      'info response',
    );
    const sanction = await expectStatus<{ id: string }>(
      h.app.request(
        `/api/admin/complainants/${foreignHolder.tenantId}/sanctions`,
        jsonPost({ kind: 'enhanced_review', reason: 'Matrix fixture: a sanction on the foreign tenant.' }, asAdmin),
      ),
      201,
      'sanction',
    );

    const session = h.db.rows<{ public_id: string }>('select public_id from sessions where user_id = ? and revoked_at is null limit 1', foreignHolder.userId)[0];
    const message = h.db.rows<{ id: string }>('select id from messages where user_id = ? limit 1', foreignHolder.userId)[0];
    const identityProof = h.db.rows<{ id: string }>("select id from documents where tenant_id = ? and purpose = 'identity_proof' limit 1", foreignHolder.tenantId)[0];
    const infoDocument = h.db.rows<{ id: string }>('select id from info_response_documents where tenant_id = ? limit 1', foreignHolder.tenantId)[0];
    if (!session || !message || !identityProof || !infoDocument) throw new Error('a foreign record the matrix needs is missing');

    const foreign: ForeignRecords = {
      tenantId: foreignHolder.tenantId,
      userId: foreignHolder.userId,
      userEmail: foreignHolder.data.email,
      sessionId: session.public_id,
      messageId: message.id,
      rightId: right.id,
      rightProofId: right.proofs[0]!.id,
      documentId: identityProof.id,
      captureId: receipt.id,
      captureSha256: sha256(captureBytes),
      captureBytes,
      complaintId: complaint.id,
      listingId: listing.id,
      draftId: draft.id,
      askedComplaintId: asked.id,
      infoDocumentId: infoDocument.id,
      counterNoticeId: counterNotice.id,
      counterNoticeEvidenceId: counterNotice.evidence[0]!.id,
      complainantProofId: withProof.proofs[0]!.id,
      shopClaimId: shop.id,
      shopProofId: shop.proofs[0]!.id,
      sanctionId: sanction.id,
    };
    const foreignMarkers = [
      foreign.tenantId,
      foreign.userId,
      foreign.userEmail,
      foreign.rightId,
      foreign.captureId,
      foreign.complaintId,
      foreign.askedComplaintId,
      foreign.draftId,
      foreign.listingId,
      foreign.counterNoticeId,
      foreign.shopClaimId,
      secondSeller.tenantId,
      secondSeller.data.email,
    ];
    return {
      h,
      inbox,
      tokens: { owner: owner!, monitor: monitor!, agency: agency.token, seller: seller!, reviewer: reviewer!, admin: admin! },
      foreign,
      foreignMarkers,
      async close() {
        await h.close();
        await inbox.close();
      },
    };
  } catch (error) {
    await h.close();
    await inbox.close();
    throw error;
  }
}
