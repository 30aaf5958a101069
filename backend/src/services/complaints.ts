import { incompleteCaptureIds } from './capture-completeness';
import { resources } from '@openipp/locales';
import {
  LIMITS,
  MAX_LISTINGS_PER_COMPLAINT,
  OPEN_STATES,
  complaintDraftOf,
  isStaff,
  listingJurisdiction,
  qualifyNotice,
  reasonFitsRightType,
  recognizeListing,
  transition,
  type Complainant,
  type ComplainantStats,
  type Complaint,
  type ComplaintCheck,
  type ComplaintContext,
  type ComplaintEvent,
  type ComplaintInput,
  type ComplaintList,
  type ComplaintRightOption,
  type ComplaintState,
  type ComplaintSummary,
  type CreateComplaintRequest,
  type ErrorCode,
  type ListingLookup,
  type ListingOutcome,
  type ProblemFieldError,
  type QualificationProblem,
  type TransitionContext,
} from '@openipp/shared';
import type { BlobStore } from '../blobs';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { sha256Hex, uuidv7 } from '../lib/crypto';
import type {
  ComplaintReader,
  ComplaintRecord,
  ComplaintRow,
  ComplaintSummaryRecord,
  NewComplaintListing,
  NewComplaintTransition,
  RightRecord,
  Store,
  StoreReader,
  StoreTransaction,
} from '../store';
import { appendAudit } from './audit';
import { contactsAt } from './contacts';
import { keepDueDateCurrent } from './review/due-dates';
import { rightForQualification } from './rights';

/**
 * Complaints (issue #4): saving and filing qualified notices, their lifecycle,
 * "already reported" and the complainant's record. The verdict on a notice is
 * the shared qualifyNotice, fed the server's own facts, so it is the same one
 * the extension shows while the user edits.
 */

type Deps = { store: Store; blobs: BlobStore };

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR_MS = 60 * 60 * 1000;

/**
 * Complaints are filed by rights holders and agencies. Platform staff read
 * every tenant's complaints but never file or move them as a complainant
 * (403); to sellers the complainant's routes are absent (404).
 */
export function requireComplainant(principal: Principal): void {
  if (isStaff(principal.user.role)) throw new AppError('forbidden');
  if (principal.tenant.kind !== 'rights_holder' && principal.tenant.kind !== 'agency') throw new AppError('not_found');
}

/** Reading complaints: the complainant's own tenant, or platform staff for every tenant. */
function visibleTenant(principal: Principal): string | null {
  if (isStaff(principal.user.role)) return null;
  if (principal.tenant.kind !== 'rights_holder' && principal.tenant.kind !== 'agency') throw new AppError('not_found');
  return principal.tenant.id;
}

// ---------------------------------------------------------------- facts

/**
 * The complainant as a notice names it at `at`: the tenant's verified legal
 * name, and the filing user's contact details in force at that moment (the
 * details a reply to this notice is sent to, MISSION item 5).
 */
async function complainantAt(store: Pick<StoreReader, 'findTenant' | 'contactAt'>, principal: Principal, at: number): Promise<Complainant | null> {
  const [tenant, contact] = await Promise.all([store.findTenant(principal.tenant.id), contactsAt(store, principal.user.id, at)]);
  const legalName = tenant?.legalName ?? null;
  if (legalName === null && contact === undefined) return null;
  return {
    legalName: legalName ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? null,
    postalAddress: contact?.postalAddress ?? null,
  };
}

function rightOption(record: RightRecord): ComplaintRightOption {
  return { ...rightForQualification(record.right), registrationNumber: record.right.registrationNumber, principalId: record.right.principalId };
}

const captureIdsOf = (input: ComplaintInput): string[] => [...new Set(input.listings.flatMap((listing) => listing.captureIds))];

/** The tenant's captures among `ids`: each with the SHA-256 its receipt recorded. */
async function knownCaptures(store: Pick<ComplaintReader, 'findCaptureHashes'>, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await store.findCaptureHashes({ tenantId, ids });
  return new Map(rows.map((row) => [row.id, row.sha256]));
}

