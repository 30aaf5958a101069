/**
 * Counter-notices (issue #6 part 3, MISSION item 14). A seller answers an
 * upheld listing with a statement of non-infringement, its evidence, its true
 * identity and a declaration. The platform forwards it to the complainant;
 * from the moment that notice counts as delivered, the complainant has a
 * window (15 natural days under China E-Commerce Law Art. 43, other rules per
 * marketplace and jurisdiction) to show it complained to the authorities or
 * sued. A window that ends without such proof makes restoring the listing
 * due; staff restore it or retain the measure, with reasons, and both parties
 * are told.
 */
import {
  COMPLAINANT_PROOF_DOCUMENTS_MAX,
  COMPLAINANT_PROOF_DOCUMENTS_MIN,
  COUNTER_NOTICE_EVIDENCE_MAX,
  COUNTER_NOTICE_EVIDENCE_MIN,
  ComplainantProofDataSchema,
  CounterNoticeDataSchema,
  counterNoticeWindow,
  isStaff,
  unfilledPlaceholders,
  type ComplainantProofData,
  type CounterNotice,
  type CounterNoticeData,
  type CounterNoticeDecisionRequest,
  type RestoreDueList,
} from '@openipp/shared';
import { resources } from '@openipp/locales';
import type { BlobStore } from '../blobs';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { uuidv7 } from '../lib/crypto';
import { UniqueConstraintError, type CounterNoticeRecord, type Store, type StoreTransaction } from '../store';
import { appendAudit } from './audit';
import { requireComplainant } from './complaints';
import { checkDocument, fileParts, jsonField, rejectUnexpectedFields, type CheckedDocument } from './documents';
import { notify } from './notices';
import { requireStaff } from './review/claims';
import { refreshComplainantRisk } from './review/risk';
import { requireSellerTenant } from './shops';

const iso = (ms: number) => new Date(ms).toISOString();
const RESTORE_DUE_LIMIT = 500;

export function toCounterNotice({ counterNotice: row, documents, proofs }: CounterNoticeRecord): CounterNotice {
  const decided = row.state === 'restored' || row.state === 'retained';
  return {
    id: row.id,
    complaintId: row.complaintId,
    listingId: row.listingId,
    statement: row.statement,
    identity: row.identity,
    declaration: true,
    filedAt: iso(row.filedAt),
    deliveredAt: iso(row.deliveredAt),
    windowEndsAt: iso(row.windowEndsAt),
    rule: { kind: row.rule.kind, days: row.rule.days, basis: row.rule.basis },
    state: row.state,
    evidence: documents.map((doc) => ({ id: doc.id, fileName: doc.fileName, mime: doc.mime, bytes: doc.bytes, sha256: doc.sha256, uploadedAt: iso(doc.uploadedAt) })),
    proofs: proofs.map((proof) => ({
      id: proof.id,
      fileName: proof.fileName,
      mime: proof.mime,
      bytes: proof.bytes,
      sha256: proof.sha256,
      uploadedAt: iso(proof.submittedAt),
      note: proof.note,
    })),
    decision:
      decided && row.decidedAt !== null
        ? { action: row.state === 'restored' ? 'restore' : 'retain', statement: row.decisionStatement ?? '', decidedAt: iso(row.decidedAt) }
        : null,
  };
}

// ---------------------------------------------------------------- parsing (before any write)

export interface CounterNoticeUpload {
  data: CounterNoticeData;
  evidence: CheckedDocument[];
}

/** Every check on the form runs before the transaction: a bad part writes nothing. */
export async function parseCounterNotice(form: FormData): Promise<CounterNoticeUpload> {
  rejectUnexpectedFields(form, ['data', 'evidence']);
  const data = await jsonField(form, 'data', CounterNoticeDataSchema);
  const files = await fileParts(form, 'evidence', COUNTER_NOTICE_EVIDENCE_MIN, COUNTER_NOTICE_EVIDENCE_MAX);
  const evidence: CheckedDocument[] = [];
  for (const file of files) evidence.push(await checkDocument(file));
  return { data, evidence };
}

export interface ComplainantProofUpload {
  data: ComplainantProofData;
  documents: CheckedDocument[];
}

