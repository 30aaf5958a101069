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
});
