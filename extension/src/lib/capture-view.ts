import type { QueueEntry, QueueStatus } from './queue';

/**
 * What the popup and the captures page tell the user about one queued capture
 * (issue #7 part 6): its state in four words, and how far its upload has gone,
 * read from the queue entry alone. The entry's incomplete receipt names what
 * the server still lacks; everything else it declared has arrived.
 */
export const SHOWN_STATES = ['queued', 'uploading', 'receipted', 'failed'] as const;
export type ShownState = (typeof SHOWN_STATES)[number];

/**
 * Waiting for a sign-in or for the agreement is still "queued": nothing failed,
 * and the upload starts by itself once the user has done what it waits for.
 */
export function shownState(status: QueueStatus): ShownState {
  switch (status) {
    case 'synced':
      return 'receipted';
    case 'uploading':
      return 'uploading';
    case 'failed':
      return 'failed';
    case 'pending':
    case 'auth_required':
    case 'agreement_required':
      return 'queued';
  }
}

export type PartKind = 'screenshot' | 'tile' | 'page_archive';

export interface UploadPart {
  kind: PartKind;
  /** Tiles only: 1-based, top to bottom. */
  number?: number;
  bytes: number;
  /** The server holds these bytes. */
  received: boolean;
}

export interface UploadProgress {
  /** The screenshot first, then the page tiles top to bottom, then the page archive. */
  parts: UploadPart[];
  received: number;
  total: number;
  /** The capture itself (its screenshot and manifest) reached the server. */
  screenshotSent: boolean;
  bytesReceived: number;
  bytesTotal: number;
}

export function uploadProgress(entry: QueueEntry): UploadProgress {
  const declared = entry.meta.artefacts ?? [];
  const receipt = entry.receipt;
  // Any receipt at all means the POST with the screenshot was taken.
  const screenshotSent = entry.status === 'synced' || receipt !== undefined;
  const missing = receipt?.state === 'incomplete' ? new Set(receipt.missing ?? []) : undefined;
  const artefactReceived = (sha256: string) => screenshotSent && (missing ? !missing.has(sha256) : true);

  const tiles = declared
    .flatMap((artefact) => (artefact.kind === 'tile' ? [artefact] : []))
    .sort((a, b) => a.sequence - b.sequence)
    .map((tile, index): UploadPart => ({ kind: 'tile', number: index + 1, bytes: tile.bytes, received: artefactReceived(tile.sha256) }));
  const archives = declared.flatMap((artefact): UploadPart[] =>
    artefact.kind === 'page_archive' ? [{ kind: 'page_archive', bytes: artefact.bytes, received: artefactReceived(artefact.sha256) }] : [],
  );
  const parts: UploadPart[] = [{ kind: 'screenshot', bytes: entry.byteLength, received: screenshotSent }, ...tiles, ...archives];
  const received = parts.filter((part) => part.received);
  return {
    parts,
    received: received.length,
    total: parts.length,
    screenshotSent,
    bytesReceived: received.reduce((sum, part) => sum + part.bytes, 0),
    bytesTotal: parts.reduce((sum, part) => sum + part.bytes, 0),
  };
}

export type CaptureMode = 'visible' | 'full';

/**
 * Whether the capture shows more than the window did. The entry does not
 * record the mode asked for, so it is read from the result: page tiles, or a
 * screenshot taller than the viewport (judged by its preview's proportions;
 * the preview is a scaled copy). A full-page request on a page that fitted
 * the window is, rightly, the visible area.
 */
export function captureMode(entry: QueueEntry, preview?: { width: number; height: number }): CaptureMode {
  if ((entry.meta.artefacts ?? []).some((artefact) => artefact.kind === 'tile')) return 'full';
  if (!preview || preview.width <= 0) return 'visible';
  const { width, height } = entry.meta.viewport;
  return preview.height / preview.width > (height / width) * 1.02 ? 'full' : 'visible';
}

/**
 * The screenshot's size in device pixels: its width is the viewport's, its
 * height in proportion to the preview. Unknown for a page cut into tiles,
 * whose preview shows the first tile only.
 */
export function screenshotPixels(
  entry: QueueEntry,
  preview?: { width: number; height: number },
): { width: number; height: number } | undefined {
  if (!preview || preview.width <= 0) return undefined;
  if ((entry.meta.artefacts ?? []).some((artefact) => artefact.kind === 'tile')) return undefined;
  const width = Math.round(entry.meta.viewport.width * entry.meta.devicePixelRatio);
  return { width, height: Math.round((preview.height * width) / preview.width) };
}

/** Entries in each shown state, and those not yet receipted (what the toolbar badge counts). */
export function stateCounts(entries: readonly QueueEntry[]): Record<ShownState | 'all' | 'unsynced', number> {
  const counts = { all: entries.length, unsynced: 0, queued: 0, uploading: 0, receipted: 0, failed: 0 };
  for (const entry of entries) {
    counts[shownState(entry.status)] += 1;
    if (entry.status !== 'synced') counts.unsynced += 1;
  }
  return counts;
}
