import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../testing/harness';
import { APP_VERSION } from '../../version';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { seed: false });
});
afterAll(() => h.close());

describe('system routes', () => {
  it('GET /api/health reports the database and version', async () => {
    const res = await h.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: APP_VERSION, database: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });

  it('sets security headers', async () => {
    const res = await h.app.request('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('GET /api/openapi.json is OpenAPI 3.1 listing every route', async () => {
    const res = await h.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/auth/login',
        '/api/auth/logout',
        '/api/captures',
        '/api/captures/{id}',
        '/api/captures/{id}/image',
        '/api/captures/{id}/original',
        '/api/captures/{id}/bundle',
        '/api/captures/{id}/artefacts/{sha256}',
        '/api/captures/{id}/page-read-correction',
        '/api/evidence/public-key',
        '/api/health',
        '/api/me',
        '/api/status',
        '/api/agreements/current',
        '/api/agreements/{version}/accept',
        '/api/sessions',
        '/api/sessions/{id}',
        '/api/sessions/revoke-all',
        '/api/account/logins',
        '/api/account/report-compromise',
        '/api/messages',
        '/api/messages/{id}/read',
        '/api/sync/changes',
        '/api/admin/agreements',
        '/api/admin/users',
        '/api/admin/users/{id}/acceptances',
        '/api/admin/users/{id}/unfreeze',
        '/api/admin/maintenance',
        '/api/admin/verifications',
        '/api/admin/tenants/{id}/verification',
        '/api/admin/principals/{id}/verification',
        '/api/registrations',
        '/api/auth/verify-email',
        '/api/auth/resend-verification',
        '/api/auth/accept-invitation',
        '/api/auth/freeze-by-link',
        '/api/tenant',
        '/api/tenant/users',
        '/api/tenant/users/{id}',
        '/api/tenant/users/{id}/contacts',
        '/api/tenant/invitations',
        '/api/documents/{id}',
        '/api/principals',
        '/api/rights',
        '/api/rights/{id}',
        '/api/rights/{id}/proofs/{proofId}',
        '/api/admin/rights',
        '/api/admin/rights/{id}/verification',
        '/api/account/contacts',
        '/api/account/contacts/confirm',
        '/api/complaints',
        '/api/complaints/context',
        '/api/complaints/check',
        '/api/complaints/lookup',
        '/api/complaints/stats',
        '/api/complaints/{id}',
        '/api/complaints/{id}/submit',
        '/api/complaints/{id}/withdraw',
        '/api/complaints/{id}/info-requests',
        '/api/complaints/{id}/info-response',
        '/api/complaints/{id}/info-documents/{documentId}',
        '/api/review/complaints/{id}/info-request',
        '/api/review/complaints/{id}/abuse',
        '/api/admin/complainants',
        '/api/admin/complainants/{tenantId}/sanctions',
        '/api/admin/complainants/{tenantId}/sanctions/{id}/lift',
        '/api/review/queue',
        '/api/review/complaints/{id}',
        '/api/review/complaints/{id}/claim',
        '/api/review/complaints/{id}/decision',
        '/api/review/bulk',
        '/api/complaints/{id}/timeline',
        '/api/admin/deliveries',
        '/api/admin/paper-letters',
        '/api/admin/notices',
        '/api/shops',
        '/api/admin/shops',
        '/api/admin/shops/{id}/verification',
        '/api/seller/complaints',
        '/api/seller/complaints/{id}',
        '/api/seller/complaints/{id}/captures/{captureId}/image',
        '/api/seller/listings/{listingId}/counter-notice',
        '/api/complaints/{id}/counter-notices',
        '/api/counter-notices/{id}/proof',
        '/api/counter-notices/{id}/evidence/{documentId}',
        '/api/counter-notices/{id}/proofs/{documentId}',
        '/api/shops/{claimId}/proofs/{documentId}',
        '/api/admin/shops/{claimId}/proofs/{documentId}',
        '/api/review/restore-due',
        '/api/review/counter-notices/{id}/decision',
        '/api/admin/disclosures',
      ].sort(),
    );
    // Demo-only routes are absent unless DEMO_MAILBOX is on.
    expect(doc.paths['/api/dev/mailbox']).toBeUndefined();
    expect(Object.keys(doc.paths['/api/account/contacts']!).sort()).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths['/api/review/complaints/{id}/claim']!).sort()).toEqual(['delete', 'post']);
    expect(JSON.stringify(doc.paths['/api/review/complaints/{id}/decision']!.post)).toContain('placeholder_unfilled');
    const registration = JSON.stringify(doc.paths['/api/registrations']!.post);
    expect(registration).toContain('multipart/form-data');
    expect(registration).toContain('"409"');
    expect(Object.keys(doc.paths['/api/admin/agreements']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/sessions/{id}']!)).toEqual(['delete']);
    expect(Object.keys(doc.paths['/api/admin/maintenance']!)).toEqual(['put']);
    const accept = JSON.stringify(doc.paths['/api/agreements/{version}/accept']!.post);
    expect(accept).toContain('"language"');
    expect(accept).toContain('"409"');
    expect(Object.keys(doc.paths['/api/captures']!).sort()).toEqual(['get', 'post']);
    expect(JSON.stringify(doc.paths['/api/auth/login'])).toContain('"client"');
    const upload = JSON.stringify(doc.paths['/api/captures']!.post);
    expect(upload).toContain('multipart/form-data');
    expect(upload).toContain('"idempotency-key"');
    expect(upload).toContain('"415"');
  });

  it('GET /api/docs serves Swagger UI from local files', async () => {
    const page = await h.app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await h.app.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const init = await (await h.app.request('/api/docs/init.js')).text();
    expect(init).toContain('/api/openapi.json');
    expect((await h.app.request('/api/docs/assets/package.json')).status).toBe(404);
  });

  it('unknown API paths are problem+json not_found', async () => {
    const res = await h.app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, code: 'not_found', type: 'urn:openipp:error:not_found' });
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers CORS preflights for extension origins only', async () => {
    const preflight = (origin: string) =>
      h.app.request('/api/captures', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,idempotency-key' },
      });
    const ext = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ext.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ext.headers.get('access-control-allow-credentials')).toBeNull();
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});
