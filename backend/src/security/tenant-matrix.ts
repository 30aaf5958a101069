/**
 * The tenant-isolation matrix (issue #8, part 1): for every route of the
 * OpenAPI document, how it is exercised and what each role must be told.
 * tenant-matrix.test.ts fails when a route of the document is missing here, or
 * when this names a route that no longer exists, so a new route cannot ship
 * without a decision about who may reach it.
 *
 * Path parameters always point at a record of ANOTHER tenant (the "foreign"
 * rights holder, or the second seller for the demo seller), or at a
 * staff-only record. A cell says what the role must get:
 *   404   the record is not there for this caller (foreign record, or a route
 *         hidden from this kind of tenant) — asserted, with no side effect;
 *   403   the role is known to be wrong for the route (e.g. a monitor inviting
 *         users, staff writing captures) — asserted, with no side effect;
 *   'ok'  the role may use the route and the path holds nothing foreign: a read,
 *         asserted 200, and for customers no foreign id or address in the body;
 *   'as-absent'  the route answers about records named in the body (a check,
 *         not a lookup): the answer naming foreign records must be exactly the
 *         answer naming records that do not exist, with no side effect;
 *   skip  the role may use the route, and doing so changes the caller's own
 *         data (or ends the session the matrix reuses); not sent, with the reason.
 * Anonymous callers get 401 on every route with a `security` requirement.
 * Routes without security are declared `public` with the reason and a probe.
 */
import { REGION } from '../testing/review';
import { pdfBytes } from '../testing/registration';
import { COUNTER_NOTICE_DATA, type ForeignRecords, type MatrixRole } from './tenant-matrix-fixtures';

export type Skip = { skip: string };
export type Cell = 404 | 403 | 'ok' | 'as-absent' | Skip;

export type MatrixBody =
  | { json: unknown }
  | { form: () => FormData }
  | { bytes: Uint8Array<ArrayBuffer> };

export interface TenantRoute {
  kind: 'tenant';
  params?: (f: ForeignRecords) => Record<string, string>;
  query?: (f: ForeignRecords) => string;
  body?: (f: ForeignRecords) => MatrixBody;
  roles: Record<MatrixRole, Cell>;
}

export interface PublicRoute {
  kind: 'public';
  /** Why the route has no tenant record to protect. */
  reason: string;
  /** An anonymous request and the answer it must get (for writes: a refused one, which must change nothing). */
  probe: { status: number; body?: MatrixBody; sideEffectFree: boolean };
}

export type MatrixEntry = TenantRoute | PublicRoute;

const skip = (reason: string): Skip => ({ skip: reason });

/** The same cell for every signed-in role. */
const everyone = (cell: Cell): Record<MatrixRole, Cell> => ({ owner: cell, monitor: cell, agency: cell, seller: cell, reviewer: cell, admin: cell });
/** Customers (the four tenant roles) get one answer, staff another. */
const customersStaff = (customers: Cell, staff: Cell): Record<MatrixRole, Cell> => ({
  owner: customers,
  monitor: customers,
  agency: customers,
  seller: customers,
  reviewer: staff,
  admin: staff,
});
/** `requireAuth(deps, { adminOnly: true })`: everyone but an admin is told the route does not exist. */
const adminOnly = (admin: Cell): Record<MatrixRole, Cell> => ({ ...everyone(404), admin });
/** `requireStaff`: customers are told the route does not exist. */
const staffOnly = (staff: Cell): Record<MatrixRole, Cell> => customersStaff(404, staff);
/**
 * Complainant routes on a foreign record (`requireComplainant`): rights holders
 * and agencies reach the service and are told the record is not there; a
 * seller is told the route is not there; staff are refused (they file nothing).
 */
const complainantWrite: Record<MatrixRole, Cell> = { owner: 404, monitor: 404, agency: 404, seller: 404, reviewer: 403, admin: 403 };

const ownWrite = (what: string) => skip(`changes the caller's own ${what}; no other tenant's record is named`);
const staffWrite = skip('staff act on every tenant by design; the write is not sent (it would change the records the other cells point at)');
const adminWrite = skip('admins act on the platform by design; the write is not sent (it would change the records the other cells point at)');

const pdf = (marker: string) => new Blob([pdfBytes(marker)], { type: 'application/pdf' });
function multipart(data: unknown, field: string, marker: string): () => FormData {
  return () => {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    form.append(field, pdf(marker), `${marker}.pdf`);
    return form;
  };
}

