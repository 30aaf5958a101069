/**
 * Decisions (issue #5 part 4): one outcome and one statement of reasons per
 * listing. A final decision moves the complaint to decided, marks upheld
 * listings for takedown, sends the complainant a notice, records a
 * notification for the marketplace per listing and sends a notice to the
 * seller of each listing whose shop a seller has verified — all in one
 * transaction with its audit entries, and nothing at all when any check fails.
 *
 * Enhanced review (MISSION item 15): a complaint filed under that sanction is
 * decided by two reviewers. The first decision is stored as a proposal; it
 * becomes final when a second, different reviewer sends the same decision. A
 * different decision replaces the proposal and waits for its own second look.
 */
import {
  unfilledPlaceholders,
  type BulkActionRequest,
  type Complaint,
  type DecisionRequest,
  type ErrorCode,
  type ProblemFieldError,
} from '@openipp/shared';
import { resources } from '@openipp/locales';
import { AppError } from '../../lib/app-error';
import type { Principal } from '../../lib/context';
import { uuidv7 } from '../../lib/crypto';
import type { ComplaintRecord, NewNotification, Store, StoreTransaction } from '../../store';
import type { ProposedListing } from '../../store/schema/review';
import { appendAudit } from '../audit';
import { applyEvent, toComplaint } from '../complaints';
import { notify, type DecidedListing } from '../notices';
import { isLive, requireLiveClaim, requireStaff, reviewedComplaint } from './claims';
import { refreshComplainantRisk } from './risk';

const TAKEDOWN = 'takedown_requested' as const;

function problem(code: ErrorCode, errors: Array<{ path: string; params?: Record<string, string | number> }>): AppError {
  const message = resources.en.errors[code];
  return new AppError(code, { errors: errors.map((error): ProblemFieldError => ({ path: error.path, code, message, ...(error.params ? { params: error.params } : {}) })) });
}

/** A statement still holding a [[placeholder]] cannot be sent: 422 naming each one. */
function requireFilled(statements: ReadonlyArray<{ path: string; statement: string }>): void {
  const unfilled = statements.flatMap(({ path, statement }) => {
    const left = unfilledPlaceholders(statement);
    return left.length === 0 ? [] : [{ path, params: { placeholders: left.join(', ') } }];
  });
  if (unfilled.length > 0) throw problem('placeholder_unfilled', unfilled);
}

/**
 * The body must name every listing of the complaint exactly once; returns
 * the decisions in listing position order.
 */
function coverListings(record: ComplaintRecord, request: DecisionRequest): ProposedListing[] {
  const byId = new Map(record.listings.map((listing) => [listing.id, listing]));
  const seen = new Set<string>();
  const errors: ProblemFieldError[] = [];
  request.listings.forEach((decision, i) => {
    const path = `listings.${i}.listingId`;
    if (!byId.has(decision.listingId)) errors.push({ path, code: 'invalid_value', message: 'not a listing of this complaint' });
    else if (seen.has(decision.listingId)) errors.push({ path, code: 'invalid_value', message: 'listing decided twice' });
    seen.add(decision.listingId);
  });
  for (const listing of record.listings) {
    if (!seen.has(listing.id)) errors.push({ path: 'listings', code: 'too_small', message: `listing ${listing.position} (${listing.id}) has no decision` });
  }
  if (errors.length > 0) throw new AppError('validation_failed', { errors });
  const decisions = new Map(request.listings.map((decision) => [decision.listingId, decision]));
  return record.listings.map((listing) => {
    const decision = decisions.get(listing.id)!;
    return { listingId: listing.id, outcome: decision.outcome, statement: decision.statement };
  });
}

const sameDecision = (a: readonly ProposedListing[], b: readonly ProposedListing[]): boolean =>
  a.length === b.length && a.every((x, i) => x.listingId === b[i]!.listingId && x.outcome === b[i]!.outcome && x.statement === b[i]!.statement);

