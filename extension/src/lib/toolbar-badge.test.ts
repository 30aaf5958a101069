import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TEST_USER } from '@/test/backend-double';
import { sampleMeta } from '@/test/background-testbed';
import { rgba, trackShownBadges } from '@/test/chrome-badge';
import { resetProfile } from '@/test/reset';
import { refreshTabBadge } from './already-reported';
import { localeOverrideItem, openInfoRequestsItem, sessionItem, unreadMessagesItem, type OpenInfoRequest } from './storage';
import {
  ALREADY_REPORTED_BADGE,
  ALREADY_REPORTED_COLOR,
  countBadgeText,
  globalBadge,
  INFO_REQUESTS_COLOR,
  paintGlobalBadge,
  UNREAD_MESSAGES_COLOR,
  unreadFor,
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
    expect(globalBadge({ requests: 2, unread: 5 })).toEqual({ text: '2', color: INFO_REQUESTS_COLOR });
    expect(globalBadge({ requests: 0, unread: 5 })).toEqual({ text: '5', color: UNREAD_MESSAGES_COLOR });
    expect(globalBadge({ requests: 0, unread: 120 })).toEqual({ text: '99+', color: UNREAD_MESSAGES_COLOR });
    expect(globalBadge({ requests: 0, unread: 0 }).text).toBe('');
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
});
