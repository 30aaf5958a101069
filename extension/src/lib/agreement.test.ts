import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { TEST_PASSWORD, TEST_USER, tinyPng } from '@/test/backend-double';
import { startBackground } from './background-services';
import { sendMessage } from './messaging';
import { enqueue, getEntry } from './queue';
import { agreementHoldItem, sessionItem, signInNoticeItem } from './storage';

const meta = sampleMeta(9);
const testbed = useBackgroundTestbed();

async function signedIn(): Promise<void> {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 600_000).toISOString(), user: TEST_USER });
}

/** Admin published version 2; the user accepted only version 1 (the seeded demo). */
function publishVersion2(): void {
  testbed.backend.state.currentAgreement = 2;
}

describe('agreement gate', () => {
  it('is put up by the login when /api/me names a pending version', async () => {
    publishVersion2();
    await startBackground(testbed.signal);
    await sendMessage('login', { email: TEST_USER.email, password: TEST_PASSWORD });
    expect(await agreementHoldItem.getValue()).toEqual({ userId: TEST_USER.id, version: 2 });
  });

  it('is put up when the popup opens after a new version was published, and not before', async () => {
    await signedIn();
    await startBackground(testbed.signal);
    await sendMessage('popupOpened');
    expect(await agreementHoldItem.getValue()).toBeNull();
    publishVersion2();
    await sendMessage('popupOpened');
    expect(await agreementHoldItem.getValue()).toEqual({ userId: TEST_USER.id, version: 2 });
    expect(testbed.backend.requests.filter((r) => r.path === '/api/me')).toHaveLength(2);
  });

  it('serves both texts with their hashes and lifts a hold already accepted elsewhere', async () => {
    publishVersion2();
    await signedIn();
    await startBackground(testbed.signal);
    const loaded = await sendMessage('loadAgreement');
    if (!loaded.ok) throw new Error(loaded.code);
    expect(loaded.value.agreement.version).toBe(2);
    expect(loaded.value.agreement.texts['zh-CN'].body).toContain('中文版本');
    expect(loaded.value.agreement.texts.en.body).toContain('Chinese text');
    expect(loaded.value.acceptedAt).toBeNull();
    expect(await agreementHoldItem.getValue()).toEqual({ userId: TEST_USER.id, version: 2 });

    testbed.backend.state.acceptedAgreement = 2; // accepted in the console meanwhile
    const again = await sendMessage('loadAgreement');
    expect(again.ok && again.value.acceptedAt).toBeTruthy();
    expect(await agreementHoldItem.getValue()).toBeNull();
  });

  it('accepts the shown version in the language displayed, then lifts the hold', async () => {
    publishVersion2();
    await signedIn();
    await startBackground(testbed.signal);
    await sendMessage('popupOpened');
    expect(await sendMessage('acceptAgreement', { version: 2, language: 'zh-CN' })).toEqual({ ok: true, value: null });
    expect(testbed.backend.acceptances).toEqual([{ version: 2, language: 'zh-CN', status: 201 }]);
    expect(await agreementHoldItem.getValue()).toBeNull();
    // Accepting again is harmless: the server answers 200 with the existing record.
    expect(await sendMessage('acceptAgreement', { version: 2, language: 'en' })).toEqual({ ok: true, value: null });
    expect(testbed.backend.acceptances.at(-1)).toEqual({ version: 2, language: 'en', status: 200 });
  });

  it('keeps the gate when the shown version stopped being current (409)', async () => {
    publishVersion2();
    await signedIn();
    await startBackground(testbed.signal);
    await sendMessage('popupOpened');
    testbed.backend.state.currentAgreement = 3;
    expect(await sendMessage('acceptAgreement', { version: 2, language: 'en' })).toEqual({
      ok: false,
      code: 'agreement_version_not_current',
    });
    expect(await agreementHoldItem.getValue()).toMatchObject({ userId: TEST_USER.id });
    expect(testbed.backend.state.acceptedAgreement).toBe(1);
  });

  it('declining signs out locally and on the server, and says why on the login screen', async () => {
    publishVersion2();
    await signedIn();
    await startBackground(testbed.signal);
    await sendMessage('popupOpened');
    expect(await sendMessage('declineAgreement')).toEqual({ ok: true, value: null });
    expect(await sessionItem.getValue()).toBeNull();
    expect(await agreementHoldItem.getValue()).toBeNull();
    expect(await signInNoticeItem.getValue()).toMatchObject({ reason: 'agreement_declined', email: TEST_USER.email });
    expect(testbed.backend.requests.filter((r) => r.path === '/api/auth/logout')).toEqual([
      { method: 'POST', path: '/api/auth/logout', authorization: 'Bearer token-abc' },
    ]);
    expect(testbed.backend.acceptances).toEqual([]);
  });

  it('refuses to capture while the gate is pending', async () => {
    publishVersion2();
    await signedIn();
    await startBackground(testbed.signal);
    await sendMessage('popupOpened');
    const tab = await fakeBrowser.tabs.create({ url: 'https://item.taobao.com/item.htm?id=1' });
    expect(await sendMessage('capture', { tabId: tab.id })).toEqual({ ok: false, code: 'agreement_acceptance_required' });
  });
});

