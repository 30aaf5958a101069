/**
 * The documents around counter-notices and shop claims, served as they were
 * received (issue #6 parts 1 and 3), and the seller's view of its own
 * counter-notices. Each download is looked up by the caller's tenant and the
 * record's id together: anyone else gets 404, as for any other tenant's record.
 *
 * Who reads what, and why:
 * - The seller's evidence (counter-notice documents): the seller tenant that
 *   filed it, the complainant tenant it was forwarded to (it must weigh the
 *   evidence to decide whether to sue), and staff, who decide restore or retain.
 * - The complainant's proof of an action: the complainant tenant and staff
 *   only. The seller needs to know that proof came in time — that is what
 *   keeps the measure in place, and its counter-notice view says so — but not
 *   the filings themselves: they are the complainant's papers to an authority
 *   or a court, full of personal data beyond the name and e-mail a seller is
 *   given (SELLER_DISCLOSED_FIELDS), and the authority or court serves the
 *   seller with the action itself. Keeping them from the seller also means no
 *   download here discloses a complainant's personal data to a seller, so none
 *   writes a disclosure record; the seller's evidence is its own data.
 * - Shop-claim proofs: the seller tenant that claimed the shop, and admins,
 *   who verify claims.
 */
import { isStaff, type SellerCounterNotice, type SellerListing } from '@openipp/shared';
import type { BlobStore } from '../blobs';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import type { ComplainantProofRow, ComplaintListingRow, CounterNoticeDocumentRow, CounterNoticeRecord, ShopClaimProofRow, Store } from '../store';
import { readBlob } from './captures';
import { toCounterNotice } from './counter-notices';

const iso = (ms: number) => new Date(ms).toISOString();

interface Deps {
  store: Store;
  blobs: BlobStore;
}

export interface Download<Row> {
  row: Row;
  bytes: Uint8Array<ArrayBuffer>;
}

const isComplainantTenant = (principal: Principal): boolean => principal.tenant.kind === 'rights_holder' || principal.tenant.kind === 'agency';

/** The counter-notice as the caller may see it: staff any, a complainant its own complaint's, a seller the one it filed. */
async function visibleCounterNotice(store: Store, principal: Principal, id: string, parties: { seller: boolean }): Promise<CounterNoticeRecord> {
  let record: CounterNoticeRecord | undefined;
  if (isStaff(principal.user.role)) record = await store.findCounterNotice({ id, complainantTenantId: null });
  else if (isComplainantTenant(principal)) record = await store.findCounterNotice({ id, complainantTenantId: principal.tenant.id });
  else if (parties.seller && principal.tenant.kind === 'seller') record = await store.findSellerCounterNotice({ id, sellerTenantId: principal.tenant.id });
  if (!record) throw new AppError('not_found');
  return record;
}

/** GET /api/counter-notices/{id}/evidence/{documentId}: the seller that filed it, the complainant it answers, staff. */
export async function readCounterNoticeEvidence(deps: Deps, principal: Principal, id: string, documentId: string): Promise<Download<CounterNoticeDocumentRow>> {
  const record = await visibleCounterNotice(deps.store, principal, id, { seller: true });
  const row = record.documents.find((doc) => doc.id === documentId);
  if (!row) throw new AppError('not_found');
  return { row, bytes: await readBlob(deps.blobs, row.sha256) };
}

/** GET /api/counter-notices/{id}/proofs/{documentId}: the complainant that lodged it and staff; a seller gets 404 (see above). */
export async function readComplainantProofDocument(deps: Deps, principal: Principal, id: string, documentId: string): Promise<Download<ComplainantProofRow>> {
  const record = await visibleCounterNotice(deps.store, principal, id, { seller: false });
  const row = record.proofs.find((proof) => proof.id === documentId);
  if (!row) throw new AppError('not_found');
  return { row, bytes: await readBlob(deps.blobs, row.sha256) };
}

/**
 * A shop claim's proof document. `tenantId` is the seller tenant whose claim
 * it must be; null for admins, who verify every seller's claims.
 */
export async function readShopClaimProof(deps: Deps, scope: { tenantId: string | null }, claimId: string, documentId: string): Promise<Download<ShopClaimProofRow>> {
  const record = await deps.store.findShopClaim({ id: claimId, tenantId: scope.tenantId });
  const row = record?.proofs.find((proof) => proof.id === documentId);
  if (!row) throw new AppError('not_found');
  return { row, bytes: await readBlob(deps.blobs, row.sha256) };
}

// ---------------------------------------------------------------- the seller's view

export function toSellerCounterNotice(record: CounterNoticeRecord): SellerCounterNotice {
  const { proofs: _withheld, ...counterNotice } = toCounterNotice(record);
  // Proof is only ever accepted within the window, so its first arrival is the answer to "in time?".
  const first = record.proofs[0];
  return { ...counterNotice, proofReceivedAt: first === undefined ? null : iso(first.submittedAt) };
}

/**
 * Whether the seller may file a counter-notice on one of its listings, and
 * the one it filed. Mirrors the filing's own checks (upheld, not restored,
 * none on the listing yet, by any seller: one per listing), so the console
 * offers filing exactly when it would be accepted.
 */
export function sellerCounterNoticeFields(
  listing: ComplaintListingRow,
  counterNotices: readonly CounterNoticeRecord[],
  sellerTenantId: string,
): Pick<SellerListing, 'counterNoticeAllowed' | 'counterNotice'> {
  const filed = counterNotices.find((record) => record.counterNotice.listingId === listing.id);
  return {
    counterNoticeAllowed: listing.outcome === 'upheld' && listing.reversedAt === null && filed === undefined,
    // Another seller's counter-notice (the shop's previous owner) is not this seller's to read.
    counterNotice: filed !== undefined && filed.counterNotice.sellerTenantId === sellerTenantId ? toSellerCounterNotice(filed) : null,
  };
}
