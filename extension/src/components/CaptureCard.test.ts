import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { CaptureReceipt } from '@openipp/shared';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { TEST_USER, tinyPng } from '@/test/backend-double';
import { byTestId, renderMarkup } from '@/test/render';
import { startBackground } from '@/lib/background-services';
import { sendMessage } from '@/lib/messaging';
import { enqueue, getEntry, type QueueEntry } from '@/lib/queue';
import { sessionItem } from '@/lib/storage';
import { CaptureCard } from './CaptureCard';
import { QueueItem } from './QueueItem';

const hash = (digit: string) => digit.repeat(64);
const NOW = Date.parse('2026-01-02T03:05:00.000Z');

function entry(overrides: Partial<QueueEntry> = {}): QueueEntry {
  return {
    id: 'entry-1',
    meta: {
      url: 'https://item.taobao.com/item.htm?id=1',
      title: 'DemoBrand Classic Tote Bag',
      capturedAt: '2026-01-02T03:04:05.000Z',
      viewport: { width: 1280, height: 720 },
      devicePixelRatio: 1,
      artefacts: [
        { kind: 'tile', sha256: hash('a'), bytes: 2_000, mime: 'image/png', sequence: 0 },
        { kind: 'tile', sha256: hash('b'), bytes: 3_000, mime: 'image/png', sequence: 1 },
        { kind: 'page_archive', sha256: hash('c'), bytes: 5_000, mime: 'multipart/related' },
      ],
    },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: NOW,
    createdAt: 0,
    ownerId: TEST_USER.id,
    byteLength: 1_000,
    archive: 'saved',
    ...overrides,
  };
}

const receipt = (overrides: Partial<CaptureReceipt> = {}): CaptureReceipt => ({
  id: 'cap_0123456789',
  sha256: hash('d'),
  receivedAt: '2026-01-02T03:04:09.000Z',
  ...overrides,
});

const card = (value: QueueEntry, locale: 'en' | 'zh-CN' = 'en') => renderMarkup(createElement(CaptureCard, { entry: value, now: NOW }), locale);
const one = (markup: string, id: string) => byTestId(markup, id)[0];

describe('a capture on the captures page', () => {
  it('queued after failed attempts: says when the next try is due, and that nothing is sent yet', async () => {
    const markup = await card(entry({ attempts: 2, nextAttemptAt: NOW + 8_000, lastError: 'network_error' }));
    expect(one(markup, 'capture-card')?.attrs['data-state']).toBe('queued');
    expect(one(markup, 'capture-state')?.text).toBe('Queued');
    expect(one(markup, 'capture-next-try')?.text).toBe(' · 2 failed attempts · next try in 8 seconds');
    expect(one(markup, 'capture-last-error')?.text).toBe('Last error: The server cannot be reached.');
    expect(one(markup, 'capture-progress')?.text).toBe('Nothing sent yet, 4 parts');
    expect(one(markup, 'capture-mode')?.attrs['data-mode']).toBe('full');
    expect(one(markup, 'capture-facts')?.text).toContain('Captured Jan 2, 2026');
    expect(byTestId(markup, 'capture-part').map((part) => part.attrs['data-received'])).toEqual(['false', 'false', 'false', 'false']);
    expect(one(markup, 'capture-retry')).toBeUndefined();
  });

  it('uploading: the screenshot sent and which parts the server still lacks', async () => {
    const markup = await card(entry({ status: 'uploading', receipt: receipt({ state: 'incomplete', missing: [hash('b'), hash('c')] }) }));
    expect(one(markup, 'capture-state')?.text).toBe('Uploading');
    expect(one(markup, 'capture-progress')?.text).toBe('Screenshot sent, 2 of 4 parts');
    expect(byTestId(markup, 'capture-part').map((part) => `${part.attrs['data-kind']}:${part.attrs['data-received']}`)).toEqual([
      'screenshot:true',
      'tile:true',
      'tile:false',
      'page_archive:false',
    ]);
    expect(one(markup, 'capture-progress-bar')?.attrs).toMatchObject({ value: '3000', max: '11000' });
    const zh = await card(entry({ status: 'uploading', receipt: receipt({ state: 'incomplete', missing: [hash('b'), hash('c')] }) }), 'zh-CN');
    expect(one(zh, 'capture-progress')?.text).toBe('截图已发送，已收到 2/4 个部分');
    expect(one(zh, 'capture-state')?.text).toBe('上传中');
  });

  it('receipted: the receipt id, the time, and the hashes shortened with the whole one to copy', async () => {
    const markup = await card(entry({ status: 'synced', receipt: receipt({ state: 'receipted', manifestSha256: hash('f') }) }));
    expect(one(markup, 'capture-state')?.text).toBe('Receipted');
    expect(one(markup, 'capture-receipt-id')?.text).toBe('Receipt cap_0123456789');
    expect(one(markup, 'capture-sha256')).toEqual({ attrs: expect.objectContaining({ 'data-hash': hash('d') }), text: 'dddddddddd…dddddd' });
    expect(one(markup, 'capture-manifest-sha256')?.attrs['data-hash']).toBe(hash('f'));
    expect(one(markup, 'capture-sha256-copy')?.text).toBe('Copy');
    expect(one(markup, 'capture-progress')?.text).toBe('All 4 parts received');
    expect(markup).toContain('Received by the server Jan 2, 2026');
    // Every part is in: the part list gives way to the summary.
    expect(byTestId(markup, 'capture-part')).toEqual([]);
    expect(one(await card(entry({ status: 'synced', receipt: receipt() }), 'zh-CN'), 'capture-receipt-id')?.text).toBe('回执 cap_0123456789');
  });

  it('failed: the reason in the user\'s language, with Retry and Delete', async () => {
    const failed = entry({ status: 'failed', attempts: 1, lastError: 'hash_mismatch', receipt: receipt({ state: 'incomplete', missing: [hash('c')] }) });
    const markup = await card(failed);
    expect(one(markup, 'capture-state')?.text).toBe('Failed');
    expect(one(markup, 'capture-failure')?.text).toBe(
      'The server refused it: The file\'s SHA-256 does not match the hash it was declared with; nothing was stored.',
    );
    expect(one(markup, 'capture-retry')?.text).toBe('Retry');
    expect(one(markup, 'capture-delete')?.text).toBe('Delete');
    expect(one(markup, 'capture-progress')?.text).toBe('Screenshot sent, 3 of 4 parts');
    const zh = await card(failed, 'zh-CN');
    expect(one(zh, 'capture-retry')?.text).toBe('重试');
    expect(one(zh, 'capture-failure')?.text).toMatch(/^服务器拒收：.+SHA-256/);
  });

  it('names each page archive outcome, and what a parked capture waits for', async () => {
    const outcomes = { saved: 'Page archive saved', unsupported: 'this browser cannot', failed: 'saving the page as MHTML failed', too_large: 'too large' };
    for (const [archive, text] of Object.entries(outcomes)) {
      const markup = await card(entry({ archive: archive as QueueEntry['archive'] }));
      expect(one(markup, 'capture-archive')?.attrs['data-archive']).toBe(archive);
      expect(one(markup, 'capture-archive')?.text).toContain(text);
    }
    const parked = await card(entry({ status: 'auth_required', lastError: 'unauthenticated' }));
    expect(one(parked, 'capture-state')?.text).toBe('Queued');
    expect(one(parked, 'capture-waiting')?.text).toBe('Waits for you to sign in as the account that captured it.');
  });
});

