import { z } from 'zod';
import {
  ComplaintStateSchema,
  ReasonCodeSchema,
  RightTypeSchema,
  type QualificationCode,
} from './complaint';
import { ComplainantStatsSchema, ComplaintSchema } from './complaint-api';
import { RightSchema } from './rights';
import { DueDateSchema } from '../review/due-date';

/**
 * The review API (issue #5): the staff queue, claim leases, the evidence view,
 * per-listing decisions, requests for supplementary material and the
 * complainant's answers, abuse marks and sanctions, and the audit timeline.
 * Every route under /api/review and /api/admin/complainants is staff-only:
 * anyone else gets 404.
 */

const isoDateTime = z.iso.datetime({ offset: true });

/** A claim lasts this long unless renewed; the console renews it while the reviewer works. */
export const CLAIM_LEASE_MINUTES = 15;
/** States the queue lists. needs_info waits for the complainant and re-enters as in_review. */
export const QUEUE_STATES = ['submitted', 'in_review'] as const;
export const QueueStateSchema = z.enum(QUEUE_STATES);

// ---------------------------------------------------------------- complainant risk

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevelSchema = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevelSchema>;

export const ABUSE_KINDS = ['wrongful', 'malicious'] as const;
export const AbuseKindSchema = z.enum(ABUSE_KINDS);
export type AbuseKind = z.infer<typeof AbuseKindSchema>;

export const SANCTION_KINDS = ['enhanced_review', 'filing_suspended'] as const;
export const SanctionKindSchema = z.enum(SANCTION_KINDS);
export type SanctionKind = z.infer<typeof SanctionKindSchema>;

/**
 * A complainant's abuse score (MISSION item 15): malicious marks weigh three
 * times a wrongful one; rejected and reversed listings add a little, scaled
 * by volume so a large, mostly sound filer is not punished for its size.
 */
export function abuseScore(input: { wrongful: number; malicious: number; rejected: number; reversed: number; decided: number }): number {
  const marks = input.wrongful + 3 * input.malicious;
  const record = input.decided === 0 ? 0 : (10 * (input.rejected + 2 * input.reversed)) / Math.max(input.decided, 10);
  return Math.round((marks + record) * 10) / 10;
}

/** The queue's risk filter and badge: from the score and any sanction in force. */
export function riskLevel(score: number, sanction: SanctionKind | null): RiskLevel {
  if (sanction !== null || score >= 6) return 'high';
  if (score >= 2) return 'medium';
  return 'low';
}

// ---------------------------------------------------------------- queue

/** GET /api/review/queue */
export const QueueQuerySchema = z.object({
  marketplace: z.string().max(40).optional(),
  reason: ReasonCodeSchema.optional(),
  rightType: RightTypeSchema.optional(),
  state: QueueStateSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  risk: RiskLevelSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  /** Opaque keyset cursor from the previous page. */
  cursor: z.string().max(200).optional(),
});
export type QueueQuery = z.infer<typeof QueueQuerySchema>;

export const ClaimSchema = z.object({
  complaintId: z.string(),
  reviewer: z.object({ id: z.string(), email: z.string() }),
  claimedAt: isoDateTime,
  expiresAt: isoDateTime,
});
export type Claim = z.infer<typeof ClaimSchema>;

export const QueueItemSchema = z.object({
  id: z.string(),
  tenant: z.object({ id: z.string(), name: z.string() }),
  state: QueueStateSchema,
  reason: ReasonCodeSchema.nullable(),
  rightType: RightTypeSchema.nullable(),
  marketplaces: z.array(z.string()),
  listingCount: z.number().int(),
  submittedAt: isoDateTime,
  dueAt: isoDateTime,
  overdue: z.boolean(),
  /** Whole hours since submission, for the ageing column. */
  ageHours: z.number().int(),
  risk: RiskLevelSchema,
  /** A live claim, if anyone holds one. */
  claim: ClaimSchema.nullable(),
  /** The complaint's last change: a bulk action sends it back as `seen`. */
  updatedAt: isoDateTime,
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

/** Overdue first, then by due date, then by id (the keyset). */
export const QueuePageSchema = z.object({ items: z.array(QueueItemSchema), nextCursor: z.string().optional() });
export type QueuePage = z.infer<typeof QueuePageSchema>;

// ---------------------------------------------------------------- evidence view

export const EvidenceCaptureSchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  capturedAt: isoDateTime,
  receivedAt: isoDateTime,
  viewport: z.object({ width: z.number().int(), height: z.number().int() }),
  devicePixelRatio: z.number(),
  sha256: z.string(),
  /** The stored original re-read and re-hashed for this view. */
  hashVerified: z.boolean(),
});

export const DEFICIENCY_CODES = [
  'listing_link',
  'listing_location',
  'listing_evidence',
  'right_proof',
  'explanation',
  'complainant_identity',
  'other',
] as const;
export const DeficiencyCodeSchema = z.enum(DEFICIENCY_CODES);
export type DeficiencyCode = z.infer<typeof DeficiencyCodeSchema>;