describe('sync under the gate', () => {
  it('holds uploads on 403 agreement_acceptance_required and resumes them after acceptance', async () => {
    await signedIn();
    const first = await enqueue({ meta, png: tinyPng(), ownerId: TEST_USER.id, now: 1 });
    const second = await enqueue({ meta, png: tinyPng(), ownerId: TEST_USER.id, now: 2 });
    // Published while the popup was closed: only the background upload finds out.
    publishVersion2();
    await startBackground(testbed.signal);

    expect(await getEntry(first.id)).toMatchObject({
      status: 'agreement_required',
      attempts: 0,
      lastError: 'agreement_acceptance_required',
    });
    expect((await getEntry(second.id))?.status).toBe('agreement_required');
    // One refused request was enough: the rest of the queue paused without knocking.
    expect(testbed.backend.requests.filter((r) => r.path === '/api/captures')).toHaveLength(1);
    expect(await agreementHoldItem.getValue()).toEqual({ userId: TEST_USER.id, version: null });
    expect((await sessionItem.getValue())?.token).toBe('token-abc');

    // "Sync now" does not break the pause.
    await sendMessage('syncNow');
    expect(testbed.backend.requests.filter((r) => r.path === '/api/captures')).toHaveLength(1);

    await sendMessage('popupOpened'); // learns the version from /api/me
    expect(await agreementHoldItem.getValue()).toEqual({ userId: TEST_USER.id, version: 2 });
    expect(await sendMessage('acceptAgreement', { version: 2, language: 'en' })).toEqual({ ok: true, value: null });

    await expect.poll(async () => (await getEntry(second.id))?.status, { timeout: 3_000, interval: 50 }).toBe('synced');
    expect((await getEntry(first.id))?.status).toBe('synced');
    expect(testbed.backend.uploads.map((u) => u.idempotencyKey)).toEqual([first.id, first.id, second.id]);
  });

  it('resumes held uploads when /api/me shows the agreement was accepted in the console', async () => {
    await signedIn();
    publishVersion2();
    const entry = await enqueue({ meta, png: tinyPng(), ownerId: TEST_USER.id });
    await startBackground(testbed.signal);
    expect((await getEntry(entry.id))?.status).toBe('agreement_required');
    testbed.backend.state.acceptedAgreement = 2;
    await sendMessage('popupOpened');
    await expect.poll(async () => (await getEntry(entry.id))?.status, { timeout: 3_000, interval: 50 }).toBe('synced');
  });

  it('after a decline, held captures wait for the next login and the gate comes back with it', async () => {
    await signedIn();
    publishVersion2();
    const entry = await enqueue({ meta, png: tinyPng(), ownerId: TEST_USER.id });
    await startBackground(testbed.signal);
    await sendMessage('declineAgreement');
    expect(await getEntry(entry.id)).toMatchObject({ status: 'auth_required', lastError: 'unauthenticated' });

    await sendMessage('login', { email: TEST_USER.email, password: TEST_PASSWORD });
    expect(await signInNoticeItem.getValue()).toBeNull();
    expect(await agreementHoldItem.getValue()).toEqual({ userId: TEST_USER.id, version: 2 });
    await expect.poll(async () => (await getEntry(entry.id))?.status, { timeout: 3_000, interval: 50 }).toBe('agreement_required');
    await sendMessage('acceptAgreement', { version: 2, language: 'zh-CN' });
    await expect.poll(async () => (await getEntry(entry.id))?.status, { timeout: 3_000, interval: 50 }).toBe('synced');
  });
});