// ---------------------------------------------------------------- what a final decision writes

function decidedListings(record: ComplaintRecord, decisions: readonly ProposedListing[]): DecidedListing[] {
  const listings = new Map(record.listings.map((listing) => [listing.id, listing]));
  return decisions.map((decision) => {
    const listing = listings.get(decision.listingId)!;
    return { position: listing.position, url: listing.canonicalUrl ?? listing.url, outcome: decision.outcome, statement: decision.statement };
  });
}

/**
 * The seller of each decided listing whose shop a seller tenant has verified
 * hears of the decision through its owner — as with its shop claims — in one
 * notice per seller naming only its own listings. A shop no seller has
 * claimed has only the marketplace notification.
 */
async function tellSellers(tx: StoreTransaction, record: ComplaintRecord, decisions: readonly ProposedListing[], now: number): Promise<void> {
  const listings = new Map(record.listings.map((listing) => [listing.id, listing]));
  const bySeller = new Map<string, ProposedListing[]>();
  for (const decision of decisions) {
    const listing = listings.get(decision.listingId)!;
    if (listing.marketplace === null || listing.shopId === null) continue;
    const tenantId = await tx.findVerifiedShopTenant({ marketplace: listing.marketplace, shopId: listing.shopId });
    if (tenantId === undefined) continue;
    bySeller.set(tenantId, [...(bySeller.get(tenantId) ?? []), decision]);
  }
  for (const [tenantId, own] of bySeller) {
    const owner = await tx.findTenantOwner(tenantId);
    if (!owner) continue;
    const complaintId = record.complaint.id;
    await notify(tx, { kind: 'listing_decided', recipient: { userId: owner.id }, subjectId: complaintId, params: { complaintId, listings: decidedListings(record, own) } }, now);
  }
}

/**
 * Makes the decision final: the decide transition (guarded by the shared
 * lifecycle), each listing's outcome, statement and measure, the decision's
 * audit entry, a notification record per listing for its marketplace, the
 * notices to the complainant and the sellers, the claim released and the
 * complainant's risk recomputed.
 */
async function finalize(
  tx: StoreTransaction,
  record: ComplaintRecord,
  decisions: readonly ProposedListing[],
  actor: Principal,
  now: number,
  proposal: { id: string; proposedBy: string } | null,
): Promise<void> {
  const { complaint } = record;
  await applyEvent(tx, record, 'decide', actor.user.id, now, { ctx: { listingOutcomes: decisions.map((decision) => decision.outcome) } });
  const listings = new Map(record.listings.map((listing) => [listing.id, listing]));
  const notifications: NewNotification[] = [];
  for (const decision of decisions) {
    const listing = listings.get(decision.listingId)!;
    const measure = decision.outcome === 'upheld' ? TAKEDOWN : null;
    const changed = await tx.decideListing({
      complaintId: complaint.id,
      listingId: listing.id,
      outcome: decision.outcome,
      statement: decision.statement,
      decidedBy: actor.user.id,
      decidedAt: now,
      measure,
    });
    if (changed !== 1) throw new Error(`listing ${listing.id} was not pending`);
    notifications.push({
      id: uuidv7(now),
      complaintId: complaint.id,
      listingId: listing.id,
      marketplace: listing.marketplace ?? 'generic',
      shopId: listing.shopId,
      canonicalUrl: listing.canonicalUrl ?? listing.url,
      kind: decision.outcome === 'upheld' ? 'listing_upheld' : 'listing_rejected',
      statement: decision.statement,
      measure,
      createdAt: now,
    });
  }
  await appendAudit(tx, {
    at: now,
    tenantId: complaint.tenantId,
    actorId: actor.user.id,
    kind: 'decision',
    subjectId: complaint.id,
    payload: {
      complaintId: complaint.id,
      stage: 'final',
      listings: decisions.map((decision) => ({ ...decision, measure: decision.outcome === 'upheld' ? TAKEDOWN : null })),
      proposalId: proposal?.id ?? null,
      proposedBy: proposal?.proposedBy ?? null,
    },
  });
  await tx.insertNotifications(notifications);
  // The user who filed it: the notice named their contacts, so the answer goes to them.
  await notify(
    tx,
    { kind: 'complaint_decided', recipient: { userId: complaint.createdBy }, subjectId: complaint.id, params: { complaintId: complaint.id, listings: decidedListings(record, decisions) } },
    now,
  );
  await tellSellers(tx, record, decisions, now);
  await tx.releaseClaim({ complaintId: complaint.id, reviewerId: actor.user.id });
  await refreshComplainantRisk(tx, complaint.tenantId, now);
}

