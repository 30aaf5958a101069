import type { SellerComplaint, ShopClaim } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { formOf, json, problem } from '../test/http-double';
import { apiRejection, signedInApi } from '../test/signed-in-api';
import { counterNoticeEvidenceUrl, counterNoticeProofUrl, sellerCaptureImageUrl, shopProofUrl } from './api';

const signedIn = signedInApi();

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
const AT = '2026-12-01T02:00:00.000Z';

const CLAIM: ShopClaim = {
  id: 'sc1',
  marketplace: 'taobao',
  shopId: '58800001',
  verification: { status: 'pending', decidedAt: null, reasons: null },
  proofs: [{ id: 'sp1', fileName: 'seller-centre.pdf', mime: 'application/pdf', bytes: PDF.byteLength, sha256: 'a'.repeat(64), uploadedAt: AT }],
  createdAt: AT,
};

const COMPLAINT: SellerComplaint = {
  id: 'cp1',
  state: 'decided',
  reason: 'counterfeit',
  explanation: 'The listing sells bags bearing our registered word mark.',
  submittedAt: AT,
  right: { type: 'trademark', registrationNumber: 'TM-DEMO-0001', territories: ['CN'] },
  complainant: { legalName: 'Demo Brand Co.', email: 'legal@demo.test' },
  listings: [],
  disclosureId: 'dc1',
};

describe('shop claims', () => {
  it('claims a shop as multipart: the data part and each proof, with the CSRF token', async () => {
    signedIn.server.routes['POST /api/shops'] = () => json(201, CLAIM);
    const proof = new File([PDF], 'seller-centre.pdf', { type: 'application/pdf' });
    expect(await signedIn.api.claimShop({ marketplace: 'taobao', shopUrl: 'https://shop58800001.taobao.com/' }, [proof])).toEqual(CLAIM);
    const request = signedIn.server.last();
    const form = await formOf(request);
    expect(request.headers['x-csrf-token']).toBe('csrf-1');
    expect(JSON.parse(String(form.get('data')))).toEqual({ marketplace: 'taobao', shopUrl: 'https://shop58800001.taobao.com/' });
    expect(form.getAll('proof').map((file) => (file as File).name)).toEqual(['seller-centre.pdf']);
  });

  it('lists the claims, and refuses a list that breaks the contract', async () => {
    signedIn.server.routes['GET /api/shops'] = () => json(200, { items: [CLAIM] });
    expect(await signedIn.api.listShopClaims()).toEqual([CLAIM]);
    signedIn.server.routes['GET /api/shops'] = () => json(200, { items: [{ ...CLAIM, verification: { ...CLAIM.verification, status: 'maybe' } }] });
    expect((await apiRejection(signedIn.api.listShopClaims())).code).toBe('unknown');
  });
});

describe("the seller's complaints", () => {
  it('reads the list and one complaint by its encoded id; another seller’s is a 404', async () => {
    signedIn.server.routes['GET /api/seller/complaints'] = () => json(200, { items: [{ id: 'cp1', state: 'decided', reason: 'counterfeit', submittedAt: AT, listings: [] }] });
    expect((await signedIn.api.sellerComplaints()).map((item) => item.id)).toEqual(['cp1']);
    signedIn.server.routes['GET /api/seller/complaints/c%2F1'] = () => json(200, COMPLAINT);
    expect((await signedIn.api.sellerComplaint('c/1')).complainant).toEqual({ legalName: 'Demo Brand Co.', email: 'legal@demo.test' });
    expect((await apiRejection(signedIn.api.sellerComplaint('cp-other'))).status).toBe(404);
  });

  it('refuses a complaint that carries more of the complainant than may be disclosed', async () => {
    signedIn.server.routes['GET /api/seller/complaints/cp1'] = () => json(200, { ...COMPLAINT, complainant: { ...COMPLAINT.complainant, phone: '+86 10 0000 0000' } });
    expect((await apiRejection(signedIn.api.sellerComplaint('cp1'))).code).toBe('unknown');
  });

  it('hands a refused counter-notice back with its code', async () => {
    signedIn.server.routes['POST /api/seller/listings/l1/counter-notice'] = () => problem(409, 'invalid_transition');
    const evidence = new File([PDF], 'invoice.pdf', { type: 'application/pdf' });
    const data = { statement: 'x'.repeat(20), identity: { legalName: 'A', registrationNumber: 'B', address: 'C', email: 'a@b.test', phone: '123' }, declaration: true as const };
    expect((await apiRejection(signedIn.api.fileCounterNotice('l1', data, [evidence]))).code).toBe('invalid_transition');
  });
});

describe('download links', () => {
  it('encode each id into its route', () => {
    expect(sellerCaptureImageUrl('cp/1', 'c 1')).toBe('/api/seller/complaints/cp%2F1/captures/c%201/image');
    expect(sellerCaptureImageUrl('cp1', 'c1', 'thumb')).toBe('/api/seller/complaints/cp1/captures/c1/image?size=thumb');
    expect(shopProofUrl('sc/1', 'sp1')).toBe('/api/shops/sc%2F1/proofs/sp1');
    expect(counterNoticeEvidenceUrl('cn1', 'd/1')).toBe('/api/counter-notices/cn1/evidence/d%2F1');
    expect(counterNoticeProofUrl('cn1', 'p1')).toBe('/api/counter-notices/cn1/proofs/p1');
  });
});
