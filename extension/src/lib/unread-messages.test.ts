import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { UnreadMessagesNotice } from '@/components/UnreadMessagesNotice';
import { TEST_PASSWORD, TEST_USER } from '@/test/backend-double';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { rgba, trackShownBadges } from '@/test/chrome-badge';
import { byTestId, renderMarkup } from '@/test/render';
import { startBackground } from './background-services';
import { sendMessage } from './messaging';
import { agreementHoldItem, localeOverrideItem, sessionItem, unreadMessagesItem } from './storage';
import { ALREADY_REPORTED_BADGE, INFO_REQUESTS_COLOR, UNREAD_MESSAGES_COLOR } from './toolbar-badge';
import {
  LATEST_UNREAD_SHOWN,
  refreshUnreadMessages,
  UNREAD_MESSAGES_ALARM,
  UNREAD_MESSAGES_PERIOD_MINUTES,
  watchUnreadMessages,
} from './unread-messages';

const testbed = useBackgroundTestbed();

async function signIn() {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: TEST_USER });
}

/** Four unread messages (the newest last) and one already read. */
function seedMessages() {
  const backend = testbed.backend;
  const read = backend.sendMessage({ 'zh-CN': '协议第 2 版已发布', en: 'Agreement version 2 published' }, 'agreement_published');
  read.readAt = new Date().toISOString();
  const sent = [1, 2, 3, 4].map((n) => backend.sendMessage({ 'zh-CN': `投诉 ${n} 已有决定`, en: `Complaint ${n} decided` }));
  return { read, sent };
}

const messageCalls = () => testbed.backend.requests.filter((r) => r.path.startsWith('/api/messages'));
const globalText = () => fakeBrowser.action.getBadgeText({});