/** Records a proposal awaiting a second reviewer; replaces any other open proposal. */
async function propose(tx: StoreTransaction, record: ComplaintRecord, decisions: readonly ProposedListing[], actor: Principal, now: number, replaces: string | null): Promise<void> {
  const { complaint } = record;
  if (replaces !== null) await tx.resolveProposal({ id: replaces, resolution: 'superseded', by: actor.user.id, at: now });
  const id = uuidv7(now);
  await tx.insertProposal({ id, complaintId: complaint.id, proposedBy: actor.user.id, proposedAt: now, listings: [...decisions] });
  // Internal deliberation: the complainant's timeline leaves it out (staffOnly) until a decision is final.
  await appendAudit(tx, {
    at: now,
    tenantId: complaint.tenantId,
    actorId: actor.user.id,
    kind: 'decision',
    subjectId: complaint.id,
    payload: { complaintId: complaint.id, stage: 'proposed', proposalId: id, supersedes: replaces, listings: decisions.map((decision) => ({ ...decision })), staffOnly: true },
  });
  // A proposal changes what a reviewer saw: a bulk selection made before it is stale.
  await tx.touchComplaint({ id: complaint.id, at: now });
  // The proposer's part is done; the second look is someone else's claim.
  await tx.releaseClaim({ complaintId: complaint.id, reviewerId: actor.user.id });
}

export type DecisionStage = 'final' | 'proposed';

/** A decision on an in-review complaint, final or (enhanced review) a proposal or its confirmation. */
async function decide(tx: StoreTransaction, record: ComplaintRecord, decisions: readonly ProposedListing[], actor: Principal, now: number): Promise<DecisionStage> {
  if (!record.complaint.enhancedReview) {
    await finalize(tx, record, decisions, actor, now, null);
    return 'final';
  }
  const open = await tx.findOpenProposal(record.complaint.id);
  if (open !== undefined && open.proposedBy !== actor.user.id && sameDecision(open.listings, decisions)) {
    await tx.resolveProposal({ id: open.id, resolution: 'confirmed', by: actor.user.id, at: now });
    await finalize(tx, record, decisions, actor, now, { id: open.id, proposedBy: open.proposedBy });
    return 'final';
  }
  await propose(tx, record, decisions, actor, now, open?.id ?? null);
  return 'proposed';
}

const requireInReview = (record: ComplaintRecord): void => {
  if (record.complaint.state !== 'in_review') {
    throw new AppError('invalid_transition', { detail: `a ${record.complaint.state} complaint cannot be decided` });
  }
};

/**
 * POST /review/complaints/{id}/decision. Checks, in this order, each with
 * nothing written: the complaint (404), the caller's live claim (409
 * claim_required, lease_expired, already_claimed), its state (409), every
 * listing exactly once (400 validation_failed), no placeholder left (422
 * placeholder_unfilled).
 */
export async function decideOnComplaint(
  store: Store,
  actor: Principal,
  id: string,
  request: DecisionRequest,
  now = Date.now(),
): Promise<{ complaint: Complaint; stage: DecisionStage }> {
  requireStaff(actor);
  return store.transaction(async (tx) => {
    const record = await reviewedComplaint(tx, id);
    await requireLiveClaim(tx, actor.user.id, id, now);
    requireInReview(record);
    const decisions = coverListings(record, request);
    requireFilled(request.listings.map((decision, i) => ({ path: `listings.${i}.statement`, statement: decision.statement })));
    const stage = await decide(tx, record, decisions, actor, now);
    return { complaint: await readBack(tx, id), stage };
  });
}