/** The fully receipted ones of `known`. */
async function receiptedCaptures(store: Pick<Store, 'listCaptureArtefacts'>, known: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const incomplete = await incompleteCaptureIds(store, known.keys());
  return new Map([...known].filter(([id]) => !incomplete.has(id)));
}

/** 409 capture_incomplete naming every place the input attaches a capture still missing artefacts. */
async function refuseIncompleteCaptures(store: Pick<Store, 'listCaptureArtefacts'>, input: ComplaintInput, known: ReadonlyMap<string, string>): Promise<void> {
  const incomplete = await incompleteCaptureIds(store, known.keys());
  if (incomplete.size === 0) return;
  const paths = input.listings.flatMap((listing, i) =>
    listing.captureIds.flatMap((id, k) => (incomplete.has(id) ? [{ path: `listings.${i}.captureIds.${k}` }] : [])),
  );
  throw inputError('capture_incomplete', paths);
}

/**
 * Captures whose original bytes, read back from the blob store and hashed
 * again, still match the receipt. Each distinct blob is read once per request.
 */
async function verifiedCaptureIds(blobs: BlobStore, known: ReadonlyMap<string, string>): Promise<Set<string>> {
  const intact = new Map<string, boolean>();
  for (const sha256 of new Set(known.values())) {
    const bytes = await blobs.get(sha256);
    intact.set(sha256, bytes !== undefined && sha256Hex(bytes) === sha256);
  }
  return new Set([...known].filter(([, sha256]) => intact.get(sha256) === true).map(([id]) => id));
}

// ---------------------------------------------------------------- views

export function toComplaint({ complaint, principalName, right, listings, transitions }: ComplaintRecord): Complaint {
  return {
    id: complaint.id,
    tenantId: complaint.tenantId,
    state: complaint.state,
    principal: complaint.principalId === null ? null : { id: complaint.principalId, legalName: principalName ?? '' },
    right,
    reason: complaint.reason,
    explanation: complaint.explanation,
    goodFaith: complaint.goodFaith,
    accuracy: complaint.accuracy,
    complainant: complaint.complainant,
    listings: listings.map((listing) => ({
      id: listing.id,
      position: listing.position,
      url: listing.url,
      // A draft may hold a link that is no URL at all; it is shown as given, and qualification refuses it.
      canonicalUrl: listing.canonicalUrl ?? listing.url,
      marketplace: listing.marketplace ?? 'generic',
      listingId: listing.listingId,
      shopId: listing.shopId,
      jurisdiction: listing.jurisdiction,
      captureIds: listing.captureIds,
      location: listing.location,
      outcome: listing.outcome,
    })),
    transitions: transitions.map((row) => ({
      from: row.fromState,
      to: row.toState,
      event: row.event,
      actor: { id: row.actorId, email: row.actorEmail },
      at: iso(row.at),
    })),
    createdAt: iso(complaint.createdAt),
    updatedAt: iso(complaint.updatedAt),
    submittedAt: complaint.submittedAt === null ? null : iso(complaint.submittedAt),
  };
}

function toSummary({ complaint, principalName, right, listingCount }: ComplaintSummaryRecord): ComplaintSummary {
  return {
    id: complaint.id,
    state: complaint.state,
    reason: complaint.reason,
    right,
    principal: complaint.principalId === null ? null : { id: complaint.principalId, legalName: principalName ?? '' },
    listingCount,
    createdAt: iso(complaint.createdAt),
    updatedAt: iso(complaint.updatedAt),
    submittedAt: complaint.submittedAt === null ? null : iso(complaint.submittedAt),
  };
}

// ---------------------------------------------------------------- problems

function interpolate(text: string, params: Readonly<Record<string, string | number>> | undefined): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params?.[name] ?? ''));
}

/** A qualification problem as a problem+json field error: the code, its English text, and the params to translate it. */
export function qualificationFieldError(problem: QualificationProblem): ProblemFieldError {
  return {
    path: problem.path,
    code: problem.code,
    message: interpolate(resources.en.qualification[problem.code], problem.params),
    ...(problem.params ? { params: problem.params } : {}),
  };
}