describe('the popup\'s queue item', () => {
  it('shows the same progress line', async () => {
    const markup = await renderMarkup(
      createElement(QueueItem, { entry: entry({ status: 'uploading', receipt: receipt({ state: 'incomplete', missing: [hash('c')] }) }), now: NOW }),
    );
    expect(one(markup, 'capture-progress')?.text).toBe('Screenshot sent, 3 of 4 parts');
    const single = entry({ meta: { ...entry().meta, artefacts: [] } });
    expect(one(await renderMarkup(createElement(QueueItem, { entry: { ...single, status: 'uploading' }, now: NOW })), 'capture-progress')?.text).toBe(
      'Sending the screenshot…',
    );
    // A lone screenshot waiting its turn: the status badge says all there is.
    expect(one(await renderMarkup(createElement(QueueItem, { entry: single, now: NOW })), 'capture-progress')).toBeUndefined();
  });
});

describe('a capture the server refused, retried', () => {
  const testbed = useBackgroundTestbed();

  it('shows failed with the reason, and after Retry is sent again and receipted', async () => {
    await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
    testbed.backend.script('/api/captures', { kind: 'problem', status: 422, code: 'hash_mismatch' });
    const queued = await enqueue({ meta: sampleMeta(7), png: tinyPng(), ownerId: TEST_USER.id });
    await startBackground(testbed.signal);

    const failed = await getEntry(queued.id);
    expect(failed).toMatchObject({ status: 'failed', lastError: 'hash_mismatch' });
    expect(one(await card(failed!), 'capture-retry')?.text).toBe('Retry');

    // What the Retry button sends.
    expect(await sendMessage('retryEntry', { id: queued.id })).toEqual({ ok: true, value: null });
    await expect.poll(async () => (await getEntry(queued.id))?.status).toBe('synced');
    const synced = await getEntry(queued.id);
    const markup = await card(synced!);
    expect(one(markup, 'capture-card')?.attrs['data-state']).toBe('receipted');
    expect(one(markup, 'capture-receipt-id')?.text).toBe(`Receipt ${synced!.receipt!.id}`);
    // Refused once, then sent again under the same idempotency key.
    expect(testbed.backend.uploads.map((upload) => upload.idempotencyKey)).toEqual([queued.id, queued.id]);
    // Retrying what is not failed is refused, not silently done twice.
    expect(await sendMessage('retryEntry', { id: queued.id })).toMatchObject({ ok: false, code: 'not_found' });
  });
});
