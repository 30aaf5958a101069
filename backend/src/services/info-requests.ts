import { incompleteCaptureIds } from './capture-completeness';
import {
  InfoResponseDataSchema,
  isStaff,
  type Complaint,
  type InfoRequest,
  type InfoRequestRequest,
  type InfoResponseData,
} from '@openipp/shared';
import type { BlobStore } from '../blobs';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { uuidv7 } from '../lib/crypto';
import type { ComplaintRecord, InfoRequestRecord, InfoRequestRow, InfoResponseDocumentRow, Store, StoreTransaction } from '../store';
import { appendAudit } from './audit';
import { notify } from './notices';
import { readBlob } from './captures';
import { applyEvent, requireComplainant, toComplaint } from './complaints';
import { requireLiveClaim, requireStaff, reviewedComplaint } from './review/claims';
import { checkDocument, fileParts, jsonField, rejectUnexpectedFields, type CheckedDocument } from './documents';

/**
 * Requests for supplementary material (issue #5, item 5; MISSION item 11).
 * A reviewer names what is missing and sets a deadline; the complaint waits
 * in needs_info, its review clock stopped, until the complainant answers
 * (back to in_review and the queue) or the deadline passes (closed).
 */

type Deps = { store: Store; blobs: BlobStore };

const iso = (ms: number) => new Date(ms).toISOString();
/** How many overdue requests one sweeper transaction closes: the write lock is held for a bounded time. */
const SWEEP_BATCH = 100;
/** An answer carries at most this many documents (the InfoResponseData contract). */
export const INFO_RESPONSE_DOCUMENTS_MAX = 5;

// ---------------------------------------------------------------- views

export function toInfoRequest({ request, requestedByEmail, response }: InfoRequestRecord): InfoRequest {
  return {
    id: request.id,
    deficiencies: request.deficiencies,
    message: request.message,
    deadline: iso(request.deadline),
    requestedAt: iso(request.requestedAt),
    requestedBy: { id: request.requestedBy, email: requestedByEmail },
    response:
      response === null
        ? null
        : {
            message: response.message,
            captureIds: response.captureIds,
            documents: response.documents.map((document) => ({
              id: document.id,
              fileName: document.fileName,
              mime: document.mime,
              bytes: document.bytes,
              sha256: document.sha256,
            })),
            respondedAt: iso(response.respondedAt),
            respondedBy: { id: response.respondedBy, email: response.respondedByEmail },
          },
    expiredAt: request.expiredAt === null ? null : iso(request.expiredAt),
  };
}

/** A complaint's requests with their answers, newest first; for any view that has already checked access. */
export async function infoRequestsOf(store: Pick<Store, 'listInfoRequests'>, complaintId: string): Promise<InfoRequest[]> {
  return (await store.listInfoRequests(complaintId)).map(toInfoRequest);
}

/** The complainant's own complaint's requests (platform staff: any complaint's); anyone else gets 404. */
export async function listInfoRequests(store: Store, principal: Principal, complaintId: string): Promise<{ items: InfoRequest[] }> {
  const staff = isStaff(principal.user.role);
  if (!staff) requireComplainant(principal);
  const record = await store.findComplaint({ id: complaintId, tenantId: staff ? null : principal.tenant.id });
  if (!record) throw new AppError('not_found');
  return { items: await infoRequestsOf(store, complaintId) };
}

/** A document sent with an answer: to the complaint's tenant and to platform staff; anyone else gets 404. */
export async function readInfoDocument(
  deps: Deps,
  principal: Principal,
  complaintId: string,
  id: string,
): Promise<{ row: InfoResponseDocumentRow; bytes: Uint8Array<ArrayBuffer> }> {
  const staff = isStaff(principal.user.role);
  if (!staff) requireComplainant(principal);
  const row = await deps.store.findInfoResponseDocument({ complaintId, id, tenantId: staff ? null : principal.tenant.id });
  if (!row) throw new AppError('not_found');
  return { row, bytes: await readBlob(deps.blobs, row.sha256) };
}

// ---------------------------------------------------------------- the complainant is told

/**
 * The complainant is the user who filed the complaint; the tenant's owners
 * oversee its filings and are told too. Frozen accounts are skipped.
 */
async function tellComplainant(tx: StoreTransaction, record: ComplaintRecord, kind: 'info_requested' | 'complaint_closed', request: InfoRequestRow, now: number) {
  const filer = record.transitions.find((row) => row.event === 'submit')?.actorId ?? record.complaint.createdBy;
  const recipients = (await tx.listTenantUsers(record.complaint.tenantId)).filter((user) => user.frozenAt === null && (user.id === filer || user.role === 'owner'));
  const { complaintId, deadline } = request;
  for (const user of recipients) {
    const recipient = { userId: user.id };
    if (kind === 'info_requested') {
      await notify(tx, { kind, recipient, subjectId: complaintId, params: { complaintId, deadline, deficiencies: request.deficiencies, message: request.message } }, now);
    } else {
      await notify(tx, { kind, recipient, subjectId: complaintId, params: { complaintId, deadline } }, now);
    }
  }
}

