import { describe, expect, it } from 'vitest';
import { qualifyNotice } from '../complaints/qualify';
import {
  ComplaintInputSchema,
  complaintDraftOf,
  emptyComplaintInput,
  type ComplaintFacts,
  type ComplaintInput,
} from './complaint-api';

const facts: ComplaintFacts = {
  rights: [
    {
      id: 'r-own',
      principalId: null,
      registrationNumber: 'TM-1',
      type: 'trademark',
      status: 'verified',
      validFrom: '2020-01-01',
      validUntil: '2030-12-31',
      territories: ['CN'],
    },
    {
      id: 'r-principal',
      principalId: 'p-1',
      registrationNumber: 'TM-2',
      type: 'copyright',
      status: 'verified',
      validFrom: '2020-01-01',
      validUntil: '2030-12-31',
      territories: ['WW'],
    },
  ],
  complainant: { legalName: 'Demo Brand Co.', email: 'legal@demo.test', phone: null, postalAddress: null },
  verifiedCaptureIds: new Set(['c-1']),
};

function input(overrides: Partial<ComplaintInput> = {}): ComplaintInput {
  return {
    ...emptyComplaintInput(),
    rightId: 'r-own',
    reason: 'counterfeit',
    explanation: 'These bags bear our registered mark and are not ours.',
    goodFaith: true,
    accuracy: true,
    listings: [
      {
        url: 'https://item.taobao.com/item.htm?id=612345678901',
        captureIds: ['c-1'],
        location: { kind: 'text', quote: 'DemoBrand' },
      },
    ],
    ...overrides,
  };
}

describe('complaintDraftOf', () => {
  it('gives a qualified draft for a complete input with known facts', () => {
    expect(ComplaintInputSchema.parse(input())).toEqual(input());
    expect(qualifyNotice(complaintDraftOf(input(), facts), { now: '2026-03-15T00:00:00Z' })).toEqual([]);
  });

  it('treats an unknown right as missing and unknown captures as unverified', () => {
    const draft = complaintDraftOf(
      input({ rightId: 'r-nope', listings: [{ url: 'https://item.taobao.com/item.htm?id=1', captureIds: ['c-1', 'c-x'], location: null }] }),
      facts,
    );
    expect(draft.right).toBeNull();
    expect(draft.listings[0]!.verifiedCaptureIds).toEqual(['c-1']);
  });

  it("offers a principal's right only when that principal is picked", () => {
    expect(complaintDraftOf(input({ rightId: 'r-principal' }), facts).right).toBeNull();
    expect(complaintDraftOf(input({ rightId: 'r-principal', principalId: 'p-1' }), facts).right?.id).toBe('r-principal');
    expect(complaintDraftOf(input({ principalId: 'p-1' }), facts).right).toBeNull();
  });

  it('carries the complainant from the facts, never from the input', () => {
    expect(complaintDraftOf(input(), { ...facts, complainant: null }).complainant).toBeNull();
    expect(ComplaintInputSchema.safeParse({ ...input(), complainant: facts.complainant }).success).toBe(false);
  });
});
