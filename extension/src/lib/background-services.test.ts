import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { TEST_PASSWORD, TEST_USER, tinyPng } from '@/test/backend-double';
import { startBackground } from './background-services';
import { sendMessage } from './messaging';
import { claimForUpload, enqueue, getEntry, listEntries } from './queue';
import { backendUrlItem, sessionItem, signInNoticeItem } from './storage';

const meta = sampleMeta(7);
const testbed = useBackgroundTestbed();

describe('background messages', () => {
  it('logs in through the worker and reports a wrong password as a code', async () => {
    await startBackground(testbed.signal);
    expect(await sendMessage('login', { email: TEST_USER.email, password: 'nope' })).toEqual({
      ok: false,
      code: 'invalid_credentials',
    });
    expect(await sessionItem.getValue()).toBeNull();
    const result = await sendMessage('login', { email: TEST_USER.email, password: TEST_PASSWORD });
    expect(result).toMatchObject({ ok: true, value: { user: { email: TEST_USER.email } } });
    expect((await sessionItem.getValue())?.token).toBe('token-abc');
  });

  it('reports an unreachable server as network_error', async () => {
    await backendUrlItem.setValue('http://127.0.0.1:9'); // discard port: nothing listens
    await startBackground(testbed.signal);
    expect(await sendMessage('login', { email: TEST_USER.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      code: 'network_error',
    });
  });

  it('refuses to capture a chrome:// page', async () => {
    await startBackground(testbed.signal);
    await sendMessage('login', { email: TEST_USER.email, password: TEST_PASSWORD });
    const tab = await fakeBrowser.tabs.create({ url: 'chrome://settings/' });
    expect(await sendMessage('capture', { tabId: tab.id })).toEqual({ ok: false, code: 'unsupported_page' });
    expect(await listEntries()).toEqual([]);
  });

  it('on start, re-uploads what a killed worker left uploading', async () => {
    await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
    const entry = await enqueue({ meta, png: tinyPng(), ownerId: TEST_USER.id });
    await claimForUpload(entry.id);
    await startBackground(testbed.signal);
    expect((await getEntry(entry.id))?.status).toBe('synced');
    expect(testbed.backend.uploads.map((u) => u.idempotencyKey)).toEqual([entry.id]);
  });

  it('"sync now" skips the backoff wait', async () => {
    await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
    testbed.backend.script('/api/captures', { kind: 'problem', status: 503, code: 'service_unavailable' });
    const entry = await enqueue({ meta, png: tinyPng(), ownerId: TEST_USER.id });
    await startBackground(testbed.signal);
    expect((await getEntry(entry.id))?.status).toBe('pending');
    expect(await sendMessage('syncNow')).toEqual({ ok: true, value: null });
    expect((await getEntry(entry.id))?.status).toBe('synced');
  });

  it('signs the popup out when the server has revoked the token', async () => {
    await sessionItem.setValue({ token: 'revoked', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
    await startBackground(testbed.signal);
    await sendMessage('popupOpened');
    expect(await sessionItem.getValue()).toBeNull();
  });

  it('keeps the session when the server is merely unreachable', async () => {
    await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
    await backendUrlItem.setValue('http://127.0.0.1:9');
    await startBackground(testbed.signal);
    await sendMessage('popupOpened');
    expect((await sessionItem.getValue())?.token).toBe('token-abc');
  });

  it('shows a freeze found by the popup check, and refuses the frozen login with the same notice', async () => {
    await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
    testbed.backend.state.frozen = true;
    await startBackground(testbed.signal);
    await sendMessage('popupOpened');
    expect(await sessionItem.getValue()).toBeNull();
    expect(await signInNoticeItem.getValue()).toMatchObject({ reason: 'account_frozen', email: TEST_USER.email });

    await signInNoticeItem.setValue(null);
    expect(await sendMessage('login', { email: TEST_USER.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      code: 'account_frozen',
    });
    expect(await signInNoticeItem.getValue()).toMatchObject({ reason: 'account_frozen' });
    // A wrong password reveals nothing about the freeze.
    await signInNoticeItem.setValue(null);
    expect(await sendMessage('login', { email: TEST_USER.email, password: 'wrong' })).toEqual({
      ok: false,
      code: 'invalid_credentials',
    });
    expect(await signInNoticeItem.getValue()).toBeNull();
  });

  it('reports the platform status for the maintenance banner, without a session', async () => {
    testbed.backend.state.maintenance = { enabled: true, message: { 'zh-CN': '维护中', en: 'Down for upgrades' }, retryAfterSeconds: 300 };
    await startBackground(testbed.signal);
    const result = await sendMessage('platformStatus');
    expect(result).toMatchObject({
      ok: true,
      value: { maintenance: { enabled: true, message: { en: 'Down for upgrades' }, retryAfterSeconds: 300 } },
    });
    expect(testbed.backend.requests.find((r) => r.path === '/api/status')?.authorization).toBeUndefined();
  });

  it('a capture queued during maintenance waits as pending, not failed', async () => {
    await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
    testbed.backend.state.maintenance.enabled = true;
    const entry = await enqueue({ meta, png: tinyPng(), ownerId: TEST_USER.id });
    await startBackground(testbed.signal);
    expect(await getEntry(entry.id)).toMatchObject({ status: 'pending', lastError: 'maintenance' });
  });
});