export async function parseComplainantProof(form: FormData): Promise<ComplainantProofUpload> {
  rejectUnexpectedFields(form, ['data', 'document']);
  const data = await jsonField(form, 'data', ComplainantProofDataSchema);
  const files = await fileParts(form, 'document', COMPLAINANT_PROOF_DOCUMENTS_MIN, COMPLAINANT_PROOF_DOCUMENTS_MAX);
  const documents: CheckedDocument[] = [];
  for (const file of files) documents.push(await checkDocument(file));
  return { data, documents };
}

// ---------------------------------------------------------------- filing

/**
 * POST /api/seller/listings/{listingId}/counter-notice. Checks, each with
 * nothing written: the listing is the seller's (404), upheld and not restored
 * (409 invalid_transition), answered once (409 already_decided). Then, in one
 * transaction: the counter-notice and its evidence, its audit entry, and the
 * forwarding to the complainant: one notice (in-site message, e-mail to the
 * contact in force at sending, SMS), each channel with its delivery record.
 *
 * The window runs from when the forwarded counter-notice counts as delivered.
 * Of the two electronic channels, the in-site message counts as delivered
 * the moment it is stored (the inbox is the platform's own), while the
 * e-mail's time is only known once the SMTP server accepts it and may never
 * come. The window therefore starts at the in-site delivery: a fixed, known
 * instant in this transaction, and never later than the complainant could
 * first read the counter-notice.
 */
export async function fileCounterNotice(
  deps: { store: Store; blobs: BlobStore },
  principal: Principal,
  listingId: string,
  upload: CounterNoticeUpload,
  now = Date.now(),
): Promise<CounterNotice> {
  requireSellerTenant(principal);
  const id = uuidv7(now);
  try {
    await deps.store.transaction(async (tx) => {
      const listing = await tx.findSellerListing({ tenantId: principal.tenant.id, listingId });
      if (!listing) throw new AppError('not_found');
      if (listing.outcome !== 'upheld' || listing.reversedAt !== null) {
        throw new AppError('invalid_transition', { detail: 'a counter-notice answers an upheld listing only' });
      }
      const record = await tx.findComplaint({ id: listing.complaintId, tenantId: null });
      if (!record) throw new AppError('not_found');
      const { complaint } = record;
      const recipient = await tx.findUserById(complaint.createdBy);
      if (!recipient) throw new Error(`complaint ${complaint.id} has no filer`);

      const deliveredAt = now;
      const window = counterNoticeWindow({ deliveredAt: iso(deliveredAt), marketplace: listing.marketplace ?? 'generic', jurisdiction: listing.jurisdiction });
      const windowEndsAt = Date.parse(window.endsAt);

      const documents = [];
      for (const [position, doc] of upload.evidence.entries()) {
        // Content-addressed: a blob left by a rolled-back transaction is unreferenced, never wrong.
        await deps.blobs.put(doc.bytes);
        documents.push({
          id: uuidv7(now),
          counterNoticeId: id,
          position,
          tenantId: principal.tenant.id,
          fileName: doc.fileName,
          mime: doc.mime,
          bytes: doc.bytes.byteLength,
          sha256: doc.sha256,
          uploadedAt: now,
          uploadedBy: principal.user.id,
        });
      }
      const { identity, statement } = upload.data;
      await tx.insertCounterNotice(
        {
          id,
          listingId,
          complaintId: complaint.id,
          complainantTenantId: complaint.tenantId,
          sellerTenantId: principal.tenant.id,
          sellerUserId: principal.user.id,
          statement,
          identity,
          declaration: true,
          filedAt: now,
          deliveredAt,
          windowEndsAt,
          rule: window.rule,
          state: 'window_open',
        },
        documents,
      );
      await appendAudit(tx, {
        at: now,
        tenantId: complaint.tenantId,
        actorId: principal.user.id,
        kind: 'counter_notice',
        subjectId: id,
        payload: {
          stage: 'filed',
          complaintId: complaint.id,
          listingId,
          sellerTenantId: principal.tenant.id,
          evidence: documents.map((doc) => doc.sha256),
          deliveredAt: iso(deliveredAt),
          windowEndsAt: window.endsAt,
          rule: window.rule.basis,
        },
      });

      // Forwarded in full, identity included; its in-site message is delivered at `now` = deliveredAt.
      await notify(
        tx,
        {
          kind: 'counter_notice_forwarded',
          recipient: { userId: recipient.user.id },
          subjectId: id,
          params: { complaintId: complaint.id, url: listing.canonicalUrl ?? listing.url, statement, windowEndsAt, seller: identity },
        },
        deliveredAt,
      );
    });
  } catch (error) {
    // The unique index, not a prior read, decides when two filings race.
    if (error instanceof UniqueConstraintError) throw new AppError('already_decided', { detail: 'this listing already has a counter-notice', cause: error });
    throw error;
  }
  const record = await deps.store.findCounterNotice({ id, complainantTenantId: null });
  if (!record) throw new Error(`counter-notice ${id} not readable after write`);
  return toCounterNotice(record);
}

