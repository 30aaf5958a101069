import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TEST_USER } from '@/test/backend-double';
import { useBackgroundTestbed } from '@/test/background-testbed';
import { startBackground } from './background-services';
import { actionNews, DOWN_SYNC_ALARM, DOWN_SYNC_PERIOD_MINUTES, loadInbox, readInbox, refreshDownSync } from './down-sync';
import { closeDownSyncDb, readSyncState } from './down-sync-store';
import { sendMessage } from './messaging';
import { backendUrlItem, localeOverrideItem, openInfoRequestsItem, sessionItem, unreadMessagesItem } from './storage';
import { INFO_REQUESTS_COLOR, paintGlobalBadge } from './toolbar-badge';
import { rgba } from '@/test/chrome-badge';

const testbed = useBackgroundTestbed();

async function signIn() {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: TEST_USER });
}

const deadline = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** Two complaints, the second waiting for material, and two messages. */
function seed() {
  const backend = testbed.backend;
  const first = backend.seedComplaint(['https://item.taobao.com/item.htm?id=1001']);
  const second = backend.seedComplaint(['https://item.taobao.com/item.htm?id=1002', 'https://item.taobao.com/item.htm?id=1003']);
  const request = backend.requestInfo(second.id, { deficiencies: ['listing_evidence'], message: 'Show the logo.', deadline: deadline() });
  const messages = [backend.sendMessage({ 'zh-CN': '投诉已有决定', en: 'Complaint decided' }), backend.sendMessage({ 'zh-CN': '请补充材料', en: 'Material requested' }, 'info_requested')];
  return { first, second, request, messages };
}

