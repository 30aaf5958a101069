import { listingJurisdiction, recognizeListing, type RecognizedListing } from '../marketplaces';
import {
  EXPLANATION_MIN_LENGTH,
  MAX_LISTINGS_PER_COMPLAINT,
  WORLDWIDE,
  reasonFitsRightType,
  type ComplaintDraft,
  type ComplaintListing,
  type QualificationProblem,
} from '../schemas/complaint';

/**
 * Is this draft a qualified notice (MISSION item 7)? The same function runs
 * live in the extension while the user edits and on the server at submission,
 * so both sides give the same verdict. Each missing element is its own problem
 * — the element-by-element lists of China E-Commerce Law Art. 42, EU DSA
 * Art. 16 and US DMCA §512(c)(3). An empty list means qualified.
 *
 * Pure and fast: the draft is already typed (the server zod-parses it before
 * calling this), so nothing here parses or compiles; each listing URL is
 * recognised exactly once.
 */
export interface QualifyContext {
  /** The moment validity is judged at. A right is valid through whole UTC days. */
  now: Date | string;
}

// Deliberately loose: one @, something on each side, a dot in the domain.
// Deliverability is proven by verification elsewhere, not here.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function qualifyNotice(draft: ComplaintDraft, context: QualifyContext): QualificationProblem[] {
  const problems: QualificationProblem[] = [];
  checkRight(draft, context, problems);
  checkReason(draft, problems);
  checkListings(draft.listings, draft.right, problems);
  checkExplanation(draft.explanation, problems);
  if (!draft.goodFaith) problems.push({ code: 'good_faith_missing', path: 'goodFaith' });
  if (!draft.accuracy) problems.push({ code: 'accuracy_missing', path: 'accuracy' });
  checkComplainant(draft, problems);
  return problems;
}

export function isQualified(draft: ComplaintDraft, context: QualifyContext): boolean {
  return qualifyNotice(draft, context).length === 0;
}

function utcDay(now: Date | string): string {
  // toISOString throws a RangeError on an invalid date: a caller bug, not a draft problem.
  return (typeof now === 'string' ? new Date(now) : now).toISOString().slice(0, 10);
}

function checkRight(draft: ComplaintDraft, context: QualifyContext, problems: QualificationProblem[]): void {
  const right = draft.right;
  if (right === null) {
    problems.push({ code: 'right_missing', path: 'right' });
    return;
  }
  if (right.status === 'pending') problems.push({ code: 'right_not_verified', path: 'right.status' });
  else if (right.status === 'rejected') problems.push({ code: 'right_rejected', path: 'right.status' });

  // YYYY-MM-DD strings order the same way as the days they name.
  const today = utcDay(context.now);
  if (today < right.validFrom) {
    problems.push({ code: 'right_not_yet_valid', path: 'right.validFrom', params: { validFrom: right.validFrom } });
  }
  if (today > right.validUntil) {
    problems.push({ code: 'right_expired', path: 'right.validUntil', params: { validUntil: right.validUntil } });
  }

  // Territory is judged per listing (checkListings): one complaint may name
  // listings on marketplaces in different jurisdictions.
}

function checkReason(draft: ComplaintDraft, problems: QualificationProblem[]): void {
  if (draft.reason === null) {
    problems.push({ code: 'reason_missing', path: 'reason' });
    return;
  }
  // Without a right there is no type to fit; right_missing already says so.
  if (draft.right !== null && !reasonFitsRightType(draft.reason, draft.right.type)) {
    problems.push({
      code: 'reason_mismatch',
      path: 'reason',
      params: { reason: draft.reason, rightType: draft.right.type },
    });
  }
}

function checkListings(
  listings: readonly ComplaintListing[],
  right: ComplaintDraft['right'],
  problems: QualificationProblem[],
): void {
  if (listings.length === 0) {
    problems.push({ code: 'listings_missing', path: 'listings' });
    return;
  }
  if (listings.length > MAX_LISTINGS_PER_COMPLAINT) {
    problems.push({
      code: 'listings_too_many',
      path: 'listings',
      params: { count: listings.length, max: MAX_LISTINGS_PER_COMPLAINT },
    });
  }
  // canonical URL → index of the first listing that named it
  const seen = new Map<string, number>();
  for (let i = 0; i < listings.length; i++) {
    const listing = listings[i]!;
    // Paths are built only when a problem is found: most listings have none.
    const recognized = checkListingUrl(listing.url, i, seen, problems);
    if (recognized !== null && right !== null) checkTerritory(recognized, right.territories, i, problems);
    checkLocation(listing, i, problems);
    checkEvidence(listing, i, problems);
  }
}

