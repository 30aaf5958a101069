import { z } from 'zod';

const isoDateTime = z.iso.datetime({ offset: true });

/** GET /api/status — public: what every client shows in its banner. */
export const PlatformStatusSchema = z.object({
  maintenance: z.object({
    enabled: z.boolean(),
    message: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
    since: isoDateTime.nullable(),
    /** Seconds clients should wait before retrying a write (also sent as Retry-After). */
    retryAfterSeconds: z.number().int().positive(),
  }),
});
export type PlatformStatus = z.infer<typeof PlatformStatusSchema>;

/** PUT /api/admin/maintenance */
export const SetMaintenanceRequestSchema = z.strictObject({
  enabled: z.boolean(),
  messageZh: z.string().trim().max(1_000).optional(),
  messageEn: z.string().trim().max(1_000).optional(),
  retryAfterSeconds: z.number().int().min(30).max(86_400).optional(),
});
export type SetMaintenanceRequest = z.infer<typeof SetMaintenanceRequestSchema>;

/** In-site messages (GET /api/messages): announcements and notices to one user. */
export const MessageSchema = z.object({
  id: z.string(),
  kind: z.enum(['agreement_published', 'right_decided', 'right_expiring', 'info_requested', 'complaint_closed', 'complaint_decided', 'shop_decided', 'counter_notice_filed', 'counter_notice_decided', 'identity_decided']),
  /** Both languages are stored; the client shows the user's. */
  title: z.object({ 'zh-CN': z.string(), en: z.string() }),
  body: z.object({ 'zh-CN': z.string(), en: z.string() }),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export type Message = z.infer<typeof MessageSchema>;
export const MessageListSchema = z.object({ items: z.array(MessageSchema), unread: z.number().int().nonnegative() });
export type MessageList = z.infer<typeof MessageListSchema>;
