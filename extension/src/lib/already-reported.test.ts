import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ComplaintInput } from '@openipp/shared';
import { TEST_USER, tinyPng } from '@/test/backend-double';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { ALREADY_REPORTED_BADGE, refreshTabBadge } from './already-reported';
import { startBackground } from './background-services';
import { submitDraft } from './complaint-submit';
import { sendMessage } from './messaging';
import { enqueue } from './queue';
import { localeOverrideItem, sessionItem } from './storage';

const testbed = useBackgroundTestbed();
const REPORTED = sampleMeta(31).url;
const OTHER = sampleMeta(32).url;

async function signIn() {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
}

/** Files a complaint naming REPORTED through the real builder path. */
async function fileComplaint(): Promise<string> {
  await enqueue({ meta: sampleMeta(31), png: tinyPng(), ownerId: TEST_USER.id });
  await sendMessage('syncNow');
  const input: ComplaintInput = {
    principalId: null,
    rightId: 'right-1',
    reason: 'counterfeit',
    explanation: 'Counterfeit handbags sold under our registered trademark.',
    goodFaith: true,
    accuracy: true,
    // The mobile form of the same listing: the lookup compares canonical URLs.
    listings: [{ url: 'https://h5.m.taobao.com/awp/core/detail.htm?id=31', captureIds: ['cap-1'], location: { kind: 'text', quote: 'Gucci' } }],
  };
  const outcome = await submitDraft(input);
  if (outcome.kind !== 'filed') throw new Error(`not filed: ${JSON.stringify(outcome)}`);
  return outcome.complaint.id;
}

/** A tab at `url` that has finished loading, announced as Chrome does. */
async function loadTab(url: string, tabId?: number): Promise<number> {
  const id = tabId ?? (await fakeBrowser.tabs.create({ url })).id!;
  await fakeBrowser.tabs.update(id, { url, status: 'complete' } as object);
  return id;
}

const badge = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });
const title = (tabId: number) => fakeBrowser.action.getTitle({ tabId });
const lookups = () => testbed.backend.requests.filter((r) => r.path === '/api/complaints/lookup');

describe('"already reported" badge', () => {
  it('shows on a tab whose listing is in an open complaint, and clears when the tab moves on', async () => {
    await signIn();
    await localeOverrideItem.setValue('en');
    await startBackground(testbed.signal);
    await fileComplaint();

    const tab = await loadTab(REPORTED);
    expect(await badge(tab)).toBe(ALREADY_REPORTED_BADGE);
    expect(await title(tab)).toBe('OpenIPP: already reported — this listing is in an open complaint of yours');

    await loadTab(OTHER, tab);
    expect(await badge(tab)).toBe('');
    expect(await title(tab)).toBe('OpenIPP');
    expect(lookups()).toHaveLength(2);
  });

  it('answers on tab activation too, in the chosen language', async () => {
    await signIn();
    await localeOverrideItem.setValue('zh-CN');
    await startBackground(testbed.signal);
    await fileComplaint();
    const tab = await fakeBrowser.tabs.create({ url: REPORTED });
    await fakeBrowser.tabs.onActivated.trigger({ tabId: tab.id!, windowId: tab.windowId! });
    expect(await badge(tab.id!)).toBe('!');
    expect(await title(tab.id!)).toBe('OpenIPP：已投诉 — 此商品链接已在您的一项未结投诉中');
  });

  it('clears instead of throwing when the lookup fails, and asks nothing when signed out', async () => {
    await signIn();
    await startBackground(testbed.signal);
    await fileComplaint();
    const tab = await loadTab(REPORTED);
    expect(await badge(tab)).toBe('!');

    testbed.backend.script('/api/complaints/lookup', { kind: 'problem', status: 503, code: 'service_unavailable' });
    await expect(fakeBrowser.tabs.update(tab, { status: 'complete' } as object)).resolves.toBeDefined();
    expect(await badge(tab)).toBe('');

    testbed.backend.script('/api/complaints/lookup', { kind: 'drop' });
    expect(await refreshTabBadge(tab, REPORTED)).toBe(false);

    await sessionItem.setValue(null);
    const asked = lookups().length;
    expect(await refreshTabBadge(tab, REPORTED)).toBe(false);
    expect(lookups()).toHaveLength(asked);
    expect(await badge(tab)).toBe('');
  });

  it('asks only about marketplace listings, and ignores an answer about a page the tab has left', async () => {
    await signIn();
    await startBackground(testbed.signal);
    await fileComplaint();
    const tab = await loadTab('chrome://extensions/');
    expect(await badge(tab)).toBe('');
    // Not every page the user visits is reported to the server: a shop front, a search, a news site are not asked about.
    await loadTab('https://news.example.com/today', tab);
    await loadTab('https://shop123.taobao.com/', tab);
    await loadTab('https://s.taobao.com/search?q=bag', tab);
    expect(lookups()).toHaveLength(0);
    await loadTab(REPORTED, tab);
    expect(lookups()).toHaveLength(1);

    // The tab navigates away while the lookup is on its way.
    const slow = async (url: string) => {
      await fakeBrowser.tabs.update(tab, { url: OTHER } as object);
      return { canonicalUrl: url, reports: [{ complaintId: 'cmp-1', state: 'submitted' as const, submittedAt: null }] };
    };
    expect(await refreshTabBadge(tab, REPORTED, slow)).toBe(false);
    expect(await badge(tab)).toBe('');
  });

  it('re-judges the visible tab right after a complaint is filed', async () => {
    await signIn();
    await startBackground(testbed.signal);
    const tab = await loadTab(REPORTED);
    expect(await badge(tab)).toBe('');
    // The fake browser cannot make a tab active; answer "which tabs are visible" as Chrome would.
    const query = fakeBrowser.tabs.query;
    fakeBrowser.tabs.query = (async (info: { active?: boolean }) =>
      info.active ? [await fakeBrowser.tabs.get(tab)] : query.call(fakeBrowser.tabs, info)) as never;
    try {
      await fileComplaint();
      await expect.poll(() => badge(tab)).toBe('!');
    } finally {
      fakeBrowser.tabs.query = query;
    }
  });
});
