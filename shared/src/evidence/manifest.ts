/**
 * The capture manifest (issue #7 part 5): everything a third party needs to
 * know about one capture, with the SHA-256 of every artefact, written as
 * canonical JSON so its own SHA-256 is reproducible from the bytes alone.
 *
 * Forward compatibility: full-page tiles and the MHTML page archive are new
 * entries in `artefacts`, marks and what was read from the page fill arrays
 * and objects that exist today. Readers ignore keys they do not know, so a
 * later manifest with more fields still verifies with an older verifier.
 */
import { z } from 'zod';
import { MARKETPLACES } from '../marketplaces';
import { canonicalize, type JsonValue } from './canonical-json';

export const MANIFEST_VERSION = 1;

export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);
const isoDateTime = z.iso.datetime({ offset: true });

/** `tile`: one slice of a full-page capture too tall for one image; `sequence` orders them. */
export const ARTEFACT_KINDS = ['screenshot', 'page_archive', 'tile'] as const;
export type ArtefactKind = (typeof ARTEFACT_KINDS)[number];

export const ManifestArtefactSchema = z.object({
  kind: z.enum(ARTEFACT_KINDS),
  sha256: Sha256HexSchema,
  bytes: z.number().int().nonnegative(),
  mime: z.string().min(1).max(100),
  /** Pixel size, for images. */
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** Position among artefacts of the same kind (tiles top to bottom). */
  sequence: z.number().int().nonnegative().optional(),
});
export type ManifestArtefact = z.infer<typeof ManifestArtefactSchema>;

export const CaptureManifestSchema = z.object({
  manifestVersion: z.literal(MANIFEST_VERSION),
  captureId: z.string().min(1),
  tenantId: z.string().min(1),
  /** The user who captured it. */
  userId: z.string().min(1),
  page: z.object({
    /** The address exactly as the browser showed it. */
    url: z.string(),
    title: z.string(),
    /** Marketplace recognition of `url` (shared/src/marketplaces) at the time of receipt. */
    canonicalUrl: z.string().nullable(),
    marketplace: z.enum(MARKETPLACES).nullable(),
    listingId: z.string().nullable(),
    shopId: z.string().nullable(),
  }),
  client: z.object({
    /** The client's own clock, verbatim (offset included). A single-frame capture starts and ends at one instant. */
    startedAt: z.string(),
    endedAt: z.string(),
    /** Present only when the client reported them (the capture meta's `client`). */
    extensionVersion: z.string().optional(),
    /** The browser's product name, as its user-agent data gave it. */
    browser: z.string().optional(),
    browserVersion: z.string().optional(),
    viewport: z.object({ width: z.number().int(), height: z.number().int() }),
    devicePixelRatio: z.number(),
  }),
  server: z.object({ receivedAt: isoDateTime }),
  /** Marks on the capture (rectangle, element, quoted text), relative to the screenshot; none yet. */
  marks: z.array(z.record(z.string(), z.unknown())),
  /** What the page reader took from the page (title, price, shop, seller); empty when nothing was read. */
  pageData: z.record(z.string(), z.unknown()),
  artefacts: z.array(ManifestArtefactSchema).min(1),
});
export type CaptureManifest = z.infer<typeof CaptureManifestSchema>;

/** The manifest's one spelling: the bytes of `manifest.json` in a bundle, and what `manifestSha256` hashes. */
export function canonicalManifest(manifest: CaptureManifest): string {
  return canonicalize(manifest as unknown as JsonValue);
}
