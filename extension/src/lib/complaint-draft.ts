import { z } from 'zod';
import {
  CAPTURES_PER_LISTING_MAX,
  ComplaintInputSchema,
  ComplaintListingInputSchema,
  MAX_LISTINGS_PER_COMPLAINT,
  complaintDraftOf,
  emptyComplaintInput,
  isReceiptComplete,
  locationFromMarks,
  qualifyNotice,
  recognizeListing,
  type ComplaintContext,
  type ComplaintFacts,
  type ComplaintInput,
  type ListingLocation,
  type QualificationProblem,
} from '@openipp/shared';
import type { QueueEntry } from './queue';
import { complaintDraftItem } from './storage';

/**
 * The complaint draft the extension builds (issue #4): pure edits on a
 * ComplaintInput, the facts the live verdict needs, and the verdict itself.
 *
 * How captures are named: a listing holds the server ids of its captures (the
 * receipt ids), because that is what the server checks and files. A capture
 * added before its upload finished is named by its local queue id instead;
 * when its receipt arrives the sync swaps the server id in (adoptReceiptInDraft),
 * and the builder does the same whenever it sees the queue change, in case the
 * draft was written by another context meanwhile. Until then the local id is
 * simply an unverified capture to both the live check and the server.
 */

/** A capture as the draft names it, with the page it shows. */
export interface CaptureRef {
  id: string;
  url: string;
  /** Where the marks made on the page before the capture point (issue #7, part 3); absent when unmarked. */
  location?: ListingLocation;
}

export function captureRefOf(entry: QueueEntry): CaptureRef {
  const location = locationFromMarks(entry.meta.marks);
  return { id: entry.receipt?.id ?? entry.id, url: entry.meta.url, ...(location ? { location } : {}) };
}

/** Two URLs of the same listing share this key (the canonical URL when recognised). */
export function listingKey(url: string): string {
  return recognizeListing(url)?.canonicalUrl ?? url.trim();
}

export interface AddCapturesResult {
  input: ComplaintInput;
  /** New listings created. */
  listings: number;
  /** Captures attached, to new or existing listings. */
  attached: number;
  /** Captures left out: the complaint or the listing was full. */
  skipped: number;
}

/**
 * Adds a batch of captures: each becomes a listing, except that captures of a
 * listing already in the draft (same canonical URL) join it as further
 * evidence, so one batch never creates a duplicate listing.
 */
export function addCaptures(input: ComplaintInput, refs: readonly CaptureRef[]): AddCapturesResult {
  const listings = input.listings.map((listing) => ({ ...listing, captureIds: [...listing.captureIds] }));
  const byKey = new Map<string, number>();
  listings.forEach((listing, index) => {
    if (!byKey.has(listingKey(listing.url))) byKey.set(listingKey(listing.url), index);
  });
  const named = new Set(listings.flatMap((listing) => listing.captureIds));
  let created = 0;
  let attached = 0;
  let skipped = 0;
  for (const ref of refs) {
    if (named.has(ref.id)) continue;
    const key = listingKey(ref.url);
    const existing = byKey.get(key);
    if (existing !== undefined) {
      const listing = listings[existing]!;
      if (listing.captureIds.length >= CAPTURES_PER_LISTING_MAX) {
        skipped += 1;
        continue;
      }
      listing.captureIds.push(ref.id);
      // A marked capture locates a listing that has none yet; one the user set is kept. Not by a
      // region: a listing's region is drawn on, and relative to, its first capture, not this one.
      if (listing.location === null && ref.location && ref.location.kind !== 'region') listing.location = ref.location;
    } else {
      if (listings.length >= MAX_LISTINGS_PER_COMPLAINT) {
        skipped += 1;
        continue;
      }
      byKey.set(key, listings.length);
      listings.push({ url: ref.url, captureIds: [ref.id], location: ref.location ?? null });
      created += 1;
    }
    named.add(ref.id);
    attached += 1;
  }
  return { input: { ...input, listings }, listings: created, attached, skipped };
}

export function removeListing(input: ComplaintInput, index: number): ComplaintInput {
  return { ...input, listings: input.listings.filter((_, i) => i !== index) };
}

export function removeCapture(input: ComplaintInput, index: number, captureId: string): ComplaintInput {
  return {
    ...input,
    listings: input.listings.map((listing, i) =>
      i === index ? { ...listing, captureIds: listing.captureIds.filter((id) => id !== captureId) } : listing,
    ),
  };
}

