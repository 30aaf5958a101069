import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { CaptureReceipt } from '@openipp/shared';
import type { QueueEntry, QueueStatus } from '@/lib/queue';
import { TEST_USER } from '@/test/backend-double';
import { byTestId, renderMarkup } from '@/test/render';
import { CapturePicker, isReceipted } from './CapturePicker';

const HASH = 'a'.repeat(64);

function entry(id: string, status: QueueStatus, receipt?: Partial<CaptureReceipt>): QueueEntry {
  return {
    id,
    meta: {
      url: `https://item.taobao.com/item.htm?id=${id.length}00${id.charCodeAt(0)}`,
      title: `Listing ${id}`,
      capturedAt: '2026-05-04T12:00:00.000Z',
      viewport: { width: 1280, height: 720 },
      devicePixelRatio: 1,
    },
    status,
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: 0,
    ownerId: TEST_USER.id,
    byteLength: 10,
    sha256: HASH,
    ...(receipt ? { receipt: { id: `srv-${id}`, sha256: HASH, receivedAt: '2026-05-04T12:00:01.000Z', ...receipt } } : {}),
  };
}

const entries = [
  entry('receipted', 'synced', { state: 'receipted' }),
  // From a server older than multi-artefact captures: receipted at once, without a state.
  entry('older', 'synced', {}),
  // The server holds the screenshot but still lacks the page archive.
  entry('partial', 'uploading', { state: 'incomplete', missing: ['b'.repeat(64)] }),
  entry('queued', 'pending'),
  entry('refused', 'failed'),
];

const picker = (locale: 'en' | 'zh-CN' = 'en', shown = entries) =>
  renderMarkup(createElement(CapturePicker, { entries: shown, named: new Set<string>(), onAdd: () => ({ attached: 0, skipped: 0 }) }), locale);

describe('the capture picker', () => {
  it('counts as receipted only a synced capture whose receipt lacks nothing', () => {
    expect(entries.filter(isReceipted).map((e) => e.id)).toEqual(['receipted', 'older']);
  });

  it('offers only receipted captures, and says how many wait for their receipt, in both languages', async () => {
    const markup = await picker();
    expect(byTestId(markup, 'capture-option').map((option) => option.attrs['data-capture-id'])).toEqual(['srv-receipted', 'srv-older']);
    expect(byTestId(markup, 'picker-waiting')).toEqual([
      {
        attrs: expect.objectContaining({ 'data-count': '3' }) as Record<string, string>,
        text: '3 captures are not receipted yet (still uploading, or missing files). They can be added once the server has all of them.',
      },
    ]);
    const zh = byTestId(await picker('zh-CN'), 'picker-waiting');
    expect(zh[0]?.text).toBe('有 3 条截取尚未取得回执（仍在上传或缺少文件），服务器收齐后即可添加。');
  });

  it('says nothing waits when every capture is receipted, and does not call a device with only unreceipted captures empty', async () => {
    const receiptedOnly = await picker('en', entries.slice(0, 2));
    expect(byTestId(receiptedOnly, 'picker-waiting')).toEqual([]);
    const waitingOnly = await picker('en', entries.slice(2));
    expect(byTestId(waitingOnly, 'capture-option')).toEqual([]);
    expect(waitingOnly).not.toContain('No captures on this device yet');
    expect(byTestId(waitingOnly, 'picker-waiting')[0]?.attrs['data-count']).toBe('3');
  });
});
