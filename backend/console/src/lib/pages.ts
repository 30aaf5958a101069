import { isStaff, type User } from '@openipp/shared';
import type { HashLocation } from '../hooks/use-hash-route';
import { parseQueueFilters, type QueueFilters } from './review-filters';

export const ADMIN_TABS = ['settings', 'verifications', 'rights', 'complainants', 'shops', 'deliveries'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/** The signed-in page the hash names, once the user's role and tenant are taken into account. */
export type Page =
  | { name: 'captures' | 'messages' | 'account' | 'organisation' | 'rights' | 'complaints' | 'complaint-new' }
  | { name: 'admin'; tab: AdminTab }
  | { name: 'complaint' | 'complaint-edit'; id: string }
  /** The staff review queue, and one complaint's evidence view; both keep the queue's filters from the hash. */
  | { name: 'review-queue'; filters: QueueFilters }
  | { name: 'review'; id: string; filters: QueueFilters }
  /** Sellers: their shop claims, the complaints about their verified shops, and one such complaint as disclosed to them. */
  | { name: 'shops' | 'seller-complaints' }
  | { name: 'seller-complaint'; id: string };

/** The header entries; each page lights up one of them. */
export type NavKey =
  | 'captures'
  | 'complaints'
  | 'rights'
  | 'messages'
  | 'organisation'
  | 'account'
  | 'review'
  | 'admin'
  | 'admin-rights'
  | 'admin-complainants'
  | 'shops'
  | 'sellerComplaints';

/** Rights holders and agencies keep a rights portfolio and file complaints; sellers and staff do not. */
export const canComplain = (user: User): boolean =>
  !isStaff(user.role) && (user.tenant.kind === 'rights_holder' || user.tenant.kind === 'agency');

/** Sellers claim shops and answer the complaints about them; staff and complainants do neither. */
export const isSeller = (user: User): boolean => !isStaff(user.role) && user.tenant.kind === 'seller';

/** Complainants see their own complaints; staff see every tenant's, read-only. */
export const canSeeComplaints = (user: User): boolean => canComplain(user) || isStaff(user.role);

/**
 * Maps the hash to a page the user may open. A page the user has no business on
 * shows the captures, as an unknown hash does: the server refuses those calls anyway.
 */
export function resolvePage(location: Pick<HashLocation, 'route' | 'segments' | 'params'>, user: User): Page {
  const [first, second] = location.segments;
  switch (location.route) {
    case 'messages':
    case 'account':
      return { name: location.route };
    case 'organisation':
      return user.tenant.kind === 'platform' ? { name: 'captures' } : { name: 'organisation' };
    case 'rights':
      return canComplain(user) ? { name: 'rights' } : { name: 'captures' };
    case 'admin': {
      if (user.role !== 'admin') return { name: 'captures' };
      return { name: 'admin', tab: ADMIN_TABS.find((tab) => tab === first) ?? 'settings' };
    }
    case 'review': {
      if (!isStaff(user.role)) return { name: 'captures' };
      const filters = parseQueueFilters(location.params);
      return first === undefined ? { name: 'review-queue', filters } : { name: 'review', id: first, filters };
    }
    case 'complaints': {
      if (!canSeeComplaints(user)) return { name: 'captures' };
      if (first === undefined) return { name: 'complaints' };
      if (first === 'new') return canComplain(user) ? { name: 'complaint-new' } : { name: 'complaints' };
      if (second === 'edit' && canComplain(user)) return { name: 'complaint-edit', id: first };
      return { name: 'complaint', id: first };
    }
    case 'shops':
      return isSeller(user) ? { name: 'shops' } : { name: 'captures' };
    case 'seller': {
      if (!isSeller(user)) return { name: 'captures' };
      return first === undefined ? { name: 'seller-complaints' } : { name: 'seller-complaint', id: first };
    }
    default:
      return { name: 'captures' };
  }
}

export function navKeyOf(page: Page): NavKey {
  switch (page.name) {
    case 'complaint':
    case 'complaint-new':
    case 'complaint-edit':
      return 'complaints';
    case 'review-queue':
    case 'review':
      return 'review';
    case 'seller-complaints':
    case 'seller-complaint':
      return 'sellerComplaints';
    case 'admin':
      return page.tab === 'rights' ? 'admin-rights' : page.tab === 'complainants' ? 'admin-complainants' : 'admin';
    default:
      return page.name;
  }
}

/** Hash links for pages reached from elsewhere in the console. */
export const complaintHref = (id: string): string => `#/complaints/${encodeURIComponent(id)}`;
export const complaintEditHref = (id: string): string => `#/complaints/${encodeURIComponent(id)}/edit`;
export const NEW_COMPLAINT_HREF = '#/complaints/new';
export const SHOPS_HREF = '#/shops';
export const SELLER_COMPLAINTS_HREF = '#/seller';
export const sellerComplaintHref = (id: string): string => `#/seller/${encodeURIComponent(id)}`;
export const adminTabHref = (tab: AdminTab): string => (tab === 'settings' ? '#/admin' : `#/admin/${tab}`);
