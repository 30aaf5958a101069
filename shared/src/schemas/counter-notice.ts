import { z } from 'zod';

/**
 * The counter-notice contract (issue #6 part 3, MISSION item 14): a seller's
 * statement of non-infringement against an upheld listing, the complainant's
 * proof of an action filed within the window, and staff's restore-or-retain
 * decision.
 */

const isoDateTime = z.iso.datetime({ offset: true });

export const COUNTER_NOTICE_EVIDENCE_MIN = 1;
export const COUNTER_NOTICE_EVIDENCE_MAX = 5;
export const COMPLAINANT_PROOF_DOCUMENTS_MIN = 1;
export const COMPLAINANT_PROOF_DOCUMENTS_MAX = 5;

/**
 * - window_open: forwarded to the complainant, its window running;
 * - proof_received: the complainant showed, in time, that it complained to the authorities or sued;
 * - restore_due: the window ended without such proof; staff must decide;
 * - restored / retained: staff decided.
 */
export const COUNTER_NOTICE_STATES = ['window_open', 'proof_received', 'restore_due', 'restored', 'retained'] as const;
export const CounterNoticeStateSchema = z.enum(COUNTER_NOTICE_STATES);
export type CounterNoticeState = z.infer<typeof CounterNoticeStateSchema>;

/** The seller's true identity, forwarded to the complainant with the counter-notice. */
export const CounterNoticeIdentitySchema = z.strictObject({
  legalName: z.string().trim().min(1).max(200),
  /** Business registration number (e.g. unified social credit code) or a personal ID number. */
  registrationNumber: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(500),
  email: z.email().max(254),
  phone: z.string().trim().min(3).max(40),
});
export type CounterNoticeIdentity = z.infer<typeof CounterNoticeIdentitySchema>;

/** The `data` part of POST /api/seller/listings/{listingId}/counter-notice (multipart, with 1–5 `evidence` files). */
export const CounterNoticeDataSchema = z.strictObject({
  statement: z.string().trim().min(20).max(10_000),
  identity: CounterNoticeIdentitySchema,
  /** The seller declares, under its responsibility, that the statement and identity are true. Only `true` is accepted. */
  declaration: z.literal(true),
});
export type CounterNoticeData = z.infer<typeof CounterNoticeDataSchema>;

/** The `data` part of POST /api/counter-notices/{id}/proof (multipart, with 1–5 `document` files). */
export const ComplainantProofDataSchema = z.strictObject({
  /** Which authority or court, and the case or file number. */
  note: z.string().trim().min(1).max(5_000),
});
export type ComplainantProofData = z.infer<typeof ComplainantProofDataSchema>;

const DocumentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  bytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: isoDateTime,
});

export const ComplainantProofSchema = DocumentSchema.extend({ note: z.string() });
export type ComplainantProof = z.infer<typeof ComplainantProofSchema>;

export const CounterNoticeSchema = z.object({
  id: z.string(),
  complaintId: z.string(),
  listingId: z.string(),
  statement: z.string(),
  identity: CounterNoticeIdentitySchema,
  declaration: z.literal(true),
  filedAt: isoDateTime,
  /** When it counts as delivered to the complainant; the window runs from here. */
  deliveredAt: isoDateTime,
  /** The last instant proof is in time. */
  windowEndsAt: isoDateTime,
  rule: z.object({ kind: z.enum(['natural_days', 'business_days']), days: z.number().int(), basis: z.string() }),
  state: CounterNoticeStateSchema,
  evidence: z.array(DocumentSchema),
  proofs: z.array(ComplainantProofSchema),
  decision: z.object({ action: z.enum(['restore', 'retain']), statement: z.string(), decidedAt: isoDateTime }).nullable(),
});
export type CounterNotice = z.infer<typeof CounterNoticeSchema>;

export const CounterNoticeListSchema = z.object({ items: z.array(CounterNoticeSchema) });
export type CounterNoticeList = z.infer<typeof CounterNoticeListSchema>;

/** GET /api/review/restore-due: counter-notices whose window ended without proof, oldest window end first. */
export const RestoreDueListSchema = z.object({
  items: z.array(CounterNoticeSchema.extend({ restoreDueAt: isoDateTime, canonicalUrl: z.string(), complainantTenantId: z.string() })),
});
export type RestoreDueList = z.infer<typeof RestoreDueListSchema>;

/**
 * POST /api/review/counter-notices/{id}/decision. The statement of reasons
 * goes to both parties; a [[placeholder]] left in it is refused (422
 * placeholder_unfilled) by the backend, which names each one.
 */
export const CounterNoticeDecisionRequestSchema = z.strictObject({
  action: z.enum(['restore', 'retain']),
  statement: z.string().trim().min(10).max(10_000),
});
export type CounterNoticeDecisionRequest = z.infer<typeof CounterNoticeDecisionRequestSchema>;