// ---------------------------------------------------------------- the complainant's side

/**
 * GET /api/complaints/{id}/counter-notices: the complainant's own complaint
 * (another tenant's is a 404), or any complaint for staff, who decide on them.
 */
export async function listComplaintCounterNotices(store: Store, principal: Principal, complaintId: string): Promise<CounterNotice[]> {
  const staff = isStaff(principal.user.role);
  if (!staff) requireComplainant(principal);
  const record = await store.findComplaint({ id: complaintId, tenantId: staff ? null : principal.tenant.id });
  if (!record) throw new AppError('not_found');
  return (await store.listCounterNoticesOfComplaint({ complaintId, complainantTenantId: record.complaint.tenantId })).map(toCounterNotice);
}

/**
 * POST /api/counter-notices/{id}/proof. Proof up to and including the
 * window's last instant is in time; after it, 409 window_closed and nothing
 * written. The state update re-checks the window inside the transaction.
 */
export async function submitComplainantProof(
  deps: { store: Store; blobs: BlobStore },
  principal: Principal,
  id: string,
  upload: ComplainantProofUpload,
  now = Date.now(),
): Promise<CounterNotice> {
  requireComplainant(principal);
  const tenantId = principal.tenant.id;
  await deps.store.transaction(async (tx) => {
    const record = await tx.findCounterNotice({ id, complainantTenantId: tenantId });
    if (!record) throw new AppError('not_found');
    if (now > record.counterNotice.windowEndsAt) throw new AppError('window_closed', { detail: `the window ended at ${iso(record.counterNotice.windowEndsAt)}` });
    if ((await tx.receiveProof({ id, at: now })) !== 1) throw new AppError('invalid_transition', { detail: `a ${record.counterNotice.state} counter-notice takes no proof` });
    const rows = [];
    for (const [i, doc] of upload.documents.entries()) {
      await deps.blobs.put(doc.bytes);
      rows.push({
        id: uuidv7(now),
        counterNoticeId: id,
        position: record.proofs.length + i,
        tenantId,
        note: upload.data.note,
        fileName: doc.fileName,
        mime: doc.mime,
        bytes: doc.bytes.byteLength,
        sha256: doc.sha256,
        submittedAt: now,
        submittedBy: principal.user.id,
      });
    }
    await tx.insertComplainantProofs(rows);
    await appendAudit(tx, {
      at: now,
      tenantId,
      actorId: principal.user.id,
      kind: 'counter_notice',
      subjectId: id,
      payload: { stage: 'proof_received', complaintId: record.counterNotice.complaintId, documents: rows.map((row) => row.sha256) },
    });
  });
  const record = await deps.store.findCounterNotice({ id, complainantTenantId: tenantId });
  if (!record) throw new Error(`counter-notice ${id} not readable after write`);
  return toCounterNotice(record);
}

// ---------------------------------------------------------------- restore due

/**
 * Moves every counter-notice whose window ended without proof to restore_due,
 * each with an audit entry. The state guard in the update is the claim, so a
 * run is idempotent and any number of processes may run it.
 */
export async function markRestoreDue(store: Store, now = Date.now()): Promise<string[]> {
  return store.transaction(async (tx) => {
    const ids = await tx.markRestoreDue(now);
    for (const id of ids) {
      const record = await tx.findCounterNotice({ id, complainantTenantId: null });
      if (!record) continue;
      await appendAudit(tx, {
        at: now,
        tenantId: record.counterNotice.complainantTenantId,
        actorId: null,
        kind: 'counter_notice',
        subjectId: id,
        payload: { stage: 'restore_due', complaintId: record.counterNotice.complaintId, windowEndsAt: iso(record.counterNotice.windowEndsAt) },
      });
    }
    return ids;
  });
}