function inputError(code: ErrorCode, errors: Array<{ path: string; params?: Record<string, string | number> }>): AppError {
  const message = resources.en.errors[code];
  return new AppError(code, { errors: errors.map((error) => ({ path: error.path, code, message, ...(error.params ? { params: error.params } : {}) })) });
}

// ---------------------------------------------------------------- input checks

interface CheckedInput {
  /** The chosen right, when one is named. */
  right: RightRecord | null;
  /** The tenant's captures named by the input → recorded SHA-256. */
  captures: Map<string, string>;
  listings: Array<Omit<NewComplaintListing, 'id' | 'complaintId' | 'tenantId'>>;
}

/**
 * Refuses input naming what is not the caller's, or what no notice may hold,
 * in the order a client can act on; nothing has been written yet.
 */
async function checkInput(store: Store, principal: Principal, input: ComplaintInput): Promise<CheckedInput> {
  const tenantId = principal.tenant.id;

  if (input.principalId !== null) {
    const owned = principal.tenant.kind === 'agency' ? (await store.listPrincipals(tenantId)).find((record) => record.principal.id === input.principalId) : undefined;
    if (!owned) throw inputError('principal_not_found', [{ path: 'principalId' }]);
    if (owned.principal.authorityStatus !== 'approved') throw new AppError('principal_not_approved');
  }

  let right: RightRecord | null = null;
  if (input.rightId !== null) {
    const record = await store.findRight({ id: input.rightId, tenantId });
    // A right of another principal than the one picked is not on offer (complaintDraftOf).
    if (!record || record.right.principalId !== input.principalId) throw inputError('right_not_found', [{ path: 'rightId' }]);
    right = record;
  }

  const captures = await knownCaptures(store, tenantId, captureIdsOf(input));
  const unknown = input.listings.flatMap((listing, i) =>
    listing.captureIds.flatMap((id, k) => (captures.has(id) ? [] : [{ path: `listings.${i}.captureIds.${k}` }])),
  );
  if (unknown.length > 0) throw inputError('capture_not_found', unknown);
  await refuseIncompleteCaptures(store, input, captures);

  if (input.listings.length > MAX_LISTINGS_PER_COMPLAINT) {
    throw inputError('too_many_listings', [{ path: 'listings', params: { count: input.listings.length, max: MAX_LISTINGS_PER_COMPLAINT } }]);
  }

  const first = new Map<string, number>();
  const duplicates: Array<{ path: string; params: Record<string, number> }> = [];
  const listings = input.listings.map((listing, i) => {
    const recognized = recognizeListing(listing.url);
    if (recognized !== null) {
      const earlier = first.get(recognized.canonicalUrl);
      if (earlier === undefined) first.set(recognized.canonicalUrl, i);
      else duplicates.push({ path: `listings.${i}.url`, params: { listing: i + 1, first: earlier + 1 } });
    }
    return {
      position: i + 1,
      url: listing.url,
      canonicalUrl: recognized?.canonicalUrl ?? null,
      marketplace: recognized?.marketplace ?? null,
      listingId: recognized?.listingId ?? null,
      shopId: recognized?.shopId ?? null,
      jurisdiction: recognized === null ? null : listingJurisdiction(recognized),
      captureIds: listing.captureIds,
      location: listing.location,
      outcome: 'pending' as const,
    };
  });
  if (duplicates.length > 0) throw inputError('duplicate_listing', duplicates);

  if (input.reason !== null && right !== null && !reasonFitsRightType(input.reason, right.right.type)) {
    throw inputError('reason_not_for_right', [{ path: 'reason', params: { reason: input.reason, rightType: right.right.type } }]);
  }

  return { right, captures, listings };
}

/**
 * Filing needs a verified identity (403), then a qualified notice (422 with
 * every problem). Judged at server time on the server's facts.
 */
