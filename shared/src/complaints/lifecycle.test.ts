import { describe, expect, it } from 'vitest';
import { COMPLAINT_EVENTS, COMPLAINT_STATES, type ComplaintEvent, type ComplaintState } from '../schemas/complaint';
import { COMPLAINT_TRANSITIONS, OPEN_STATES, allowedEvents, isOpenState, transition } from './lifecycle';

const settled = { listingOutcomes: ['upheld', 'rejected', 'upheld'] as const };

// Written out by hand rather than derived from the table, so a wrong row in
// the table fails here.
const ALLOWED: [ComplaintState, ComplaintEvent, ComplaintState][] = [
  ['draft', 'submit', 'submitted'],
  ['submitted', 'start_review', 'in_review'],
  ['in_review', 'request_info', 'needs_info'],
  ['needs_info', 'provide_info', 'in_review'],
  ['needs_info', 'expire', 'closed'],
  ['in_review', 'decide', 'decided'],
  ['draft', 'withdraw', 'withdrawn'],
  ['submitted', 'withdraw', 'withdrawn'],
  ['in_review', 'withdraw', 'withdrawn'],
  ['needs_info', 'withdraw', 'withdrawn'],
];

describe('complaint lifecycle', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, event, to) => {
    expect(transition(from, event, settled)).toEqual({ ok: true, state: to });
  });

  it('allows nothing beyond the listed transitions', () => {
    const allowed = new Set(ALLOWED.map(([from, event]) => `${from}:${event}`));
    for (const from of COMPLAINT_STATES) {
      for (const event of COMPLAINT_EVENTS) {
        if (allowed.has(`${from}:${event}`)) continue;
        expect(transition(from, event, settled), `${from}:${event}`).toEqual({
          ok: false,
          code: 'invalid_transition',
          from,
          event,
        });
      }
    }
  });

  it.each([
    ['draft', 'start_review'],
    ['draft', 'decide'],
    ['submitted', 'submit'],
    ['submitted', 'decide'],
    ['in_review', 'submit'],
    ['in_review', 'provide_info'],
    ['needs_info', 'decide'],
    ['needs_info', 'request_info'],
    ['in_review', 'expire'],
    ['submitted', 'expire'],
  ] as [ComplaintState, ComplaintEvent][])('refuses %s --%s-->', (from, event) => {
    expect(transition(from, event, settled)).toEqual({ ok: false, code: 'invalid_transition', from, event });
  });

  it.each(COMPLAINT_EVENTS)('refuses %s from withdrawn, decided and closed', (event) => {
    for (const from of ['withdrawn', 'decided', 'closed'] as const) {
      expect(transition(from, event, settled)).toEqual({ ok: false, code: 'invalid_transition', from, event });
    }
  });

  it('refuses decide while a listing is pending', () => {
    expect(transition('in_review', 'decide', { listingOutcomes: ['upheld', 'pending', 'rejected'] })).toEqual({
      ok: false,
      code: 'invalid_transition',
      from: 'in_review',
      event: 'decide',
      guard: 'listing_outcomes_pending',
    });
  });

  it('refuses decide without any listing outcomes', () => {
    expect(transition('in_review', 'decide')).toMatchObject({ ok: false, guard: 'listing_outcomes_pending' });
    expect(transition('in_review', 'decide', { listingOutcomes: [] })).toMatchObject({ ok: false });
  });

  it('decides when every listing is rejected', () => {
    expect(transition('in_review', 'decide', { listingOutcomes: ['rejected'] })).toEqual({ ok: true, state: 'decided' });
  });

  it('names the open states, all of which can be withdrawn', () => {
    expect([...OPEN_STATES].sort()).toEqual(['draft', 'in_review', 'needs_info', 'submitted']);
    for (const state of COMPLAINT_STATES) {
      expect(isOpenState(state), state).toBe(COMPLAINT_TRANSITIONS[state].withdraw === 'withdrawn');
    }
  });

  it('lists the allowed events per state', () => {
    expect(allowedEvents('draft')).toEqual(['submit', 'withdraw']);
    expect(allowedEvents('in_review')).toEqual(['request_info', 'decide', 'withdraw']);
    expect(allowedEvents('needs_info')).toEqual(['provide_info', 'expire', 'withdraw']);
    expect(allowedEvents('decided')).toEqual([]);
    expect(allowedEvents('withdrawn')).toEqual([]);
    expect(allowedEvents('closed')).toEqual([]);
  });

  it('leaves out events whose precondition fails when given a context', () => {
    expect(allowedEvents('in_review', { listingOutcomes: ['pending'] })).toEqual(['request_info', 'withdraw']);
    expect(allowedEvents('in_review', { listingOutcomes: ['upheld'] })).toEqual(['request_info', 'decide', 'withdraw']);
  });
});
