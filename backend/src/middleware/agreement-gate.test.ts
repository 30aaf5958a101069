import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { enforceAgreementGate, gateAllows } from './agreement-gate';
import { maintenanceAllows } from './maintenance';

const principal = (pendingAgreementVersion: number | null): Principal => ({
  sessionId: 'hash',
  sessionPublicId: 'public',
  pendingAgreementVersion,
  kind: 'bearer',
  csrfToken: null,
  expiresAt: Date.now() + 60_000,
  user: { id: 'u', email: 'u@example.test', displayName: 'U', role: 'admin', locale: 'en' },
  tenant: { id: 't', name: 'T', kind: 'platform', identityStatus: 'approved' },
});

describe('agreement gate allow-list', () => {
  it.each([
    ['GET', '/api/me'],
    ['GET', '/api/agreements/current'],
    ['POST', '/api/agreements/2/accept'],
    ['POST', '/api/auth/logout'],
    ['POST', '/api/account/report-compromise'],
  ])('lets %s %s through', (method, path) => {
    expect(gateAllows(method, path)).toBe(true);
    expect(() => enforceAgreementGate(principal(2), method, path)).not.toThrow();
  });

  it.each([
    ['POST', '/api/me'],
    ['GET', '/api/captures'],
    ['POST', '/api/captures'],
    ['GET', '/api/agreements/2/accept'],
    ['POST', '/api/agreements/current'],
    ['POST', '/api/agreements/2/accept/extra'],
    ['GET', '/api/auth/logout'],
    ['GET', '/api/messages'],
    ['GET', '/api/sessions'],
    ['GET', '/api/account/logins'],
    ['GET', '/api/admin/agreements'],
    ['GET', '/api/me/../captures'],
  ])('stops %s %s with agreement_acceptance_required', (method, path) => {
    expect(gateAllows(method, path)).toBe(false);
    let thrown: unknown;
    try {
      enforceAgreementGate(principal(2), method, path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('agreement_acceptance_required');
    expect((thrown as AppError).status).toBe(403);
  });

  it('is open once nothing is pending', () => {
    expect(() => enforceAgreementGate(principal(null), 'POST', '/api/captures')).not.toThrow();
  });
});

describe('maintenance allow-list', () => {
  it('lets every read through', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(maintenanceAllows(method, '/api/captures')).toBe(true);
  });

  it.each([
    ['POST', '/api/auth/login'],
    ['POST', '/api/auth/logout'],
    ['POST', '/api/agreements/3/accept'],
    ['PUT', '/api/admin/maintenance'],
    ['POST', '/api/account/report-compromise'],
    ['POST', '/api/auth/freeze-by-link'],
  ])('lets the write %s %s through', (method, path) => {
    expect(maintenanceAllows(method, path)).toBe(true);
  });

  it.each([
    ['POST', '/api/captures'],
    ['DELETE', '/api/sessions/abc'],
    ['POST', '/api/sessions/revoke-all'],
    ['POST', '/api/admin/agreements'],
    ['POST', '/api/admin/maintenance'],
    ['PATCH', '/api/admin/maintenance'],
    ['POST', '/api/messages/x/read'],
    ['POST', '/api/registrations'],
    ['POST', '/api/auth/verify-email'],
    ['PUT', '/api/account/contacts'],
  ])('holds the write %s %s', (method, path) => {
    expect(maintenanceAllows(method, path)).toBe(false);
  });
});
