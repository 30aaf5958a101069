import { z } from 'zod';
import { LOCALES } from '../limits';

export const TENANT_KINDS = ['rights_holder', 'agency', 'seller', 'platform'] as const;
export const TenantKindSchema = z.enum(TENANT_KINDS);
export type TenantKind = z.infer<typeof TenantKindSchema>;

/** owner/monitor belong to a customer tenant; reviewer/admin are platform staff. */
export const ROLES = ['owner', 'monitor', 'reviewer', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
export const STAFF_ROLES: readonly Role[] = ['reviewer', 'admin'];
export const isStaff = (role: Role): boolean => STAFF_ROLES.includes(role);

export const LocaleSchema = z.enum(LOCALES);

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  locale: LocaleSchema,
  tenant: z.object({
    id: z.string(),
    name: z.string(),
    kind: TenantKindSchema,
    /** Staff verification of the entity's identity; filing complaints needs 'approved'. */
    identityStatus: z.enum(['pending', 'approved', 'rejected']),
  }),
});
export type User = z.infer<typeof UserSchema>;

export const LoginRequestSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
  /**
   * `console` gets an httpOnly session cookie plus a CSRF token; the default
   * (`extension`) gets a bearer token in the body.
   */
  client: z.enum(['extension', 'console']).default('extension'),
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

export const LoginResponseSchema = z.object({
  /** Bearer token (extension clients only; never given to the console's JS). */
  token: z.string().optional(),
  /** Per-session CSRF token to echo in `X-CSRF-Token` (console clients only). */
  csrfToken: z.string().optional(),
  expiresAt: z.string(),
  user: UserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const MeResponseSchema = z.object({
  user: UserSchema,
  /** Present for cookie sessions, so a reloaded console can recover its token. */
  csrfToken: z.string().optional(),
  /**
   * The agreement version this user must accept before doing anything else, or
   * null when the current version is accepted. Clients show the gate when set.
   */
  pendingAgreementVersion: z.number().int().positive().nullable(),
  /** Contact details not confirmed within the configured period: ask the user after login. */
  contactConfirmationDue: z.boolean(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const CSRF_HEADER = 'X-CSRF-Token';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
