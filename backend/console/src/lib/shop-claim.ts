import { recognizeListing, ShopClaimDataSchema, type ProblemFieldError, type ShopClaimDataInput, type ShopMarketplace } from '@openipp/shared';
import type { FieldErrors } from './field-errors';

/** The shop claim form as typed: the shop named by its id or by a URL of the shop (or one of its listings). */
export interface ShopClaimDraft {
  marketplace: ShopMarketplace;
  by: 'id' | 'url';
  shopId: string;
  shopUrl: string;
}

export const EMPTY_SHOP_CLAIM_DRAFT: ShopClaimDraft = { marketplace: 'taobao', by: 'url', shopId: '', shopUrl: '' };

/**
 * Why a shop URL cannot name the shop: it names none (a search page, a Tmall
 * brand host), or it is on another marketplace than the one chosen. Reported
 * as its own field code so the form can say which.
 */
export type ShopUrlProblem = 'no_shop' | 'other_marketplace';

export type ShopClaimCheck = { ok: true; data: ShopClaimDataInput } | { ok: false; errors: FieldErrors };

/** The `data` part of POST /api/shops from the form, checked with the server's schema. */
export function shopClaimDataOf(draft: ShopClaimDraft): ShopClaimCheck {
  const data: ShopClaimDataInput =
    draft.by === 'id' ? { marketplace: draft.marketplace, shopId: draft.shopId.trim() } : { marketplace: draft.marketplace, shopUrl: draft.shopUrl.trim() };
  const field = draft.by === 'id' ? 'shopId' : 'shopUrl';
  if ((draft.by === 'id' ? draft.shopId : draft.shopUrl).trim() === '') return { ok: false, errors: { [field]: ['required'] } };
  if (draft.by === 'url') {
    const recognized = recognizeListing(data.shopUrl ?? '');
    if (recognized === null || recognized.shopId === undefined) return { ok: false, errors: { shopUrl: ['no_shop'] } };
    if (recognized.marketplace !== draft.marketplace) return { ok: false, errors: { shopUrl: ['other_marketplace'] } };
  }
  const parsed = ShopClaimDataSchema.safeParse(data);
  if (parsed.success) return { ok: true, data };
  return { ok: false, errors: shopClaimFieldErrors(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code, message: issue.message }))) };
}

/** Server field errors (`data.shopUrl`, `proof[1]`) keyed by form field. */
export function shopClaimFieldErrors(errors: readonly ProblemFieldError[]): FieldErrors {
  const result: Record<string, string[]> = {};
  for (const error of errors) {
    const field = error.path.replace(/^data\./, '').split(/[.[]/)[0] ?? '';
    (result[field] ??= []).push(error.code);
  }
  return result;
}
