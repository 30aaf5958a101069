import { z } from 'zod';
import { recognizeListing, type Marketplace } from '../marketplaces';
import { SHOP_ID } from '../marketplaces/registry';
import { ComplaintStateSchema, ListingLocationSchema, ListingOutcomeSchema, ReasonCodeSchema, RightTypeSchema } from './complaint';
import { CounterNoticeSchema } from './counter-notice';
import { LISTING_MEASURES } from './review';

const isoDateTime = z.iso.datetime({ offset: true });

export const SHOP_PROOFS_MIN = 1;
export const SHOP_PROOFS_MAX = 3;

/** A shop lives on a named marketplace: a generic page has no shop registry to match complaints against. */
export const SHOP_MARKETPLACES = ['taobao', 'tmall', '1688', 'aliexpress', 'alibaba', 'amazon', 'ebay'] as const satisfies readonly Exclude<Marketplace, 'generic'>[];
export const ShopMarketplaceSchema = z.enum(SHOP_MARKETPLACES);
export type ShopMarketplace = z.infer<typeof ShopMarketplaceSchema>;

/** Staff verify each claim; the statuses mirror a right's. */
export const SHOP_CLAIM_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const ShopClaimStatusSchema = z.enum(SHOP_CLAIM_STATUSES);
export type ShopClaimStatus = z.infer<typeof ShopClaimStatusSchema>;

/**
 * The `data` part of POST /api/shops (multipart, with 1–3 `proof` files).
 * The seller names its shop by id, or by a shop (or listing) URL that the
 * shared recognition reads the id from: complaints store the id as
 * recognizeListing spells it, so a claim must use that same spelling to
 * match them. Parsed output is always `{ marketplace, shopId }`.
 */
export const ShopClaimDataSchema = z
  .strictObject({
    marketplace: ShopMarketplaceSchema,
    shopId: z.string().trim().regex(SHOP_ID, 'not a shop id').optional(),
    shopUrl: z.string().trim().min(1).max(2_048).optional(),
  })
  .refine((value) => (value.shopId === undefined) !== (value.shopUrl === undefined), { path: ['shopId'], message: 'give shopId or shopUrl, not both' })
  .transform((value, ctx) => {
    if (value.shopId !== undefined) return { marketplace: value.marketplace, shopId: value.shopId };
    const recognized = recognizeListing(value.shopUrl ?? '');
    if (recognized === null || recognized.shopId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['shopUrl'], message: 'the URL names no shop' });
      return z.NEVER;
    }
    if (recognized.marketplace !== value.marketplace) {
      ctx.addIssue({ code: 'custom', path: ['shopUrl'], message: `the URL is on ${recognized.marketplace}, not ${value.marketplace}` });
      return z.NEVER;
    }
    return { marketplace: value.marketplace, shopId: recognized.shopId };
  });
export type ShopClaimDataInput = z.input<typeof ShopClaimDataSchema>;
export type ShopClaimData = z.output<typeof ShopClaimDataSchema>;

export const ShopClaimProofSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  bytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: isoDateTime,
});

/** A shop claim as its seller sees it; `verification` is staff's decision on it. */
export const ShopClaimSchema = z.object({
  id: z.string(),
  marketplace: ShopMarketplaceSchema,
  shopId: z.string(),
  verification: z.object({ status: ShopClaimStatusSchema, decidedAt: isoDateTime.nullable(), reasons: z.string().nullable() }),
  proofs: z.array(ShopClaimProofSchema),
  createdAt: isoDateTime,
});
export type ShopClaim = z.infer<typeof ShopClaimSchema>;
export const ShopClaimListSchema = z.object({ items: z.array(ShopClaimSchema) });
export type ShopClaimList = z.infer<typeof ShopClaimListSchema>;

/** GET /api/admin/shops — claims with the seller tenant that made them, oldest first. */
export const AdminShopClaimSchema = ShopClaimSchema.extend({ tenant: z.object({ id: z.string(), name: z.string() }) });
export const AdminShopClaimListSchema = z.object({ items: z.array(AdminShopClaimSchema) });
export type AdminShopClaimList = z.infer<typeof AdminShopClaimListSchema>;

/** 200 of POST /api/admin/shops/{id}/verification. */
export const ShopClaimDecisionSchema = ShopClaimSchema.shape.verification;
export type ShopClaimDecision = z.infer<typeof ShopClaimDecisionSchema>;

// ---------------------------------------------------------------- disclosure (MISSION item 13)

/**
 * The legal bases on which personal data may be disclosed (MISSION item 13):
 * consent, handling the complaint, group entities, a legal order, a breach,
 * trusted processors, resolving a dispute, protecting rights, another legal duty.
 */
export const DISCLOSURE_LEGAL_BASES = [
  'consent',
  'handling_complaint',
  'group_entities',
  'legal_order',
  'breach',
  'trusted_processors',
  'dispute_resolution',
  'protecting_rights',
  'legal_duty',
] as const;
export const DisclosureLegalBasisSchema = z.enum(DISCLOSURE_LEGAL_BASES);
export type DisclosureLegalBasis = z.infer<typeof DisclosureLegalBasisSchema>;

