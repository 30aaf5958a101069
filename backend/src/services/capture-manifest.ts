/**
 * The manifest of a capture (issue #7 part 5), as it is written once, when
 * the capture is receipted. Its canonical bytes are then frozen in the blob
 * store and named by the capture's audit entry, so a later change to what
 * goes into a manifest (marketplace recognition, new fields) never changes
 * an old capture's manifest, and its receipt keeps verifying.
 */
import {
  CaptureClientSchema,
  CaptureMarksSchema,
  MANIFEST_VERSION,
  PageReadSchema,
  recognizeListing,
  type CaptureClient,
  type CaptureManifest,
  type CaptureMark,
  type ManifestArtefact,
  type PageRead,
} from '@openipp/shared';
import type { CaptureArtefactRow, CaptureRow } from '../store';

function declaredArtefact(row: CaptureArtefactRow): ManifestArtefact {
  return {
    kind: row.kind,
    sha256: row.sha256,
    bytes: row.bytes,
    mime: row.mime,
    ...(row.width !== null ? { width: row.width } : {}),
    ...(row.height !== null ? { height: row.height } : {}),
    ...(row.sequence !== null ? { sequence: row.sequence } : {}),
  };
}

/**
 * The row as the manifest reads it. `clientJson` holds the meta's `client`
 * (extension and browser versions) as sent; a capture sent without it gives a
 * manifest without those keys, exactly as manifests were written before them.
 */
export type ManifestCaptureRow = CaptureRow;

/** The screenshot first, then the declared artefacts in the order the client declared them. */
export function buildManifest(capture: ManifestCaptureRow, artefacts: readonly CaptureArtefactRow[]): CaptureManifest {
  const listing = recognizeListing(capture.url);
  const client = capture.clientJson == null ? undefined : storedClient(capture.clientJson);
  return {
    manifestVersion: MANIFEST_VERSION,
    captureId: capture.id,
    tenantId: capture.tenantId,
    userId: capture.createdBy,
    page: {
      url: capture.url,
      title: capture.title,
      canonicalUrl: listing?.canonicalUrl ?? null,
      marketplace: listing?.marketplace ?? null,
      listingId: listing?.listingId ?? null,
      shopId: listing?.shopId ?? null,
    },
    client: {
      // When the client began (older clients reported only the end) and when its frames were done.
      startedAt: client?.startedAt ?? capture.capturedAt,
      endedAt: capture.capturedAt,
      viewport: { width: capture.viewportW, height: capture.viewportH },
      devicePixelRatio: capture.dpr,
      ...(client ? { extensionVersion: client.extension } : {}),
      ...(client?.browser !== undefined ? { browser: client.browser } : {}),
      ...(client?.browserVersion !== undefined ? { browserVersion: client.browserVersion } : {}),
    },
    server: { receivedAt: new Date(capture.receivedAt).toISOString() },
    marks: storedMarks(capture.marksJson),
    // What was read from the page, as read: a later correction is a separate audited annotation, never part of this.
    pageData: capture.pageReadJson === null ? {} : { read: storedPageRead(capture.pageReadJson) },
    artefacts: [
      { kind: 'screenshot', sha256: capture.screenshotSha256, bytes: capture.bytes, mime: capture.mime, width: capture.width, height: capture.height },
      ...artefacts.map(declaredArtefact),
    ],
  };
}

/** The marks as stored; they were validated on upload, so a parse failure is a bug, not bad input. */
export function storedMarks(json: string): CaptureMark[] {
  return CaptureMarksSchema.parse(JSON.parse(json));
}

/** The page read as stored; validated on upload like the marks. */
export function storedPageRead(json: string): PageRead {
  return PageReadSchema.parse(JSON.parse(json));
}

/** The client details as stored; validated on upload like the marks. */
export function storedClient(json: string): CaptureClient {
  return CaptureClientSchema.parse(JSON.parse(json));
}
