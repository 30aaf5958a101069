import { z } from 'zod';
import { LIMITS } from '../limits';

/**
 * The complaint wire contract (issue #4): rights as a complaint sees them,
 * reason codes per right type, the draft a complainant edits, the problems
 * qualification reports, and the lifecycle vocabulary.
 */

export const RIGHT_TYPES = ['trademark', 'copyright', 'invention_patent', 'utility_patent', 'design_patent'] as const;
export const RightTypeSchema = z.enum(RIGHT_TYPES);
export type RightType = z.infer<typeof RightTypeSchema>;

export const RIGHT_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const RightStatusSchema = z.enum(RIGHT_STATUSES);
export type RightStatus = z.infer<typeof RightStatusSchema>;

export const REASON_CODES = [
  'counterfeit',
  'trademark_misuse',
  'image_copied',
  'text_copied',
  'copyright_other',
  'patent_infringement',
  'design_copied',
] as const;
export const ReasonCodeSchema = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

/**
 * Which reasons a right of each type can support (MISSION item 8). A
 * trademark cannot ground "image copied" — that is a copyright claim — and
 * only a design patent protects the look of a product, so `design_copied`
 * belongs to it alone while every patent type supports `patent_infringement`.
 */
export const REASONS_BY_RIGHT_TYPE: { readonly [T in RightType]: readonly ReasonCode[] } = {
  trademark: ['counterfeit', 'trademark_misuse'],
  copyright: ['image_copied', 'text_copied', 'copyright_other'],
  invention_patent: ['patent_infringement'],
  utility_patent: ['patent_infringement'],
  design_patent: ['patent_infringement', 'design_copied'],
};

export function reasonFitsRightType(reason: ReasonCode, type: RightType): boolean {
  return REASONS_BY_RIGHT_TYPE[type].includes(reason);
}

/** Territory code meaning "worldwide": covers every jurisdiction. */
export const WORLDWIDE = 'WW';

/** Calendar date, YYYY-MM-DD. Validity is judged by whole UTC days. */
const isoDate = z.iso.date();

/** ISO 3166-1 alpha-2 (or `WW`), folded to upper case. */
export const TerritorySchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code or WW'));

/** The right a complaint rests on, as the server knows it (status is set by staff). */
export const ComplaintRightSchema = z.strictObject({
  id: z.string().min(1),
  type: RightTypeSchema,
  status: RightStatusSchema,
  /** First day of validity, inclusive. */
  validFrom: isoDate,
  /** Last day of validity, inclusive. */
  validUntil: isoDate,
  territories: z.array(TerritorySchema).min(1).max(300),
});
export type ComplaintRight = z.infer<typeof ComplaintRightSchema>;

/** Relative coordinates on the capture: 0..1 of its width and height. */
const unit = z.number().min(0).max(1);

/** Where on the page the infringing content sits (MISSION item 7, DSA Art. 16(2)(b)). */
export const ListingLocationSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('region'), x: unit, y: unit, width: unit, height: unit })
    .refine((r) => r.width > 0 && r.height > 0 && r.x + r.width <= 1 + 1e-9 && r.y + r.height <= 1 + 1e-9, {
      message: 'region must have an area and lie inside the capture',
    }),
  z.strictObject({ kind: z.literal('element'), selector: z.string().max(2_000), excerpt: z.string().max(2_000) }),
  z.strictObject({ kind: z.literal('text'), quote: z.string().max(2_000) }),
]);
export type ListingLocation = z.infer<typeof ListingLocationSchema>;

export const MAX_LISTINGS_PER_COMPLAINT = 300;
/** Shortest substantiated explanation, in characters (code points) after trimming. */
export const EXPLANATION_MIN_LENGTH = 20;
export const EXPLANATION_MAX_LENGTH = 10_000;

export const ComplaintListingSchema = z.strictObject({
  /** Kept as the user gave it; qualification canonicalises it. */
  url: z.string().max(LIMITS.urlMaxLength),
  captureIds: z.array(z.string().min(1)).max(50),
  /** Captures whose stored SHA-256 the server has checked against the receipt. Set by the server. */
  verifiedCaptureIds: z.array(z.string().min(1)).max(50),
  location: ListingLocationSchema.nullable(),
});
export type ComplaintListing = z.infer<typeof ComplaintListingSchema>;

