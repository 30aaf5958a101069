import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TEST_USER, tinyPng } from '@/test/backend-double';
import { sampleMeta } from '@/test/background-testbed';
import { rgba, trackShownBadges } from '@/test/chrome-badge';
import { resetProfile } from '@/test/reset';
import { refreshTabBadge } from './already-reported';
import { claimForUpload, enqueue, markFailed, QUEUE_STATUSES } from './queue';
import { localeOverrideItem, openInfoRequestsItem, sessionItem, unreadMessagesItem, type OpenInfoRequest } from './storage';
import {
  ALREADY_REPORTED_BADGE,
  ALREADY_REPORTED_COLOR,
  CAPTURED_BADGE,
  CAPTURED_COLOR,
  countBadgeText,
  flashTabBadge,
  globalBadge,
  INFO_REQUESTS_COLOR,
  isUnsynced,
  paintGlobalBadge,
  REFUSED_BADGE,
  UNREAD_MESSAGES_COLOR,
  UNSYNCED_COLOR,
  unreadFor,
  watchUnsyncedCaptures,
} from './toolbar-badge';

async function signIn() {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: TEST_USER });
}

async function storeUnread(unread: number, userId = TEST_USER.id) {
  await unreadMessagesItem.setValue({ userId, checkedAt: new Date().toISOString(), unread, latest: [] });
}

/** `count` open requests for material, as lib/info-requests.ts stores them (only their number matters here). */
async function storeRequests(count: number) {
  const item = (n: number): OpenInfoRequest => ({
    complaint: { id: `cmp-${n}`, reason: 'counterfeit', submittedAt: null, listings: [] },
    request: {
      id: `ir-${n}`,
      deficiencies: ['other'],
      message: 'More, please.',
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
      requestedAt: new Date().toISOString(),
      requestedBy: { id: 'r', email: 'r@platform.test' },
      response: null,
      expiredAt: null,
    },
  });
  await openInfoRequestsItem.setValue({
    userId: TEST_USER.id,
    checkedAt: new Date().toISOString(),
    items: Array.from({ length: count }, (_, n) => item(n + 1)),
  });
}

/** A capture waiting in the queue, as lib/capture.ts leaves it. */
function queueCapture(n: number, ownerId: string | null = TEST_USER.id) {
  return enqueue({ meta: sampleMeta(n), png: tinyPng(), ownerId });
}

/** A hold the test releases by hand, so it can look at the badge during a flash. */
function manualHold() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const holding = new Promise<void>((resolve) => (started = resolve));
  return { hold: () => (started(), held), holding, release };
}

const globalText = () => fakeBrowser.action.getBadgeText({});
const globalColor = () => fakeBrowser.action.getBadgeBackgroundColor({});
const globalTitle = () => fakeBrowser.action.getTitle({});

