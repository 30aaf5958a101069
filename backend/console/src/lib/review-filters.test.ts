import { describe, expect, it } from 'vitest';
import { parseHash } from '../hooks/use-hash-route';
import { parseQueueFilters, queueFilterKey, reviewComplaintHref, reviewQueueHref, withFilter, type QueueFilters } from './review-filters';

const every: QueueFilters = { marketplace: 'taobao', reason: 'counterfeit', rightType: 'trademark', state: 'in_review', overdue: 'true', risk: 'high' };

/** The filters after a trip through the address bar: written into a hash, then read back from it as on a reload. */
const roundTrip = (filters: QueueFilters) => parseQueueFilters(parseHash(reviewQueueHref(filters)).params);

describe('the queue filters in the hash', () => {
  it('survive a reload: written to the hash and read back, each filter is the same', () => {
    expect(roundTrip(every)).toEqual(every);
    expect(roundTrip({})).toEqual({});
    expect(roundTrip({ overdue: 'false' })).toEqual({ overdue: 'false' });
    expect(reviewQueueHref(every)).toBe('#/review?marketplace=taobao&reason=counterfeit&rightType=trademark&state=in_review&overdue=true&risk=high');
    expect(reviewQueueHref()).toBe('#/review');
  });

  it('give the same hash whatever order they were set in', () => {
    const one = withFilter(withFilter({}, 'risk', 'high'), 'reason', 'counterfeit');
    const other = withFilter(withFilter({}, 'reason', 'counterfeit'), 'risk', 'high');
    expect(queueFilterKey(one)).toBe(queueFilterKey(other));
    expect(queueFilterKey(one)).toBe('reason=counterfeit&risk=high');
  });

  it('drop what the queue would refuse, keeping the rest', () => {
    const params = new URLSearchParams('reason=forgery&state=decided&overdue=yes&risk=high&rightType=&marketplace=taobao&cursor=abc&limit=5');
    expect(parseQueueFilters(params)).toEqual({ risk: 'high', marketplace: 'taobao' });
  });

  it('are removed by choosing "any"', () => {
    expect(withFilter(every, 'risk', '')).toEqual({ ...every, risk: undefined });
    expect(queueFilterKey(withFilter({ risk: 'low' }, 'risk', ''))).toBe('');
  });

  it('ride along to a complaint’s evidence view, so "Submit & Next" stays in the same queue', () => {
    const href = reviewComplaintHref('cp/1', { reason: 'counterfeit', overdue: 'true' });
    expect(href).toBe('#/review/cp%2F1?reason=counterfeit&overdue=true');
    const location = parseHash(href);
    expect([location.route, location.segments]).toEqual(['review', ['cp/1']]);
    expect(parseQueueFilters(location.params)).toEqual({ reason: 'counterfeit', overdue: 'true' });
  });
});