/** Each deficiency names the qualification elements it is about (MISSION item 7). */
export const DEFICIENCY_ELEMENTS: { readonly [D in DeficiencyCode]: readonly QualificationCode[] } = {
  listing_link: ['listing_url_invalid', 'listing_url_short_link', 'listing_url_not_listing', 'listing_duplicate'],
  listing_location: ['listing_location_missing', 'listing_location_invalid'],
  listing_evidence: ['listing_evidence_missing', 'listing_evidence_unverified'],
  right_proof: ['right_missing', 'right_not_verified', 'right_rejected', 'right_expired', 'right_not_yet_valid', 'right_territory_mismatch'],
  explanation: ['explanation_missing', 'explanation_too_short', 'reason_missing', 'reason_mismatch'],
  complainant_identity: ['complainant_missing', 'complainant_name_missing', 'complainant_email_missing', 'complainant_email_invalid'],
  other: [],
};

export const InfoResponseSchema = z.object({
  message: z.string(),
  captureIds: z.array(z.string()),
  documents: z.array(z.object({ id: z.string(), fileName: z.string(), mime: z.string(), bytes: z.number().int(), sha256: z.string() })),
  respondedAt: isoDateTime,
  respondedBy: z.object({ id: z.string(), email: z.string() }),
});

export const InfoRequestSchema = z.object({
  id: z.string(),
  deficiencies: z.array(DeficiencyCodeSchema),
  message: z.string(),
  deadline: isoDateTime,
  requestedAt: isoDateTime,
  requestedBy: z.object({ id: z.string(), email: z.string() }),
  response: InfoResponseSchema.nullable(),
  /** Set when the deadline passed unanswered and the complaint was closed. */
  expiredAt: isoDateTime.nullable(),
});
export type InfoRequest = z.infer<typeof InfoRequestSchema>;

/** GET /api/complaints/{id}/info-requests (complainant) — newest first. */
export const InfoRequestListSchema = z.object({ items: z.array(InfoRequestSchema) });

export const EarlierComplaintSchema = z.object({
  complaintId: z.string(),
  tenantName: z.string(),
  state: ComplaintStateSchema,
  outcome: z.enum(['pending', 'upheld', 'rejected']),
  submittedAt: isoDateTime.nullable(),
});

/** GET /api/review/complaints/{id} — everything a reviewer weighs, in one read. */
export const ReviewComplaintSchema = z.object({
  complaint: ComplaintSchema,
  tenant: z.object({ id: z.string(), name: z.string() }),
  due: DueDateSchema,
  claim: ClaimSchema.nullable(),
  right: RightSchema.nullable(),
  /** Keyed by listing id. */
  evidence: z.record(z.string(), z.array(EvidenceCaptureSchema)),
  /** Other complaints (any tenant) about each listing's canonical URL, keyed by listing id. */
  earlier: z.record(z.string(), z.array(EarlierComplaintSchema)),
  history: z.object({
    stats: ComplainantStatsSchema,
    abuse: z.object({ wrongful: z.number().int(), malicious: z.number().int(), score: z.number() }),
    sanction: SanctionKindSchema.nullable(),
    risk: RiskLevelSchema,
  }),
  infoRequests: z.array(InfoRequestSchema),
  /** Filed under the enhanced-review sanction: a decision needs a second, different reviewer. */
  enhancedReview: z.boolean(),
  /** The decision awaiting its second look; another reviewer confirms it by sending the same decision. */
  proposal: z
    .object({
      id: z.string(),
      proposedBy: z.object({ id: z.string(), email: z.string() }),
      proposedAt: isoDateTime,
      listings: z.array(z.object({ listingId: z.string(), outcome: z.enum(['upheld', 'rejected']), statement: z.string() })),
    })
    .nullable(),
});
export type ReviewComplaint = z.infer<typeof ReviewComplaintSchema>;

// ---------------------------------------------------------------- decisions

/**
 * Statement templates hold placeholders `[[name]]` the reviewer must replace
 * with the facts of the case; a statement still holding one cannot be sent
 * (422 placeholder_unfilled). Template texts: locales/<lang>/review.json,
 * key `templates.<id>`.
 */
export const DECISION_TEMPLATE_IDS = [
  'upheld_counterfeit',
  'upheld_mark_use',
  'upheld_copy',
  'upheld_patent',
  'rejected_not_infringing',
  'rejected_insufficient_evidence',
  'rejected_duplicate',
  'rejected_outside_competence',
] as const;
export type DecisionTemplateId = (typeof DECISION_TEMPLATE_IDS)[number];

const PLACEHOLDER = /\[\[\s*([^\]]*?)\s*\]\]/gu;

