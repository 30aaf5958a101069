/** Test helpers for the reviewer's work: filing real complaints through the API, and the rows a review may write. */
import { randomUUID } from 'node:crypto';
import {
  IDEMPOTENCY_HEADER,
  type CaptureReceipt,
  type Complaint,
  type CreateComplaintRequest,
  type ListingLocation,
  type ReasonCode,
  type RightList,
} from '@openipp/shared';
import { createComplaint } from '../services/complaints';
import type { Filer } from './filing';
import { bearer, jsonPost, loginBearer, pngBytes, sampleMeta, upload, type Harness } from './harness';

export const REGION: ListingLocation = { kind: 'region', x: 0.1, y: 0.2, width: 0.3, height: 0.25 };
export const QUOTE: ListingLocation = { kind: 'text', quote: 'DemoBrand' };

let colour = 0x102030;

/** A capture of `url` by the token's tenant, each with distinct bytes. */
export async function captureOf(h: Harness, token: string, url: string): Promise<string> {
  colour = (colour + 0x0a0b0c) % 0xffffff;
  const res = await upload(h, bearer(token), randomUUID(), {
    meta: sampleMeta({ url }),
    file: { bytes: await pngBytes(64, 48, `#${colour.toString(16).padStart(6, '0')}`) },
  });
  if (res.status !== 201) throw new Error(`capture failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as CaptureReceipt).id;
}

/** The demo rights holder's verified trademark (territories CN and US). */
export async function demoTrademark(h: Harness, ownerToken: string): Promise<string> {
  const rights = ((await (await h.app.request('/api/rights', { headers: bearer(ownerToken) })).json()) as RightList).items;
  return rights.find((right) => right.registrationNumber === 'TM-DEMO-0001')!.id;
}

let nextItem = 700_000_000_000;

/** A Taobao listing URL never used before in this process. */
export const freshTaobao = () => `https://item.taobao.com/item.htm?id=${nextItem++}`;

export interface FilingOptions {
  rightId: string;
  reason?: ReasonCode;
  /** One entry per listing: its URL (default a fresh Taobao listing) and where the infringement is (default a region). */
  listings?: Array<{ url?: string; location?: ListingLocation }>;
}

/** The body of a qualified complaint, with a fresh capture by the token's tenant for every listing. */
async function qualifiedComplaint(h: Harness, token: string, options: FilingOptions): Promise<CreateComplaintRequest> {
  const listings = [];
  for (const listing of options.listings ?? [{}]) {
    const url = listing.url ?? freshTaobao();
    listings.push({ url, captureIds: [await captureOf(h, token, url)], location: listing.location ?? REGION });
  }
  return {
    principalId: null,
    rightId: options.rightId,
    reason: options.reason ?? 'counterfeit',
    explanation: 'These bags carry our registered mark but were never made or sold by us.',
    goodFaith: true,
    accuracy: true,
    listings,
    submit: true,
  };
}

/** Files a qualified complaint through POST /api/complaints, with a fresh capture for every listing. */
export async function fileComplaint(h: Harness, token: string, options: FilingOptions): Promise<Complaint> {
  const body = await qualifiedComplaint(h, token, options);
  const res = await h.app.request('/api/complaints', jsonPost(body, { ...bearer(token), [IDEMPOTENCY_HEADER]: randomUUID() }));
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Complaint;
}

/**
 * Files the same qualified complaint with the filer's trademark through the
 * service, as at `at` instead of now: for rules that hang on when a complaint
 * was filed (claim leases, due dates).
 */
export async function fileComplaintAt(h: Harness, filer: Filer, at: number, listings?: FilingOptions['listings']): Promise<Complaint> {
  const request = await qualifiedComplaint(h, filer.token, { rightId: filer.rightId, listings });
  return (await createComplaint({ store: h.runtime.store, blobs: h.runtime.blobs }, filer.principal, randomUUID(), request, at)).complaint;
}

/** The seeded accounts a review test works with, signed in by bearer token, and the rights holder's trademark. */
export async function reviewCast(h: Harness): Promise<{ owner: string; reviewer: string; admin: string; rightId: string }> {
  const owner = await loginBearer(h, 'owner@demo.test');
  const reviewer = await loginBearer(h, 'reviewer@demo.test');
  const admin = await loginBearer(h, 'admin@demo.test');
  return { owner, reviewer, admin, rightId: await demoTrademark(h, owner) };
}

/** Every row a review write could leave behind, and the audit trail's length. */
export function reviewRows(h: Harness) {
  return {
    complaints: h.db.rows<{ state: string; updated_at: number; due_at: number | null }>('select id, state, updated_at, due_at from complaints order by id'),
    listings: h.db.rows('select id, outcome, statement, decided_by, decided_at, measure from complaint_listings order by id'),
    transitions: h.db.count('complaint_transitions'),
    claims: h.db.rows('select * from complaint_claims order by complaint_id'),
    notifications: h.db.count('notifications'),
    proposals: h.db.rows('select * from decision_proposals order by id'),
    messages: h.db.count('messages'),
    audit: h.db.count('audit_log'),
  };
}
