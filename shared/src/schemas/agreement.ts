import { z } from 'zod';
import { LocaleSchema } from './auth';

const isoDateTime = z.iso.datetime({ offset: true });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Where the two texts differ, this one prevails (MISSION item 18). */
export const PREVAILING_AGREEMENT_LANGUAGE = 'zh-CN' as const;

export const AgreementTextSchema = z.object({
  /** Markdown. */
  body: z.string(),
  /** SHA-256 of the UTF-8 bytes of `body`, exactly as served. */
  sha256,
});

export const AgreementVersionSchema = z.object({
  version: z.number().int().positive(),
  publishedAt: isoDateTime,
  summary: z.object({ 'zh-CN': z.string(), en: z.string() }),
  texts: z.object({ 'zh-CN': AgreementTextSchema, en: AgreementTextSchema }),
  prevailingLanguage: z.literal(PREVAILING_AGREEMENT_LANGUAGE),
});
export type AgreementVersion = z.infer<typeof AgreementVersionSchema>;

/** GET /api/agreements/current */
export const CurrentAgreementResponseSchema = z.object({
  agreement: AgreementVersionSchema,
  /** When this user accepted this version, or null. */
  acceptedAt: isoDateTime.nullable(),
});
export type CurrentAgreementResponse = z.infer<typeof CurrentAgreementResponseSchema>;

/** POST /api/agreements/{version}/accept — the language the user was shown. */
export const AcceptAgreementRequestSchema = z.strictObject({
  language: LocaleSchema,
});
export type AcceptAgreementRequest = z.infer<typeof AcceptAgreementRequestSchema>;

/** One acceptance, as recorded: the proof that a user agreed to exactly these texts. */
export const AgreementAcceptanceSchema = z.object({
  id: z.string(),
  userId: z.string(),
  userEmail: z.string(),
  tenantId: z.string(),
  version: z.number().int().positive(),
  language: LocaleSchema,
  zhSha256: sha256,
  enSha256: sha256,
  acceptedAt: isoDateTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AgreementAcceptance = z.infer<typeof AgreementAcceptanceSchema>;

/** POST /api/admin/agreements — a new version takes effect on publication. */
export const PublishAgreementRequestSchema = z.strictObject({
  bodyZh: z.string().trim().min(1).max(200_000),
  bodyEn: z.string().trim().min(1).max(200_000),
  summaryZh: z.string().trim().min(1).max(2_000),
  summaryEn: z.string().trim().min(1).max(2_000),
});
export type PublishAgreementRequest = z.infer<typeof PublishAgreementRequestSchema>;

/** GET /api/admin/agreements — every version with how many users accepted it. */
export const AgreementAdminListSchema = z.object({
  items: z.array(
    z.object({
      version: z.number().int().positive(),
      publishedAt: isoDateTime,
      summary: z.object({ 'zh-CN': z.string(), en: z.string() }),
      zhSha256: sha256,
      enSha256: sha256,
      acceptances: z.number().int().nonnegative(),
      current: z.boolean(),
    }),
  ),
  /** Users who can sign in (not frozen); the denominator for the counts. */
  activeUsers: z.number().int().nonnegative(),
});
export type AgreementAdminList = z.infer<typeof AgreementAdminListSchema>;

/** GET /api/admin/users/{id}/acceptances — one user's acceptance proof, for export. */
export const AcceptanceProofSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), tenantId: z.string(), tenantName: z.string() }),
  generatedAt: isoDateTime,
  acceptances: z.array(AgreementAcceptanceSchema),
});
export type AcceptanceProof = z.infer<typeof AcceptanceProofSchema>;