/** A complaint naming the foreign tenant's right and capture: a caller must not be able to use them. */
const foreignComplaintInput = (f: ForeignRecords) => ({
  principalId: null,
  rightId: f.rightId,
  reason: 'counterfeit',
  explanation: 'These bags carry our registered mark but were never made or sold by us.',
  goodFaith: true,
  accuracy: true,
  listings: [{ url: 'https://item.taobao.com/item.htm?id=917700000099', captureIds: [f.captureId], location: REGION }],
});

const complaint = (f: ForeignRecords) => ({ id: f.complaintId });
const capture = (f: ForeignRecords) => ({ id: f.captureId });
const counterNotice = (f: ForeignRecords) => ({ id: f.counterNoticeId });

export const TENANT_MATRIX: Record<string, MatrixEntry> = {
  // ------------------------------------------------------------ public
  'GET /api/health': { kind: 'public', reason: 'liveness for load balancers; reads no tenant data', probe: { status: 200, sideEffectFree: true } },
  'GET /api/status': { kind: 'public', reason: 'maintenance flag and announcement shown before sign-in; platform-wide', probe: { status: 200, sideEffectFree: true } },
  'GET /api/evidence/public-key': {
    kind: 'public',
    reason: 'the evidence-signing public key, published so anyone can verify a bundle offline',
    probe: { status: 200, sideEffectFree: true },
  },
  'POST /api/auth/login': {
    kind: 'public',
    reason: 'creates the session; the tenant comes from the account found, never from the request',
    probe: { status: 400, body: { json: {} }, sideEffectFree: true },
  },
  'POST /api/auth/verify-email': {
    kind: 'public',
    reason: 'authorised by the one-time token mailed to the address, not by a session',
    probe: { status: 400, body: { json: {} }, sideEffectFree: true },
  },
  'POST /api/auth/resend-verification': {
    kind: 'public',
    reason: 'answers the same whether or not the address exists; mails only the address on file',
    probe: { status: 400, body: { json: {} }, sideEffectFree: true },
  },
  'POST /api/auth/accept-invitation': {
    kind: 'public',
    reason: 'authorised by the one-time invitation token; the tenant comes from the invitation',
    probe: { status: 400, body: { json: {} }, sideEffectFree: true },
  },
  'POST /api/auth/freeze-by-link': {
    kind: 'public',
    reason: 'authorised by the one-time freeze link mailed to the account holder',
    probe: { status: 400, body: { json: {} }, sideEffectFree: true },
  },
  'POST /api/registrations': {
    kind: 'public',
    reason: 'creates a new tenant; there is no existing tenant record to reach',
    probe: { status: 400, body: { form: () => new FormData() }, sideEffectFree: true },
  },

  // ------------------------------------------------------------ session and account (the caller's own records)
  'POST /api/auth/logout': { kind: 'tenant', roles: everyone(skip('ends the session the matrix reuses; names no record')) },
  'GET /api/me': { kind: 'tenant', roles: everyone('ok') },
  'GET /api/agreements/current': { kind: 'tenant', roles: everyone('ok') },
  'POST /api/agreements/{version}/accept': {
    kind: 'tenant',
    params: () => ({ version: '2' }),
    roles: everyone(skip('an acceptance is the caller’s own record; the agreement is platform-wide')),
  },
  'GET /api/sessions': { kind: 'tenant', roles: everyone('ok') },
  'DELETE /api/sessions/{id}': { kind: 'tenant', params: (f) => ({ id: f.sessionId }), roles: everyone(404) },
  'POST /api/sessions/revoke-all': { kind: 'tenant', roles: everyone(skip('ends the sessions the matrix reuses; names no record')) },
  'GET /api/account/logins': { kind: 'tenant', roles: everyone('ok') },
  'POST /api/account/report-compromise': { kind: 'tenant', roles: everyone(skip('freezes the caller’s own account; names no record')) },
  'GET /api/account/contacts': { kind: 'tenant', roles: everyone('ok') },
  'PUT /api/account/contacts': { kind: 'tenant', roles: everyone(ownWrite('contact details')) },
  'POST /api/account/contacts/confirm': { kind: 'tenant', roles: everyone(ownWrite('contact details')) },
  'GET /api/messages': { kind: 'tenant', roles: everyone('ok') },
  'POST /api/messages/{id}/read': { kind: 'tenant', params: (f) => ({ id: f.messageId }), roles: everyone(404) },
  // Sync serves the extension of a customer tenant; staff have nothing to sync.
  'GET /api/sync/changes': { kind: 'tenant', roles: customersStaff('ok', 404) },

  // ------------------------------------------------------------ tenant profile and users
  'GET /api/tenant': { kind: 'tenant', roles: everyone('ok') },
  // The team is the owner's to manage (`requireOwner`): any other role is refused before the user is looked up.
  'GET /api/tenant/users': { kind: 'tenant', roles: { owner: 'ok', monitor: 403, agency: 'ok', seller: 'ok', reviewer: 403, admin: 403 } },
  'GET /api/tenant/users/{id}': { kind: 'tenant', params: (f) => ({ id: f.userId }), roles: { owner: 404, monitor: 403, agency: 404, seller: 404, reviewer: 403, admin: 403 } },
  'GET /api/tenant/users/{id}/contacts': {
    kind: 'tenant',
    params: (f) => ({ id: f.userId }),
    roles: { owner: 404, monitor: 403, agency: 404, seller: 404, reviewer: 403, admin: 403 },
  },
  'POST /api/tenant/invitations': {
    kind: 'tenant',
    body: () => ({ json: { email: 'matrix-invitee@example.test', role: 'monitor', locale: 'en' } }),
    roles: {
      owner: ownWrite('team'),
      monitor: 403,
      agency: ownWrite('team'),
      seller: ownWrite('team'),
      reviewer: 403,
      admin: ownWrite('team (the platform’s staff)'),
    },
  },
  'GET /api/documents/{id}': { kind: 'tenant', params: (f) => ({ id: f.documentId }), roles: customersStaff(404, 'ok') },

  // ------------------------------------------------------------ captures
  'POST /api/captures': { kind: 'tenant', roles: customersStaff(ownWrite('captures'), 403) },
  'GET /api/captures': { kind: 'tenant', roles: everyone('ok') },
  'GET /api/captures/{id}': { kind: 'tenant', params: capture, roles: customersStaff(404, 'ok') },
  'PUT /api/captures/{id}/page-read-correction': {
    kind: 'tenant',
    params: capture,
    body: () => ({ json: { title: 'Matrix title', price: null, shopName: null, shopId: null, seller: null } }),
    roles: customersStaff(404, 403),
  },
  'GET /api/captures/{id}/image': { kind: 'tenant', params: capture, roles: customersStaff(404, 'ok') },
  'GET /api/captures/{id}/original': { kind: 'tenant', params: capture, roles: customersStaff(404, 'ok') },
  'PUT /api/captures/{id}/artefacts/{sha256}': {
    kind: 'tenant',
    params: (f) => ({ id: f.captureId, sha256: f.captureSha256 }),
    body: (f) => ({ bytes: f.captureBytes }),
    roles: customersStaff(404, 403),
  },
  // The foreign capture declared no artefacts, so staff too are told 404 (there is none to read); customers never learn that.
  'GET /api/captures/{id}/artefacts/{sha256}': {
    kind: 'tenant',
    params: (f) => ({ id: f.captureId, sha256: f.captureSha256 }),
    roles: customersStaff(404, 404),
  },
  'GET /api/captures/{id}/bundle': { kind: 'tenant', params: capture, roles: customersStaff(404, 'ok') },

  // ------------------------------------------------------------ agencies' principals
  'POST /api/principals': { kind: 'tenant', roles: { ...everyone(404), agency: ownWrite('principals') } },
  'GET /api/principals': { kind: 'tenant', roles: { ...everyone(404), agency: 'ok' } },

  // ------------------------------------------------------------ rights
  'POST /api/rights': { kind: 'tenant', roles: { owner: ownWrite('rights'), monitor: ownWrite('rights'), agency: ownWrite('rights'), seller: 404, reviewer: 404, admin: 404 } },
  'GET /api/rights': { kind: 'tenant', roles: { owner: 'ok', monitor: 'ok', agency: 'ok', seller: 404, reviewer: 404, admin: 404 } },
  'GET /api/rights/{id}': { kind: 'tenant', params: (f) => ({ id: f.rightId }), roles: everyone(404) },
  // Staff read proofs to verify rights; the right itself is shown to them through the admin routes.
  'GET /api/rights/{id}/proofs/{proofId}': { kind: 'tenant', params: (f) => ({ id: f.rightId, proofId: f.rightProofId }), roles: customersStaff(404, 'ok') },

  // ------------------------------------------------------------ complaints
  'GET /api/complaints/context': { kind: 'tenant', roles: { owner: 'ok', monitor: 'ok', agency: 'ok', seller: 404, reviewer: 403, admin: 403 } },
  'GET /api/complaints/lookup': {
    kind: 'tenant',
    query: () => `url=${encodeURIComponent('https://item.taobao.com/item.htm?id=917700000001&shop_id=58807777')}`,
    roles: { owner: 'ok', monitor: 'ok', agency: 'ok', seller: 404, reviewer: 403, admin: 403 },
  },
  'GET /api/complaints/stats': { kind: 'tenant', roles: { owner: 'ok', monitor: 'ok', agency: 'ok', seller: 404, reviewer: 403, admin: 403 } },
  // The check reports what a draft lacks, element by element (200); a foreign right or capture must read as a missing one.
  'POST /api/complaints/check': {
    kind: 'tenant',
    body: (f) => ({ json: foreignComplaintInput(f) }),
    roles: { ...complainantWrite, owner: 'as-absent', monitor: 'as-absent', agency: 'as-absent' },
  },
  'POST /api/complaints': { kind: 'tenant', body: (f) => ({ json: { ...foreignComplaintInput(f), submit: true } }), roles: complainantWrite },
  'GET /api/complaints': { kind: 'tenant', roles: { ...everyone('ok'), seller: 404 } },
  'GET /api/complaints/{id}': { kind: 'tenant', params: complaint, roles: customersStaff(404, 'ok') },
  'GET /api/complaints/{id}/timeline': { kind: 'tenant', params: complaint, roles: customersStaff(404, 'ok') },
  'PUT /api/complaints/{id}': { kind: 'tenant', params: (f) => ({ id: f.draftId }), body: (f) => ({ json: foreignComplaintInput(f) }), roles: complainantWrite },
  'POST /api/complaints/{id}/submit': { kind: 'tenant', params: (f) => ({ id: f.draftId }), roles: complainantWrite },
  'POST /api/complaints/{id}/withdraw': { kind: 'tenant', params: complaint, body: () => ({ json: { note: 'matrix' } }), roles: complainantWrite },
  'GET /api/complaints/{id}/info-requests': { kind: 'tenant', params: complaint, roles: customersStaff(404, 'ok') },
  'POST /api/complaints/{id}/info-response': {
    kind: 'tenant',
    params: complaint,
    body: () => ({ form: multipart({ message: 'Matrix answer', captureIds: [] }, 'document', 'matrix-answer') }),
    roles: complainantWrite,
  },
  'GET /api/complaints/{id}/info-documents/{documentId}': {
    kind: 'tenant',
    params: (f) => ({ id: f.askedComplaintId, documentId: f.infoDocumentId }),
    roles: customersStaff(404, 'ok'),
  },
  'GET /api/complaints/{id}/counter-notices': { kind: 'tenant', params: complaint, roles: customersStaff(404, 'ok') },

  // ------------------------------------------------------------ counter-notices
  'POST /api/seller/listings/{listingId}/counter-notice': {
    kind: 'tenant',
    params: (f) => ({ listingId: f.listingId }),
    body: () => ({ form: multipart(COUNTER_NOTICE_DATA, 'evidence', 'matrix-evidence') }),
    roles: everyone(404),
  },
  'POST /api/counter-notices/{id}/proof': {
    kind: 'tenant',
    params: counterNotice,
    body: () => ({ form: multipart({ note: 'Matrix court filing' }, 'document', 'matrix-proof') }),
    roles: complainantWrite,
  },
  'GET /api/counter-notices/{id}/evidence/{documentId}': {
    kind: 'tenant',
    params: (f) => ({ id: f.counterNoticeId, documentId: f.counterNoticeEvidenceId }),
    roles: customersStaff(404, 'ok'),
  },
  'GET /api/counter-notices/{id}/proofs/{documentId}': {
    kind: 'tenant',
    params: (f) => ({ id: f.counterNoticeId, documentId: f.complainantProofId }),
    roles: customersStaff(404, 'ok'),
  },

  // ------------------------------------------------------------ sellers and shops
  'POST /api/shops': { kind: 'tenant', roles: { ...everyone(404), seller: ownWrite('shop claims') } },
  'GET /api/shops': { kind: 'tenant', roles: { ...everyone(404), seller: 'ok' } },
  'GET /api/shops/{claimId}/proofs/{documentId}': { kind: 'tenant', params: (f) => ({ claimId: f.shopClaimId, documentId: f.shopProofId }), roles: everyone(404) },
  'GET /api/seller/complaints': { kind: 'tenant', roles: { ...everyone(404), seller: 'ok' } },
  'GET /api/seller/complaints/{id}': { kind: 'tenant', params: complaint, roles: everyone(404) },
  'GET /api/seller/complaints/{id}/captures/{captureId}/image': {
    kind: 'tenant',
    params: (f) => ({ id: f.complaintId, captureId: f.captureId }),
    roles: everyone(404),
  },

  // ------------------------------------------------------------ review (staff)
  'GET /api/review/queue': { kind: 'tenant', roles: staffOnly('ok') },
  'POST /api/review/complaints/{id}/claim': { kind: 'tenant', params: complaint, roles: staffOnly(staffWrite) },
  'DELETE /api/review/complaints/{id}/claim': { kind: 'tenant', params: complaint, roles: staffOnly(staffWrite) },
  'GET /api/review/complaints/{id}': { kind: 'tenant', params: complaint, roles: staffOnly('ok') },
  'POST /api/review/complaints/{id}/decision': { kind: 'tenant', params: complaint, roles: staffOnly(staffWrite) },
  'POST /api/review/bulk': { kind: 'tenant', roles: staffOnly(staffWrite) },
  'POST /api/review/complaints/{id}/info-request': { kind: 'tenant', params: complaint, roles: staffOnly(staffWrite) },
  'POST /api/review/complaints/{id}/abuse': { kind: 'tenant', params: complaint, roles: staffOnly(staffWrite) },
  'GET /api/review/restore-due': { kind: 'tenant', roles: staffOnly('ok') },
  'POST /api/review/counter-notices/{id}/decision': { kind: 'tenant', params: counterNotice, roles: staffOnly(staffWrite) },

  // ------------------------------------------------------------ admin
  'POST /api/admin/agreements': { kind: 'tenant', roles: adminOnly(adminWrite) },
  'GET /api/admin/agreements': { kind: 'tenant', roles: adminOnly('ok') },
  'GET /api/admin/users/{id}/acceptances': { kind: 'tenant', params: (f) => ({ id: f.userId }), roles: adminOnly('ok') },
  'GET /api/admin/users': { kind: 'tenant', roles: adminOnly('ok') },
  'POST /api/admin/users/{id}/unfreeze': { kind: 'tenant', params: (f) => ({ id: f.userId }), roles: adminOnly(adminWrite) },
  'PUT /api/admin/maintenance': { kind: 'tenant', roles: adminOnly(adminWrite) },
  'GET /api/admin/verifications': { kind: 'tenant', roles: adminOnly('ok') },
  'POST /api/admin/tenants/{id}/verification': { kind: 'tenant', params: (f) => ({ id: f.tenantId }), roles: adminOnly(adminWrite) },
  'POST /api/admin/principals/{id}/verification': { kind: 'tenant', params: (f) => ({ id: f.tenantId }), roles: adminOnly(adminWrite) },
  'GET /api/admin/rights': { kind: 'tenant', roles: adminOnly('ok') },
  'POST /api/admin/rights/{id}/verification': { kind: 'tenant', params: (f) => ({ id: f.rightId }), roles: adminOnly(adminWrite) },
  'GET /api/admin/complainants': { kind: 'tenant', roles: adminOnly('ok') },
  'POST /api/admin/complainants/{tenantId}/sanctions': { kind: 'tenant', params: (f) => ({ tenantId: f.tenantId }), roles: adminOnly(adminWrite) },
  'POST /api/admin/complainants/{tenantId}/sanctions/{id}/lift': {
    kind: 'tenant',
    params: (f) => ({ tenantId: f.tenantId, id: f.sanctionId }),
    roles: adminOnly(adminWrite),
  },
  'GET /api/admin/shops': { kind: 'tenant', roles: adminOnly('ok') },
  'POST /api/admin/shops/{id}/verification': { kind: 'tenant', params: (f) => ({ id: f.shopClaimId }), roles: adminOnly(adminWrite) },
  'GET /api/admin/shops/{claimId}/proofs/{documentId}': {
    kind: 'tenant',
    params: (f) => ({ claimId: f.shopClaimId, documentId: f.shopProofId }),
    roles: adminOnly('ok'),
  },
  'GET /api/admin/disclosures': { kind: 'tenant', query: (f) => `complainant=${f.tenantId}`, roles: adminOnly('ok') },
  'GET /api/admin/deliveries': { kind: 'tenant', roles: adminOnly('ok') },
  'POST /api/admin/paper-letters': { kind: 'tenant', roles: adminOnly(adminWrite) },
  'GET /api/admin/notices': { kind: 'tenant', roles: adminOnly('ok') },
};