// ---------------------------------------------------------------- after a write

async function readBack(tx: StoreTransaction, id: string): Promise<Complaint> {
  const record = await tx.findComplaint({ id, tenantId: null });
  if (!record) throw new Error(`complaint ${id} not readable after write`);
  return toComplaint(record);
}

// ---------------------------------------------------------------- the reviewer asks

/**
 * Asks the complainant for material: in_review → needs_info, the clock
 * paused from now until the answer or the deadline. The request, the
 * transition, their audit entries and the complainant's message are one
 * transaction.
 */
export async function requestInfo(store: Store, actor: Principal, complaintId: string, body: InfoRequestRequest, now = Date.now()): Promise<Complaint> {
  requireStaff(actor);
  const deadline = Date.parse(body.deadline);
  if (!(deadline > now)) {
    throw new AppError('deadline_in_past', { errors: [{ path: 'deadline', code: 'deadline_in_past', message: 'the deadline must lie in the future' }] });
  }
  const deficiencies = [...new Set(body.deficiencies)];
  return store.transaction(async (tx) => {
    const record = await reviewedComplaint(tx, complaintId);
    // Like a decision, asking needs the caller's own live claim: two reviewers never act on one complaint.
    await requireLiveClaim(tx, actor.user.id, complaintId, now);
    const id = uuidv7(now);
    await applyEvent(tx, record, 'request_info', actor.user.id, now);
    // The complaint leaves the queue until the answer; when it returns, any reviewer may take it.
    await tx.releaseClaim({ complaintId, reviewerId: actor.user.id });
    const request: InfoRequestRow = {
      id,
      complaintId,
      tenantId: record.complaint.tenantId,
      deficiencies,
      message: body.message,
      deadline,
      requestedBy: actor.user.id,
      requestedAt: now,
      resolvedAt: null,
      expiredAt: null,
    };
    await tx.insertInfoRequest(request);
    await appendAudit(tx, {
      at: now,
      tenantId: record.complaint.tenantId,
      actorId: actor.user.id,
      kind: 'info_request',
      subjectId: complaintId,
      payload: { complaintId, requestId: id, event: 'requested', deficiencies, message: body.message, deadline: iso(deadline) },
    });
    await tellComplainant(tx, record, 'info_requested', request, now);
    return readBack(tx, complaintId);
  });
}

// ---------------------------------------------------------------- the complainant answers

export interface InfoResponseUpload {
  data: InfoResponseData;
  documents: CheckedDocument[];
}

/** The multipart answer: `data` (InfoResponseData) and 0–5 `document` files, each checked by its bytes. */
export async function parseInfoResponse(form: FormData): Promise<InfoResponseUpload> {
  rejectUnexpectedFields(form, ['data', 'document']);
  const data = await jsonField(form, 'data', InfoResponseDataSchema);
  const files = await fileParts(form, 'document', 0, INFO_RESPONSE_DOCUMENTS_MAX);
  const documents: CheckedDocument[] = [];
  for (const file of files) documents.push(await checkDocument(file));
  return { data, documents };
}

/**
 * The complainant's answer: needs_info → in_review, the clock running again
 * and the complaint back in the queue. New captures must be the tenant's own;
 * those given for a listing join its evidence. Everything (documents,
 * answer, transition, audit entry) commits together or not at all.
 */
