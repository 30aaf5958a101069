import { createElement } from 'react';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { InfoRequestsNotice } from '@/components/InfoRequestsNotice';
import { TEST_PASSWORD, TEST_USER } from '@/test/backend-double';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { byTestId, renderMarkup } from '@/test/render';
import { startBackground } from './background-services';
import { INFO_REQUESTS_ALARM, INFO_REQUESTS_PERIOD_MINUTES, openRequestOf, watchInfoRequests } from './info-requests';
import { sendMessage } from './messaging';
import { agreementHoldItem, localeOverrideItem, openInfoRequestsItem, sessionItem } from './storage';
import { ALREADY_REPORTED_BADGE, openRequestsFor } from './toolbar-badge';

const testbed = useBackgroundTestbed();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function signIn() {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: TEST_USER });
}

/** Two complaints waiting for material (deadlines in 5 and 2 days), one merely in review, one whose request was answered. */
function seedRequests() {
  const backend = testbed.backend;
  const later = backend.seedComplaint([sampleMeta(41).url]);
  backend.requestInfo(later.id, { deficiencies: ['listing_evidence'], message: 'Capture the listing again.', deadline: inDays(5) });
  const sooner = backend.seedComplaint([sampleMeta(42).url, sampleMeta(43).url]);
  backend.requestInfo(sooner.id, { deficiencies: ['right_proof', 'other'], message: 'Send the registration certificate.', deadline: inDays(2) });
  backend.seedComplaint([sampleMeta(44).url]);
  return { later, sooner };
}

/**
 * What Chrome shows on a tab: its own text if it has one ('' included), else
 * the global text. The fake browser answers a tab without a text of its own
 * with '' instead, so the tab texts set are tracked here.
 */
function chromeBadges(): (tabId: number) => Promise<string> {
  const own = new Map<number, string>();
  const original = fakeBrowser.action.setBadgeText;
  fakeBrowser.action.setBadgeText = ((details: { tabId?: number; text?: string | null }) => {
    if (details.tabId !== undefined) {
      if (details.text === undefined || details.text === null) own.delete(details.tabId);
      else own.set(details.tabId, details.text);
    }
    return original.call(fakeBrowser.action, details as never);
  }) as typeof original;
  onTestFinished(() => {
    fakeBrowser.action.setBadgeText = original;
  });
  return async (tabId) => own.get(tabId) ?? (await fakeBrowser.action.getBadgeText({}));
}

async function loadTab(url: string, tabId?: number): Promise<number> {
  const id = tabId ?? (await fakeBrowser.tabs.create({ url })).id!;
  await fakeBrowser.tabs.update(id, { url, status: 'complete' } as object);
  return id;
}