async function qualifyForFiling(
  deps: Deps,
  principal: Principal,
  input: ComplaintInput,
  facts: { right: RightRecord | null; captures: ReadonlyMap<string, string> },
  now: number,
): Promise<Complainant> {
  if (principal.tenant.identityStatus !== 'approved') throw new AppError('identity_not_verified');
  // An admin's sanction after abuse (MISSION item 15): drafts may still be saved, but nothing is filed.
  if (await deps.store.liveSanction(principal.tenant.id, 'filing_suspended')) throw new AppError('filing_suspended');
  // A draft saved before this rule, or one whose capture lost artefacts since, is refused here too.
  await refuseIncompleteCaptures(deps.store, input, facts.captures);
  const complainant = await complainantAt(deps.store, principal, now);
  const draft = complaintDraftOf(input, {
    rights: facts.right === null ? [] : [rightOption(facts.right)],
    complainant,
    verifiedCaptureIds: await verifiedCaptureIds(deps.blobs, facts.captures),
  });
  const problems = qualifyNotice(draft, { now: new Date(now) });
  if (problems.length > 0 || complainant === null) {
    throw new AppError('notice_not_qualified', { errors: problems.map(qualificationFieldError) });
  }
  return complainant;
}

// ---------------------------------------------------------------- transitions

/**
 * Applies one lifecycle event through the shared table and records who made it, when.
 * The actor is a user id, not a principal: the deadline sweeper acts for the reviewer who set the deadline.
 */
export async function applyEvent(
  tx: StoreTransaction,
  record: ComplaintRecord,
  event: ComplaintEvent,
  actorId: string,
  now: number,
  options: { ctx?: TransitionContext; note?: string | null; complainant?: Complainant } = {},
): Promise<ComplaintState> {
  const from = record.complaint.state;
  const result = transition(from, event, options.ctx);
  if (!result.ok) throw new AppError('invalid_transition', { detail: `${event} is not allowed from ${from}` });
  const moved = await tx.moveComplaint({
    id: record.complaint.id,
    from,
    to: result.state,
    at: now,
    ...(options.complainant ? { submission: { complainant: options.complainant } } : {}),
  });
  if (moved === 0) throw new AppError('invalid_transition');
  await recordTransition(tx, record.complaint.tenantId, {
    id: uuidv7(now),
    complaintId: record.complaint.id,
    seq: record.transitions.length,
    fromState: from,
    toState: result.state,
    event,
    actorId,
    at: now,
    note: options.note ?? null,
  });
  return result.state;
}

/** Every transition, creation included, is stored with its audit entry in the same transaction. */
export async function recordTransition(tx: StoreTransaction, tenantId: string, row: NewComplaintTransition & { note: string | null }): Promise<void> {
  await tx.insertComplaintTransition(row);
  await appendAudit(tx, {
    at: row.at,
    tenantId,
    actorId: row.actorId,
    kind: 'complaint_transition',
    subjectId: row.complaintId,
    payload: { complaintId: row.complaintId, from: row.fromState ?? null, to: row.toState, event: row.event ?? null, note: row.note },
  });
  // Every move can change the review period (filing starts it, a request for material pauses it,
  // the answer resumes it), so the stored due date the queue orders by is recomputed here.
  if (row.event != null) await keepDueDateCurrent(tx, row.complaintId);
}

async function readBack(tx: StoreTransaction, id: string): Promise<Complaint> {
  const record = await tx.findComplaint({ id, tenantId: null });
  if (!record) throw new Error(`complaint ${id} not readable after write`);
  return toComplaint(record);
}

// ---------------------------------------------------------------- idempotency

export interface WriteResult {
  complaint: Complaint;
  /** True when an earlier request with the same key and body already made this change. */
  replayed: boolean;
}

function replayOf(earlier: { requestHash: string; response: string } | undefined, hash: string): WriteResult | undefined {
  if (!earlier) return undefined;
  if (earlier.requestHash !== hash) throw new AppError('idempotency_key_reused');
  return { complaint: JSON.parse(earlier.response) as Complaint, replayed: true };
}

// The operation is part of the hash: one key reused on another route is a reuse, not a replay.
const createHash = (request: CreateComplaintRequest) => sha256Hex(JSON.stringify({ op: 'complaints.create', request }));
const submitHash = (id: string) => sha256Hex(JSON.stringify({ op: 'complaints.submit', id }));

// ---------------------------------------------------------------- operations

