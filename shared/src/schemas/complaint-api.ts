import { z } from 'zod';
import {
  ComplainantSchema,
  ComplaintEventSchema,
  ComplaintRightSchema,
  ComplaintStateSchema,
  EXPLANATION_MAX_LENGTH,
  ListingLocationSchema,
  ListingOutcomeSchema,
  QualificationProblemSchema,
  ReasonCodeSchema,
  type ComplaintDraft,
  type ComplaintRight,
  type Complainant,
} from './complaint';
import { LIMITS } from '../limits';

/**
 * The complaint API (issue #4): what the builders send, what the server
 * answers, and the one function both use to turn a builder's input plus the
 * server's facts into the draft `qualifyNotice` judges. Keeping that step here
 * is what makes the extension's live verdict and the server's verdict the same.
 */

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * Hard cap on one request's listings. Above MAX_LISTINGS_PER_COMPLAINT the
 * server answers `too_many_listings`; beyond this the body is not even parsed.
 */
export const COMPLAINT_LISTINGS_WIRE_MAX = 1_000;
export const CAPTURES_PER_LISTING_MAX = 50;

export const ComplaintListingInputSchema = z.strictObject({
  /** As the user gave it; the server canonicalises it. */
  url: z.string().max(LIMITS.urlMaxLength),
  /** The tenant's own captures (server ids from the capture receipts). */
  captureIds: z.array(z.string().min(1).max(64)).max(CAPTURES_PER_LISTING_MAX),
  location: ListingLocationSchema.nullable(),
});
export type ComplaintListingInput = z.infer<typeof ComplaintListingInputSchema>;

/**
 * POST /api/complaints (with `Idempotency-Key`), PUT /api/complaints/{id}
 * (drafts only) and POST /api/complaints/check. Deliberately permissive like
 * ComplaintDraftSchema: drafts are saved incomplete; qualification says what
 * is missing.
 */
export const ComplaintInputSchema = z.strictObject({
  /** The represented rights holder; agencies only. */
  principalId: z.string().min(1).max(64).nullable(),
  rightId: z.string().min(1).max(64).nullable(),
  reason: ReasonCodeSchema.nullable(),
  explanation: z.string().max(EXPLANATION_MAX_LENGTH),
  goodFaith: z.boolean(),
  accuracy: z.boolean(),
  listings: z.array(ComplaintListingInputSchema).max(COMPLAINT_LISTINGS_WIRE_MAX),
});
export type ComplaintInput = z.infer<typeof ComplaintInputSchema>;

/** POST /api/complaints: `submit: false` saves a draft; `true` files it (it must qualify). */
export const CreateComplaintRequestSchema = ComplaintInputSchema.extend({ submit: z.boolean() });
export type CreateComplaintRequest = z.infer<typeof CreateComplaintRequestSchema>;

export function emptyComplaintInput(): ComplaintInput {
  return { principalId: null, rightId: null, reason: null, explanation: '', goodFaith: false, accuracy: false, listings: [] };
}

/** A right as the builders offer it: what qualification needs plus what people read. */
export const ComplaintRightOptionSchema = ComplaintRightSchema.extend({
  registrationNumber: z.string(),
  /** The agency principal that owns it; null: the tenant's own right. */
  principalId: z.string().nullable(),
});
export type ComplaintRightOption = z.infer<typeof ComplaintRightOptionSchema>;

/**
 * GET /api/complaints/context — everything a builder needs besides the
 * captures: the complainant as it would go on the notice (identity and current
 * contacts), the rights, and for agencies the approved principals.
 */
export const ComplaintContextSchema = z.object({
  tenantKind: z.enum(['rights_holder', 'agency', 'seller', 'platform']),
  /** Filing is closed until staff verify the identity (403 identity_not_verified). */
  identityVerified: z.boolean(),
  complainant: ComplainantSchema.nullable(),
  rights: z.array(ComplaintRightOptionSchema),
  principals: z.array(z.object({ id: z.string(), legalName: z.string() })),
  /** Server time the context was read: what validity dates are judged against. */
  serverTime: isoDateTime,
});
export type ComplaintContext = z.infer<typeof ComplaintContextSchema>;

/** What the server knows that the builder's input only names by id. */
export interface ComplaintFacts {
  rights: readonly ComplaintRightOption[];
  complainant: Complainant | null;
  /** Capture ids whose stored bytes match the SHA-256 in their receipt. */
  verifiedCaptureIds: ReadonlySet<string>;
}

/**
 * The draft `qualifyNotice` judges, from a builder's input and the server's
 * facts. Unknown ids count as missing or unverified here; the server refuses
 * them outright on filing (404), but the live check and `/check` must agree.
 * A right owned by a different principal than the one picked is not on offer.
 */