/** The placeholders still in a statement, in order (empty: ready to send). */
export function unfilledPlaceholders(statement: string): string[] {
  return [...statement.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

export const STATEMENT_MIN_LENGTH = 10;
export const STATEMENT_MAX_LENGTH = 4_000;
const statement = z.string().trim().min(STATEMENT_MIN_LENGTH).max(STATEMENT_MAX_LENGTH);

/** POST /api/review/complaints/{id}/decision — one outcome and statement per listing, all at once. */
export const DecisionRequestSchema = z.strictObject({
  listings: z
    .array(z.strictObject({ listingId: z.string().min(1), outcome: z.enum(['upheld', 'rejected']), statement }))
    .min(1)
    .max(300),
});
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;

/** What happens to an upheld listing: the takedown is requested of the marketplace. */
export const LISTING_MEASURES = ['takedown_requested'] as const;

/** POST /api/review/complaints/{id}/info-request */
export const InfoRequestRequestSchema = z.strictObject({
  deficiencies: z.array(DeficiencyCodeSchema).min(1).max(DEFICIENCY_CODES.length),
  message: z.string().trim().min(1).max(STATEMENT_MAX_LENGTH),
  /** Must lie in the future (422 deadline_in_past). */
  deadline: isoDateTime,
});
export type InfoRequestRequest = z.infer<typeof InfoRequestRequestSchema>;

/**
 * POST /api/complaints/{id}/info-response — the complainant's answer, as
 * multipart: `data` (this JSON) and 0–5 `document` files (PDF, PNG, JPEG).
 * `captureIds` are the tenant's own captures, attached as further evidence.
 */
export const InfoResponseDataSchema = z.strictObject({
  message: z.string().trim().min(1).max(STATEMENT_MAX_LENGTH),
  captureIds: z.array(z.string().min(1).max(64)).max(50),
  /** Optional: further evidence for a listing (listing id → capture ids). */
  listingCaptures: z.record(z.string(), z.array(z.string().min(1).max(64)).max(50)).optional(),
});
export type InfoResponseData = z.infer<typeof InfoResponseDataSchema>;

/**
 * POST /api/review/bulk — one action over a selection, e.g. reject all as
 * duplicates with one statement. `seen` is each complaint's `updatedAt` as the
 * reviewer saw it: a complaint changed since is a stale selection (409
 * stale_selection); an unknown id is 404; nothing changes unless all pass.
 */
export const BulkActionRequestSchema = z.strictObject({
  action: z.literal('reject_all'),
  statement,
  selection: z.array(z.strictObject({ complaintId: z.string().min(1), seen: isoDateTime })).min(1).max(100),
});
export type BulkActionRequest = z.infer<typeof BulkActionRequestSchema>;
export const BulkActionResultSchema = z.object({
  decided: z.array(z.string()),
  /** Complaints under enhanced review: the rejection became a proposal awaiting a second reviewer. */
  proposed: z.array(z.string()),
});
/** Response header of a decision: `final`, or `proposed` under enhanced review. */
export const DECISION_STAGE_HEADER = 'Decision-Stage';

/** POST /api/review/complaints/{id}/abuse */
export const AbuseMarkRequestSchema = z.strictObject({ kind: AbuseKindSchema, note: z.string().trim().min(1).max(2_000) });

// ---------------------------------------------------------------- admin: complainants and sanctions

export const SanctionSchema = z.object({
  id: z.string(),
  kind: SanctionKindSchema,
  reason: z.string(),
  imposedAt: isoDateTime,
  imposedBy: z.object({ id: z.string(), email: z.string() }),
  liftedAt: isoDateTime.nullable(),
  liftReason: z.string().nullable(),
});
export type Sanction = z.infer<typeof SanctionSchema>;

/** GET /api/admin/complainants — every complaining tenant, highest abuse score first. */
export const ComplainantOverviewSchema = z.object({
  tenant: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  stats: ComplainantStatsSchema,
  abuse: z.object({ wrongful: z.number().int(), malicious: z.number().int(), score: z.number() }),
  risk: RiskLevelSchema,
  sanctions: z.array(SanctionSchema),
});
export const ComplainantOverviewListSchema = z.object({ items: z.array(ComplainantOverviewSchema) });

/** POST /api/admin/complainants/{tenantId}/sanctions; lifting: POST …/sanctions/{id}/lift {reason}. */
export const ImposeSanctionRequestSchema = z.strictObject({ kind: SanctionKindSchema, reason: z.string().trim().min(1).max(2_000) });
export const LiftSanctionRequestSchema = z.strictObject({ reason: z.string().trim().min(1).max(2_000) });

// ---------------------------------------------------------------- timeline

/** GET /api/complaints/{id}/timeline — the complaint's audit entries, each re-verified against the chain. */
export const TimelineEntrySchema = z.object({
  seq: z.number().int(),
  at: isoDateTime,
  kind: z.string(),
  actor: z.object({ id: z.string(), email: z.string() }).nullable(),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
  /** This entry's stored hash matches its contents and its predecessor link. */
  verified: z.boolean(),
});
export const TimelineSchema = z.object({ items: z.array(TimelineEntrySchema) });
export type Timeline = z.infer<typeof TimelineSchema>;
