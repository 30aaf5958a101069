/**
 * Keeping each complaint's due date current (issue #5 part 2). The review
 * period is the shared computeDueDate, fed what the complaint was filed with;
 * the result is stored on the complaint because the queue orders and pages by
 * it, and an index can only order by a stored value.
 */
import { computeDueDate, materialsOf, type ComplainantRecord, type DueDate, type PauseInterval } from '@openipp/shared';
import type { ComplaintRecord, StoreTransaction } from '../../store';

/**
 * The stretches the complaint waited for material, from its own history: from
 * each move into needs_info to the next move out of it (the answer, the expiry
 * or a withdrawal); still open while it waits. Read from the transitions, the
 * record written in the same transaction as every move, so the pause is right
 * whichever order the caller stores its other rows in.
 */
export function pausesOf(transitions: ComplaintRecord['transitions']): PauseInterval[] {
  const pauses: PauseInterval[] = [];
  let pausedAt: number | null = null;
  for (const row of transitions) {
    if (row.toState === 'needs_info' && pausedAt === null) pausedAt = row.at;
    else if (row.fromState === 'needs_info' && pausedAt !== null) {
      pauses.push([pausedAt, row.at]);
      pausedAt = null;
    }
  }
  if (pausedAt !== null) pauses.push([pausedAt, null]);
  return pauses;
}

/**
 * The jurisdiction whose calendar the period runs on: the one most of the
 * listings are offered in, ties going to the earlier listing. Null (the UTC
 * default calendar) when no listing names one.
 */
export function jurisdictionOf(listings: ComplaintRecord['listings']): string | null {
  const counts = new Map<string, number>();
  for (const listing of listings) {
    if (listing.jurisdiction !== null) counts.set(listing.jurisdiction, (counts.get(listing.jurisdiction) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [jurisdiction, count] of counts) {
    // Map iteration follows first appearance, so a strict comparison keeps the earlier listing's on a tie.
    if (best === null || count > counts.get(best)!) best = jurisdiction;
  }
  return best;
}

const NO_RECORD: ComplainantRecord = { upheld: 0, rejected: 0, reversed: 0 };

/** The complaint's due date with its breakdown; null for a complaint not filed (or filed without a reason). */
export function complaintDue(record: ComplaintRecord, history?: ComplainantRecord): DueDate | null {
  const { complaint, listings } = record;
  if (complaint.submittedAt === null || complaint.reason === null) return null;
  return computeDueDate({
    reason: complaint.reason,
    // Every capture of a filed complaint passed the hash check when it was filed (qualification refuses unverified evidence).
    materials: materialsOf(listings.map((listing) => ({ url: listing.url, captureIds: listing.captureIds, verifiedCaptureIds: listing.captureIds, location: listing.location }))),
    history: complaint.recordAtSubmission ?? history ?? NO_RECORD,
    enhancedReview: complaint.enhancedReview,
    jurisdiction: jurisdictionOf(listings),
    submittedAt: complaint.submittedAt,
    pauses: pausesOf(record.transitions),
  });
}

/**
 * Recomputes and stores the complaint's due date after a transition, in the
 * transition's own transaction. On filing it first fixes what the period is
 * set on: the complainant's record and whether an enhanced-review sanction is
 * in force — a sanction imposed later does not reach back to complaints
 * already filed, and one lifted later still leaves them under a second look.
 */
export async function keepDueDateCurrent(tx: StoreTransaction, complaintId: string): Promise<void> {
  const record = await tx.findComplaint({ id: complaintId, tenantId: null });
  if (!record || record.complaint.submittedAt === null) return;
  const { complaint } = record;
  if (complaint.recordAtSubmission === null && complaint.state === 'submitted') {
    const stats = await tx.complainantStats(complaint.tenantId);
    const recordAtSubmission = { upheld: stats.upheld, rejected: stats.rejected, reversed: stats.reversed };
    const enhancedReview = (await tx.liveSanction(complaint.tenantId, 'enhanced_review')) !== undefined;
    await tx.setReviewBasis({ complaintId, enhancedReview, recordAtSubmission });
    record.complaint = { ...complaint, enhancedReview, recordAtSubmission };
  }
  // A complaint filed before periods were recorded is dated on the record as it stands now.
  const history = record.complaint.recordAtSubmission === null ? await currentRecord(tx, complaint.tenantId) : undefined;
  const due = complaintDue(record, history);
  await tx.setDueDate({ complaintId, dueAt: due?.dueAt == null ? null : Date.parse(due.dueAt) });
}

async function currentRecord(tx: Pick<StoreTransaction, 'complainantStats'>, tenantId: string): Promise<ComplainantRecord> {
  const stats = await tx.complainantStats(tenantId);
  return { upheld: stats.upheld, rejected: stats.rejected, reversed: stats.reversed };
}
