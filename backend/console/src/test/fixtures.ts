import type { Complaint, ComplaintInput } from '@openipp/shared';

/** Fixed shapes of the complaint contract, for tests that need a valid server answer. */
export const SIGNED_IN_USER = {
  id: 'u1',
  email: 'legal@lantern.example',
  displayName: 'Lin Wei',
  role: 'owner',
  locale: 'en',
  tenant: { id: 't1', name: 'Lantern Footwear Co., Ltd.', kind: 'rights_holder', identityStatus: 'approved' },
} as const;

export const COMPLAINT_INPUT: ComplaintInput = {
  principalId: null,
  rightId: 'r1',
  reason: 'counterfeit',
  explanation: 'The listing sells shoes bearing our registered word mark without our consent.',
  goodFaith: true,
  accuracy: true,
  listings: [
    { url: 'https://item.taobao.com/item.htm?id=680123456789', captureIds: ['c1'], location: { kind: 'region', x: 0.1, y: 0.2, width: 0.3, height: 0.4 } },
  ],
};

export function complaintOf(input: ComplaintInput, overrides: Partial<Complaint> = {}): Complaint {
  const at = '2026-11-29T09:00:00.000Z';
  return {
    id: 'cp1',
    tenantId: 't1',
    state: 'draft',
    principal: null,
    right: { id: 'r1', type: 'trademark', registrationNumber: 'TM 1234567' },
    reason: input.reason,
    explanation: input.explanation,
    goodFaith: input.goodFaith,
    accuracy: input.accuracy,
    complainant: null,
    listings: input.listings.map((listing, index) => ({
      id: `l${index + 1}`,
      position: index + 1,
      url: listing.url,
      canonicalUrl: listing.url,
      marketplace: 'taobao',
      listingId: '680123456789',
      shopId: null,
      jurisdiction: 'CN',
      captureIds: listing.captureIds,
      location: listing.location,
      outcome: 'pending',
    })),
    transitions: [{ from: null, to: 'draft', event: null, actor: { id: 'u1', email: 'legal@lantern.example' }, at }],
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    ...overrides,
  };
}
