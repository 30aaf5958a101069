/**
 * Shops and the seller's view of complaints (issue #6, parts 1 and 2).
 *
 * A seller tenant claims a shop (marketplace + shop id, with proof); staff
 * verify the claim. A filed complaint's listing whose (marketplace, shop id)
 * matches a verified claim is that seller's to see, and no other seller's:
 * the partial unique index on verified claims makes the owner unique.
 */
import {
  SHOP_PROOFS_MAX,
  SHOP_PROOFS_MIN,
  discloseComplainantToSeller,
  ShopClaimDataSchema,
  type AdminShopClaimList,
  type SellerComplaint,
  type SellerComplaintList,
  type SellerListing,
  type ShopClaim,
  type ShopClaimData,
  type ShopClaimDecision,
  type ShopClaimStatus,
  type VerificationDecisionRequest,
} from '@openipp/shared';
import type { BlobStore } from '../blobs';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { uuidv7 } from '../lib/crypto';
import { UniqueConstraintError, type ComplaintListingRow, type CounterNoticeRecord, type ShopClaimRecord, type Store } from '../store';
import { readBlob } from './captures';
import { sellerCounterNoticeFields } from './counter-notice-files';
import { recordDisclosure } from './disclosures';
import { notify } from './notices';
import { checkDocument, fileParts, jsonField, rejectUnexpectedFields, type CheckedDocument } from './documents';
import { DISPLAY_MIME, THUMB_MIME } from './images';

const iso = (ms: number) => new Date(ms).toISOString();
/** Listing rows read for one seller's complaint list. */
export const SELLER_LISTING_LIMIT = 1_000;

/** Shops and the seller's view exist for seller tenants only; to everyone else the routes are absent (404). */
export function requireSellerTenant(principal: Principal): void {
  if (principal.tenant.kind !== 'seller') throw new AppError('not_found');
}

export interface ShopClaimUpload {
  data: ShopClaimData;
  proofs: CheckedDocument[];
}

export async function parseShopClaim(form: FormData): Promise<ShopClaimUpload> {
  rejectUnexpectedFields(form, ['data', 'proof']);
  const data = await jsonField(form, 'data', ShopClaimDataSchema);
  const files = await fileParts(form, 'proof', SHOP_PROOFS_MIN, SHOP_PROOFS_MAX);
  const proofs: CheckedDocument[] = [];
  for (const file of files) proofs.push(await checkDocument(file));
  return { data, proofs };
}

export function toShopClaim({ claim, proofs }: ShopClaimRecord): ShopClaim {
  return {
    id: claim.id,
    marketplace: claim.marketplace,
    shopId: claim.shopId,
    verification: { status: claim.status, decidedAt: claim.decidedAt === null ? null : iso(claim.decidedAt), reasons: claim.reasons },
    proofs: proofs.map((row) => ({ id: row.id, fileName: row.fileName, mime: row.mime, bytes: row.bytes, sha256: row.sha256, uploadedAt: iso(row.uploadedAt) })),
    createdAt: iso(claim.createdAt),
  };
}

/** Records a claim with its proofs, pending staff verification, in one transaction. */
export async function addShopClaim(deps: { store: Store; blobs: BlobStore }, principal: Principal, upload: ShopClaimUpload, now = Date.now()): Promise<ShopClaim> {
  requireSellerTenant(principal);
  const id = uuidv7(now);
  const tenantId = principal.tenant.id;
  await deps.store.transaction(async (tx) => {
    const proofs = [];
    for (const [position, proof] of upload.proofs.entries()) {
      // Content-addressed: a blob left by a rolled-back transaction is unreferenced, never wrong.
      await deps.blobs.put(proof.bytes);
      proofs.push({
        id: uuidv7(now),
        claimId: id,
        position,
        tenantId,
        fileName: proof.fileName,
        mime: proof.mime,
        bytes: proof.bytes.byteLength,
        sha256: proof.sha256,
        uploadedAt: now,
        uploadedBy: principal.user.id,
      });
    }
    await tx.insertShopClaim(
      { id, tenantId, marketplace: upload.data.marketplace, shopId: upload.data.shopId, status: 'pending', createdAt: now, createdBy: principal.user.id },
      proofs,
    );
  });
  const record = await deps.store.findShopClaim({ id, tenantId });
  if (!record) throw new Error(`shop claim ${id} not readable after write`);
  return toShopClaim(record);
}

