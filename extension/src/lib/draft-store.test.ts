import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { complaintDraftOf, emptyComplaintInput, qualifyNotice, type ComplaintContext, type ComplaintInput } from '@openipp/shared';
import { VerdictPanel } from '@/components/complaint/VerdictPanel';
import { defaultComplaintContext } from '@/test/backend-double';
import { byTestId, renderMarkup } from '@/test/render';
import { resetProfile } from '@/test/reset';
import { factsOf, judgeDraft } from './complaint-draft';
import { createDraftStore, type DraftStore } from './draft-store';
import { complaintDraftItem } from './storage';

const NOW = new Date('2026-05-01T12:00:00.000Z');
const context: ComplaintContext = { ...defaultComplaintContext(), serverTime: NOW.toISOString() };

let controller: AbortController;
beforeEach(async () => {
  await resetProfile();
  controller = new AbortController();
});
afterEach(() => controller.abort());

async function loadedStore(): Promise<DraftStore> {
  const store = createDraftStore();
  store.start(controller.signal);
  await expect.poll(() => store.getSnapshot().loaded).toBe(true);
  return store;
}

/** What the page shows for the store's current draft. */
async function shownProblems(store: DraftStore) {
  const { input, valid } = store.getSnapshot();
  const problems = judgeDraft(input, factsOf(context, new Set()), NOW);
  const markup = await renderMarkup(
    createElement(VerdictPanel, { ready: true, valid, input, problems, now: NOW, onReset: () => undefined }),
  );
  return byTestId(markup, 'problem').map((li) => li.attrs['data-code']);
}

describe('complaint draft in extension storage', () => {
  it('is stored under complaintDraft as a plain ComplaintInput', async () => {
    const store = await loadedStore();
    await store.update((input) => ({ ...input, explanation: 'Fake bags', goodFaith: true }));
    const raw = await browser.storage.local.get('complaintDraft');
    expect(raw.complaintDraft).toEqual({ ...emptyComplaintInput(), explanation: 'Fake bags', goodFaith: true });
  });

  it('takes a write from another context at once, and the page shows the new verdict', async () => {
    const store = await loadedStore();
    let notified = 0;
    store.subscribe(() => (notified += 1));
    expect(await shownProblems(store)).toEqual([
      'right_missing',
      'reason_missing',
      'listings_missing',
      'explanation_missing',
      'good_faith_missing',
      'accuracy_missing',
    ]);

    const external: ComplaintInput = {
      ...emptyComplaintInput(),
      rightId: 'right-1',
      reason: 'image_copied',
      explanation: 'These listings sell counterfeit bags with our mark.',
      goodFaith: true,
      accuracy: true,
      listings: [{ url: 'https://item.taobao.com/item.htm?id=9', captureIds: [], location: { kind: 'text', quote: 'LV' } }],
    };
    // Written straight into chrome.storage.local, as the popup or a test would.
    await browser.storage.local.set({ complaintDraft: external });
    await expect.poll(() => store.getSnapshot().input).toEqual(external);
    expect(notified).toBeGreaterThan(0);
    const expected = qualifyNotice(complaintDraftOf(external, factsOf(context, new Set())), { now: NOW }).map((p) => p.code);
    expect(expected).toEqual(['reason_mismatch', 'listing_evidence_missing']);
    expect(await shownProblems(store)).toEqual(expected);

    // Cleared elsewhere (e.g. after filing): back to an empty draft.
    await complaintDraftItem.setValue(null);
    await expect.poll(() => store.getSnapshot().input).toEqual(emptyComplaintInput());
  });

  it('keeps the newest keystroke when the echoes of earlier writes arrive late', async () => {
    const store = await loadedStore();
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().input.explanation));
    for (const text of ['C', 'Co', 'Cou', 'Coun']) void store.update((input) => ({ ...input, explanation: text }));
    expect(store.getSnapshot().input.explanation).toBe('Coun');
    await store.flushed();
    // Let every storage change event be delivered.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.getSnapshot().input.explanation).toBe('Coun');
    expect(seen).toEqual(['C', 'Co', 'Cou', 'Coun']);
    expect((await complaintDraftItem.getValue())?.explanation).toBe('Coun');
  });

  it('marks a stored value that is not a draft, and an edit starts a new one', async () => {
    await browser.storage.local.set({ complaintDraft: { listings: 42 } });
    const store = await loadedStore();
    expect(store.getSnapshot().valid).toBe(false);
    await store.update((input) => ({ ...input, accuracy: true }));
    expect(await complaintDraftItem.getValue()).toEqual({ ...emptyComplaintInput(), accuracy: true });
  });

  it('stops following storage once the page unloads, and follows again when restarted', async () => {
    const store = await loadedStore();
    controller.abort();
    await browser.storage.local.set({ complaintDraft: { ...emptyComplaintInput(), explanation: 'later' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.getSnapshot().input.explanation).toBe('');

    // React's StrictMode unmounts and mounts again: the same store picks up where storage is.
    const again = new AbortController();
    store.start(again.signal);
    await expect.poll(() => store.getSnapshot().input.explanation).toBe('later');
    await browser.storage.local.set({ complaintDraft: { ...emptyComplaintInput(), explanation: 'live' } });
    await expect.poll(() => store.getSnapshot().input.explanation).toBe('live');
    again.abort();
  });
});