export async function respondToInfoRequest(deps: Deps, principal: Principal, complaintId: string, upload: InfoResponseUpload, now = Date.now()): Promise<Complaint> {
  requireComplainant(principal);
  const tenantId = principal.tenant.id;
  const { data } = upload;
  const record = await deps.store.findComplaint({ id: complaintId, tenantId });
  if (!record) throw new AppError('not_found');
  const open = await waitingOn(deps.store, record, now);

  const listingCaptures = data.listingCaptures ?? {};
  const unknownListings = Object.keys(listingCaptures).filter((id) => !record.listings.some((listing) => listing.id === id));
  if (unknownListings.length > 0) {
    throw new AppError('validation_failed', {
      errors: unknownListings.map((id) => ({ path: `listingCaptures.${id}`, code: 'unknown_listing', message: 'not a listing of this complaint' })),
    });
  }
  const named = [
    ...data.captureIds.map((id, k) => ({ id, path: `captureIds.${k}` })),
    ...Object.entries(listingCaptures).flatMap(([listingId, ids]) => ids.map((id, k) => ({ id, path: `listingCaptures.${listingId}.${k}` }))),
  ];
  const known = new Set((await deps.store.findCaptureHashes({ tenantId, ids: [...new Set(named.map((item) => item.id))] })).map((row) => row.id));
  const unknown = named.filter((item) => !known.has(item.id));
  if (unknown.length > 0) {
    throw new AppError('capture_not_found', { errors: unknown.map((item) => ({ path: item.path, code: 'capture_not_found', message: 'not a capture of this tenant' })) });
  }
  // Evidence given in an answer must be whole, as in a complaint: a capture still missing artefacts is refused.
  const incomplete = await incompleteCaptureIds(deps.store, known);
  if (incomplete.size > 0) {
    throw new AppError('capture_incomplete', {
      errors: named.filter((item) => incomplete.has(item.id)).map((item) => ({ path: item.path, code: 'capture_incomplete', message: 'capture still missing artefacts' })),
    });
  }

  return deps.store.transaction(async (tx) => {
    const current = await tx.findComplaint({ id: complaintId, tenantId });
    if (!current) throw new AppError('not_found');
    // Answered, withdrawn or closed between the checks above and now.
    if ((await waitingOn(tx, current, now)).id !== open.id) throw new AppError('invalid_transition');
    const responseId = uuidv7(now);
    const documents = [];
    for (const [position, document] of upload.documents.entries()) {
      // Content-addressed: a blob left by a rolled-back transaction is unreferenced, never wrong.
      await deps.blobs.put(document.bytes);
      documents.push({
        id: uuidv7(now),
        responseId,
        position,
        tenantId,
        fileName: document.fileName,
        mime: document.mime,
        bytes: document.bytes.byteLength,
        sha256: document.sha256,
      });
    }
    if ((await tx.resolveInfoRequest({ id: open.id, at: now, expired: false })) === 0) throw new AppError('invalid_transition');
    await tx.insertInfoResponse(
      { id: responseId, requestId: open.id, complaintId, tenantId, message: data.message, captureIds: data.captureIds, listingCaptures, respondedBy: principal.user.id, respondedAt: now },
      documents,
    );
    for (const [listingId, captureIds] of Object.entries(listingCaptures)) await tx.addListingCaptures({ complaintId, listingId, captureIds });
    await applyEvent(tx, current, 'provide_info', principal.user.id, now);
    await appendAudit(tx, {
      at: now,
      tenantId,
      actorId: principal.user.id,
      kind: 'info_request',
      subjectId: complaintId,
      payload: {
        complaintId,
        requestId: open.id,
        responseId,
        event: 'answered',
        message: data.message,
        captureIds: data.captureIds,
        listingCaptures,
        documents: documents.map((document) => ({ id: document.id, fileName: document.fileName, sha256: document.sha256, bytes: document.bytes })),
      },
    });
    return readBack(tx, complaintId);
  });
}

/** The open request a complaint in needs_info waits on; anything else is not answerable (409). */
async function waitingOn(store: Pick<Store, 'findOpenInfoRequest'>, record: ComplaintRecord, now: number): Promise<InfoRequestRow> {
  if (record.complaint.state !== 'needs_info') {
    throw new AppError('invalid_transition', { detail: `provide_info is not allowed from ${record.complaint.state}` });
  }
  const open = await store.findOpenInfoRequest(record.complaint.id);
  if (!open) throw new AppError('invalid_transition', { detail: 'no request is waiting for an answer' });
  // Past the deadline the complaint is closed by the sweeper, not reopened by a late answer.
  if (now > open.deadline) throw new AppError('invalid_transition', { detail: 'the deadline for this request has passed' });
  return open;
}

// ---------------------------------------------------------------- the deadline passes

/**
 * Closes every complaint whose request went unanswered past its deadline
 * (expire → closed), marks the request expired and tells the complainant.
 * Each batch finds and closes its requests in one transaction, and every
 * write is conditional on the request still being open, so two processes
 * running this at once close each complaint once, and a rerun does nothing.
 * Returns how many complaints were closed.
 */
export async function expireInfoRequests(store: Store, now = Date.now()): Promise<number> {
  let closed = 0;
  for (;;) {
    const batch = await store.transaction(async (tx) => {
      const due = await tx.dueInfoRequests({ now, limit: SWEEP_BATCH });
      let count = 0;
      for (const request of due) {
        const record = await tx.findComplaint({ id: request.complaintId, tenantId: null });
        if (!record || record.complaint.state !== 'needs_info') continue;
        if ((await tx.resolveInfoRequest({ id: request.id, at: now, expired: true })) === 0) continue;
        // The transition row needs a user: the reviewer whose deadline ran out. The audit entry below says the system closed it.
        await applyEvent(tx, record, 'expire', request.requestedBy, now);
        await appendAudit(tx, {
          at: now,
          tenantId: record.complaint.tenantId,
          actorId: null,
          kind: 'info_request',
          subjectId: record.complaint.id,
          payload: { complaintId: record.complaint.id, requestId: request.id, event: 'expired', deadline: iso(request.deadline) },
        });
        await tellComplainant(tx, record, 'complaint_closed', request, now);
        count += 1;
      }
      return count;
    });
    closed += batch;
    // A short batch was the last; a full one may have left more behind.
    if (batch < SWEEP_BATCH) return closed;
  }
}
