import type { Complaint, ComplaintContext, CreateComplaintRequest, ListingLookup } from '@openipp/shared';
import { complaintContext, createComplaint, lookupListing } from './api';
import { withSession } from './with-session';

/** The worker's side of the complaint builder (issue #4): it alone holds the token, so pages ask it through messages. */
export function loadComplaintContext(): Promise<ComplaintContext> {
  return withSession((client) => complaintContext(client));
}

export function fileComplaint(
  request: CreateComplaintRequest,
  idempotencyKey: string,
): Promise<{ complaint: Complaint; replayed: boolean }> {
  return withSession((client) => createComplaint(client, { request, idempotencyKey }));
}

export function lookupReports(url: string): Promise<ListingLookup> {
  return withSession((client) => lookupListing(client, url));
}
