import { VerificationDecisionRequestSchema } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../lib/api';
import { json, problem } from '../test/http-double';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { apiRejection, signedInApi } from '../test/signed-in-api';
import { ShopClaimTable, type AdminShopClaim } from './admin-shops';

const signedIn = signedInApi();

const claim = (id: string, verification: AdminShopClaim['verification']): AdminShopClaim => ({
  id,
  marketplace: 'taobao',
  shopId: '57300001',
  verification,
  proofs: [{ id: `${id}-p1`, fileName: 'business-licence.pdf', mime: 'application/pdf', bytes: 140_000, sha256: 'c'.repeat(64), uploadedAt: '2026-11-30T02:00:00.000Z' }],
  createdAt: '2026-11-30T02:00:00.000Z',
  tenant: { id: 'ts1', name: 'Harbour Trading Ltd.' },
});

const pending = claim('sc1', { status: 'pending', decidedAt: null, reasons: null });
const rejected = claim('sc2', { status: 'rejected', decidedAt: '2026-12-01T02:00:00.000Z', reasons: 'The licence names another company.' });

function table(items: AdminShopClaim[], lng: 'en' | 'zh-CN' = 'en') {
  return renderHtml(<ShopClaimTable api={createApiClient({ baseUrl: 'http://127.0.0.1:9' })} items={items} onDecided={() => undefined} />, testI18n(lng));
}

describe('shop claims to verify', () => {
  it('show the marketplace, shop id, claimant tenant and proofs as admin downloads, with Verify and Reject on a pending claim', () => {
    const html = table([pending, rejected]);
    const rows = findByTestId(html, 'admin-shop-row');
    expect(rows.map((row) => row.attributes['data-id'])).toEqual(['sc1', 'sc2']);
    expect(findByTestId(html, 'admin-shop-marketplace')[0]?.text).toBe('Taobao');
    expect(findByTestId(html, 'admin-shop-id')[0]?.text).toBe('57300001');
    expect(findByTestId(html, 'admin-shop-tenant')[0]?.attributes['data-tenant-id']).toBe('ts1');
    expect(findByTestId(html, 'admin-shop-proof').map((link) => link.attributes.href)).toEqual(['/api/admin/shops/sc1/proofs/sc1-p1', '/api/admin/shops/sc2/proofs/sc2-p1']);
    expect(findByTestId(html, 'shop-decision-approve')).toHaveLength(1);
    expect(findByTestId(html, 'shop-decision-approve')[0]?.text).toBe('Verify');
    expect(findByTestId(html, 'shop-decision-reject')).toHaveLength(1);
  });

  it('show a decided claim’s outcome and reasons instead of the buttons, in Chinese too', () => {
    const html = table([rejected], 'zh-CN');
    expect(findByTestId(html, 'admin-shop-row')[0]?.attributes['data-status']).toBe('rejected');
    expect(findByTestId(html, 'shop-status')[0]?.text).toBe('未通过');
    expect(findByTestId(html, 'shop-reasons')[0]?.text).toBe('The licence names another company.');
    expect(findByTestId(html, 'shop-decision-approve')).toEqual([]);
  });
});

describe('shop claim calls', () => {
  it('list the verification queue by status', async () => {
    signedIn.server.routes['GET /api/admin/shops'] = () => json(200, { items: [pending] });
    expect((await signedIn.api.adminListShopClaims('pending')).map((found) => found.tenant.name)).toEqual(['Harbour Trading Ltd.']);
    expect(signedIn.server.last().url).toBe('/api/admin/shops?status=pending');
    await signedIn.api.adminListShopClaims();
    expect(signedIn.server.last().url).toBe('/api/admin/shops');
  });

  it('verify, and reject with the reasons the seller reads', async () => {
    signedIn.server.routes['POST /api/admin/shops/sc1/verification'] = (request) => {
      const body = VerificationDecisionRequestSchema.parse(JSON.parse(request.body));
      return json(200, body.decision === 'approve' ? { status: 'verified', decidedAt: '2026-12-01T02:00:00.000Z', reasons: null } : { status: 'rejected', decidedAt: '2026-12-01T02:00:00.000Z', reasons: body.reasons });
    };
    expect(await signedIn.api.adminDecideShopClaim('sc1', { decision: 'approve' })).toEqual({ status: 'verified', decidedAt: '2026-12-01T02:00:00.000Z', reasons: null });
    expect([signedIn.server.last().headers['x-csrf-token'], JSON.parse(signedIn.server.last().body)]).toEqual(['csrf-1', { decision: 'approve' }]);

    const rejection = await signedIn.api.adminDecideShopClaim('sc1', { decision: 'reject', reasons: 'The licence names another company.' });
    expect(rejection.status).toBe('rejected');
    expect(JSON.parse(signedIn.server.last().body)).toEqual({ decision: 'reject', reasons: 'The licence names another company.' });
  });

  it('surface a claim decided meanwhile as 409 already_decided', async () => {
    signedIn.server.routes['POST /api/admin/shops/sc1/verification'] = () => problem(409, 'already_decided');
    expect((await apiRejection(signedIn.api.adminDecideShopClaim('sc1', { decision: 'approve' }))).code).toBe('already_decided');
  });
});
