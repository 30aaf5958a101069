import { z } from 'zod';

/**
 * Notice delivery (issue #6 part 4, MISSION item 16): every notice the
 * platform sends leaves one delivery record per channel — the address used,
 * when it was sent, the outcome, and when it counts as delivered. Deadlines
 * that run from delivery start at `countsAsDeliveredAt`.
 * Every route under /api/admin/deliveries and /api/admin/paper-letters is
 * admin-only: anyone else gets 404.
 */

const isoDateTime = z.iso.datetime({ offset: true });

export const DELIVERY_CHANNELS = ['in_site', 'email', 'sms', 'paper'] as const;
export const DeliveryChannelSchema = z.enum(DELIVERY_CHANNELS);
export type DeliveryChannel = z.infer<typeof DeliveryChannelSchema>;

/**
 * 'failed_retrying': the last attempt failed and another is scheduled;
 * 'failed_permanent': no further attempt will be made; 'posted': a paper
 * letter handed to the post.
 */
export const DELIVERY_OUTCOMES = ['sent', 'failed_retrying', 'failed_permanent', 'posted'] as const;
export const DeliveryOutcomeSchema = z.enum(DELIVERY_OUTCOMES);
export type DeliveryOutcome = z.infer<typeof DeliveryOutcomeSchema>;

export const DELIVERY_ADDRESS_MAX = 500;
export const TRACKING_NUMBER_MAX = 64;
export const NOTICE_REF_MAX = 64;

export const DeliveryRecordSchema = z.object({
  id: z.string(),
  noticeId: z.string().optional(),
  channel: DeliveryChannelSchema,
  /** The e-mail address, phone number, postal address or user id (in-site) the notice went to. */
  address: z.string(),
  sentAt: isoDateTime.nullable(),
  outcome: DeliveryOutcomeSchema,
  attempts: z.number().int().nonnegative(),
  /** Electronic: the successful send; paper: the fifth natural day after posting (Asia/Shanghai). */
  countsAsDeliveredAt: isoDateTime.nullable(),
  trackingNumber: z.string().optional(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

export const DeliveryListSchema = z.object({ items: z.array(DeliveryRecordSchema) });
export type DeliveryList = z.infer<typeof DeliveryListSchema>;

export const DeliveryListQuerySchema = z.object({
  channel: DeliveryChannelSchema.optional(),
  /** A recipient's user id, or the exact address used. */
  recipient: z.string().trim().min(1).max(DELIVERY_ADDRESS_MAX).optional(),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuerySchema>;

/** An admin records a letter the platform posted; it counts as delivered on the fifth natural day after `postedAt`. */
export const PaperLetterRequestSchema = z.strictObject({
  postedAt: isoDateTime,
  address: z.string().trim().min(1).max(DELIVERY_ADDRESS_MAX),
  trackingNumber: z.string().trim().min(1).max(TRACKING_NUMBER_MAX),
  /** The notice the letter carries. */
  noticeRef: z.string().trim().min(1).max(NOTICE_REF_MAX),
});
export type PaperLetterRequest = z.infer<typeof PaperLetterRequestSchema>;