describe('down-sync', () => {
  it('pulls on start, stores the copy per user, and merges later changes by id', async () => {
    await signIn();
    const { first, second, request, messages } = seed();
    await startBackground(testbed.signal);

    let inbox = await readInbox(TEST_USER.id);
    expect(inbox.complaints.map((c) => c.id)).toEqual([second.id, first.id]);
    expect(inbox.complaints[0]).toMatchObject({ state: 'needs_info', listings: [{ outcome: 'pending' }, { outcome: 'pending' }] });
    expect(inbox.infoRequests).toEqual([expect.objectContaining({ id: request.id, complaintId: second.id, response: null })]);
    expect(inbox.messages.map((m) => m.id).sort()).toEqual(messages.map((m) => m.id).sort());
    expect(inbox.syncedAt).not.toBeNull();
    expect(await fakeBrowser.alarms.get(DOWN_SYNC_ALARM)).toMatchObject({ periodInMinutes: DOWN_SYNC_PERIOD_MINUTES });
    // Nobody else's: another user id reads nothing.
    expect((await readInbox('someone-else')).complaints).toEqual([]);

    // A message read and a complaint decided elsewhere; the alarm pulls only those.
    messages[0]!.readAt = new Date().toISOString();
    first.state = 'decided';
    first.listings[0]!.outcome = 'upheld';
    const cursorBefore = (await readSyncState(TEST_USER.id))?.cursor;
    await fakeBrowser.alarms.onAlarm.trigger({ name: DOWN_SYNC_ALARM, scheduledTime: Date.now() });
    await expect.poll(async () => (await readInbox(TEST_USER.id)).complaints.find((c) => c.id === first.id)?.state).toBe('decided');
    expect(testbed.backend.syncFeed.cursors.at(-1)).toBe(cursorBefore);

    inbox = await readInbox(TEST_USER.id);
    expect(inbox.complaints).toHaveLength(2);
    expect(inbox.complaints.find((c) => c.id === first.id)?.listings[0]?.outcome).toBe('upheld');
    expect(inbox.messages).toHaveLength(2);
    expect(inbox.messages.find((m) => m.id === messages[0]!.id)?.readAt).not.toBeNull();
    // Joins the alarm's pull if it is still storing the counts: no pull outlives its test.
    await refreshDownSync();
  });

  it('resumes from the stored cursor after the worker stops mid-pull', async () => {
    await signIn();
    seed();
    // More than one page (the server's page is 100), and the second page's answer is lost.
    for (let n = 0; n < 120; n++) testbed.backend.sendMessage({ 'zh-CN': `消息 ${n}`, en: `Message ${n}` });
    testbed.backend.script('/api/sync/changes', { kind: 'default' }, { kind: 'drop' });
    await expect(refreshDownSync()).rejects.toMatchObject({ code: 'network_error' });
    const stopped = await readSyncState(TEST_USER.id);
    expect(stopped?.cursor).toBeTruthy();
    expect(stopped?.syncedAt).toBeNull();
    expect((await readInbox(TEST_USER.id)).messages.length).toBe(100 - 3);

    // A new worker: nothing in memory, the database reopened.
    await closeDownSyncDb();
    const resumed = await refreshDownSync();
    // The lost answer never reached the feed; the new worker asked from where the stored records end.
    expect(testbed.backend.requests.filter((r) => r.path === '/api/sync/changes')).toHaveLength(3);
    expect(testbed.backend.syncFeed.cursors).toEqual([null, stopped!.cursor]);
    expect(resumed?.messages).toHaveLength(122);
    expect(resumed?.complaints).toHaveLength(2);
    expect(resumed?.syncedAt).not.toBeNull();
  });

  it('serves the stored copy, marked offline, when the server cannot be reached', async () => {
    await signIn();
    const { second } = seed();
    await startBackground(testbed.signal);
    const online = await sendMessage('loadInbox');
    expect(online).toMatchObject({ ok: true, value: { offline: false, unavailable: null } });

    await backendUrlItem.setValue('http://127.0.0.1:9');
    const offline = await sendMessage('loadInbox');
    if (!offline.ok) throw new Error(offline.code);
    expect(offline.value.offline).toBe(true);
    expect(offline.value.snapshot?.syncedAt).toBe(online.ok ? online.value.snapshot?.syncedAt : undefined);
    expect(offline.value.snapshot?.complaints[0]?.id).toBe(second.id);
    expect(offline.value.snapshot?.messages).toHaveLength(2);
  });

  it('clears the user’s copy on sign-out, and shows nothing signed out', async () => {
    await signIn();
    seed();
    await startBackground(testbed.signal);
    expect((await readInbox(TEST_USER.id)).complaints).toHaveLength(2);

    expect(await sendMessage('logout')).toEqual({ ok: true, value: null });
    await expect.poll(async () => (await readInbox(TEST_USER.id)).complaints.length).toBe(0);
    expect((await readInbox(TEST_USER.id)).messages).toEqual([]);
    expect(await readSyncState(TEST_USER.id)).toBeUndefined();
    expect(await loadInbox()).toEqual({ snapshot: null, unavailable: 'signed_out', offline: false });
  });

  it('has the badge count what a pull brought that needs action, and let go of what no longer does', async () => {
    await signIn();
    const { second, request, messages } = seed();
    // No poll has run: what the toolbar knows comes from this pull alone.
    expect(await openInfoRequestsItem.getValue()).toBeNull();
    await refreshDownSync();
    await expect.poll(async () => (await openInfoRequestsItem.getValue())?.items.map((item) => item.request.id)).toEqual([request.id]);
    await expect.poll(async () => (await unreadMessagesItem.getValue())?.unread).toBe(2);
    // The request first (it has a deadline), the messages named in the title too.
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual(rgba(INFO_REQUESTS_COLOR));
    expect(await fakeBrowser.action.getTitle({})).toBe('OpenIPP：1 项投诉需要您补充材料；另有 2 条未读消息');
    await localeOverrideItem.setValue('en');
    await paintGlobalBadge();
    expect(await fakeBrowser.action.getTitle({})).toBe('OpenIPP: 1 complaint needs more material from you; 2 unread messages');

    // Answered and read elsewhere: the next pull takes them off the badge.
    request.expiredAt = new Date().toISOString();
    second.state = 'closed';
    for (const message of messages) message.readAt = new Date().toISOString();
    await refreshDownSync();
    await expect.poll(async () => (await unreadMessagesItem.getValue())?.unread).toBe(0);
    await expect.poll(async () => (await openInfoRequestsItem.getValue())?.items.length).toBe(0);
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('');

    // A pull that brings nothing asks nothing more.
    const asked = testbed.backend.requests.length;
    await refreshDownSync();
    expect(testbed.backend.requests.slice(asked).map((r) => r.path)).toEqual(['/api/sync/changes']);
  });

  it('takes from the copy only the counts a page of changes may have moved', () => {
    const none = { complaints: [], infoRequests: [], messages: [] };
    expect(actionNews(none)).toEqual({ requests: false, messages: false });
    const seeded = seed();
    expect(actionNews({ ...none, messages: seeded.messages })).toEqual({ requests: false, messages: true });
    expect(actionNews({ ...none, infoRequests: [{ ...seeded.request, complaintId: seeded.second.id }] })).toEqual({ requests: true, messages: false });
    // A complaint moving into or out of needs_info changes the count of waiting requests.
    expect(actionNews({ ...none, complaints: [{ ...seeded.first, listings: [] } as never] })).toEqual({ requests: true, messages: false });
  });

  it('asks nothing for a staff account', async () => {
    await sessionItem.setValue({
      token: 'token-abc',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      user: { ...TEST_USER, role: 'reviewer' },
    });
    seed();
    expect(await loadInbox()).toEqual({ snapshot: null, unavailable: 'staff', offline: false });
    expect(testbed.backend.syncFeed.cursors).toEqual([]);
  });
});