function checkListingUrl(
  url: string,
  index: number,
  seen: Map<string, number>,
  problems: QualificationProblem[],
): RecognizedListing | null {
  const number = index + 1;
  const recognized = recognizeListing(url);
  if (recognized === null) {
    problems.push({ code: 'listing_url_invalid', path: `listings.${index}.url`, params: { listing: number } });
    return null;
  }
  if (recognized.flags.includes('short_link')) {
    // A share link hides which listing it means until someone resolves it.
    problems.push({ code: 'listing_url_short_link', path: `listings.${index}.url`, params: { listing: number } });
  } else if (
    (recognized.marketplace !== 'generic' && recognized.listingId === null) ||
    recognized.flags.includes('marketplace_page')
  ) {
    // A marketplace page that shows no single listing: a shop front, search
    // results, the home page. Pages on no known marketplace stay acceptable:
    // an independent web shop's product page has no listing id to recognise.
    problems.push({
      code: 'listing_url_not_listing',
      path: `listings.${index}.url`,
      params: { listing: number },
    });
  }
  const first = seen.get(recognized.canonicalUrl);
  if (first === undefined) {
    seen.set(recognized.canonicalUrl, index);
  } else {
    problems.push({ code: 'listing_duplicate', path: `listings.${index}.url`, params: { listing: number, first: first + 1 } });
  }
  return recognized;
}

/**
 * A right supports a complaint only where it is in force (MISSION item 6):
 * its territory must cover the jurisdiction each listing is offered in.
 * Listings with no single jurisdiction (cross-border storefronts, pages on
 * generic TLDs) have nothing to compare against.
 */
function checkTerritory(
  recognized: RecognizedListing,
  territories: readonly string[],
  index: number,
  problems: QualificationProblem[],
): void {
  const jurisdiction = listingJurisdiction(recognized);
  if (jurisdiction === null) return;
  for (const territory of territories) {
    const code = territory.toUpperCase();
    if (code === WORLDWIDE || code === jurisdiction) return;
  }
  problems.push({
    code: 'right_territory_mismatch',
    path: `listings.${index}.url`,
    params: { listing: index + 1, jurisdiction, territories: territories.join(', ') },
  });
}

function checkLocation(listing: ComplaintListing, index: number, problems: QualificationProblem[]): void {
  const location = listing.location;
  if (location === null) {
    locationProblem('listing_location_missing', index, problems);
    return;
  }
  switch (location.kind) {
    case 'region': {
      const { x, y, width, height } = location;
      const inside =
        x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= 1 + 1e-9 && y + height <= 1 + 1e-9;
      if (!inside) locationProblem('listing_location_invalid', index, problems);
      return;
    }
    case 'element':
      // The selector is what points; the excerpt only helps a reviewer read it.
      if (location.selector.trim() === '') {
        locationProblem('listing_location_missing', index, problems);
      }
      return;
    case 'text':
      if (location.quote.trim() === '') {
        locationProblem('listing_location_missing', index, problems);
      }
      return;
  }
}

function locationProblem(
  code: 'listing_location_missing' | 'listing_location_invalid',
  index: number,
  problems: QualificationProblem[],
): void {
  problems.push({ code, path: `listings.${index}.location`, params: { listing: index + 1 } });
}

function checkEvidence(listing: ComplaintListing, index: number, problems: QualificationProblem[]): void {
  const { captureIds, verifiedCaptureIds } = listing;
  if (captureIds.length === 0) {
    problems.push({ code: 'listing_evidence_missing', path: `listings.${index}.captureIds`, params: { listing: index + 1 } });
    return;
  }
  // Every attached capture must be one whose hash the server has checked:
  // unverified material has no place in a notice that claims to be true.
  for (let k = 0; k < captureIds.length; k++) {
    if (!verifiedCaptureIds.includes(captureIds[k]!)) {
      problems.push({
        code: 'listing_evidence_unverified',
        path: `listings.${index}.captureIds.${k}`,
        params: { listing: index + 1 },
      });
    }
  }
}

/** Length in code points, so a Chinese explanation is measured by its characters. */
function codePointLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Count a surrogate pair once: skip its low half.
    if (unit < 0xdc00 || unit > 0xdfff) length++;
  }
  return length;
}

function checkExplanation(explanation: string, problems: QualificationProblem[]): void {
  const trimmed = explanation.trim();
  if (trimmed === '') {
    problems.push({ code: 'explanation_missing', path: 'explanation' });
    return;
  }
  const length = codePointLength(trimmed);
  if (length < EXPLANATION_MIN_LENGTH) {
    problems.push({ code: 'explanation_too_short', path: 'explanation', params: { min: EXPLANATION_MIN_LENGTH, length } });
  }
}

function checkComplainant(draft: ComplaintDraft, problems: QualificationProblem[]): void {
  const complainant = draft.complainant;
  if (complainant === null) {
    problems.push({ code: 'complainant_missing', path: 'complainant' });
    return;
  }
  if (complainant.legalName.trim() === '') {
    problems.push({ code: 'complainant_name_missing', path: 'complainant.legalName' });
  }
  const email = complainant.email.trim();
  if (email === '') problems.push({ code: 'complainant_email_missing', path: 'complainant.email' });
  else if (!EMAIL_SHAPE.test(email)) problems.push({ code: 'complainant_email_invalid', path: 'complainant.email' });
}
