import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { users } from './users';

export const captures = sqliteTable(
  'captures',
  {
    /** UUIDv7: time-ordered, so (received_at, id) is a stable keyset. */
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    url: text('url').notNull(),
    title: text('title').notNull(),
    /** The client's own ISO timestamp, kept verbatim (offset included) as part of the evidence. */
    capturedAt: text('captured_at').notNull(),
    receivedAt: integer('received_at').notNull(),
    viewportW: integer('viewport_w').notNull(),
    viewportH: integer('viewport_h').notNull(),
    dpr: real('dpr').notNull(),
    screenshotSha256: text('screenshot_sha256').notNull(),
    mime: text('mime', { enum: ['image/png', 'image/jpeg'] }).notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    displaySha256: text('display_sha256').notNull(),
    thumbSha256: text('thumb_sha256').notNull(),
    /** JSON: the marks the user made on the page, relative to the screenshot (shared CaptureMarksSchema). */
    marksJson: text('marks_json').notNull().default('[]'),
    /** JSON: what the extension read from the listing page (shared PageReadSchema); null when nothing was read. */
    pageReadJson: text('page_read_json'),
    /**
     * JSON: the user's correction of that read, made after upload. Kept apart
     * so the frozen manifest, which carries the read, is never altered by it.
     */
    pageReadCorrectionJson: text('page_read_correction_json'),
    /** JSON: the extension and browser that took the capture (shared CaptureClientSchema), signed into the manifest; null for older clients. */
    clientJson: text('client_json'),
  },
  (table) => [
    index('captures_tenant_received_idx').on(table.tenantId, table.receivedAt, table.id),
    index('captures_received_idx').on(table.receivedAt, table.id),
  ],
);

/**
 * The artefacts a capture declared besides its screenshot (issue #7 parts 1
 * and 2): the MHTML page archive and full-page tiles. Written with the
 * capture, in declaration order; `received_at` is set when bytes hashing to
 * `sha256` arrive, and the capture is receipted once no row lacks it.
 */
export const captureArtefacts = sqliteTable(
  'capture_artefacts',
  {
    captureId: text('capture_id')
      .notNull()
      .references(() => captures.id),
    /** Declaration order, from 0: the order of the manifest's artefacts after the screenshot. */
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['page_archive', 'tile'] }).notNull(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    /** Tiles: top to bottom. */
    sequence: integer('sequence'),
    /** Images: the pixel size measured on receipt. */
    width: integer('width'),
    height: integer('height'),
    /** Tiles: the re-encoded PNG served for display. */
    displaySha256: text('display_sha256'),
    /** Epoch ms; null until the bytes arrived. */
    receivedAt: integer('received_at'),
  },
  (table) => [primaryKey({ columns: [table.captureId, table.position] }), index('capture_artefacts_sha_idx').on(table.captureId, table.sha256)],
);
