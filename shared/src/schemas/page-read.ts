import { z } from 'zod';
import { SHOP_ID } from '../marketplaces/registry';

/**
 * What the extension read from a listing page at capture time (issue #7,
 * part 4). It is a suggestion for the user to confirm or correct, never
 * evidence on its own: the screenshot and the page archive are the evidence.
 * Every field may be missing, because pages change without notice and a
 * reader that finds nothing must still let the capture go through.
 */

/**
 * Which strategy found a field, so a reviewer can weigh it: the marketplace's
 * own page structure, or one of the generic structured-data fallbacks
 * (schema.org JSON-LD, OpenGraph meta tags, schema.org microdata), tried in
 * this order.
 */
export const PAGE_READ_SOURCES = ['marketplace', 'json_ld', 'open_graph', 'microdata'] as const;
export const PageReadSourceSchema = z.enum(PAGE_READ_SOURCES);
export type PageReadSource = z.infer<typeof PageReadSourceSchema>;

/** Readers cut longer values, so a page full of junk cannot bloat the capture record. */
export const PAGE_READ_LIMITS = {
  titleMaxLength: 500,
  nameMaxLength: 200,
  amountMaxLength: 24,
} as const;

/**
 * A decimal as the page shows it, normalised: digits, optionally one `.` and
 * the shown fraction ("1299.00", "59.99", "24"). Kept as a string so that
 * "159.00" is stored as shown and no binary float rounds it.
 */
export const PriceAmountSchema = z
  .string()
  .max(PAGE_READ_LIMITS.amountMaxLength)
  .regex(/^(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/u);

export const PagePriceSchema = z.strictObject({
  amount: PriceAmountSchema,
  /** ISO 4217 code; null when neither the page nor the marketplace says which currency. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/u)
    .nullable(),
});
export type PagePrice = z.infer<typeof PagePriceSchema>;

/** Same shape as shop ids recognised from URLs, so both can be compared and stored alike. */
export const PAGE_SHOP_ID_PATTERN: RegExp = SHOP_ID;
export const PageShopIdSchema = z.string().regex(PAGE_SHOP_ID_PATTERN);

export const PAGE_READ_FIELDS = ['title', 'price', 'shopName', 'shopId', 'seller'] as const;

export const PageReadSchema = z.strictObject({
  /** The listing's title. */
  title: z.string().min(1).max(PAGE_READ_LIMITS.titleMaxLength).nullable(),
  /** The price shown first (the lower end of a range, the first tier of a price ladder). */
  price: PagePriceSchema.nullable(),
  /** The storefront's display name. */
  shopName: z.string().min(1).max(PAGE_READ_LIMITS.nameMaxLength).nullable(),
  /** The marketplace's id of that storefront or seller account. */
  shopId: PageShopIdSchema.nullable(),
  /** The selling account or company, where the page names it. */
  seller: z.string().min(1).max(PAGE_READ_LIMITS.nameMaxLength).nullable(),
  /** Per field, the strategy that found it; null exactly when the field is null. */
  source: z.strictObject({
    title: PageReadSourceSchema.nullable(),
    price: PageReadSourceSchema.nullable(),
    shopName: PageReadSourceSchema.nullable(),
    shopId: PageReadSourceSchema.nullable(),
    seller: PageReadSourceSchema.nullable(),
  }),
}).superRefine((read, ctx) => {
  for (const field of PAGE_READ_FIELDS) {
    if ((read[field] === null) !== (read.source[field] === null)) {
      ctx.addIssue({ code: 'custom', path: ['source', field], message: 'a source is named exactly for the fields that were read' });
    }
  }
});
export type PageRead = z.infer<typeof PageReadSchema>;
export type PageReadField = (typeof PAGE_READ_FIELDS)[number];
