import type { CaptureList, Complaint, ComplaintContext, CreateComplaintRequest, ListingLocation } from '@openipp/shared';
import type { BackendProcess } from './backend';

export interface FiledListing {
  /** The page as captured (fixture host, port and all); the server canonicalises it. */
  url: string;
  captureId: string;
  location: ListingLocation;
}

/** The server ids of the user's captures, by the URL each was taken of. */
export async function captureIdsByUrl(backend: BackendProcess, token: string): Promise<Map<string, string>> {
  const list = await backend.api<CaptureList>('/api/captures?limit=100', token);
  return new Map(list.items.map((capture) => [capture.url, capture.id]));
}

/**
 * Files a counterfeiting complaint over the tenant's verified demo trademark
 * through the API the builders use (POST /api/complaints, submit: true), with
 * a fresh Idempotency-Key. Throws unless the server filed it.
 */
export async function fileComplaint(backend: BackendProcess, token: string, listings: readonly FiledListing[]): Promise<Complaint> {
  const context = await backend.api<ComplaintContext>('/api/complaints/context', token);
  const right = context.rights.find((option) => option.registrationNumber === 'TM-DEMO-0001' && option.status === 'verified');
  if (!right) throw new Error(`no verified TM-DEMO-0001 among ${context.rights.map((option) => option.registrationNumber).join(', ')}`);
  const body: CreateComplaintRequest = {
    principalId: null,
    rightId: right.id,
    reason: 'counterfeit',
    explanation:
      'These listings offer bags bearing our registered DemoBrand mark. We never made, sold or licensed them; the stitching, ' +
      'the lining and the price (a fraction of the genuine bag) show they are counterfeits of the DemoBrand Classic Tote.',
    goodFaith: true,
    accuracy: true,
    listings: listings.map((listing) => ({ url: listing.url, captureIds: [listing.captureId], location: listing.location })),
    submit: true,
  };
  const filed = await backend.call<Complaint>('POST', '/api/complaints', token, body, { 'idempotency-key': crypto.randomUUID() });
  if (filed.status !== 201 || filed.body.state !== 'submitted') throw new Error(`filing: ${filed.status} ${JSON.stringify(filed.body)}`);
  return filed.body;
}