export async function getComplaintContext(store: Store, principal: Principal, now = Date.now()): Promise<ComplaintContext> {
  requireComplainant(principal);
  const tenantId = principal.tenant.id;
  const [complainant, rights, principals] = await Promise.all([
    complainantAt(store, principal, now),
    store.listRights(tenantId),
    principal.tenant.kind === 'agency' ? store.listPrincipals(tenantId) : Promise.resolve([]),
  ]);
  return {
    tenantKind: principal.tenant.kind,
    identityVerified: principal.tenant.identityStatus === 'approved',
    complainant,
    rights: rights.map(rightOption),
    principals: principals
      .filter((record) => record.principal.authorityStatus === 'approved')
      .map((record) => ({ id: record.principal.id, legalName: record.principal.legalName })),
    serverTime: iso(now),
  };
}

/**
 * The server's verdict on an input, writing nothing. Unknown or foreign ids
 * are not refused here: they count as missing or unverified, exactly as in
 * the builder's live check.
 */
export async function checkComplaint(deps: Deps, principal: Principal, input: ComplaintInput, now = Date.now()): Promise<ComplaintCheck> {
  requireComplainant(principal);
  const tenantId = principal.tenant.id;
  const [rights, complainant, captures] = await Promise.all([
    deps.store.listRights(tenantId),
    complainantAt(deps.store, principal, now),
    knownCaptures(deps.store, tenantId, captureIdsOf(input)),
  ]);
  const draft = complaintDraftOf(input, {
    rights: rights.map(rightOption),
    complainant,
    // The live verdict does not refuse: a capture still missing artefacts counts as unverified evidence.
    verifiedCaptureIds: await verifiedCaptureIds(deps.blobs, await receiptedCaptures(deps.store, captures)),
  });
  return { problems: qualifyNotice(draft, { now: new Date(now) }) };
}

/** Saves a draft, or (submit) files it at once; one transaction with its idempotency record. */
export async function createComplaint(
  deps: Deps,
  principal: Principal,
  idempotencyKey: string,
  request: CreateComplaintRequest,
  now = Date.now(),
): Promise<WriteResult> {
  requireComplainant(principal);
  const userId = principal.user.id;
  const hash = createHash(request);
  const replay = replayOf(await deps.store.findIdempotencyKey(userId, idempotencyKey), hash);
  if (replay) return replay;

  const { submit, ...input } = request;
  const checked = await checkInput(deps.store, principal, input);
  const complainant = submit ? await qualifyForFiling(deps, principal, input, checked, now) : null;

  return deps.store.transaction(async (tx) => {
    const raced = replayOf(await tx.findIdempotencyKey(userId, idempotencyKey), hash);
    if (raced) return raced;
    const id = uuidv7(now);
    const tenantId = principal.tenant.id;
    await tx.insertComplaint({
      id,
      tenantId,
      principalId: input.principalId,
      rightId: input.rightId,
      reason: input.reason,
      explanation: input.explanation,
      goodFaith: input.goodFaith,
      accuracy: input.accuracy,
      state: 'draft',
      complainant: null,
      createdAt: now,
      createdBy: userId,
      updatedAt: now,
      submittedAt: null,
    });
    await tx.insertComplaintListings(checked.listings.map((listing) => ({ ...listing, id: uuidv7(now), complaintId: id, tenantId })));
    // Creation is a transition too (from nothing), so the history starts with who made it.
    await recordTransition(tx, tenantId, { id: uuidv7(now), complaintId: id, seq: 0, fromState: null, toState: 'draft', event: null, actorId: userId, at: now, note: null });
    if (complainant !== null) {
      const created = await tx.findComplaint({ id, tenantId });
      await applyEvent(tx, created!, 'submit', principal.user.id, now, { complainant });
    }
    const complaint = await readBack(tx, id);
    await tx.insertIdempotencyKey({ userId, key: idempotencyKey, requestHash: hash, status: 201, response: JSON.stringify(complaint), createdAt: now });
    return { complaint, replayed: false };
  });
}