export function complaintDraftOf(input: ComplaintInput, facts: ComplaintFacts): ComplaintDraft {
  const option = input.rightId === null ? undefined : facts.rights.find((right) => right.id === input.rightId);
  const right: ComplaintRight | null =
    option === undefined || option.principalId !== (input.principalId ?? null)
      ? null
      : {
          id: option.id,
          type: option.type,
          status: option.status,
          validFrom: option.validFrom,
          validUntil: option.validUntil,
          territories: option.territories,
        };
  return {
    principalId: input.principalId,
    right,
    reason: input.reason,
    explanation: input.explanation,
    goodFaith: input.goodFaith,
    accuracy: input.accuracy,
    complainant: facts.complainant,
    listings: input.listings.map((listing) => ({
      url: listing.url,
      captureIds: listing.captureIds,
      verifiedCaptureIds: listing.captureIds.filter((id) => facts.verifiedCaptureIds.has(id)),
      location: listing.location,
    })),
  };
}

/** POST /api/complaints/check — the server's verdict on an input, nothing written. */
export const ComplaintCheckSchema = z.object({ problems: z.array(QualificationProblemSchema) });
export type ComplaintCheck = z.infer<typeof ComplaintCheckSchema>;

export const ComplaintListingSchemaOut = z.object({
  id: z.string(),
  /** 1-based, the order the complainant gave. */
  position: z.number().int(),
  url: z.string(),
  canonicalUrl: z.string(),
  marketplace: z.string(),
  listingId: z.string().nullable(),
  shopId: z.string().nullable(),
  jurisdiction: z.string().nullable(),
  captureIds: z.array(z.string()),
  location: ListingLocationSchema.nullable(),
  outcome: ListingOutcomeSchema,
});
export type ComplaintListingOut = z.infer<typeof ComplaintListingSchemaOut>;

export const ComplaintTransitionSchema = z.object({
  from: ComplaintStateSchema.nullable(),
  to: ComplaintStateSchema,
  event: ComplaintEventSchema.nullable(),
  actor: z.object({ id: z.string(), email: z.string() }),
  at: isoDateTime,
});
export type ComplaintTransition = z.infer<typeof ComplaintTransitionSchema>;

/** GET /api/complaints/{id} */
export const ComplaintSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  state: ComplaintStateSchema,
  principal: z.object({ id: z.string(), legalName: z.string() }).nullable(),
  right: z.object({ id: z.string(), type: ComplaintRightSchema.shape.type, registrationNumber: z.string() }).nullable(),
  reason: ReasonCodeSchema.nullable(),
  explanation: z.string(),
  goodFaith: z.boolean(),
  accuracy: z.boolean(),
  /** The complainant as filed (identity and contacts at submission); null for drafts. */
  complainant: ComplainantSchema.nullable(),
  listings: z.array(ComplaintListingSchemaOut),
  /** Oldest first; the first one is the creation (from null). */
  transitions: z.array(ComplaintTransitionSchema),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
});
export type Complaint = z.infer<typeof ComplaintSchema>;

export const ComplaintSummarySchema = z.object({
  id: z.string(),
  state: ComplaintStateSchema,
  reason: ReasonCodeSchema.nullable(),
  right: ComplaintSchema.shape.right,
  principal: ComplaintSchema.shape.principal,
  listingCount: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
});
export type ComplaintSummary = z.infer<typeof ComplaintSummarySchema>;

/** GET /api/complaints?state=&limit=&cursor= — newest first, keyset-paginated. */
export const ComplaintListSchema = z.object({
  items: z.array(ComplaintSummarySchema),
  nextCursor: z.string().optional(),
});
export type ComplaintList = z.infer<typeof ComplaintListSchema>;

/** POST /api/complaints/{id}/withdraw — the complainant's own move from any open state. */
export const WithdrawComplaintRequestSchema = z.strictObject({ note: z.string().trim().max(2_000).optional() });

/**
 * GET /api/complaints/lookup?url= — is this canonical listing already in one of
 * the caller's tenant's open complaints? Drives "already reported" in the
 * builders and the extension badge.
 */
export const ListingLookupSchema = z.object({
  /** null when the URL is not an http(s) URL at all. */
  canonicalUrl: z.string().nullable(),
  reports: z.array(z.object({ complaintId: z.string(), state: ComplaintStateSchema, submittedAt: isoDateTime.nullable() })),
});
export type ListingLookup = z.infer<typeof ListingLookupSchema>;

/**
 * GET /api/complaints/stats — the complainant's record, computed from the
 * complaints themselves. Complaint counts and listing counts are kept apart:
 * one complaint may hold 300 listings with different outcomes.
 */
export const ComplainantStatsSchema = z.object({
  complaints: z.object({
    /** Ever filed (left the draft state). */
    submitted: z.number().int(),
    open: z.number().int(),
    decided: z.number().int(),
    withdrawn: z.number().int(),
  }),
  listings: z.object({
    upheld: z.number().int(),
    rejected: z.number().int(),
    pending: z.number().int(),
    /** Upheld, then reversed after a seller's counter-notice. */
    reversed: z.number().int(),
  }),
  /** Median hours from submission to decision over decided complaints; null when none. */
  medianHoursToDecision: z.number().nullable(),
});
export type ComplainantStats = z.infer<typeof ComplainantStatsSchema>;