describe('open requests for material', () => {
  it('learns them on start: stored deadline first, counted on the badge and in the popup notice', async () => {
    await signIn();
    await localeOverrideItem.setValue('en');
    const { later, sooner } = seedRequests();
    await startBackground(testbed.signal);

    const stored = await openInfoRequestsItem.getValue();
    expect(stored?.userId).toBe(TEST_USER.id);
    expect(stored?.items.map((item) => item.complaint.id)).toEqual([sooner.id, later.id]);
    expect(stored?.items[0]?.request).toMatchObject({ deficiencies: ['right_proof', 'other'], message: 'Send the registration certificate.' });
    expect(stored?.items[0]?.complaint.listings.map((listing) => listing.url)).toEqual([sampleMeta(42).url, sampleMeta(43).url]);
    const asked = testbed.backend.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/complaints'));
    expect(asked.every((r) => r.authorization === 'Bearer token-abc')).toBe(true);

    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getTitle({})).toBe('OpenIPP: 2 complaints need more material from you');
    expect(await fakeBrowser.alarms.get(INFO_REQUESTS_ALARM)).toMatchObject({ periodInMinutes: INFO_REQUESTS_PERIOD_MINUTES });

    const count = openRequestsFor(stored, TEST_USER.id).length;
    const en = byTestId(await renderMarkup(createElement(InfoRequestsNotice, { count, href: 'chrome-extension://x/requests.html', onOpen: () => undefined })), 'info-requests-notice');
    expect(en).toHaveLength(1);
    expect(en[0]?.attrs['data-count']).toBe('2');
    expect(en[0]?.text).toContain('2 complaints need more material');
    const zh = await renderMarkup(createElement(InfoRequestsNotice, { count: 1, href: 'x', onOpen: () => undefined }), 'zh-CN');
    expect(byTestId(zh, 'info-requests-notice')[0]?.text).toContain('1 项投诉需要补充材料');
    expect(byTestId(zh, 'info-requests-link')[0]?.attrs.href).toBe('x');
    expect(await renderMarkup(createElement(InfoRequestsNotice, { count: 0, href: 'x', onOpen: () => undefined }))).toBe('');
    // What was learnt for one account is nobody else's.
    expect(openRequestsFor(stored, 'someone-else')).toEqual([]);
  });

  it('asks again on its alarm and when the popup opens, and not on every worker start', async () => {
    await signIn();
    const { later } = seedRequests();
    await startBackground(testbed.signal);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    const lists = () => testbed.backend.requests.filter((r) => r.path === '/api/complaints' && r.method === 'GET').length;
    expect(lists()).toBe(1);

    const third = testbed.backend.seedComplaint([sampleMeta(45).url]);
    testbed.backend.requestInfo(third.id, { deficiencies: ['explanation'], message: 'Explain further.', deadline: inDays(9) });
    await fakeBrowser.alarms.onAlarm.trigger({ name: INFO_REQUESTS_ALARM, scheduledTime: Date.now() });
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('3');

    // Answered in the console meanwhile: gone from the count once the popup opens.
    testbed.backend.infoRequests.get(later.id)![0]!.response = {
      message: 'done',
      captureIds: [],
      documents: [],
      respondedAt: new Date().toISOString(),
      respondedBy: { id: TEST_USER.id, email: TEST_USER.email },
    };
    testbed.backend.complaints.find((c) => c.id === later.id)!.state = 'in_review';
    await sendMessage('popupOpened');
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('2');

    // A worker woken again (e.g. by the sync alarm) with a fresh answer stored asks nothing.
    const before = lists();
    const again = new AbortController();
    await watchInfoRequests(again.signal).start();
    again.abort();
    expect(lists()).toBe(before);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });

  it('shows "already reported" on its own tab and the count on every other tab', async () => {
    await signIn();
    await localeOverrideItem.setValue('en');
    seedRequests();
    const shownOn = chromeBadges();
    await startBackground(testbed.signal);
    // sampleMeta(41) is a listing of a complaint that waits for material: an open complaint.
    const reported = await loadTab(sampleMeta(41).url);
    const plain = await loadTab('https://news.example.com/');
    expect(await shownOn(reported)).toBe(ALREADY_REPORTED_BADGE);
    expect(await fakeBrowser.action.getTitle({ tabId: reported })).toContain('already reported');
    expect(await shownOn(plain)).toBe('2');
    expect(await fakeBrowser.action.getTitle({ tabId: plain })).toBe('OpenIPP: 2 complaints need more material from you');

    // The reported tab moves on: the count shows there too, in its colour.
    await loadTab('https://news.example.com/other', reported);
    expect(await shownOn(reported)).toBe('2');
    expect(await fakeBrowser.action.getTitle({ tabId: reported })).toBe('OpenIPP: 2 complaints need more material from you');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: reported })).toEqual(await fakeBrowser.action.getBadgeBackgroundColor({}));

    // The count changes: tabs without '!' take the new title; a '!' tab keeps its own.
    const again = await loadTab(sampleMeta(41).url, reported);
    expect(await shownOn(again)).toBe('!');
    await openInfoRequestsItem.setValue({ ...(await openInfoRequestsItem.getValue())!, items: [] });
    await localeOverrideItem.setValue('zh-CN'); // any repaint trigger; the language watch is one
    await expect.poll(() => fakeBrowser.action.getTitle({ tabId: plain })).toBe('OpenIPP');
    expect(await shownOn(plain)).toBe('');
    expect(await shownOn(reported)).toBe('!');
    expect(await fakeBrowser.action.getTitle({ tabId: reported })).toContain('already reported');
  });

  it('forgets the list and clears the count on sign-out, and asks right after a sign-in', async () => {
    await signIn();
    seedRequests();
    await startBackground(testbed.signal);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');

    await sendMessage('logout');
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await openInfoRequestsItem.getValue()).toBeNull();
    await expect.poll(() => fakeBrowser.alarms.get(INFO_REQUESTS_ALARM)).toBeUndefined();

    await sendMessage('login', { email: TEST_USER.email, password: TEST_PASSWORD });
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.alarms.get(INFO_REQUESTS_ALARM)).toBeDefined();
  });

  it('asks nothing while the agreement gate is up, and keeps the last answer when the server cannot be reached', async () => {
    await signIn();
    seedRequests();
    await startBackground(testbed.signal);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');

    await agreementHoldItem.setValue({ userId: TEST_USER.id, version: 2 });
    const before = testbed.backend.requests.length;
    expect(await sendMessage('refreshInfoRequests')).toMatchObject({ ok: false, code: 'agreement_acceptance_required' });
    expect(testbed.backend.requests.length).toBe(before);
    await agreementHoldItem.setValue(null);

    testbed.backend.script('/api/complaints', { kind: 'drop' });
    expect(await sendMessage('refreshInfoRequests')).toMatchObject({ ok: false, code: 'network_error', status: 0 });
    expect((await openInfoRequestsItem.getValue())?.items).toHaveLength(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');

    const fresh = await sendMessage('refreshInfoRequests');
    expect(fresh.ok && fresh.value?.items.length).toBe(2);
  });

  it("asks nothing for platform staff, who read every tenant's complaints but answer none", async () => {
    await sessionItem.setValue({
      token: 'token-abc',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      user: { ...TEST_USER, role: 'reviewer' },
    });
    seedRequests();
    await startBackground(testbed.signal);
    expect(testbed.backend.requests.filter((r) => r.path.startsWith('/api/complaints'))).toHaveLength(0);
    expect((await openInfoRequestsItem.getValue())?.items).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('takes the newest request that is neither answered nor expired', () => {
    const base = {
      deficiencies: ['other' as const],
      message: 'm',
      deadline: inDays(3),
      requestedBy: { id: 'r', email: 'r@x.test' },
      response: null,
      expiredAt: null,
    };
    const old = { ...base, id: 'a', requestedAt: '2026-01-01T00:00:00.000Z' };
    const expired = { ...base, id: 'b', requestedAt: '2026-01-02T00:00:00.000Z', expiredAt: '2026-01-03T00:00:00.000Z' };
    const answered = { ...base, id: 'c', requestedAt: '2026-01-04T00:00:00.000Z', response: { message: 'x', captureIds: [], documents: [], respondedAt: '2026-01-05T00:00:00.000Z', respondedBy: { id: 'u', email: 'u@x.test' } } };
    expect(openRequestOf([answered, expired, old])?.id).toBe('a');
    expect(openRequestOf([answered, expired])).toBeUndefined();
  });
});
