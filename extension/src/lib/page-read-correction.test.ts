import { describe, expect, it, vi } from 'vitest';
import type { PageRead, PageReadCorrection } from '@openipp/shared';
import { TEST_USER, tinyPng } from '@/test/backend-double';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { correctPageRead, flushPageReadCorrections, pageReadCorrectionsItem } from './page-read-correction';
import { claimForUpload, enqueue, markSynced } from './queue';
import { sessionItem } from './storage';

const testbed = useBackgroundTestbed();

const READ: PageRead = {
  title: 'DemoBrand Classic Tote Bag',
  price: { amount: '159.00', currency: 'CNY' },
  shopName: null,
  shopId: null,
  seller: null,
  source: { title: 'json_ld', price: 'json_ld', shopName: null, shopId: null, seller: null },
};
const CORRECTION: PageReadCorrection = { title: 'DemoBrand Tote', price: { amount: '149.00', currency: 'CNY' }, shopName: 'Demo Store', shopId: null, seller: null };
const RECEIPT = { id: '0190aaaa-0000-7000-8000-000000000001', sha256: 'ab'.repeat(32), receivedAt: '2026-01-02T03:04:06.000Z' };
const PUT_PATH = `/api/captures/${RECEIPT.id}/page-read-correction`;
const OK = { kind: 'raw', status: 200, contentType: 'application/json', body: '{}' } as const;

async function signIn() {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: TEST_USER });
}

async function queued(ownerId = TEST_USER.id) {
  return enqueue({ meta: { ...sampleMeta(1), pageRead: READ }, png: tinyPng(), ownerId });
}

async function receipt(id: string) {
  await claimForUpload(id);
  await markSynced(id, RECEIPT);
}

const puts = () => testbed.backend.requests.filter((r) => r.method === 'PUT' && r.path === PUT_PATH);

describe('correcting what was read from the page', () => {
  it('keeps a correction made before the receipt, and sends it once the capture is receipted', async () => {
    await signIn();
    const entry = await queued();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    expect((await correctPageRead(entry.id, CORRECTION)).sent).toBe(false);
    expect(puts()).toHaveLength(0);
    expect((await pageReadCorrectionsItem.getValue())[entry.id]).toEqual({ correction: CORRECTION, ownerId: TEST_USER.id, sent: false });

    testbed.backend.script(PUT_PATH, OK);
    await receipt(entry.id);
    await flushPageReadCorrections();
    expect(puts()).toEqual([{ method: 'PUT', path: PUT_PATH, authorization: 'Bearer token-abc' }]);
    const call = fetchSpy.mock.calls.find(([url]) => String(url).endsWith(PUT_PATH))!;
    expect(JSON.parse(String(call[1]!.body))).toEqual(CORRECTION);
    expect((await pageReadCorrectionsItem.getValue())[entry.id]!.sent).toBe(true);
    // Sent once: a later flush adds nothing.
    await flushPageReadCorrections();
    expect(puts()).toHaveLength(1);
    fetchSpy.mockRestore();
  });

  it('sends at once when the capture is already receipted; offline it waits for the next try', async () => {
    await signIn();
    const entry = await queued();
    await receipt(entry.id);
    testbed.backend.script(PUT_PATH, { kind: 'drop' }, OK);
    expect((await correctPageRead(entry.id, CORRECTION)).sent).toBe(false);
    await flushPageReadCorrections();
    expect((await pageReadCorrectionsItem.getValue())[entry.id]!.sent).toBe(true);
  });

  it('drops a correction the server will never take (the capture is gone), and refuses bad or foreign ones', async () => {
    await signIn();
    const entry = await queued();
    await receipt(entry.id);
    testbed.backend.script(PUT_PATH, { kind: 'problem', status: 404, code: 'not_found' });
    await correctPageRead(entry.id, CORRECTION);
    expect((await pageReadCorrectionsItem.getValue())[entry.id]).toBeUndefined();

    await expect(correctPageRead(entry.id, { ...CORRECTION, price: { amount: 'twelve', currency: 'CNY' } })).rejects.toMatchObject({ code: 'validation_failed' });
    const someoneElses = await queued('another-user');
    await expect(correctPageRead(someoneElses.id, CORRECTION)).rejects.toMatchObject({ code: 'not_found' });
    expect(await pageReadCorrectionsItem.getValue()).toEqual({});
  });
});
