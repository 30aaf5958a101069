/**
 * The evidence view (issue #5 part 3): everything a reviewer weighs about one
 * complaint, in one read — the captures re-hashed against the stored bytes,
 * the right, earlier complaints about the same listings, the complainant's
 * history, the due date with its breakdown, and any requests for material.
 */
import type { ReviewComplaint } from '@openipp/shared';
import type { BlobStore } from '../../blobs';
import { AppError } from '../../lib/app-error';
import type { Principal } from '../../lib/context';
import { sha256Hex } from '../../lib/crypto';
import type { CaptureRow, Store } from '../../store';
import { toComplaint } from '../complaints';
import { infoRequestsOf } from '../info-requests';
import { toRight } from '../rights';
import { isLive, requireStaff, reviewedComplaint, toClaim } from './claims';
import { complaintDue } from './due-dates';
import { complainantHistory } from './risk';

/** Earlier complaints shown per listing; the newest ones. */
export const EARLIER_PER_LISTING = 20;
/** Read at most this many across all listings of a complaint (300 listings × a few each). */
const EARLIER_READ_MAX = 2_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** A decision awaiting its second look, as the next reviewer sees it. */
export interface OpenProposal {
  id: string;
  proposedBy: { id: string; email: string };
  proposedAt: string;
  listings: Array<{ listingId: string; outcome: 'upheld' | 'rejected'; statement: string }>;
}

/**
 * The view also says whether the complaint is under enhanced review and shows
 * the open proposal: the second reviewer confirms by sending the same decision.
 */
export type ReviewComplaintView = ReviewComplaint & { enhancedReview: boolean; proposal: OpenProposal | null };

/**
 * Each distinct stored original read back and hashed again: a capture is
 * verified only when its bytes are present and still hash to its receipt.
 */
async function verifiedHashes(blobs: BlobStore, rows: readonly CaptureRow[]): Promise<Set<string>> {
  const intact = new Set<string>();
  for (const sha256 of new Set(rows.map((row) => row.screenshotSha256))) {
    const bytes = await blobs.get(sha256);
    if (bytes !== undefined && sha256Hex(bytes) === sha256) intact.add(sha256);
  }
  return intact;
}

export async function getReviewComplaint(deps: { store: Store; blobs: BlobStore }, actor: Principal, id: string, now = Date.now()): Promise<ReviewComplaintView> {
  requireStaff(actor);
  const { store, blobs } = deps;
  const record = await reviewedComplaint(store, id);
  const { complaint, listings } = record;
  const captureIds = [...new Set(listings.flatMap((listing) => listing.captureIds))];
  const canonicalUrls = [...new Set(listings.flatMap((listing) => (listing.canonicalUrl === null ? [] : [listing.canonicalUrl])))];
  const [tenant, claim, rightRecord, captures, earlier, history, infoRequests, proposal] = await Promise.all([
    store.findTenant(complaint.tenantId),
    store.findClaim(id),
    complaint.rightId === null ? Promise.resolve(undefined) : store.findRight({ id: complaint.rightId, tenantId: null }),
    store.findEvidenceCaptures({ tenantId: complaint.tenantId, ids: captureIds }),
    store.findEarlierComplaints({ canonicalUrls, excludeComplaintId: id, limit: EARLIER_READ_MAX }),
    complainantHistory(store, complaint.tenantId),
    infoRequestsOf(store, id),
    store.findOpenProposal(id),
  ]);
  const due = complaintDue(record, history.stats.listings);
  if (!tenant || !due) throw new AppError('not_found');

  const intact = await verifiedHashes(blobs, captures);
  const byId = new Map(captures.map((row) => [row.id, row]));
  const evidence: ReviewComplaint['evidence'] = {};
  const earlierByListing: ReviewComplaint['earlier'] = {};
  for (const listing of listings) {
    evidence[listing.id] = listing.captureIds.flatMap((captureId) => {
      const row = byId.get(captureId);
      return row === undefined
        ? []
        : [
            {
              id: row.id,
              url: row.url,
              title: row.title,
              capturedAt: row.capturedAt,
              receivedAt: iso(row.receivedAt),
              viewport: { width: row.viewportW, height: row.viewportH },
              devicePixelRatio: row.dpr,
              sha256: row.screenshotSha256,
              hashVerified: intact.has(row.screenshotSha256),
            },
          ];
    });
    earlierByListing[listing.id] = earlier
      .filter((row) => row.canonicalUrl === listing.canonicalUrl)
      .slice(0, EARLIER_PER_LISTING)
      .map((row) => ({
        complaintId: row.complaintId,
        tenantName: row.tenantName,
        state: row.state,
        outcome: row.outcome,
        submittedAt: row.submittedAt === null ? null : iso(row.submittedAt),
      }));
  }

  const proposer = proposal === undefined ? undefined : await store.findUserById(proposal.proposedBy);
  return {
    complaint: toComplaint(record),
    tenant: { id: tenant.id, name: tenant.name },
    due,
    claim: claim !== undefined && isLive(claim, now) ? toClaim(claim) : null,
    right: rightRecord === undefined ? null : toRight(rightRecord),
    evidence,
    earlier: earlierByListing,
    history,
    infoRequests,
    enhancedReview: complaint.enhancedReview,
    proposal:
      proposal === undefined
        ? null
        : {
            id: proposal.id,
            proposedBy: { id: proposal.proposedBy, email: proposer?.user.email ?? '' },
            proposedAt: iso(proposal.proposedAt),
            listings: proposal.listings,
          },
  };
}