/** GET /api/review/restore-due: oldest window end first. */
export async function listRestoreDue(store: Store, actor: Principal): Promise<RestoreDueList> {
  requireStaff(actor);
  const records = await store.listRestoreDue(RESTORE_DUE_LIMIT);
  return {
    items: records.map((record) => ({
      ...toCounterNotice(record),
      restoreDueAt: iso(record.counterNotice.restoreDueAt ?? record.counterNotice.windowEndsAt),
      canonicalUrl: record.listing.canonicalUrl ?? record.listing.url,
      complainantTenantId: record.counterNotice.complainantTenantId,
    })),
  };
}

// ---------------------------------------------------------------- the decision

async function tellParties(tx: StoreTransaction, record: CounterNoticeRecord, action: 'restore' | 'retain', statement: string, now: number): Promise<void> {
  const { counterNotice: row, listing } = record;
  const complaint = await tx.findComplaint({ id: row.complaintId, tenantId: null });
  if (!complaint) throw new Error(`counter-notice ${row.id} has no complaint`);
  const params = { complaintId: row.complaintId, url: listing.canonicalUrl ?? listing.url, statement };
  const kind = action === 'restore' ? 'counter_notice_restored' : 'counter_notice_retained';
  // Both parties, on every channel the kind declares (in-site, e-mail, SMS).
  for (const userId of [complaint.complaint.createdBy, row.sellerUserId]) {
    await notify(tx, { kind, recipient: { userId }, subjectId: row.id, params }, now);
  }
}

/**
 * POST /api/review/counter-notices/{id}/decision. Checks, each with nothing
 * written: the counter-notice (404), no placeholder left in the statement
 * (422 placeholder_unfilled), its state — restore_due, or proof_received for
 * staff who decide before the window ends (409 invalid_transition).
 * Restoring lifts the measure and marks the listing reversed, which counts in
 * the complainant's history; retaining keeps the measure.
 */
export async function decideCounterNotice(store: Store, actor: Principal, id: string, request: CounterNoticeDecisionRequest, now = Date.now()): Promise<CounterNotice> {
  requireStaff(actor);
  await store.transaction(async (tx) => {
    const record = await tx.findCounterNotice({ id, complainantTenantId: null });
    if (!record) throw new AppError('not_found');
    const left = unfilledPlaceholders(request.statement);
    if (left.length > 0) {
      throw new AppError('placeholder_unfilled', {
        errors: [{ path: 'statement', code: 'placeholder_unfilled', message: resources.en.errors.placeholder_unfilled, params: { placeholders: left.join(', ') } }],
      });
    }
    const state = request.action === 'restore' ? 'restored' : 'retained';
    if ((await tx.decideCounterNotice({ id, state, by: actor.user.id, at: now, statement: request.statement })) !== 1) {
      throw new AppError('invalid_transition', { detail: `a ${record.counterNotice.state} counter-notice cannot be decided` });
    }
    if (request.action === 'restore' && (await tx.restoreListing({ listingId: record.counterNotice.listingId, at: now })) !== 1) {
      throw new AppError('invalid_transition', { detail: 'the listing is not under a measure' });
    }
    await appendAudit(tx, {
      at: now,
      tenantId: record.counterNotice.complainantTenantId,
      actorId: actor.user.id,
      kind: 'counter_notice',
      subjectId: id,
      payload: { stage: state, complaintId: record.counterNotice.complaintId, listingId: record.counterNotice.listingId, statement: request.statement },
    });
    await tellParties(tx, record, request.action, request.statement, now);
    // A reversal weighs in the complainant's record.
    if (request.action === 'restore') await refreshComplainantRisk(tx, record.counterNotice.complainantTenantId, now);
  });
  const record = await store.findCounterNotice({ id, complainantTenantId: null });
  if (!record) throw new Error(`counter-notice ${id} not readable after write`);
  return toCounterNotice(record);
}
