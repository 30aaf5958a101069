import { z } from 'zod';
import { RightStatusSchema, RightTypeSchema, TerritorySchema } from './complaint';

const isoDateTime = z.iso.datetime({ offset: true });
/** Calendar date, YYYY-MM-DD, the same form the complaint's right uses. */
const isoDate = z.iso.date();

/** Nice Classification (trademarks): classes 1–45. */
export const NICE_CLASS_MIN = 1;
export const NICE_CLASS_MAX = 45;
export const RIGHT_PROOFS_MIN = 1;
export const RIGHT_PROOFS_MAX = 5;

/**
 * The `data` part of POST /api/rights (multipart, with 1–5 `proof` files).
 * `principalId` names the agency principal that owns the right; without it
 * the right is the caller's own tenant's.
 */
export const RightDataSchema = z
  .strictObject({
    type: RightTypeSchema,
    registrationNumber: z.string().trim().min(1).max(100),
    territories: z
      .array(TerritorySchema)
      .min(1)
      .max(300)
      // Duplicates would make a territory check's message list a country twice.
      .refine((list) => new Set(list).size === list.length, 'each territory once'),
    principalId: z.string().min(1).max(64).optional(),
    niceClasses: z
      .array(z.number().int().min(NICE_CLASS_MIN).max(NICE_CLASS_MAX))
      .max(NICE_CLASS_MAX)
      .refine((list) => new Set(list).size === list.length, 'each class once')
      .optional(),
    scope: z.string().trim().min(1).max(4_000).optional(),
    validFrom: isoDate,
    validUntil: isoDate,
  })
  // ISO dates compare correctly as strings; an inverted range could never support a complaint.
  .refine((value) => value.validUntil >= value.validFrom, { path: ['validUntil'], message: 'validUntil must not be before validFrom' })
  // Without classes or a scope staff cannot tell what the right covers.
  .refine((value) => (value.niceClasses?.length ?? 0) > 0 || value.scope !== undefined, {
    path: ['scope'],
    message: 'niceClasses or scope is required',
  });
export type RightData = z.infer<typeof RightDataSchema>;

export const RightProofSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  bytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: isoDateTime,
});
export type RightProof = z.infer<typeof RightProofSchema>;

/** A right in the caller's portfolio; `verification` is staff's decision on it. */
export const RightSchema = z.object({
  id: z.string(),
  type: RightTypeSchema,
  registrationNumber: z.string(),
  territories: z.array(z.string()),
  /** null: the tenant itself owns the right. */
  principal: z.object({ id: z.string(), legalName: z.string() }).nullable(),
  niceClasses: z.array(z.number().int()),
  scope: z.string().nullable(),
  validFrom: isoDate,
  validUntil: isoDate,
  verification: z.object({ status: RightStatusSchema, decidedAt: isoDateTime.nullable(), reasons: z.string().nullable() }),
  proofs: z.array(RightProofSchema),
  createdAt: isoDateTime,
});
export type Right = z.infer<typeof RightSchema>;
export const RightListSchema = z.object({ items: z.array(RightSchema) });
export type RightList = z.infer<typeof RightListSchema>;

/** GET /api/admin/rights — rights with the tenant that filed them, oldest first. */
export const AdminRightSchema = RightSchema.extend({ tenant: z.object({ id: z.string(), name: z.string() }) });
export const AdminRightListSchema = z.object({ items: z.array(AdminRightSchema) });
export type AdminRightList = z.infer<typeof AdminRightListSchema>;

/** 200 of POST /api/admin/rights/{id}/verification. */
export const RightDecisionSchema = RightSchema.shape.verification;
export type RightDecision = z.infer<typeof RightDecisionSchema>;
