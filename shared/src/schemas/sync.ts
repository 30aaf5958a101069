import { z } from 'zod';
import { LIMITS } from '../limits';
import { ComplaintSchema } from './complaint-api';
import { ComplaintStateSchema, ListingOutcomeSchema, ReasonCodeSchema } from './complaint';
import { MessageSchema } from './platform';
import { InfoRequestSchema } from './review';

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * GET /api/sync/changes — the down-sync (issue #7, part 7): what changed for
 * the caller since `cursor`, oldest change first. Each item is the whole
 * current state of its record, so a client merges by id and a record sent
 * twice (a retried page) does no harm.
 */
export const SyncChangesQuerySchema = z.object({
  /** Opaque; absent on the first pull, which then returns everything. */
  cursor: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.listPageMax).optional(),
});
export type SyncChangesQuery = z.infer<typeof SyncChangesQuerySchema>;

/** One complaint of the caller's tenant as the extension lists it: state and each listing's outcome. */
export const SyncComplaintSchema = z.object({
  id: z.string(),
  state: ComplaintStateSchema,
  reason: ReasonCodeSchema.nullable(),
  right: ComplaintSchema.shape.right,
  listings: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      url: z.string(),
      canonicalUrl: z.string().nullable(),
      marketplace: z.string().nullable(),
      outcome: ListingOutcomeSchema,
      decidedAt: isoDateTime.nullable(),
      /** Set when an upheld listing was restored after a counter-notice. */
      reversedAt: isoDateTime.nullable(),
    }),
  ),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
});
export type SyncComplaint = z.infer<typeof SyncComplaintSchema>;

/** A request for material, open (no response, not expired) or closed, with the complaint it is about. */
export const SyncInfoRequestSchema = InfoRequestSchema.extend({ complaintId: z.string() });
export type SyncInfoRequest = z.infer<typeof SyncInfoRequestSchema>;

export const SyncChangesSchema = z.object({
  complaints: z.array(SyncComplaintSchema),
  infoRequests: z.array(SyncInfoRequestSchema),
  messages: z.array(MessageSchema),
  /** Pass it back to get what changed after this page; unchanged when nothing did. */
  cursor: z.string(),
  /** More changes wait beyond this page: ask again at once. */
  hasMore: z.boolean(),
});
export type SyncChanges = z.infer<typeof SyncChangesSchema>;

/** Whether the complainant has something to do about a complaint: answer a request for material. */
export function complaintNeedsAction(complaint: Pick<SyncComplaint, 'state'>): boolean {
  return complaint.state === 'needs_info';
}
