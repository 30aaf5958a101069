import { describe, expect, it } from 'vitest';
import type { CaptureReceipt } from '@openipp/shared';
import { formatBytes, formatIn, shortHash } from './capture-format';
import { captureMode, screenshotPixels, shownState, stateCounts, uploadProgress } from './capture-view';
import type { QueueEntry } from './queue';

const hash = (digit: string) => digit.repeat(64);

/** A queued full-page capture: screenshot, two page tiles, and the page archive. */
function entry(overrides: Partial<QueueEntry> = {}): QueueEntry {
  return {
    id: 'entry-1',
    meta: {
      url: 'https://item.taobao.com/item.htm?id=1',
      title: 'Item',
      capturedAt: '2026-01-02T03:04:05.000Z',
      viewport: { width: 1280, height: 720 },
      devicePixelRatio: 2,
      artefacts: [
        { kind: 'page_archive', sha256: hash('c'), bytes: 5_000, mime: 'multipart/related' },
        { kind: 'tile', sha256: hash('b'), bytes: 3_000, mime: 'image/png', sequence: 1 },
        { kind: 'tile', sha256: hash('a'), bytes: 2_000, mime: 'image/png', sequence: 0 },
      ],
    },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: 0,
    ownerId: 'user-1',
    byteLength: 1_000,
    ...overrides,
  };
}

const incomplete = (missing: string[]): CaptureReceipt => ({
  id: 'cap_1',
  sha256: hash('d'),
  receivedAt: '2026-01-02T03:04:06.000Z',
  state: 'incomplete',
  missing,
});

describe('the state a capture is shown in', () => {
  it('is queued while it waits, whatever it waits for, and otherwise says what happened', () => {
    expect(shownState('pending')).toBe('queued');
    expect(shownState('auth_required')).toBe('queued');
    expect(shownState('agreement_required')).toBe('queued');
    expect(shownState('uploading')).toBe('uploading');
    expect(shownState('synced')).toBe('receipted');
    expect(shownState('failed')).toBe('failed');
  });

  it('counts each state, and every capture without a receipt as unsynced', () => {
    const counts = stateCounts([
      entry({ status: 'pending' }),
      entry({ status: 'auth_required' }),
      entry({ status: 'uploading' }),
      entry({ status: 'synced' }),
      entry({ status: 'failed' }),
    ]);
    expect(counts).toEqual({ all: 5, unsynced: 4, queued: 2, uploading: 1, receipted: 1, failed: 1 });
  });
});

describe('upload progress, part by part', () => {
  it('before the first upload: nothing received, parts in page order', () => {
    const progress = uploadProgress(entry());
    expect(progress.parts.map((part) => [part.kind, part.number ?? null, part.received])).toEqual([
      ['screenshot', null, false],
      ['tile', 1, false],
      ['tile', 2, false],
      ['page_archive', null, false],
    ]);
    expect(progress).toMatchObject({ received: 0, total: 4, screenshotSent: false, bytesReceived: 0, bytesTotal: 11_000 });
  });

  it('while partly uploaded: what the receipt names as missing is not received, the rest is', () => {
    const progress = uploadProgress(entry({ status: 'uploading', receipt: incomplete([hash('b'), hash('c')]) }));
    expect(progress.parts.map((part) => part.received)).toEqual([true, true, false, false]);
    expect(progress).toMatchObject({ received: 2, total: 4, screenshotSent: true, bytesReceived: 3_000 });
  });

  it('a partly uploaded capture that failed keeps its progress', () => {
    const progress = uploadProgress(entry({ status: 'failed', receipt: incomplete([hash('c')]) }));
    expect(progress).toMatchObject({ received: 3, total: 4 });
  });

  it('once receipted, every part is received', () => {
    const receipt = { ...incomplete([]), state: 'receipted' as const };
    delete receipt.missing;
    expect(uploadProgress(entry({ status: 'synced', receipt }))).toMatchObject({ received: 4, total: 4, bytesReceived: 11_000 });
  });

  it('a capture without further artefacts is one part', () => {
    const single = entry({ meta: { ...entry().meta, artefacts: undefined } });
    expect(uploadProgress(single)).toMatchObject({ received: 0, total: 1 });
  });
});

describe('mode and size', () => {
  const visible = entry({ meta: { ...entry().meta, artefacts: [] } });

  it('tiles mean a full page, whose pixel height the first tile cannot tell', () => {
    expect(captureMode(entry())).toBe('full');
    expect(screenshotPixels(entry(), { width: 960, height: 540 })).toBeUndefined();
  });

  it('a screenshot taller than the window is a full page; one of the window\'s proportions is the visible area', () => {
    expect(captureMode(visible, { width: 960, height: 540 })).toBe('visible');
    expect(captureMode(visible, { width: 960, height: 2_000 })).toBe('full');
    expect(captureMode(visible)).toBe('visible');
    expect(screenshotPixels(visible, { width: 960, height: 540 })).toEqual({ width: 2_560, height: 1_440 });
  });

  it('formats sizes, waits and hashes for reading', () => {
    expect(formatBytes('en', 2_345_678)).toBe('2.3 MB');
    expect(formatBytes('en', 5_000)).toBe('5 kB');
    expect(formatIn('en', 12_300)).toBe('in 13 seconds');
    expect(formatIn('en', 150_000)).toBe('in 3 minutes');
    expect(formatIn('zh-CN', 12_300)).toBe('13秒钟后');
    expect(shortHash(hash('e'))).toBe('eeeeeeeeee…eeeeee');
  });
});
