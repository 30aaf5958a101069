import { MAX_LISTINGS_PER_COMPLAINT, emptyComplaintInput, type ComplaintRightOption } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { complaintOf, COMPLAINT_INPUT } from '../test/fixtures';
import { addCaptures, inputOfComplaint, reasonsFor, removeListing, rightsFor, setLocation, withPrincipal, withRight } from './complaint-input';

const capture = (id: string, url: string) => ({ id, url });

describe('addCaptures', () => {
  it('makes one listing per canonical listing, joining further captures of it as evidence', () => {
    const { input, added, merged, skipped } = addCaptures(emptyComplaintInput(), [
      capture('c1', 'https://item.taobao.com/item.htm?id=680123456789'),
      capture('c2', 'https://www.amazon.com/dp/B08N5WRWNW'),
      capture('c3', 'https://h5.m.taobao.com/awp/core/detail.htm?id=680123456789&ft=t'),
      capture('c1', 'https://item.taobao.com/item.htm?id=680123456789'),
    ]);
    expect([added, merged, skipped]).toEqual([2, 1, 0]);
    expect(input.listings).toEqual([
      { url: 'https://item.taobao.com/item.htm?id=680123456789', captureIds: ['c1', 'c3'], location: null },
      { url: 'https://www.amazon.com/dp/B08N5WRWNW', captureIds: ['c2'], location: null },
    ]);
  });

  it('joins a listing already in the complaint without touching its marked location', () => {
    const { input, added, merged } = addCaptures(COMPLAINT_INPUT, [capture('c9', 'https://item.taobao.com/item.htm?spm=x&id=680123456789')]);
    expect([added, merged]).toEqual([0, 1]);
    expect(input.listings[0]).toEqual({ ...COMPLAINT_INPUT.listings[0], captureIds: ['c1', 'c9'] });
    expect(COMPLAINT_INPUT.listings[0]!.captureIds).toEqual(['c1']);
  });

  it('takes the location from the marks made on the page at capture time, so the listing qualifies unmarked', () => {
    const region = { kind: 'region' as const, x: 0.1, y: 0.2, width: 0.3, height: 0.4 };
    const { input } = addCaptures(emptyComplaintInput(), [
      { id: 'm1', url: 'https://item.taobao.com/item.htm?id=1', marks: [{ kind: 'text', quote: 'replica' }, region] },
      { id: 'm2', url: 'https://item.taobao.com/item.htm?id=2', marks: [{ kind: 'text', quote: 'replica' }] },
      { id: 'm3', url: 'https://item.taobao.com/item.htm?id=3' },
      // A second capture of listing 3: an element locates it; listing 1 keeps the location it has.
      { id: 'm4', url: 'https://item.taobao.com/item.htm?id=3', marks: [{ kind: 'element', selector: '#price', excerpt: '¥ 9' }] },
      { id: 'm5', url: 'https://item.taobao.com/item.htm?id=1', marks: [{ kind: 'element', selector: '#other', excerpt: '' }] },
    ] as Parameters<typeof addCaptures>[1]);
    expect(input.listings.map((listing) => listing.location)).toEqual([
      region,
      { kind: 'text', quote: 'replica' },
      { kind: 'element', selector: '#price', excerpt: '¥ 9' },
    ]);
  });

  it('takes no region from a capture that joins a listing: the region belongs to its first capture', () => {
    const { input } = addCaptures(emptyComplaintInput(), [
      { id: 'r1', url: 'https://item.taobao.com/item.htm?id=1' },
      { id: 'r2', url: 'https://item.taobao.com/item.htm?id=1', marks: [{ kind: 'region', x: 0, y: 0, width: 1, height: 1 }] },
    ] as Parameters<typeof addCaptures>[1]);
    expect(input.listings[0]!.location).toBeNull();
  });

  it(`stops at ${MAX_LISTINGS_PER_COMPLAINT} listings and says how many were left out`, () => {
    const captures = Array.from({ length: MAX_LISTINGS_PER_COMPLAINT + 5 }, (_, i) => capture(`c${i}`, `https://item.taobao.com/item.htm?id=${600000000000 + i}`));
    const { input, added, skipped } = addCaptures(emptyComplaintInput(), captures);
    expect([input.listings.length, added, skipped]).toEqual([MAX_LISTINGS_PER_COMPLAINT, MAX_LISTINGS_PER_COMPLAINT, 5]);
  });
});

describe('editing a listing', () => {
  it('sets a location on one listing and removes another', () => {
    const { input } = addCaptures(emptyComplaintInput(), [capture('a', 'https://shop.example/p/1'), capture('b', 'https://shop.example/p/2')]);
    const marked = setLocation(input, 1, { kind: 'text', quote: 'Lantern original' });
    expect(marked.listings.map((listing) => listing.location)).toEqual([null, { kind: 'text', quote: 'Lantern original' }]);
    expect(removeListing(marked, 0).listings.map((listing) => listing.url)).toEqual(['https://shop.example/p/2']);
  });
});

describe('right, principal and reason', () => {
  const rights: ComplaintRightOption[] = [
    { id: 'own-tm', type: 'trademark', status: 'verified', validFrom: '2020-01-01', validUntil: '2039-12-31', territories: ['CN'], registrationNumber: '1', principalId: null },
    { id: 'p1-cr', type: 'copyright', status: 'verified', validFrom: '2020-01-01', validUntil: '2039-12-31', territories: ['WW'], registrationNumber: '2', principalId: 'p1' },
  ];

  it('offers the rights of the chosen owner, and the reasons of the chosen right type', () => {
    expect(rightsFor(rights, null).map((right) => right.id)).toEqual(['own-tm']);
    expect(rightsFor(rights, 'p1').map((right) => right.id)).toEqual(['p1-cr']);
    expect(reasonsFor(rights[0])).toEqual(['counterfeit', 'trademark_misuse']);
    expect(reasonsFor(undefined)).toEqual([]);
  });

  it('drops a reason that no longer fits, and a right the new principal does not own', () => {
    const chosen = { ...emptyComplaintInput(), rightId: 'own-tm', reason: 'counterfeit' as const };
    expect(withRight(chosen, 'p1-cr', rights)).toMatchObject({ rightId: 'p1-cr', reason: null });
    expect(withRight(chosen, 'own-tm', rights)).toMatchObject({ rightId: 'own-tm', reason: 'counterfeit' });
    expect(withPrincipal(chosen, 'p1', rights)).toMatchObject({ principalId: 'p1', rightId: null, reason: null });
    expect(withPrincipal(chosen, null, rights)).toMatchObject({ principalId: null, rightId: 'own-tm', reason: 'counterfeit' });
  });
});

describe('inputOfComplaint', () => {
  it('gives back the input a saved draft was made from, listings in their order', () => {
    const complaint = complaintOf(COMPLAINT_INPUT);
    expect(inputOfComplaint(complaint)).toEqual(COMPLAINT_INPUT);
    const two = complaintOf({ ...COMPLAINT_INPUT, listings: [...COMPLAINT_INPUT.listings, { url: 'https://shop.example/p/2', captureIds: ['c2'], location: null }] });
    const shuffled = { ...two, listings: [...two.listings].reverse(), principal: { id: 'p1', legalName: 'Brand GmbH' } };
    expect(inputOfComplaint(shuffled).listings.map((listing) => listing.url)).toEqual(['https://item.taobao.com/item.htm?id=680123456789', 'https://shop.example/p/2']);
    expect(inputOfComplaint(shuffled).principalId).toBe('p1');
  });
});
