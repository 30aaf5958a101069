import { z } from 'zod';
import { DeliveryChannelSchema, DeliveryOutcomeSchema, DELIVERY_ADDRESS_MAX } from './delivery';

/**
 * Notices (issue #6 part 4, MISSION item 16): every notice the platform
 * sends is recorded once, with its kind, its recipient and its parameters,
 * and leaves one delivery record per channel it went out on. GET
 * /api/admin/notices is admin-only: anyone else gets 404.
 */

const isoDateTime = z.iso.datetime({ offset: true });

/** Every kind of notice the platform sends; the backend declares each kind's channels. */
export const NOTICE_KINDS = [
  // Addressed to an e-mail address rather than to a user's contact details.
  'verify_email',
  'invitation',
  // Verification.
  'identity_decision_approved',
  'identity_decision_rejected',
  'principal_decision_approved',
  'principal_decision_rejected',
  'right_verified',
  'right_rejected',
  'right_expiring',
  'shop_verified',
  'shop_rejected',
  // Complaint events, requests for material and decisions.
  'info_requested',
  'complaint_closed',
  'complaint_decided',
  'listing_decided',
  // Counter-notices.
  'counter_notice_forwarded',
  'counter_notice_restored',
  'counter_notice_retained',
  // Agreement changes.
  'agreement_published',
  // Freezes.
  'new_device_login',
  'account_frozen',
] as const;
export const NoticeKindSchema = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKindSchema>;

export function isNoticeKind(value: string): value is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(value);
}

/** One channel of one notice. `outcome` null: queued, not attempted yet. */
export const NoticeDeliverySchema = z.object({
  id: z.string(),
  channel: DeliveryChannelSchema,
  /** The e-mail address, phone number, postal address or in-site message id; empty for an SMS not yet attempted. */
  address: z.string(),
  outcome: DeliveryOutcomeSchema.nullable(),
  attempts: z.number().int().nonnegative(),
  sentAt: isoDateTime.nullable(),
  countsAsDeliveredAt: isoDateTime.nullable(),
  trackingNumber: z.string().optional(),
  /** The last failure, as the transport or provider reported it. */
  detail: z.string().optional(),
});
export type NoticeDelivery = z.infer<typeof NoticeDeliverySchema>;

export const NoticeSchema = z.object({
  id: z.string(),
  kind: NoticeKindSchema,
  /** Null for a notice to an address only (an invitation). */
  recipientUserId: z.string().nullable(),
  tenantId: z.string(),
  /** What the notice is about: a complaint, right, shop claim, counter-notice… */
  subjectId: z.string().nullable(),
  /** The values filled into the templates; one-time links are withheld. */
  params: z.record(z.string(), z.unknown()),
  createdAt: isoDateTime,
  deliveries: z.array(NoticeDeliverySchema),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const NoticeListSchema = z.object({ items: z.array(NoticeSchema) });
export type NoticeList = z.infer<typeof NoticeListSchema>;

export const NoticeListQuerySchema = z.object({
  /** A recipient's user id, sign-in e-mail, or an address a notice was sent to. */
  recipient: z.string().trim().min(1).max(DELIVERY_ADDRESS_MAX).optional(),
});
export type NoticeListQuery = z.infer<typeof NoticeListQuerySchema>;