export function setLocation(input: ComplaintInput, index: number, location: ListingLocation | null): ComplaintInput {
  return {
    ...input,
    listings: input.listings.map((listing, i) => (i === index ? { ...listing, location } : listing)),
  };
}

/**
 * Changing the principal takes the right with it when the right belongs to
 * someone else: a right is only on offer for its own principal.
 */
export function setPrincipal(input: ComplaintInput, principalId: string | null, context: ComplaintContext): ComplaintInput {
  const right = context.rights.find((option) => option.id === input.rightId);
  const keepsRight = right !== undefined && right.principalId === principalId;
  return { ...input, principalId, rightId: keepsRight ? input.rightId : null };
}

/**
 * Local queue ids swapped for server ids wherever a receipt is known. Returns
 * the same object when nothing changed, so callers can skip the write.
 */
export function adoptReceipts(input: ComplaintInput, serverIdOf: (id: string) => string | undefined): ComplaintInput {
  let changed = false;
  const listings = input.listings.map((listing) => {
    if (!listing.captureIds.some((id) => serverIdOf(id) !== undefined)) return listing;
    changed = true;
    const ids = listing.captureIds.map((id) => serverIdOf(id) ?? id);
    return { ...listing, captureIds: [...new Set(ids)] };
  });
  return changed ? { ...input, listings } : input;
}

export function receiptLookup(entries: readonly QueueEntry[]): (id: string) => string | undefined {
  const map = new Map<string, string>();
  for (const entry of entries) if (entry.receipt) map.set(entry.id, entry.receipt.id);
  return (id) => map.get(id);
}

/**
 * Read-modify-write of the stored draft from contexts that do not hold a
 * DraftStore (the popup, the sync). Writes only when the change changed it.
 */
export async function updateStoredDraft(change: (input: ComplaintInput) => ComplaintInput): Promise<ComplaintInput> {
  const current = parseStoredDraft(await complaintDraftItem.getValue()).input;
  const next = change(current);
  if (next !== current) await complaintDraftItem.setValue(next);
  return next;
}

/** Called by the sync once a capture's receipt is in: the draft now names it by its server id. */
export async function adoptReceiptInDraft(localId: string, serverId: string): Promise<void> {
  const stored = await complaintDraftItem.getValue();
  if (stored === null) return;
  await updateStoredDraft((input) => adoptReceipts(input, (id) => (id === localId ? serverId : undefined)));
}

/**
 * Server ids of the user's captures that are evidence the server can stand
 * behind: the receipt names the very SHA-256 this device computed before the
 * upload, and every artefact it declared is in (a capture still missing
 * some is refused as evidence: capture_incomplete). Captures of other
 * accounts on this browser are not the user's to file.
 */
export function verifiedCaptureIds(entries: readonly QueueEntry[], userId: string): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (entry.ownerId !== userId || !entry.receipt || !entry.sha256 || !isReceiptComplete(entry.receipt)) continue;
    if (entry.receipt.sha256.toLowerCase() === entry.sha256) ids.add(entry.receipt.id);
  }
  return ids;
}

export function factsOf(context: ComplaintContext, verified: ReadonlySet<string>): ComplaintFacts {
  return { rights: context.rights, complainant: context.complainant, verifiedCaptureIds: verified };
}

/** The live verdict: exactly what the server's /complaints/check answers for the same input and facts. */
export function judgeDraft(input: ComplaintInput, facts: ComplaintFacts, now: Date): QualificationProblem[] {
  return qualifyNotice(complaintDraftOf(input, facts), { now });
}

/**
 * Like the wire schema, except that a region is taken as any four numbers:
 * a region outside the capture is a problem the verdict names
 * (listing_location_invalid), not a reason to throw the draft away.
 */
const StoredLocationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('region'), x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  z.strictObject({ kind: z.literal('element'), selector: z.string(), excerpt: z.string() }),
  z.strictObject({ kind: z.literal('text'), quote: z.string() }),
]);
const StoredDraftSchema = ComplaintInputSchema.extend({
  listings: z.array(ComplaintListingInputSchema.extend({ location: StoredLocationSchema.nullable() })),
});

/** The stored value as a draft; `valid` false when it is not one (written by something else). */
export function parseStoredDraft(raw: unknown): { input: ComplaintInput; valid: boolean } {
  if (raw === null || raw === undefined) return { input: emptyComplaintInput(), valid: true };
  const parsed = StoredDraftSchema.safeParse(raw);
  return parsed.success ? { input: parsed.data, valid: true } : { input: emptyComplaintInput(), valid: false };
}

/** JSON with sorted keys: two requests are the same submission when this matches. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