/** Tenant AND id: another tenant's complaint is a 404 (staff read any). */
export async function getComplaint(store: Store, principal: Principal, id: string): Promise<Complaint> {
  const record = await store.findComplaint({ id, tenantId: visibleTenant(principal) });
  if (!record) throw new AppError('not_found');
  return toComplaint(record);
}

async function ownComplaint(store: Store | StoreTransaction, principal: Principal, id: string): Promise<ComplaintRecord> {
  const record = await store.findComplaint({ id, tenantId: principal.tenant.id });
  if (!record) throw new AppError('not_found');
  return record;
}

/** Replaces a draft's content; anything past draft is 409 invalid_transition. */
export async function updateComplaint(deps: Deps, principal: Principal, id: string, input: ComplaintInput, now = Date.now()): Promise<Complaint> {
  requireComplainant(principal);
  if ((await ownComplaint(deps.store, principal, id)).complaint.state !== 'draft') throw notDraft();
  const checked = await checkInput(deps.store, principal, input);
  return deps.store.transaction(async (tx) => {
    const tenantId = principal.tenant.id;
    const changed = await tx.updateComplaintDraft({
      id,
      tenantId,
      fields: { principalId: input.principalId, rightId: input.rightId, reason: input.reason, explanation: input.explanation, goodFaith: input.goodFaith, accuracy: input.accuracy },
      at: now,
    });
    // Submitted or withdrawn in the meantime.
    if (changed === 0) throw notDraft();
    await tx.deleteComplaintListings(id);
    await tx.insertComplaintListings(checked.listings.map((listing) => ({ ...listing, id: uuidv7(now), complaintId: id, tenantId })));
    return readBack(tx, id);
  });
}

const notDraft = () => new AppError('invalid_transition', { detail: 'only drafts can be edited' });

function inputOf(record: ComplaintRecord): ComplaintInput {
  const { complaint } = record;
  return {
    principalId: complaint.principalId,
    rightId: complaint.rightId,
    reason: complaint.reason,
    explanation: complaint.explanation,
    goodFaith: complaint.goodFaith,
    accuracy: complaint.accuracy,
    listings: record.listings.map((listing) => ({ url: listing.url, captureIds: listing.captureIds, location: listing.location })),
  };
}

/** Files a saved draft: the same identity and qualification checks as filing on creation. */
export async function submitComplaint(deps: Deps, principal: Principal, id: string, idempotencyKey: string, now = Date.now()): Promise<WriteResult> {
  requireComplainant(principal);
  const userId = principal.user.id;
  const hash = submitHash(id);
  const replay = replayOf(await deps.store.findIdempotencyKey(userId, idempotencyKey), hash);
  if (replay) return replay;

  const record = await ownComplaint(deps.store, principal, id);
  if (!transition(record.complaint.state, 'submit').ok) throw new AppError('invalid_transition', { detail: `submit is not allowed from ${record.complaint.state}` });
  const input = inputOf(record);
  // The right is judged as it stands now: it may have been rejected or expired since the draft was saved.
  const right = input.rightId === null ? null : ((await deps.store.findRight({ id: input.rightId, tenantId: principal.tenant.id })) ?? null);
  const captures = await knownCaptures(deps.store, principal.tenant.id, captureIdsOf(input));
  const complainant = await qualifyForFiling(deps, principal, input, { right, captures }, now);

  return deps.store.transaction(async (tx) => {
    const raced = replayOf(await tx.findIdempotencyKey(userId, idempotencyKey), hash);
    if (raced) return raced;
    const current = await ownComplaint(tx, principal, id);
    // Edited between the check and now: what was judged is no longer what would be filed.
    if (current.complaint.updatedAt !== record.complaint.updatedAt) throw new AppError('invalid_transition', { detail: 'the draft changed; submit again' });
    await applyEvent(tx, current, 'submit', principal.user.id, now, { complainant });
    const complaint = await readBack(tx, id);
    await tx.insertIdempotencyKey({ userId, key: idempotencyKey, requestHash: hash, status: 200, response: JSON.stringify(complaint), createdAt: now });
    return { complaint, replayed: false };
  });
}