export const ComplainantSchema = z.strictObject({
  legalName: z.string().max(300),
  email: z.string().max(254),
  phone: z.string().max(40).nullable(),
  postalAddress: z.string().max(1_000).nullable(),
});
export type Complainant = z.infer<typeof ComplainantSchema>;

/**
 * A complaint while it is being built. Deliberately permissive (empty strings,
 * nulls, unticked boxes): the builder saves incomplete drafts, and
 * `qualifyNotice` says element by element what is still missing.
 *
 * Two declarations, not one: `goodFaith` (the use is not authorised by the
 * rights holder, its agent or the law — DMCA §512(c)(3)(A)(v), DSA Art. 16(2)(d))
 * and `accuracy` (the material is true and accurate — DMCA §512(c)(3)(A)(vi)).
 * Separate ticks keep each statement explicit and let the record show which
 * one a complainant gave.
 */
export const ComplaintDraftSchema = z.strictObject({
  /** The represented rights holder; agencies only. */
  principalId: z.string().min(1).nullable().optional(),
  right: ComplaintRightSchema.nullable(),
  reason: ReasonCodeSchema.nullable(),
  explanation: z.string().max(EXPLANATION_MAX_LENGTH),
  goodFaith: z.boolean(),
  accuracy: z.boolean(),
  complainant: ComplainantSchema.nullable(),
  listings: z.array(ComplaintListingSchema).max(MAX_LISTINGS_PER_COMPLAINT),
});
export type ComplaintDraft = z.infer<typeof ComplaintDraftSchema>;

/**
 * Every reason a draft can fail to be a qualified notice. Each code is also
 * the i18n key `qualification:<code>`; its `params` fill the placeholders.
 */
export const QUALIFICATION_CODES = [
  'listings_missing',
  'listings_too_many',
  'listing_duplicate',
  'listing_url_invalid',
  'listing_url_short_link',
  'listing_url_not_listing',
  'listing_location_missing',
  'listing_location_invalid',
  'listing_evidence_missing',
  'listing_evidence_unverified',
  'right_missing',
  'right_not_verified',
  'right_rejected',
  'right_expired',
  'right_not_yet_valid',
  'right_territory_mismatch',
  'reason_missing',
  'reason_mismatch',
  'explanation_missing',
  'explanation_too_short',
  'good_faith_missing',
  'accuracy_missing',
  'complainant_missing',
  'complainant_name_missing',
  'complainant_email_missing',
  'complainant_email_invalid',
] as const;
export const QualificationCodeSchema = z.enum(QUALIFICATION_CODES);
export type QualificationCode = z.infer<typeof QualificationCodeSchema>;

export const QualificationProblemSchema = z.object({
  code: QualificationCodeSchema,
  /** Dotted path into the draft, e.g. `listings.3.url` (indices 0-based). */
  path: z.string(),
  /** Placeholder values; a `listing` param is the 1-based position shown to people. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type QualificationProblem = z.infer<typeof QualificationProblemSchema>;

// Lifecycle vocabulary; the transition rules live in complaints/lifecycle.ts.
/**
 * `closed`: ended without a decision on the merits because a request for
 * supplementary material went unanswered by its deadline (not qualified).
 */
export const COMPLAINT_STATES = ['draft', 'submitted', 'in_review', 'needs_info', 'decided', 'withdrawn', 'closed'] as const;
export const ComplaintStateSchema = z.enum(COMPLAINT_STATES);
export type ComplaintState = z.infer<typeof ComplaintStateSchema>;

/** `expire`: the deadline of a request for supplementary material passed unanswered (the system's move). */
export const COMPLAINT_EVENTS = ['submit', 'start_review', 'request_info', 'provide_info', 'expire', 'decide', 'withdraw'] as const;
export const ComplaintEventSchema = z.enum(COMPLAINT_EVENTS);
export type ComplaintEvent = z.infer<typeof ComplaintEventSchema>;

export const LISTING_OUTCOMES = ['pending', 'upheld', 'rejected'] as const;
export const ListingOutcomeSchema = z.enum(LISTING_OUTCOMES);
export type ListingOutcome = z.infer<typeof ListingOutcomeSchema>;
