import { describe, expect, it } from 'vitest';
import { isPublicRoute, parseHash } from './use-hash-route';

describe('parseHash', () => {
  it('reads the route and its query, and counts each parse as a new visit', () => {
    const first = parseHash('#/verify-email?token=abc%2Bdef&x=1');
    expect([first.route, first.params.get('token'), first.params.get('x')]).toEqual(['verify-email', 'abc+def', '1']);
    const again = parseHash('#/verify-email?token=abc%2Bdef&x=1');
    expect(again.visit).toBeGreaterThan(first.visit);
    expect(isPublicRoute(first.route)).toBe(true);
  });

  it('falls back to the captures for unknown or empty hashes', () => {
    expect(parseHash('').route).toBe('captures');
    expect(parseHash('#/nowhere?token=1').route).toBe('captures');
    expect(parseHash('#/organisation').route).toBe('organisation');
    expect(isPublicRoute(parseHash('#/admin').route)).toBe(false);
  });

  it('takes the invitation mail’s #/accept-invitation as the invitation page', () => {
    const location = parseHash('#/accept-invitation?token=t1');
    expect([location.route, location.params.get('token')]).toEqual(['invitation', 't1']);
  });

  it('keeps the path after the route name, decoded, for deep links', () => {
    expect(parseHash('#/complaints/0192f1e0-aaaa').segments).toEqual(['0192f1e0-aaaa']);
    expect(parseHash('#/complaints/a%2Fb/edit?x=1').segments).toEqual(['a/b', 'edit']);
    expect(parseHash('#/admin/rights').route).toBe('admin');
    expect(parseHash('#/admin/rights/').segments).toEqual(['rights']);
    expect(parseHash('#/complaints/%E0%A4%A').segments).toEqual(['%E0%A4%A']);
    // An unknown page falls back to the captures, without the path it had.
    expect(parseHash('#/nowhere/else').segments).toEqual([]);
  });
});
