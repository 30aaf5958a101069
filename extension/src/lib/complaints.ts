import type { Complaint, ComplaintContext, CreateComplaintRequest, ListingLookup } from '@openipp/shared';
import { applyAccountProblem } from './account-state';
import { ApiError, complaintContext, createComplaint, lookupListing, type ApiClientOptions } from './api';
import { getActiveSession, getBackendUrl } from './storage';

/**
 * The worker's side of the complaint builder (issue #4): it alone holds the
 * token, so pages ask it through messages. Account-wide answers (a frozen
 * account, a new agreement) are handled here exactly as for uploads.
 */
async function withSession<T>(work: (client: ApiClientOptions) => Promise<T>): Promise<T> {
  const session = await getActiveSession();
  if (!session) throw new ApiError(401, 'unauthenticated');
  try {
    return await work({ baseUrl: await getBackendUrl(), token: session.token });
  } catch (error) {
    await applyAccountProblem(error, session);
    throw error;
  }
}

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