/** The complainant's own move out of any open state. */
export async function withdrawComplaint(store: Store, principal: Principal, id: string, note: string | undefined, now = Date.now()): Promise<Complaint> {
  requireComplainant(principal);
  return store.transaction(async (tx) => {
    const record = await ownComplaint(tx, principal, id);
    await applyEvent(tx, record, 'withdraw', principal.user.id, now, { note: note ? note : null });
    return readBack(tx, id);
  });
}

function requireReviewer(actor: Principal): void {
  if (!isStaff(actor.user.role)) throw new AppError('forbidden');
}

/** Staff take a submitted complaint into review. */
export async function startReview(store: Store, actor: Principal, id: string, now = Date.now()): Promise<Complaint> {
  requireReviewer(actor);
  return store.transaction(async (tx) => {
    const record = await tx.findComplaint({ id, tenantId: null });
    if (!record) throw new AppError('not_found');
    await applyEvent(tx, record, 'start_review', actor.user.id, now);
    return readBack(tx, id);
  });
}

/**
 * Staff decide a complaint under review: one outcome per listing, in
 * position order. The lifecycle's guard refuses a decision that leaves any
 * listing pending.
 */
export async function decideComplaint(store: Store, actor: Principal, id: string, outcomes: readonly ListingOutcome[], now = Date.now()): Promise<Complaint> {
  requireReviewer(actor);
  return store.transaction(async (tx) => {
    const record = await tx.findComplaint({ id, tenantId: null });
    if (!record) throw new AppError('not_found');
    if (outcomes.length !== record.listings.length) {
      throw new AppError('validation_failed', {
        errors: [{ path: 'outcomes', code: 'too_small', message: `expected ${record.listings.length} outcomes, one per listing` }],
      });
    }
    await applyEvent(tx, record, 'decide', actor.user.id, now, { ctx: { listingOutcomes: outcomes } });
    for (const listing of record.listings) {
      await tx.setListingOutcome({ complaintId: id, position: listing.position, outcome: outcomes[listing.position - 1]! });
    }
    return readBack(tx, id);
  });
}

function encodeCursor(row: ComplaintRow): string {
  return Buffer.from(JSON.stringify([row.createdAt, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
      return { createdAt: value[0] as number, id: value[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new AppError('validation_failed', { errors: [{ path: 'cursor', code: 'invalid_format', message: 'not a cursor returned by this API' }] });
}

export async function listComplaints(
  store: Store,
  principal: Principal,
  query: { state?: ComplaintState | undefined; limit: number; cursor?: string | undefined },
): Promise<ComplaintList> {
  const tenantId = visibleTenant(principal);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  // One extra row tells whether another page exists without a count query.
  const rows = await store.listComplaints({ tenantId, state: query.state ?? null, limit: query.limit + 1, ...(after ? { after } : {}) });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last.complaint) } : {}),
  };
}

/** "Already reported": the caller's tenant's open complaints naming this listing, however the URL was spelled. */
export async function lookupListing(store: Store, principal: Principal, url: string): Promise<ListingLookup> {
  requireComplainant(principal);
  const recognized = url.length > LIMITS.urlMaxLength ? null : recognizeListing(url);
  if (recognized === null) return { canonicalUrl: null, reports: [] };
  const rows = await store.findComplaintsByListing({ tenantId: principal.tenant.id, canonicalUrl: recognized.canonicalUrl, states: OPEN_STATES });
  return {
    canonicalUrl: recognized.canonicalUrl,
    reports: rows.map((row) => ({ complaintId: row.id, state: row.state, submittedAt: row.submittedAt === null ? null : iso(row.submittedAt) })),
  };
}

export async function complainantStats(store: Store, principal: Principal): Promise<ComplainantStats> {
  requireComplainant(principal);
  const row = await store.complainantStats(principal.tenant.id);
  return {
    complaints: { submitted: row.submitted, open: row.open, decided: row.decided, withdrawn: row.withdrawn },
    listings: { upheld: row.upheld, rejected: row.rejected, pending: row.pending, reversed: row.reversed },
    medianHoursToDecision: row.medianMsToDecision === null ? null : row.medianMsToDecision / HOUR_MS,
  };
}
