/**
 * Captures with several artefacts (issue #7 parts 1 and 2): the upload
 * protocol for the MHTML page archive and the tiles of a full-page capture.
 *
 * 1. `POST /api/captures` carries the screenshot and, in `meta.artefacts`,
 *    every further artefact the capture will hold: kind, SHA-256, size, MIME
 *    type (and, for tiles, their order). The manifest-to-be is fixed then.
 * 2. Each declared artefact follows as `PUT /api/captures/{id}/artefacts/{sha256}`
 *    with the raw bytes as the body. The SHA-256 in the path is the key: a
 *    repeat of a PUT the server already holds answers 200 without storing
 *    anything again, and bytes that hash otherwise are refused with 422
 *    `hash_mismatch` and leave nothing behind.
 * 3. Until every declared artefact is in, the capture is `incomplete` and its
 *    receipt lists what is `missing`; the request that brings the last one in
 *    freezes the manifest, appends the capture to the audit chain and the
 *    receipt is signed (`receipted`). A capture without further artefacts is
 *    receipted by its POST, as before.
 */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { Sha256HexSchema } from './manifest';

/** The artefacts that follow the screenshot. */
export const EXTRA_ARTEFACT_KINDS = ['page_archive', 'tile'] as const;
export type ExtraArtefactKind = (typeof EXTRA_ARTEFACT_KINDS)[number];

/** The one MIME type each kind is stored and bundled as. */
export const ARTEFACT_MIME = { page_archive: 'multipart/related', tile: 'image/png' } as const satisfies Record<ExtraArtefactKind, string>;

/**
 * Size caps per artefact. A product page saved as MHTML with its images
 * inlined is usually a few MB; 50 MiB leaves room for image-heavy listings.
 * A tile is capped like the screenshot (the extension cuts tiles to fit).
 */
export const ARTEFACT_MAX_BYTES = { page_archive: 50 * 1024 * 1024, tile: LIMITS.screenshotMaxBytes } as const satisfies Record<ExtraArtefactKind, number>;

/** At most this many artefacts besides the screenshot: a page 64 tiles tall is far beyond any listing. */
export const MAX_DECLARED_ARTEFACTS = 64;

export const DeclaredArtefactSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('tile'),
    sha256: Sha256HexSchema,
    bytes: z.number().int().positive().max(ARTEFACT_MAX_BYTES.tile),
    mime: z.literal(ARTEFACT_MIME.tile),
    /** Top to bottom, from 0. */
    sequence: z.number().int().nonnegative().max(MAX_DECLARED_ARTEFACTS),
  }),
  z.strictObject({
    kind: z.literal('page_archive'),
    sha256: Sha256HexSchema,
    bytes: z.number().int().positive().max(ARTEFACT_MAX_BYTES.page_archive),
    mime: z.literal(ARTEFACT_MIME.page_archive),
  }),
]);
export type DeclaredArtefact = z.infer<typeof DeclaredArtefactSchema>;

export const DeclaredArtefactListSchema = z
  .array(DeclaredArtefactSchema)
  .max(MAX_DECLARED_ARTEFACTS)
  .refine((list) => list.filter((artefact) => artefact.kind === 'page_archive').length <= 1, 'at most one page archive')
  .refine((list) => {
    const sequences = list.flatMap((artefact) => (artefact.kind === 'tile' ? [artefact.sequence] : []));
    return new Set(sequences).size === sequences.length;
  }, 'tile sequences must be distinct');

/** `incomplete`: declared artefacts are still missing, and there is no signed receipt yet. */
export const CAPTURE_STATES = ['incomplete', 'receipted'] as const;
export type CaptureState = (typeof CAPTURE_STATES)[number];

export const MissingArtefactsSchema = z.array(Sha256HexSchema);

const HEADER_SCAN_BYTES = 16 * 1024;

/**
 * Whether the bytes open as an MHTML document (RFC 2557): a block of RFC 822
 * header lines (Chrome writes `From: <Saved by Blink>` first) declaring
 * `MIME-Version` and a `multipart/related` content type, before the first
 * empty line. Magic bytes in spirit: it reads only the head of the file.
 */
export function looksLikeMhtml(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, HEADER_SCAN_BYTES);
  let text = '';
  for (const byte of head) {
    // Header lines are 7-bit text; a NUL or high byte before the body means something else.
    if (byte === 0 || byte > 0x7e) break;
    text += String.fromCharCode(byte);
  }
  const end = text.search(/\r?\n\r?\n/);
  if (end <= 0) return false;
  // Unfold continuation lines (a line starting with white space belongs to the one before).
  const lines = text.slice(0, end).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  if (!lines.every((line) => /^[!-9;-~]+:/.test(line))) return false;
  const header = (name: string) => lines.find((line) => line.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim().toLowerCase();
  return header('mime-version') !== undefined && (header('content-type')?.startsWith('multipart/related') ?? false);
}
