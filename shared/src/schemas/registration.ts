import { z } from 'zod';
import { ENTITY_KINDS } from '../domain/entity-key';
import { PASSWORD_MAX_LENGTH } from '../domain/password-policy';
import { LocaleSchema } from './auth';

const isoDateTime = z.iso.datetime({ offset: true });

export const EntityKindSchema = z.enum(ENTITY_KINDS);
/** Tenants that register themselves; the platform tenant is created by operators. */
export const REGISTRABLE_TENANT_KINDS = ['rights_holder', 'agency', 'seller'] as const;
export const RegistrableTenantKindSchema = z.enum(REGISTRABLE_TENANT_KINDS);

export const VERIFICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const VerificationStatusSchema = z.enum(VERIFICATION_STATUSES);
export type VerificationStatus = z.infer<typeof VerificationStatusSchema>;

/** ISO 3166-1 alpha-2, folded to upper case. */
export const CountrySchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code'));

/** Who an entity is: the identity staff verify. */
export const EntityIdentitySchema = z.strictObject({
  entityKind: EntityKindSchema,
  legalName: z.string().trim().min(1).max(300),
  country: CountrySchema,
  registrationNumber: z.string().trim().min(1).max(100),
});
export type EntityIdentity = z.infer<typeof EntityIdentitySchema>;

export const ContactDetailsSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  phone: z.string().trim().max(40).regex(/^\+?[0-9 ()-]{5,40}$/, 'phone number').nullable(),
  postalAddress: z.string().trim().max(1_000).nullable(),
});
export type ContactDetails = z.infer<typeof ContactDetailsSchema>;

/**
 * POST /api/registrations — multipart: a `data` field with this JSON, and one
 * to five `proof` files (PDF, PNG or JPEG), the identity documents.
 */
export const RegistrationDataSchema = z.strictObject({
  tenantKind: RegistrableTenantKindSchema,
  identity: EntityIdentitySchema,
  email: z.string().trim().toLowerCase().email().max(254),
  /** Checked against the shared password policy (checkPassword) on both sides. */
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
  displayName: z.string().trim().min(1).max(120),
  locale: LocaleSchema,
  phone: z.string().trim().max(40).regex(/^\+?[0-9 ()-]{5,40}$/, 'phone number').nullable().default(null),
  postalAddress: z.string().trim().max(1_000).nullable().default(null),
});
export type RegistrationData = z.input<typeof RegistrationDataSchema>;
export const REGISTRATION_MAX_PROOFS = 5;
/** Each identity or authority document; PDF, PNG or JPEG by magic bytes. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const RegistrationResponseSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  /** A verification link was e-mailed; signing in needs it first. */
  emailVerificationSent: z.literal(true),
});

/** POST /api/auth/verify-email, POST /api/auth/freeze-by-link — the token from an e-mailed link. */
export const LinkTokenRequestSchema = z.strictObject({ token: z.string().min(16).max(200) });
/** 200 of POST /api/auth/verify-email: the address now verified, so the console can offer sign-in. */
export const VerifyEmailResponseSchema = z.object({ email: z.string() });
/** POST /api/auth/resend-verification — always 202, so it reveals no accounts. */
export const ResendVerificationRequestSchema = z.strictObject({ email: z.string().trim().toLowerCase().email().max(254) });

export const DocumentSchema = z.object({
  id: z.string(),
  /** identity proof, or an agency's letter of authority for one principal */
  purpose: z.enum(['identity_proof', 'letter_of_authority']),
  fileName: z.string(),
  mime: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  bytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: isoDateTime,
});
export type DocumentInfo = z.infer<typeof DocumentSchema>;

export const DecisionSchema = z.object({
  status: VerificationStatusSchema,
  decidedAt: isoDateTime.nullable(),
  /** Staff's reasons; required when rejecting. */
  reasons: z.string().nullable(),
});

/** A rights holder an agency acts for. */
export const PrincipalSchema = z.object({
  id: z.string(),
  identity: z.object({ entityKind: EntityKindSchema, legalName: z.string(), country: z.string(), registrationNumber: z.string() }),
  authority: DecisionSchema,
  letterOfAuthority: DocumentSchema,
  createdAt: isoDateTime,
});
export type Principal = z.infer<typeof PrincipalSchema>;
export const PrincipalListSchema = z.object({ items: z.array(PrincipalSchema) });

