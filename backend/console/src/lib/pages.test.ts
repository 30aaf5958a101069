import type { User } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { parseHash } from '../hooks/use-hash-route';
import { navKeyOf, resolvePage, sellerComplaintHref } from './pages';

const user = (role: User['role'], kind: User['tenant']['kind']): User => ({
  id: 'u1',
  email: 'someone@example.test',
  displayName: 'Someone',
  role,
  locale: 'en',
  tenant: { id: 't1', name: 'Tenant', kind, identityStatus: 'approved' },
});

const owner = user('owner', 'rights_holder');
const agencyMonitor = user('monitor', 'agency');
const seller = user('owner', 'seller');
const reviewer = user('reviewer', 'platform');
const admin = user('admin', 'platform');

const page = (hash: string, who: User) => resolvePage(parseHash(hash), who);

describe('resolvePage', () => {
  it('opens the complaint pages for complainants, by deep link', () => {
    expect(page('#/complaints', owner)).toEqual({ name: 'complaints' });
    expect(page('#/complaints/new', agencyMonitor)).toEqual({ name: 'complaint-new' });
    expect(page('#/complaints/0192f1e0-aaaa', owner)).toEqual({ name: 'complaint', id: '0192f1e0-aaaa' });
    expect(page('#/complaints/a%2Fb/edit', owner)).toEqual({ name: 'complaint-edit', id: 'a/b' });
    expect(page('#/rights', agencyMonitor)).toEqual({ name: 'rights' });
  });

  it('lets staff read complaints but not build them or keep rights', () => {
    expect(page('#/complaints', reviewer)).toEqual({ name: 'complaints' });
    expect(page('#/complaints/c1', reviewer)).toEqual({ name: 'complaint', id: 'c1' });
    expect(page('#/complaints/new', reviewer)).toEqual({ name: 'complaints' });
    expect(page('#/complaints/c1/edit', admin)).toEqual({ name: 'complaint', id: 'c1' });
    expect(page('#/rights', admin)).toEqual({ name: 'captures' });
  });

  it('keeps sellers out of complaints and rights', () => {
    expect(page('#/complaints', seller)).toEqual({ name: 'captures' });
    expect(page('#/rights', seller)).toEqual({ name: 'captures' });
  });

  it('opens the rights queue as a tab of the admin page, for admins only', () => {
    expect(page('#/admin/rights', admin)).toEqual({ name: 'admin', tab: 'rights' });
    expect(page('#/admin/verifications', admin)).toEqual({ name: 'admin', tab: 'verifications' });
    expect(page('#/admin', admin)).toEqual({ name: 'admin', tab: 'settings' });
    expect(page('#/admin/nonsense', admin)).toEqual({ name: 'admin', tab: 'settings' });
    expect(page('#/admin/rights', reviewer)).toEqual({ name: 'captures' });
    expect(page('#/organisation', admin)).toEqual({ name: 'captures' });
  });

  it('opens the review queue and the evidence view for staff only, with the queue filters from the hash', () => {
    expect(page('#/review', reviewer)).toEqual({ name: 'review-queue', filters: {} });
    expect(page('#/review?reason=counterfeit&risk=nonsense', admin)).toEqual({ name: 'review-queue', filters: { reason: 'counterfeit' } });
    expect(page('#/review/cp1?overdue=true', reviewer)).toEqual({ name: 'review', id: 'cp1', filters: { overdue: 'true' } });
    expect(page('#/review', owner)).toEqual({ name: 'captures' });
    expect(page('#/review/cp1', seller)).toEqual({ name: 'captures' });
  });

  it('opens the complainants overview as a tab of the admin page, for admins only', () => {
    expect(page('#/admin/complainants', admin)).toEqual({ name: 'admin', tab: 'complainants' });
    expect(page('#/admin/complainants', reviewer)).toEqual({ name: 'captures' });
  });

  it('opens the shop claims and the complaints about the shops for sellers, by deep link', () => {
    expect(page('#/shops', seller)).toEqual({ name: 'shops' });
    expect(page('#/seller', seller)).toEqual({ name: 'seller-complaints' });
    expect(page('#/seller/', seller)).toEqual({ name: 'seller-complaints' });
    expect(page('#/seller/0192f1e0-bbbb', seller)).toEqual({ name: 'seller-complaint', id: '0192f1e0-bbbb' });
    expect(page('#/seller/a%2Fb?x=1', user('monitor', 'seller'))).toEqual({ name: 'seller-complaint', id: 'a/b' });
    expect(page(sellerComplaintHref('cp/1'), seller)).toEqual({ name: 'seller-complaint', id: 'cp/1' });
  });

  it('keeps complainants and staff off the seller pages', () => {
    for (const who of [owner, agencyMonitor, reviewer, admin]) {
      expect(page('#/shops', who)).toEqual({ name: 'captures' });
      expect(page('#/seller', who)).toEqual({ name: 'captures' });
      expect(page('#/seller/cp1', who)).toEqual({ name: 'captures' });
    }
  });

  it('lights the header entry of each page', () => {
    expect(navKeyOf(page('#/shops', seller))).toBe('shops');
    expect(navKeyOf(page('#/seller', seller))).toBe('sellerComplaints');
    expect(navKeyOf(page('#/seller/cp1', seller))).toBe('sellerComplaints');
    expect(navKeyOf(page('#/review/cp1', reviewer))).toBe('review');
    expect(navKeyOf(page('#/review', admin))).toBe('review');
    expect(navKeyOf(page('#/admin/complainants', admin))).toBe('admin-complainants');
    expect(navKeyOf(page('#/complaints/c1', owner))).toBe('complaints');
    expect(navKeyOf(page('#/complaints/new', owner))).toBe('complaints');
    expect(navKeyOf(page('#/admin/rights', admin))).toBe('admin-rights');
    expect(navKeyOf(page('#/admin/verifications', admin))).toBe('admin');
    expect(navKeyOf(page('#/rights', owner))).toBe('rights');
  });
});