async function readBack(tx: StoreTransaction, id: string): Promise<Complaint> {
  const record = await tx.findComplaint({ id, tenantId: null });
  if (!record) throw new Error(`complaint ${id} not readable after write`);
  return toComplaint(record);
}

// ---------------------------------------------------------------- bulk

export interface BulkResult {
  /** Complaints now decided. */
  decided: string[];
  /** Complaints under enhanced review whose decision now awaits a second reviewer. */
  proposed: string[];
}

/**
 * POST /review/bulk: one action over a selection from the queue — for now,
 * reject every listing with one statement (e.g. duplicates). All or nothing.
 * Every complaint is checked before anything is written: unknown ids (404),
 * then complaints changed since the reviewer saw them (409 stale_selection),
 * then complaints another reviewer holds (409 already_claimed), then
 * complaints no longer in the queue (409 invalid_transition). A bulk action
 * needs no claim of its own; complaints still submitted are taken into review
 * on the way.
 */
export async function bulkAction(store: Store, actor: Principal, request: BulkActionRequest, now = Date.now()): Promise<BulkResult> {
  requireStaff(actor);
  const firstIndex = new Map<string, number>();
  const duplicates: ProblemFieldError[] = [];
  request.selection.forEach((item, i) => {
    if (firstIndex.has(item.complaintId)) duplicates.push({ path: `selection.${i}.complaintId`, code: 'invalid_value', message: 'selected twice' });
    else firstIndex.set(item.complaintId, i);
  });
  if (duplicates.length > 0) throw new AppError('validation_failed', { errors: duplicates });
  requireFilled([{ path: 'statement', statement: request.statement }]);

  return store.transaction(async (tx) => {
    const records: ComplaintRecord[] = [];
    const unknown: Array<{ path: string }> = [];
    for (const [i, item] of request.selection.entries()) {
      const record = await tx.findComplaint({ id: item.complaintId, tenantId: null });
      if (!record || record.complaint.state === 'draft') unknown.push({ path: `selection.${i}.complaintId` });
      else records.push(record);
    }
    if (unknown.length > 0) throw problem('not_found', unknown);
    const failing = async (code: ErrorCode, test: (record: ComplaintRecord, i: number) => Promise<boolean> | boolean) => {
      const paths: Array<{ path: string }> = [];
      for (const [i, record] of records.entries()) if (await test(record, i)) paths.push({ path: `selection.${i}.complaintId` });
      if (paths.length > 0) throw problem(code, paths);
    };
    await failing('stale_selection', (record, i) => Date.parse(request.selection[i]!.seen) !== record.complaint.updatedAt);
    await failing('already_claimed', async (record) => {
      const claim = await tx.findClaim(record.complaint.id);
      return claim !== undefined && claim.reviewerId !== actor.user.id && isLive(claim, now);
    });
    await failing('invalid_transition', (record) => record.complaint.state !== 'submitted' && record.complaint.state !== 'in_review');

    const result: BulkResult = { decided: [], proposed: [] };
    for (let record of records) {
      const id = record.complaint.id;
      if (record.complaint.state === 'submitted') {
        await applyEvent(tx, record, 'start_review', actor.user.id, now);
        record = (await tx.findComplaint({ id, tenantId: null }))!;
      }
      const decisions = record.listings.map((listing): ProposedListing => ({ listingId: listing.id, outcome: 'rejected', statement: request.statement }));
      const stage = await decide(tx, record, decisions, actor, now);
      result[stage === 'final' ? 'decided' : 'proposed'].push(id);
    }
    return result;
  });
}