describe('toolbar badge', () => {
  beforeEach(async () => {
    await resetProfile();
    await localeOverrideItem.setValue('en');
  });

  it('writes a count in at most four characters, and nothing for none', () => {
    expect(countBadgeText(0)).toBe('');
    expect(countBadgeText(-1)).toBe('');
    expect(countBadgeText(1)).toBe('1');
    expect(countBadgeText(99)).toBe('99');
    expect(countBadgeText(100)).toBe('99+');
    expect(countBadgeText(12_345)).toBe('99+');
  });

  it('shows open requests for material before unread messages, each in its own colour', () => {
    expect(globalBadge({ unsynced: 0, requests: 2, unread: 5 })).toEqual({ text: '2', color: INFO_REQUESTS_COLOR });
    expect(globalBadge({ unsynced: 0, requests: 0, unread: 5 })).toEqual({ text: '5', color: UNREAD_MESSAGES_COLOR });
    expect(globalBadge({ unsynced: 0, requests: 0, unread: 120 })).toEqual({ text: '99+', color: UNREAD_MESSAGES_COLOR });
    expect(globalBadge({ unsynced: 0, requests: 0, unread: 0 }).text).toBe('');
    expect(UNREAD_MESSAGES_COLOR).not.toBe(INFO_REQUESTS_COLOR);
    expect(UNREAD_MESSAGES_COLOR).not.toBe(ALREADY_REPORTED_COLOR);
  });

  it('counts unread messages only for the account they were learnt for', () => {
    const known = { userId: TEST_USER.id, checkedAt: '2026-01-01T00:00:00.000Z', unread: 4, latest: [] };
    expect(unreadFor(known, TEST_USER.id)).toBe(4);
    expect(unreadFor(known, 'someone-else')).toBe(0);
    expect(unreadFor(known, null)).toBe(0);
    expect(unreadFor(null, TEST_USER.id)).toBe(0);
  });

  it('paints the unread count on blue, names both counts in the title, and gives way to requests', async () => {
    await signIn();
    await storeUnread(3);
    await paintGlobalBadge();
    expect(await globalText()).toBe('3');
    expect(await globalColor()).toEqual(rgba(UNREAD_MESSAGES_COLOR));
    expect(await globalTitle()).toBe('OpenIPP: 3 unread messages');

    await storeRequests(1);
    await paintGlobalBadge();
    expect(await globalText()).toBe('1');
    expect(await globalColor()).toEqual(rgba(INFO_REQUESTS_COLOR));
    expect(await globalTitle()).toBe('OpenIPP: 1 complaint needs more material from you; 3 unread messages');

    await localeOverrideItem.setValue('zh-CN');
    await paintGlobalBadge();
    expect(await globalTitle()).toBe('OpenIPP：1 项投诉需要您补充材料；另有 3 条未读消息');

    await storeRequests(0);
    await storeUnread(1);
    await paintGlobalBadge();
    expect(await globalText()).toBe('1');
    expect(await globalColor()).toEqual(rgba(UNREAD_MESSAGES_COLOR));
    expect(await globalTitle()).toBe('OpenIPP：1 条未读消息');
  });

  it('shows no unread count signed out, or for a count learnt for another account', async () => {
    await storeUnread(3);
    await paintGlobalBadge();
    expect(await globalText()).toBe('');
    expect(await globalTitle()).toBe('OpenIPP');

    await signIn();
    await storeUnread(3, 'someone-else');
    await paintGlobalBadge();
    expect(await globalText()).toBe('');
  });

  it("leaves a tab's own '!' alone, and gives every other tab the unread count's colour and title", async () => {
    await signIn();
    const shownOn = trackShownBadges();
    const reported = (await fakeBrowser.tabs.create({ url: sampleMeta(51).url })).id!;
    const plain = (await fakeBrowser.tabs.create({ url: 'https://news.example.com/' })).id!;
    const lookup = async (url: string) => ({
      canonicalUrl: url,
      reports: [{ complaintId: 'cmp-1', state: 'submitted' as const, submittedAt: null }],
    });
    expect(await refreshTabBadge(reported, sampleMeta(51).url, lookup)).toBe(true);
    // A tab that once had its own values (a listing it has left): they must follow the global badge from now on.
    expect(await refreshTabBadge(plain, 'https://news.example.com/', lookup)).toBe(false);

    await storeUnread(7);
    await paintGlobalBadge();
    expect(await shownOn(reported)).toBe(ALREADY_REPORTED_BADGE);
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: reported })).toEqual(rgba(ALREADY_REPORTED_COLOR));
    expect(await fakeBrowser.action.getTitle({ tabId: reported })).toContain('already reported');
    expect(await shownOn(plain)).toBe('7');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: plain })).toEqual(rgba(UNREAD_MESSAGES_COLOR));
    expect(await fakeBrowser.action.getTitle({ tabId: plain })).toBe('OpenIPP: 7 unread messages');

    // The reported tab moves on: it takes the unread count, in its colour.
    expect(await refreshTabBadge(reported, 'https://news.example.com/other', lookup)).toBe(false);
    expect(await shownOn(reported)).toBe('7');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: reported })).toEqual(rgba(UNREAD_MESSAGES_COLOR));
    expect(await fakeBrowser.action.getTitle({ tabId: reported })).toBe('OpenIPP: 7 unread messages');
  });

  it('puts unsynced captures before everything else, in their own colour', () => {
    expect(globalBadge({ unsynced: 2, requests: 3, unread: 5 })).toEqual({ text: '2', color: UNSYNCED_COLOR });
    expect(globalBadge({ unsynced: 100, requests: 0, unread: 0 })).toEqual({ text: '99+', color: UNSYNCED_COLOR });
    for (const other of [INFO_REQUESTS_COLOR, UNREAD_MESSAGES_COLOR, ALREADY_REPORTED_COLOR]) expect(UNSYNCED_COLOR).not.toBe(other);
  });

  it('counts every capture without a receipt as unsynced, whatever it waits for', () => {
    for (const status of QUEUE_STATUSES) expect(isUnsynced({ status })).toBe(status !== 'synced');
  });

  it('paints the unsynced count first and names every count in the title, in both languages', async () => {
    await signIn();
    await storeUnread(3);
    await storeRequests(1);
    await queueCapture(1);
    const failed = await queueCapture(2);
    await claimForUpload(failed.id);
    await markFailed(failed.id, 'hash_mismatch');
    await paintGlobalBadge();
    expect(await globalText()).toBe('2');
    expect(await globalColor()).toEqual(rgba(UNSYNCED_COLOR));
    expect(await globalTitle()).toBe(
      'OpenIPP: 2 captures not uploaded yet; 1 complaint needs more material from you; 3 unread messages',
    );

    await localeOverrideItem.setValue('zh-CN');
    await paintGlobalBadge();
    expect(await globalTitle()).toBe('OpenIPP：2 条截图尚未上传；另有 1 项投诉需要您补充材料；另有 3 条未读消息');

    await localeOverrideItem.setValue('en');
    await storeRequests(0);
    await paintGlobalBadge();
    expect(await globalTitle()).toBe('OpenIPP: 2 captures not uploaded yet; 3 unread messages');
  });

  it('shows unsynced captures signed out too: signing in is what they wait for', async () => {
    await queueCapture(1, null);
    await paintGlobalBadge();
    expect(await globalText()).toBe('1');
    expect(await globalTitle()).toBe('OpenIPP: 1 capture not uploaded yet');
  });

  it('repaints by itself whenever the queue changes', async () => {
    const controller = new AbortController();
    watchUnsyncedCaptures(controller.signal);
    try {
      await queueCapture(1);
      await vi.waitFor(async () => expect(await globalText()).toBe('1'));
      await queueCapture(2);
      await vi.waitFor(async () => expect(await globalText()).toBe('2'));
    } finally {
      controller.abort();
    }
  });

  it('coalesces repaints: calls made before a paint starts share it, a later call paints afresh', async () => {
    const first = paintGlobalBadge();
    const second = paintGlobalBadge();
    expect(second).toBe(first);
    expect((await first).unsynced).toBe(0);
    await queueCapture(1);
    const third = paintGlobalBadge();
    expect(third).not.toBe(first);
    expect((await third).unsynced).toBe(1);
    expect(await globalText()).toBe('1');
  });

  it('flashes ✓ on a tab, then gives it the global badge back', async () => {
    await signIn();
    await storeUnread(4);
    await paintGlobalBadge();
    const shownOn = trackShownBadges();
    const tab = (await fakeBrowser.tabs.create({ url: 'https://news.example.com/' })).id!;
    const { hold, holding, release } = manualHold();
    const flash = flashTabBadge(tab, 'captured', 'OpenIPP: captured', { hold });
    await holding;
    expect(await shownOn(tab)).toBe(CAPTURED_BADGE);
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: tab })).toEqual(rgba(CAPTURED_COLOR));
    expect(await fakeBrowser.action.getTitle({ tabId: tab })).toBe('OpenIPP: captured');
    // A repaint meanwhile (the capture entered the queue) leaves the flash alone.
    await queueCapture(1);
    await paintGlobalBadge();
    expect(await fakeBrowser.action.getTitle({ tabId: tab })).toBe('OpenIPP: captured');
    release();
    await flash;
    expect(await shownOn(tab)).toBe('1');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: tab })).toEqual(rgba(UNSYNCED_COLOR));
    expect(await fakeBrowser.action.getTitle({ tabId: tab })).toBe('OpenIPP: 1 capture not uploaded yet; 4 unread messages');
  });

  it("gives a tab its '!' back after a flash, and leaves a '!' that arrived during it", async () => {
    await signIn();
    const shownOn = trackShownBadges();
    const reported = (await fakeBrowser.tabs.create({ url: sampleMeta(51).url })).id!;
    const lookup = async (url: string) => ({
      canonicalUrl: url,
      reports: [{ complaintId: 'cmp-1', state: 'submitted' as const, submittedAt: null }],
    });
    await refreshTabBadge(reported, sampleMeta(51).url, lookup);
    const reportedTitle = await fakeBrowser.action.getTitle({ tabId: reported });

    const first = manualHold();
    const flash = flashTabBadge(reported, 'refused', 'OpenIPP: not captured', { hold: first.hold });
    await first.holding;
    expect(await shownOn(reported)).toBe(REFUSED_BADGE);
    first.release();
    await flash;
    expect(await shownOn(reported)).toBe(ALREADY_REPORTED_BADGE);
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: reported })).toEqual(rgba(ALREADY_REPORTED_COLOR));
    expect(await fakeBrowser.action.getTitle({ tabId: reported })).toBe(reportedTitle);

    const plain = (await fakeBrowser.tabs.create({ url: 'https://news.example.com/' })).id!;
    const second = manualHold();
    const later = flashTabBadge(plain, 'captured', 'OpenIPP: captured', { hold: second.hold });
    await second.holding;
    await refreshTabBadge(plain, sampleMeta(51).url, async (url) => {
      await fakeBrowser.tabs.update(plain, { url });
      return lookup(url);
    });
    second.release();
    await later;
    expect(await shownOn(plain)).toBe(ALREADY_REPORTED_BADGE);
  });

  it('ends a flash without touching the badge again once its feature unloads', async () => {
    const shownOn = trackShownBadges();
    const tab = (await fakeBrowser.tabs.create({ url: 'https://news.example.com/' })).id!;
    const controller = new AbortController();
    const flash = flashTabBadge(tab, 'refused', 'OpenIPP: not captured', { signal: controller.signal });
    await vi.waitFor(async () => expect(await shownOn(tab)).toBe(REFUSED_BADGE));
    controller.abort();
    await flash;
    expect(await shownOn(tab)).toBe(REFUSED_BADGE);
  });
});
