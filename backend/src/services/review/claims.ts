/**
 * Claim leases (issue #5 part 2): a reviewer claims a complaint before acting
 * on it, for CLAIM_LEASE_MINUTES, renewed while they work. The lease lives in
 * the database, not in a process, so two backends serving the same reviewers
 * still never let two of them hold one complaint.
 */
import { CLAIM_LEASE_MINUTES, isStaff, type Claim } from '@openipp/shared';
import { AppError } from '../../lib/app-error';
import type { Principal } from '../../lib/context';
import type { ClaimRecord, ComplaintRecord, Store, StoreTransaction } from '../../store';
import { applyEvent } from '../complaints';

export const CLAIM_LEASE_MS = CLAIM_LEASE_MINUTES * 60_000;

/** Only states a reviewer works in can be claimed: the queue's. */
const CLAIMABLE = new Set<string>(['submitted', 'in_review']);

/** Every review route exists only for staff: to anyone else it is absent (404), not forbidden. */
export function requireStaff(principal: Principal): void {
  if (!isStaff(principal.user.role)) throw new AppError('not_found');
}

export const isLive = (claim: Pick<ClaimRecord, 'expiresAt'>, now: number): boolean => claim.expiresAt > now;

export type LeaseVerdict = 'held' | 'claim_required' | 'lease_expired' | 'already_claimed';

/**
 * Whether `reviewerId` may act on a complaint with this claim at `now`:
 * - their own live claim: yes (held);
 * - their own expired claim: lease_expired — the console says "your claim ran out";
 * - someone else's live claim: already_claimed;
 * - nobody's, or someone else's expired one: claim_required.
 */
export function leaseVerdict(claim: Pick<ClaimRecord, 'reviewerId' | 'expiresAt'> | undefined, reviewerId: string, now: number): LeaseVerdict {
  if (claim === undefined) return 'claim_required';
  if (claim.reviewerId === reviewerId) return isLive(claim, now) ? 'held' : 'lease_expired';
  return isLive(claim, now) ? 'already_claimed' : 'claim_required';
}

/** Throws the verdict's 409 unless the reviewer holds a live claim. */
export async function requireLiveClaim(tx: Pick<StoreTransaction, 'findClaim'>, reviewerId: string, complaintId: string, now: number): Promise<void> {
  const verdict = leaseVerdict(await tx.findClaim(complaintId), reviewerId, now);
  if (verdict !== 'held') throw new AppError(verdict);
}

export function toClaim(record: ClaimRecord): Claim {
  return {
    complaintId: record.complaintId,
    reviewer: { id: record.reviewerId, email: record.reviewerEmail },
    claimedAt: new Date(record.claimedAt).toISOString(),
    expiresAt: new Date(record.expiresAt).toISOString(),
  };
}

/** A complaint as review sees it: any tenant's, but never a draft, which is its author's private work. */
export async function reviewedComplaint(store: Pick<Store, 'findComplaint'>, id: string): Promise<ComplaintRecord> {
  const record = await store.findComplaint({ id, tenantId: null });
  if (!record || record.complaint.state === 'draft') throw new AppError('not_found');
  return record;
}

/**
 * Takes or renews the caller's lease. Claiming a submitted complaint takes it
 * into review (start_review, with its audit entry) in the same transaction.
 */
export async function claimComplaint(store: Store, actor: Principal, id: string, now = Date.now()): Promise<Claim> {
  requireStaff(actor);
  return store.transaction(async (tx) => {
    const record = await reviewedComplaint(tx, id);
    if (!CLAIMABLE.has(record.complaint.state)) {
      throw new AppError('invalid_transition', { detail: `a ${record.complaint.state} complaint is not in the queue` });
    }
    if (!(await tx.takeClaim({ complaintId: id, reviewerId: actor.user.id, now, expiresAt: now + CLAIM_LEASE_MS }))) {
      throw new AppError('already_claimed');
    }
    if (record.complaint.state === 'submitted') await applyEvent(tx, record, 'start_review', actor.user.id, now);
    const claim = await tx.findClaim(id);
    if (!claim) throw new Error(`claim on ${id} not readable after write`);
    return toClaim(claim);
  });
}

/** Gives the caller's claim back; idempotent, and never touches another reviewer's. */
export async function releaseClaim(store: Store, actor: Principal, id: string): Promise<void> {
  requireStaff(actor);
  await store.transaction(async (tx) => {
    await reviewedComplaint(tx, id);
    await tx.releaseClaim({ complaintId: id, reviewerId: actor.user.id });
  });
}
