import { z } from 'zod';
import { RoleSchema } from './auth';

const isoDateTime = z.iso.datetime({ offset: true });

/** GET /api/sessions — the caller's own live sessions and extension tokens. */
export const SessionInfoSchema = z.object({
  /** A public id, not the token or its hash. */
  id: z.string(),
  kind: z.enum(['bearer', 'cookie']),
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  expiresAt: isoDateTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** True for the session making this request. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
export const SessionListSchema = z.object({ items: z.array(SessionInfoSchema) });
export type SessionList = z.infer<typeof SessionListSchema>;

/** GET /api/account/logins — the caller's sign-in history, newest first. */
export const LoginEventSchema = z.object({
  at: isoDateTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  outcome: z.enum(['success', 'wrong_password', 'throttled', 'frozen']),
});
export type LoginEvent = z.infer<typeof LoginEventSchema>;
export const LoginHistorySchema = z.object({ items: z.array(LoginEventSchema) });

/** POST /api/account/report-compromise — freezes the caller's own account at once. */
export const ReportCompromiseRequestSchema = z.strictObject({
  note: z.string().trim().max(2_000).optional(),
});

/** Admin view of a user (GET /api/admin/users). */
export const AdminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  tenant: z.object({ id: z.string(), name: z.string() }),
  frozenAt: isoDateTime.nullable(),
  frozenNote: z.string().nullable(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;
export const AdminUserListSchema = z.object({ items: z.array(AdminUserSchema) });

/** POST /api/admin/users/{id}/unfreeze — after review. */
export const UnfreezeRequestSchema = z.strictObject({
  note: z.string().trim().min(1).max(2_000),
});
