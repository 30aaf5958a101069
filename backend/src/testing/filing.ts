/** Test helpers for review work: filed complaints through the real API, and staff principals for service calls. */
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, type CaptureReceipt, type Complaint, type CreateComplaintRequest, type RightList } from '@openipp/shared';
import type { Principal } from '../lib/context';
import { authenticate } from '../services/auth';
import { bearer, jsonPost, loginBearer, pngBytes, sampleMeta, upload, type Harness } from './harness';

export interface Filer {
  token: string;
  principal: Principal;
  /** The tenant's verified trademark. */
  rightId: string;
}

export interface Staff {
  token: string;
  principal: Principal;
}

export async function signIn(h: Harness, email: string): Promise<Staff> {
  const token = await loginBearer(h, email);
  return { token, principal: await authenticate(h.runtime.store, token, 'bearer') };
}

/** The seeded rights holder's owner, with its verified trademark. */
export async function demoFiler(h: Harness, email = 'owner@demo.test'): Promise<Filer> {
  const { token, principal } = await signIn(h, email);
  const rights = ((await (await h.app.request('/api/rights', { headers: bearer(token) })).json()) as RightList).items;
  const trademark = rights.find((right) => right.registrationNumber === 'TM-DEMO-0001');
  if (!trademark) throw new Error('the demo trademark is missing');
  return { token, principal, rightId: trademark.id };
}

let listingCounter = 0;

/** A capture of a fresh Taobao listing, received through the API (so its hash verifies). */
export async function captureListing(h: Harness, token: string): Promise<{ url: string; captureId: string }> {
  listingCounter += 1;
  const url = `https://item.taobao.com/item.htm?id=${800000000000 + listingCounter}`;
  const color = `#${(listingCounter * 2654435761).toString(16).slice(-6).padStart(6, '0')}`;
  const res = await upload(h, bearer(token), randomUUID(), { meta: sampleMeta({ url }), file: { bytes: await pngBytes(160, 120, color) } });
  if (res.status !== 201) throw new Error(`capture failed: ${res.status} ${await res.text()}`);
  return { url, captureId: ((await res.json()) as CaptureReceipt).id };
}

/** Files a qualified complaint with `listings` fresh listings, each with its own capture. */
export async function fileComplaint(h: Harness, filer: Filer, listings = 2, overrides: Partial<CreateComplaintRequest> = {}): Promise<Complaint> {
  const named = [];
  for (let i = 0; i < listings; i++) named.push(await captureListing(h, filer.token));
  const body: CreateComplaintRequest = {
    principalId: null,
    rightId: filer.rightId,
    reason: 'counterfeit',
    explanation: 'These bags carry our registered mark but were never made or sold by us.',
    goodFaith: true,
    accuracy: true,
    listings: named.map(({ url, captureId }) => ({ url, captureIds: [captureId], location: { kind: 'text' as const, quote: 'DemoBrand' } })),
    submit: true,
    ...overrides,
  };
  const res = await h.app.request('/api/complaints', jsonPost(body, { ...bearer(filer.token), [IDEMPOTENCY_HEADER]: randomUUID() }));
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Complaint;
}