/** The complainant's personal fields as filed (ComplainantSchema's keys). */
export const COMPLAINANT_FIELDS = ['legalName', 'email', 'phone', 'postalAddress'] as const;
export const ComplainantFieldSchema = z.enum(COMPLAINANT_FIELDS);
export type ComplainantField = z.infer<typeof ComplainantFieldSchema>;

/** What a seller needs to answer a complaint: who complained and where to write. Phone and postal address stay withheld. */
export const SELLER_DISCLOSED_FIELDS = ['legalName', 'email'] as const satisfies readonly ComplainantField[];

/** One disclosure of a complainant's personal data: who showed what to whom, when, and on which basis. */
export const DisclosureSchema = z.object({
  id: z.string(),
  at: isoDateTime,
  legalBasis: DisclosureLegalBasisSchema,
  fields: z.array(ComplainantFieldSchema),
  /** Whose data: the complainant tenant, and the complaint it was filed with. */
  complainantTenantId: z.string(),
  complaintId: z.string(),
  /** To whom: the recipient tenant. */
  recipient: z.object({ tenantId: z.string(), name: z.string() }),
  /** Who received it: the recipient tenant's user the data was shown to. */
  user: z.object({ id: z.string(), email: z.string() }),
});
export type Disclosure = z.infer<typeof DisclosureSchema>;
/** GET /api/admin/disclosures?complainant= — newest first. */
export const DisclosureListSchema = z.object({ items: z.array(DisclosureSchema) });
export type DisclosureList = z.infer<typeof DisclosureListSchema>;

// ---------------------------------------------------------------- the seller's view of complaints

/**
 * The seller's own counter-notice on a listing, as its seller sees it. The
 * complainant's proof of an action stays with the complainant and staff: the
 * seller learns that proof came in time, which is what keeps the measure in
 * place, and its documents are served to the seller only by the authority or
 * court that received them. Evidence files download from
 * GET /api/counter-notices/{id}/evidence/{documentId}.
 */
export const SellerCounterNoticeSchema = CounterNoticeSchema.omit({ proofs: true }).extend({
  /** When the complainant lodged proof of an action: always within the window (later proof is refused); null while none. */
  proofReceivedAt: isoDateTime.nullable(),
});
export type SellerCounterNotice = z.infer<typeof SellerCounterNoticeSchema>;

/** The seller's own listing of a complaint, with the decision on it and the seller's counter-notice, if any. */
export const SellerListingSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  marketplace: ShopMarketplaceSchema,
  shopId: z.string(),
  canonicalUrl: z.string(),
  outcome: ListingOutcomeSchema,
  /** The statement of reasons; null while pending. */
  statement: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  measure: z.enum(LISTING_MEASURES).nullable(),
  /** A counter-notice may be filed now: the listing is upheld, not restored, and has no counter-notice yet. */
  counterNoticeAllowed: z.boolean(),
  /** The counter-notice this seller filed on the listing; null when it filed none. */
  counterNotice: SellerCounterNoticeSchema.nullable(),
});
export type SellerListing = z.infer<typeof SellerListingSchema>;

/** GET /api/seller/complaints — complaints naming the seller's verified shops, newest first; no personal data. */
export const SellerComplaintSummarySchema = z.object({
  id: z.string(),
  state: ComplaintStateSchema,
  reason: ReasonCodeSchema.nullable(),
  submittedAt: isoDateTime,
  listings: z.array(SellerListingSchema),
});
export const SellerComplaintListSchema = z.object({ items: z.array(SellerComplaintSummarySchema) });
export type SellerComplaintList = z.infer<typeof SellerComplaintListSchema>;

/** Evidence metadata; the image is served by GET /api/seller/complaints/{id}/captures/{captureId}/image. */
export const SellerEvidenceSchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  capturedAt: z.string(),
  receivedAt: isoDateTime,
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});

/**
 * GET /api/seller/complaints/{id} — what the seller needs to answer: the
 * right, the reason, its own listings with evidence and decisions, and the
 * complainant's name and contact e-mail. Each read is recorded as a disclosure
 * (`disclosureId`).
 */
export const SellerComplaintSchema = z.object({
  id: z.string(),
  state: ComplaintStateSchema,
  reason: ReasonCodeSchema.nullable(),
  explanation: z.string(),
  submittedAt: isoDateTime,
  right: z.object({ type: RightTypeSchema, registrationNumber: z.string(), territories: z.array(z.string()) }).nullable(),
  complainant: z.strictObject({ legalName: z.string(), email: z.string() }),
  listings: z.array(SellerListingSchema.extend({ location: ListingLocationSchema.nullable(), evidence: z.array(SellerEvidenceSchema) })),
  disclosureId: z.string(),
});
export type SellerComplaint = z.infer<typeof SellerComplaintSchema>;
