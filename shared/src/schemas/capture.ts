import { z } from 'zod';
import { CAPTURE_STATES, DeclaredArtefactListSchema, MissingArtefactsSchema } from '../evidence/artefacts';
import { ReceiptSignatureFieldsSchema } from '../evidence/receipt';
import { LIMITS } from '../limits';
import { CaptureMarksSchema } from './capture-marks';
import { PagePriceSchema, PAGE_READ_LIMITS, PageReadSchema, PageShopIdSchema } from './page-read';

const isoDateTime = z.iso.datetime({ offset: true });

/** A page address we can capture: http(s) only, no credentials in it. */
export const CaptureUrlSchema = z
  .string()
  .max(LIMITS.urlMaxLength)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL without credentials');

export function isCapturableUrl(value: string | undefined): boolean {
  return value !== undefined && CaptureUrlSchema.safeParse(value).success;
}

/** Longest version string or browser name a capture's client details may carry. */
export const CAPTURE_CLIENT_FIELD_MAX_LENGTH = 64;

// One line of printable text: these strings are shown to reviewers and signed into the manifest.
const clientField = z
  .string()
  .min(1)
  .max(CAPTURE_CLIENT_FIELD_MAX_LENGTH)
  .regex(/^[^\p{Cc}\p{Zl}\p{Zp}]+$/u, 'must be one line of printable text');

/**
 * What made the capture (issue #7 part 5: the manifest names the extension
 * and browser versions). The browser's name and version are absent when the
 * browser would not say them.
 */
export const CaptureClientSchema = z.strictObject({
  /** The extension's own version, from its manifest. */
  extension: clientField,
  /** The browser's product name, such as "Chrome", "Microsoft Edge" or "Firefox". */
  browser: clientField.optional(),
  browserVersion: clientField.optional(),
  /**
   * Client clock when the capture began (a full-page capture takes seconds);
   * `capturedAt` is when it ended. Not after `capturedAt` (the server checks).
   */
  startedAt: isoDateTime.optional(),
});
export type CaptureClient = z.infer<typeof CaptureClientSchema>;

/** The `meta` multipart field of `POST /api/captures`. Unknown keys are refused. */
export const CaptureMetaSchema = z.strictObject({
  url: CaptureUrlSchema,
  title: z.string().max(LIMITS.titleMaxLength),
  /** Client clock at the moment of capture; the server adds its own receive time. */
  capturedAt: isoDateTime,
  viewport: z.strictObject({
    width: z.number().int().positive().max(100_000),
    height: z.number().int().positive().max(100_000),
  }),
  devicePixelRatio: z.number().positive().max(16),
  /** Artefacts besides the screenshot, each uploaded afterwards by its SHA-256 (evidence/artefacts.ts). */
  artefacts: DeclaredArtefactListSchema.optional(),
  /** What the user marked on the page, relative to the screenshot (schemas/capture-marks.ts). */
  marks: CaptureMarksSchema.optional(),
  /** What the page said about itself at capture time (schemas/page-read.ts); absent when it could not be read. */
  pageRead: PageReadSchema.optional(),
  /** Extension and browser versions; absent from captures queued by extensions that did not send them. */
  client: CaptureClientSchema.optional(),
});
export type CaptureMeta = z.infer<typeof CaptureMetaSchema>;

/**
 * What the server promises once the capture and its bytes are durably stored.
 * Signed (evidence/receipt.ts) where one capture is returned; list items carry the unsigned core.
 */
export const CaptureReceiptSchema = z.object({
  id: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  receivedAt: isoDateTime,
  /** Absent from servers older than multi-artefact captures, which receipt every capture at once. */
  state: z.enum(CAPTURE_STATES).optional(),
  /** SHA-256 of each declared artefact the server still lacks; present while incomplete. */
  missing: MissingArtefactsSchema.optional(),
  ...ReceiptSignatureFieldsSchema.shape,
});
export type CaptureReceipt = z.infer<typeof CaptureReceiptSchema>;

/**
 * A capture is evidence a notice may cite only once the server holds every
 * artefact it declared (the receipt is signed then); the server refuses an
 * incomplete one in a complaint (capture_incomplete), so builders do not offer it.
 */
export function isReceiptComplete(receipt: Pick<CaptureReceipt, 'state'>): boolean {
  return receipt.state !== 'incomplete';
}

/**
 * The user's correction of a page read (issue #7 part 4), sent after upload
 * as a separate, audited annotation: the read itself stays as it was in the
 * signed manifest. Same fields as the read, without the sources; null means
 * "not on the page" (or "leave it unknown").
 */
export const PageReadCorrectionSchema = z.strictObject({
  title: z.string().trim().min(1).max(PAGE_READ_LIMITS.titleMaxLength).nullable(),
  price: PagePriceSchema.nullable(),
  shopName: z.string().trim().min(1).max(PAGE_READ_LIMITS.nameMaxLength).nullable(),
  shopId: PageShopIdSchema.nullable(),
  seller: z.string().trim().min(1).max(PAGE_READ_LIMITS.nameMaxLength).nullable(),
});
export type PageReadCorrection = z.infer<typeof PageReadCorrectionSchema>;

export const CaptureSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  createdBy: z.object({ id: z.string(), email: z.string() }),
  url: z.string(),
  title: z.string(),
  capturedAt: isoDateTime,
  receivedAt: isoDateTime,
  viewport: z.object({ width: z.number().int(), height: z.number().int() }),
  devicePixelRatio: z.number(),
  screenshot: z.object({
    /** SHA-256 of the original bytes as uploaded: the evidence. */
    sha256: z.string(),
    mime: z.enum(['image/png', 'image/jpeg']),
    bytes: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
  }),
  /** The marks made on the page, relative to the screenshot; empty when none were made. */
  marks: CaptureMarksSchema,
  /** What the extension read from the page at capture time; null when nothing was read (or from older servers). */
  pageRead: PageReadSchema.nullable().default(null),
  /** The user's latest correction of that read; null when none was made. */
  pageReadCorrection: PageReadCorrectionSchema.nullable().default(null),
  receipt: CaptureReceiptSchema,
});
export type Capture = z.infer<typeof CaptureSchema>;

export const CaptureListSchema = z.object({
  items: z.array(CaptureSchema),
  /** Opaque keyset cursor for the next page; absent on the last page. */
  nextCursor: z.string().optional(),
});
export type CaptureList = z.infer<typeof CaptureListSchema>;

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.enum(['ok', 'error']),
});
export type Health = z.infer<typeof HealthSchema>;