describe('unread in-site messages', () => {
  it('learns the count and the newest titles on start, stores them, and shows the count on the badge', async () => {
    await signIn();
    await localeOverrideItem.setValue('en');
    seedMessages();
    await startBackground(testbed.signal);

    const stored = await unreadMessagesItem.getValue();
    expect(stored?.userId).toBe(TEST_USER.id);
    expect(stored?.unread).toBe(4);
    expect(stored?.latest).toHaveLength(LATEST_UNREAD_SHOWN);
    expect(stored?.latest.map((m) => m.title.en)).toEqual(['Complaint 4 decided', 'Complaint 3 decided', 'Complaint 2 decided']);
    expect(stored?.latest[0]?.title['zh-CN']).toBe('投诉 4 已有决定');
    expect(messageCalls().map((r) => [r.method, r.path, r.authorization])).toEqual([['GET', '/api/messages', 'Bearer token-abc']]);

    expect(await globalText()).toBe('4');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual(rgba(UNREAD_MESSAGES_COLOR));
    expect(await fakeBrowser.action.getTitle({})).toBe('OpenIPP: 4 unread messages');
    expect(await fakeBrowser.alarms.get(UNREAD_MESSAGES_ALARM)).toMatchObject({ periodInMinutes: UNREAD_MESSAGES_PERIOD_MINUTES });
  });

  it('asks again on its alarm and when the popup opens, and not on a worker start with a fresh answer', async () => {
    await signIn();
    seedMessages();
    await startBackground(testbed.signal);
    expect(await globalText()).toBe('4');

    testbed.backend.sendMessage({ 'zh-CN': '新消息', en: 'New message' });
    await fakeBrowser.alarms.onAlarm.trigger({ name: UNREAD_MESSAGES_ALARM, scheduledTime: Date.now() });
    await expect.poll(globalText).toBe('5');
    expect((await unreadMessagesItem.getValue())?.latest[0]?.title.en).toBe('New message');

    // Read in the console meanwhile: the popup opening brings the count down.
    for (const message of testbed.backend.messages) message.readAt ??= new Date().toISOString();
    await sendMessage('popupOpened');
    await expect.poll(globalText).toBe('');
    expect(await unreadMessagesItem.getValue()).toMatchObject({ unread: 0, latest: [] });

    const before = messageCalls().length;
    const again = new AbortController();
    await watchUnreadMessages(again.signal).start();
    again.abort();
    expect(messageCalls()).toHaveLength(before);
  });

  it('marks a message read through the worker, and takes it off the count and the list', async () => {
    await signIn();
    const { sent } = seedMessages();
    await startBackground(testbed.signal);
    const newest = sent[3]!;

    expect(await sendMessage('readMessage', { id: newest.id })).toEqual({ ok: true, value: null });
    const post = messageCalls().find((r) => r.method === 'POST');
    expect(post).toMatchObject({ path: `/api/messages/${newest.id}/read`, authorization: 'Bearer token-abc' });
    expect(testbed.backend.messages.find((m) => m.id === newest.id)?.readAt).not.toBeNull();
    const stored = await unreadMessagesItem.getValue();
    expect(stored?.unread).toBe(3);
    expect(stored?.latest.map((m) => m.id)).toEqual([sent[2]!.id, sent[1]!.id, sent[0]!.id]);
    expect(await globalText()).toBe('3');

    // A message that is not the user's (or no longer there) is no error: the list was stale.
    expect(await sendMessage('readMessage', { id: 'msg-elsewhere' })).toEqual({ ok: true, value: null });
    expect(await globalText()).toBe('3');

    // Unreachable: the failure reaches the popup, and the count stays as it was.
    testbed.backend.script(`/api/messages/${sent[2]!.id}/read`, { kind: 'drop' });
    expect(await sendMessage('readMessage', { id: sent[2]!.id })).toMatchObject({ ok: false, code: 'network_error' });
    expect((await unreadMessagesItem.getValue())?.unread).toBe(3);
  });

  it('forgets the count and clears the badge on sign-out, and asks right after a sign-in', async () => {
    await signIn();
    seedMessages();
    await startBackground(testbed.signal);
    expect(await globalText()).toBe('4');

    await sendMessage('logout');
    await expect.poll(globalText).toBe('');
    expect(await unreadMessagesItem.getValue()).toBeNull();
    await expect.poll(() => fakeBrowser.alarms.get(UNREAD_MESSAGES_ALARM)).toBeUndefined();

    await sendMessage('login', { email: TEST_USER.email, password: TEST_PASSWORD });
    await expect.poll(globalText).toBe('4');
    expect(await fakeBrowser.alarms.get(UNREAD_MESSAGES_ALARM)).toBeDefined();
  });

  it('keeps the last count when the server cannot be reached, and asks nothing while the agreement gate is up', async () => {
    await signIn();
    seedMessages();
    await startBackground(testbed.signal);

    testbed.backend.script('/api/messages', { kind: 'drop' });
    await expect(refreshUnreadMessages()).rejects.toMatchObject({ code: 'network_error' });
    expect((await unreadMessagesItem.getValue())?.unread).toBe(4);
    expect(await globalText()).toBe('4');

    await agreementHoldItem.setValue({ userId: TEST_USER.id, version: 2 });
    const before = messageCalls().length;
    await expect(refreshUnreadMessages()).rejects.toMatchObject({ code: 'agreement_acceptance_required' });
    expect(messageCalls()).toHaveLength(before);
    expect(await globalText()).toBe('4');
  });

  it('counts on every tab but the one marked "already reported", and gives way to open requests for material', async () => {
    await signIn();
    await localeOverrideItem.setValue('en');
    seedMessages();
    const shownOn = trackShownBadges();
    await startBackground(testbed.signal);
    const reportedUrl = sampleMeta(61).url;
    testbed.backend.seedComplaint([reportedUrl]);
    const reported = (await fakeBrowser.tabs.create({ url: reportedUrl })).id!;
    await fakeBrowser.tabs.update(reported, { url: reportedUrl, status: 'complete' } as object);
    const plain = (await fakeBrowser.tabs.create({ url: 'https://news.example.com/' })).id!;
    await fakeBrowser.tabs.update(plain, { url: 'https://news.example.com/', status: 'complete' } as object);

    expect(await shownOn(reported)).toBe(ALREADY_REPORTED_BADGE);
    expect(await shownOn(plain)).toBe('4');

    // A reviewer asks for material: that count takes the global badge; the title names both.
    const waiting = testbed.backend.seedComplaint([sampleMeta(62).url]);
    testbed.backend.requestInfo(waiting.id, {
      deficiencies: ['other'],
      message: 'Explain further.',
      deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    expect(await sendMessage('refreshInfoRequests')).toMatchObject({ ok: true });
    expect(await shownOn(plain)).toBe('1');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: plain })).toEqual(rgba(INFO_REQUESTS_COLOR));
    expect(await fakeBrowser.action.getTitle({ tabId: plain })).toBe(
      'OpenIPP: 1 complaint needs more material from you; 4 unread messages',
    );
    expect(await shownOn(reported)).toBe(ALREADY_REPORTED_BADGE);
  });

  it('renders "N unread messages" in the popup with the newest titles in its language, each leading to the inbox', async () => {
    await signIn();
    seedMessages();
    await startBackground(testbed.signal);
    const stored = (await unreadMessagesItem.getValue())!;
    const props = { unread: stored.unread, latest: stored.latest, backendUrl: 'http://127.0.0.1:8787', onRead: () => undefined };

    const en = await renderMarkup(createElement(UnreadMessagesNotice, { ...props, locale: 'en' }));
    const notice = byTestId(en, 'unread-messages');
    expect(notice).toHaveLength(1);
    expect(notice[0]?.attrs['data-count']).toBe('4');
    expect(notice[0]?.text).toContain('4 unread messages');
    const titles = byTestId(en, 'unread-message');
    expect(titles.map((m) => m.text)).toEqual(['Complaint 4 decided', 'Complaint 3 decided', 'Complaint 2 decided']);
    expect(titles.map((m) => m.attrs['data-id'])).toEqual(stored.latest.map((m) => m.id));
    expect(titles.every((m) => m.attrs.href === 'http://127.0.0.1:8787/#/messages' && m.attrs.target === '_blank')).toBe(true);
    expect(byTestId(en, 'messages-inbox-link')[0]).toMatchObject({ attrs: { href: 'http://127.0.0.1:8787/#/messages', target: '_blank' }, text: 'Open your inbox' });

    const zh = await renderMarkup(createElement(UnreadMessagesNotice, { ...props, unread: 1, latest: stored.latest.slice(0, 1), locale: 'zh-CN' }), 'zh-CN');
    expect(byTestId(zh, 'unread-messages')[0]?.text).toContain('1 条未读消息');
    expect(byTestId(zh, 'unread-message').map((m) => m.text)).toEqual(['投诉 4 已有决定']);
    expect(byTestId(zh, 'messages-inbox-link')[0]?.text).toBe('打开收件箱');

    expect(await renderMarkup(createElement(UnreadMessagesNotice, { ...props, unread: 0, latest: [], locale: 'en' }))).toBe('');
  });
});