/** GET /api/tenant — the caller's own tenant profile. */
export const TenantProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['rights_holder', 'agency', 'seller', 'platform']),
  identity: z.object({ entityKind: EntityKindSchema, legalName: z.string(), country: z.string(), registrationNumber: z.string() }).nullable(),
  verification: DecisionSchema,
  documents: z.array(DocumentSchema),
  createdAt: isoDateTime,
});
export type TenantProfile = z.infer<typeof TenantProfileSchema>;

/** POST /api/principals — multipart: `data` (EntityIdentity JSON) and one `authority` file. */
export const PrincipalDataSchema = EntityIdentitySchema;

/** POST /api/admin/tenants/{id}/verification and /api/admin/principals/{id}/verification */
export const VerificationDecisionRequestSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reasons: z.string().trim().max(4_000).optional(),
  })
  .refine((value) => value.decision === 'approve' || (value.reasons?.length ?? 0) > 0, {
    path: ['reasons'],
    message: 'reasons are required when rejecting',
  });
export type VerificationDecisionRequest = z.infer<typeof VerificationDecisionRequestSchema>;

/** GET /api/admin/verifications — the staff queue, oldest first. */
export const VerificationQueueSchema = z.object({
  tenants: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: RegistrableTenantKindSchema,
      identity: z.object({ entityKind: EntityKindSchema, legalName: z.string(), country: z.string(), registrationNumber: z.string() }),
      ownerEmail: z.string(),
      emailVerified: z.boolean(),
      documents: z.array(DocumentSchema),
      createdAt: isoDateTime,
    }),
  ),
  principals: z.array(PrincipalSchema.extend({ agency: z.object({ id: z.string(), name: z.string() }) })),
});
export type VerificationQueue = z.infer<typeof VerificationQueueSchema>;

/** Users of the caller's tenant (owner only): GET /api/tenant/users */
export const TenantUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['owner', 'monitor']),
  emailVerified: z.boolean(),
  createdAt: isoDateTime,
});
export type TenantUser = z.infer<typeof TenantUserSchema>;
/** An open invitation; also the 201 body of POST /api/tenant/invitations. */
export const InvitationSchema = z.object({ id: z.string(), email: z.string(), role: z.literal('monitor'), expiresAt: isoDateTime, createdAt: isoDateTime });
export type Invitation = z.infer<typeof InvitationSchema>;
export const TenantUserListSchema = z.object({
  items: z.array(TenantUserSchema),
  invitations: z.array(InvitationSchema),
});
export type TenantUserList = z.infer<typeof TenantUserListSchema>;

/** POST /api/tenant/invitations (owner only) — e-mails a one-time link. */
export const InvitationRequestSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  role: z.literal('monitor'),
  locale: LocaleSchema,
});

/** POST /api/auth/accept-invitation — the invited person chooses a password. */
export const AcceptInvitationRequestSchema = z.strictObject({
  token: z.string().min(16).max(200),
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
});
/** 201 of POST /api/auth/accept-invitation: the new account (e-mail already verified; sign in next). */
export const AcceptInvitationResponseSchema = z.object({ userId: z.string(), email: z.string(), tenantName: z.string() });

/** GET /api/account/contacts — current details, full history, and whether to re-confirm. */
export const ContactsResponseSchema = z.object({
  current: ContactDetailsSchema.extend({ since: isoDateTime, confirmedAt: isoDateTime }),
  history: z.array(ContactDetailsSchema.extend({ since: isoDateTime, until: isoDateTime.nullable(), confirmedAt: isoDateTime })),
  /** True when not confirmed within the configured period (12 months by default). */
  confirmationDue: z.boolean(),
});
export type ContactsResponse = z.infer<typeof ContactsResponseSchema>;
/** PUT /api/account/contacts — a new version; the old one stays in the history. Saving counts as confirming. */
export const UpdateContactsRequestSchema = ContactDetailsSchema;
/** POST /api/account/contacts/confirm — "these are still right". */

/** Demo only (DEMO_MAILBOX=true): GET /api/dev/mailbox — mail caught by the local SMTP capture server. */
export const DevMailboxSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      receivedAt: isoDateTime,
    }),
  ),
});
export type DevMailbox = z.infer<typeof DevMailboxSchema>;
