import {
  CAPTURES_PER_LISTING_MAX,
  MAX_LISTINGS_PER_COMPLAINT,
  REASONS_BY_RIGHT_TYPE,
  locationFromMarks,
  marksOf,
  recognizeListing,
  type Capture,
  type Complaint,
  type ComplaintInput,
  type ComplaintListingInput,
  type ComplaintRightOption,
  type ListingLocation,
  type ReasonCode,
} from '@openipp/shared';

/** The key two URLs of one listing share: the canonical form where the URL is recognisable. */
export function listingKey(url: string): string {
  return recognizeListing(url)?.canonicalUrl ?? url.trim();
}

export interface AddResult {
  input: ComplaintInput;
  /** New listings made. */
  added: number;
  /** Captures attached to a listing already in the complaint (the same canonical listing). */
  merged: number;
  /** Captures left out: the complaint is full, or the listing holds the most captures it may. */
  skipped: number;
}

/**
 * Adds captures as listings, in the order given. Captures of a listing that is
 * already in the complaint become more evidence for it rather than a second
 * listing, which the server would refuse as a duplicate.
 */
export function addCaptures(input: ComplaintInput, captures: readonly Pick<Capture, 'id' | 'url'>[], max = MAX_LISTINGS_PER_COMPLAINT): AddResult {
  // A capture marked on the page (issue #7) brings its location along: no marking again in the builder.
  const listings = input.listings.map((listing) => ({ ...listing, captureIds: [...listing.captureIds] }));
  const byKey = new Map<string, ComplaintListingInput>();
  for (const listing of listings) if (!byKey.has(listingKey(listing.url))) byKey.set(listingKey(listing.url), listing);
  let added = 0;
  let merged = 0;
  let skipped = 0;
  for (const capture of captures) {
    const key = listingKey(capture.url);
    const existing = byKey.get(key);
    if (existing) {
      if (existing.captureIds.includes(capture.id)) continue;
      if (existing.captureIds.length >= CAPTURES_PER_LISTING_MAX) {
        skipped++;
        continue;
      }
      existing.captureIds.push(capture.id);
      // Not by a region: a listing's region is drawn on, and relative to, its first capture.
      const location = locationFromMarks(marksOf(capture));
      if (existing.location === null && location && location.kind !== 'region') existing.location = location;
      merged++;
    } else if (listings.length < max) {
      const listing: ComplaintListingInput = { url: capture.url, captureIds: [capture.id], location: locationFromMarks(marksOf(capture)) };
      listings.push(listing);
      byKey.set(key, listing);
      added++;
    } else {
      skipped++;
    }
  }
  return { input: { ...input, listings }, added, merged, skipped };
}

export function removeListing(input: ComplaintInput, index: number): ComplaintInput {
  return { ...input, listings: input.listings.filter((_, position) => position !== index) };
}

export function setLocation(input: ComplaintInput, index: number, location: ListingLocation | null): ComplaintInput {
  return { ...input, listings: input.listings.map((listing, position) => (position === index ? { ...listing, location } : listing)) };
}

/** The rights on offer for the chosen principal (null: the tenant's own rights). */
export function rightsFor(rights: readonly ComplaintRightOption[], principalId: string | null): ComplaintRightOption[] {
  return rights.filter((right) => right.principalId === principalId);
}

/** The reasons a right of this type can ground; every reason before a right is chosen is none. */
export function reasonsFor(right: ComplaintRightOption | undefined): readonly ReasonCode[] {
  return right ? REASONS_BY_RIGHT_TYPE[right.type] : [];
}

/** A new principal keeps the right only if that principal owns it, and the reason only with the right. */
export function withPrincipal(input: ComplaintInput, principalId: string | null, rights: readonly ComplaintRightOption[]): ComplaintInput {
  const right = rights.find((option) => option.id === input.rightId);
  if (right && right.principalId === principalId) return { ...input, principalId };
  return { ...input, principalId, rightId: null, reason: null };
}

/** A new right keeps the reason only if the reason fits the new right's type. */
export function withRight(input: ComplaintInput, rightId: string | null, rights: readonly ComplaintRightOption[]): ComplaintInput {
  const right = rights.find((option) => option.id === rightId);
  const reason = input.reason !== null && reasonsFor(right).includes(input.reason) ? input.reason : null;
  return { ...input, rightId, reason };
}

/** A saved draft back in the builder's shape, to edit it. */
export function inputOfComplaint(complaint: Complaint): ComplaintInput {
  return {
    principalId: complaint.principal?.id ?? null,
    rightId: complaint.right?.id ?? null,
    reason: complaint.reason,
    explanation: complaint.explanation,
    goodFaith: complaint.goodFaith,
    accuracy: complaint.accuracy,
    listings: [...complaint.listings]
      .sort((a, b) => a.position - b.position)
      .map((listing) => ({ url: listing.url, captureIds: [...listing.captureIds], location: listing.location })),
  };
}