export async function listShopClaims(store: Store, principal: Principal): Promise<ShopClaim[]> {
  requireSellerTenant(principal);
  return (await store.listShopClaims(principal.tenant.id)).map(toShopClaim);
}

export async function listShopClaimsForAdmin(store: Store, status: ShopClaimStatus | undefined): Promise<AdminShopClaimList> {
  const records = await store.listShopClaimsByStatus(status ?? null);
  return { items: records.map((record) => ({ ...toShopClaim(record), tenant: { id: record.claim.tenantId, name: record.tenantName } })) };
}

/**
 * Verifies or rejects a claim, once. A shop has one verified owner at a time:
 * verifying a second claim on it is 409 `already_decided` (its ownership is
 * already decided), raised by the unique index so that two verifications
 * racing each other cannot both land. The seller's owner is told by a notice
 * sent in the same transaction.
 */
export async function decideShopClaim(store: Store, adminId: string, claimId: string, request: VerificationDecisionRequest, now = Date.now()): Promise<ShopClaimDecision> {
  try {
    return await store.transaction(async (tx) => {
      const record = await tx.findShopClaim({ id: claimId, tenantId: null });
      if (!record) throw new AppError('not_found');
      const status = request.decision === 'approve' ? 'verified' : 'rejected';
      const reasons = request.reasons ? request.reasons : null;
      if ((await tx.decideShopClaim({ claimId, status, at: now, by: adminId, reasons })) === 0) throw new AppError('already_decided');
      const owner = await tx.findTenantOwner(record.claim.tenantId);
      if (owner) {
        const { marketplace, shopId } = record.claim;
        const recipient = { userId: owner.id };
        if (status === 'verified') await notify(tx, { kind: 'shop_verified', recipient, subjectId: claimId, params: { marketplace, shopId } }, now);
        else await notify(tx, { kind: 'shop_rejected', recipient, subjectId: claimId, params: { marketplace, shopId, reasons: reasons ?? '' } }, now);
      }
      return { status, decidedAt: iso(now), reasons };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw new AppError('already_decided', { detail: 'another claim on this shop is verified', cause: error });
    throw error;
  }
}

// ---------------------------------------------------------------- the seller's view

/**
 * A listing the seller's verified claim matched: its marketplace and shop id
 * are set by construction. `counterNotices` are those on the seller's listings.
 */
function toSellerListing(row: ComplaintListingRow, counterNotices: readonly CounterNoticeRecord[], sellerTenantId: string): SellerListing {
  return {
    id: row.id,
    position: row.position,
    marketplace: row.marketplace as SellerListing['marketplace'],
    shopId: row.shopId ?? '',
    canonicalUrl: row.canonicalUrl ?? row.url,
    outcome: row.outcome,
    statement: row.statement,
    decidedAt: row.decidedAt === null ? null : iso(row.decidedAt),
    measure: row.measure,
    ...sellerCounterNoticeFields(row, counterNotices, sellerTenantId),
  };
}

/** GET /api/seller/complaints: filed complaints naming the seller's verified shops, with only its own listings. */
export async function listSellerComplaints(store: Store, principal: Principal): Promise<SellerComplaintList> {
  requireSellerTenant(principal);
  const rows = await store.listSellerListings({ tenantId: principal.tenant.id, limit: SELLER_LISTING_LIMIT });
  const counterNotices = await store.listCounterNoticesOfListings(rows.map((row) => row.listing.id));
  const items: SellerComplaintList['items'] = [];
  for (const { complaint, listing } of rows) {
    let item = items.at(-1);
    if (item?.id !== complaint.id) {
      item = { id: complaint.id, state: complaint.state, reason: complaint.reason, submittedAt: iso(complaint.submittedAt ?? complaint.createdAt), listings: [] };
      items.push(item);
    }
    item.listings.push(toSellerListing(listing, counterNotices, principal.tenant.id));
  }
  return { items };
}

/**
 * GET /api/seller/complaints/{id}. A complaint naming none of the seller's
 * verified shops is a 404, like any other tenant's record. The answer names
 * the complainant (legal name and contact e-mail only), so the read itself is
 * a disclosure: it is recorded, with its audit entry, in the transaction that
 * builds the answer, before anything is sent.
 */
export async function getSellerComplaint(store: Store, principal: Principal, id: string, now = Date.now()): Promise<SellerComplaint> {
  requireSellerTenant(principal);
  return store.transaction(async (tx) => {
    const own = await tx.findSellerListings({ tenantId: principal.tenant.id, complaintId: id });
    if (own.length === 0) throw new AppError('not_found');
    const record = await tx.findComplaint({ id, tenantId: null });
    const complainant = record?.complaint.complainant;
    if (!record || !complainant) throw new AppError('not_found');
    const { complaint } = record;
    const right = complaint.rightId === null ? undefined : await tx.findRight({ id: complaint.rightId, tenantId: null });
    const captureIds = [...new Set(own.flatMap((listing) => listing.captureIds))];
    const captures = await tx.findEvidenceCaptures({ tenantId: complaint.tenantId, ids: captureIds });
    const counterNotices = await tx.listCounterNoticesOfListings(own.map((listing) => listing.id));
    // One shared rule decides what the seller sees and what the record says was disclosed.
    const disclosure = discloseComplainantToSeller(complainant);
    const disclosureId = await recordDisclosure(tx, {
      at: now,
      recipient: principal,
      complainantTenantId: complaint.tenantId,
      complaintId: complaint.id,
      fields: disclosure.fields,
      legalBasis: disclosure.legalBasis,
    });
    return {
      id: complaint.id,
      state: complaint.state,
      reason: complaint.reason,
      explanation: complaint.explanation,
      submittedAt: iso(complaint.submittedAt ?? complaint.createdAt),
      right: right ? { type: right.right.type, registrationNumber: right.right.registrationNumber, territories: right.right.territories } : null,
      complainant: disclosure.disclosed,
      listings: own.map((listing) => ({
        ...toSellerListing(listing, counterNotices, principal.tenant.id),
        location: listing.location,
        evidence: listing.captureIds.flatMap((captureId) => {
          const capture = captures.find((row) => row.id === captureId);
          if (!capture) return [];
          return [
            {
              id: capture.id,
              url: capture.url,
              title: capture.title,
              capturedAt: capture.capturedAt,
              receivedAt: iso(capture.receivedAt),
              sha256: capture.screenshotSha256,
              width: capture.width,
              height: capture.height,
            },
          ];
        }),
      })),
      disclosureId,
    };
  });
}

/**
 * The re-encoded image of a capture attached to one of the seller's own
 * listings of the complaint; any other capture (another shop's listing,
 * another complaint) is a 404. The original bytes stay with the complainant
 * and staff.
 */
export async function readSellerCaptureImage(
  deps: { store: Store; blobs: BlobStore },
  principal: Principal,
  complaintId: string,
  captureId: string,
  size: 'display' | 'thumb',
): Promise<{ bytes: Uint8Array<ArrayBuffer>; mime: string }> {
  requireSellerTenant(principal);
  const own = await deps.store.findSellerListings({ tenantId: principal.tenant.id, complaintId });
  if (!own.some((listing) => listing.captureIds.includes(captureId))) throw new AppError('not_found');
  // The evidence is the complainant's: its captures are looked up in the complaint's tenant.
  const [capture] = await deps.store.findEvidenceCaptures({ tenantId: own[0]!.tenantId, ids: [captureId] });
  if (!capture) throw new AppError('not_found');
  const thumb = size === 'thumb';
  return { bytes: await readBlob(deps.blobs, thumb ? capture.thumbSha256 : capture.displaySha256), mime: thumb ? THUMB_MIME : DISPLAY_MIME };
}

