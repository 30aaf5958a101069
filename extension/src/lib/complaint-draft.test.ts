import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import {
  complaintDraftOf,
  emptyComplaintInput,
  qualifyNotice,
  type ComplaintContext,
  type ComplaintInput,
} from '@openipp/shared';
import { VerdictPanel } from '@/components/complaint/VerdictPanel';
import { defaultComplaintContext, TEST_USER, tinyPng } from '@/test/backend-double';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { byTestId, renderMarkup } from '@/test/render';
import {
  addCaptures,
  adoptReceipts,
  factsOf,
  judgeDraft,
  parseStoredDraft,
  receiptLookup,
  setPrincipal,
  stableJson,
  verifiedCaptureIds,
} from './complaint-draft';
import { addEntryToDraft } from './complaint-page';
import { claimForUpload, enqueue, listEntries, markSynced, sha256Hex } from './queue';
import { complaintDraftItem, sessionItem } from './storage';
import { createSyncer } from './sync';

const testbed = useBackgroundTestbed();
const NOW = new Date('2026-05-01T12:00:00.000Z');
const context: ComplaintContext = { ...defaultComplaintContext(), serverTime: NOW.toISOString() };
const taobao = (id: number) => `https://item.taobao.com/item.htm?id=${id}`;

function filled(captureIds: string[], patch: Partial<ComplaintInput> = {}): ComplaintInput {
  return {
    principalId: null,
    rightId: 'right-1',
    reason: 'counterfeit',
    explanation: 'These listings sell counterfeit bags bearing our registered mark.',
    goodFaith: true,
    accuracy: true,
    listings: [{ url: taobao(1), captureIds, location: { kind: 'region', x: 0.1, y: 0.1, width: 0.5, height: 0.5 } }],
    ...patch,
  };
}

/** A synced queue entry whose receipt names `receiptSha` (the real hash unless given). */
async function syncedEntry(serverId: string, ownerId: string, receiptSha?: string, state?: 'incomplete') {
  const entry = await enqueue({ meta: sampleMeta(Number(serverId.replace(/\D/g, '')) || 1), png: tinyPng(), ownerId });
  await claimForUpload(entry.id);
  const sha256 = receiptSha ?? (await sha256Hex(tinyPng()));
  await markSynced(entry.id, { id: serverId, sha256, receivedAt: NOW.toISOString(), ...(state ? { state } : {}) });
  return entry;
}

describe('complaint draft edits', () => {
  it('adds a batch of captures: one listing per page, further captures of the same listing join it', () => {
    const { input, listings, attached, skipped } = addCaptures(emptyComplaintInput(), [
      { id: 'cap-1', url: taobao(1) },
      { id: 'cap-2', url: 'https://www.amazon.com/dp/B000000001' },
      // The mobile form of listing 1, with tracking: the same listing.
      { id: 'cap-3', url: 'https://h5.m.taobao.com/awp/core/detail.htm?id=1&spm=a1z' },
      { id: 'cap-1', url: taobao(1) },
    ]);
    expect({ listings, attached, skipped }).toEqual({ listings: 2, attached: 3, skipped: 0 });
    expect(input.listings).toEqual([
      { url: taobao(1), captureIds: ['cap-1', 'cap-3'], location: null },
      { url: 'https://www.amazon.com/dp/B000000001', captureIds: ['cap-2'], location: null },
    ]);
    // Without a duplicate, qualification has none to report.
    const codes = qualifyNotice(complaintDraftOf(input, factsOf(context, new Set())), { now: NOW }).map((p) => p.code);
    expect(codes).not.toContain('listing_duplicate');
  });

  it('stops at 300 listings and says how many captures it left out', () => {
    const refs = Array.from({ length: 305 }, (_, i) => ({ id: `cap-${i}`, url: taobao(i + 1) }));
    const result = addCaptures(emptyComplaintInput(), refs);
    expect(result.input.listings).toHaveLength(300);
    expect(result).toMatchObject({ listings: 300, attached: 300, skipped: 5 });
    // A capture of a listing already in the full draft still joins it.
    expect(addCaptures(result.input, [{ id: 'extra', url: taobao(7) }]).input.listings[6]?.captureIds).toEqual([
      'cap-6',
      'extra',
    ]);
  });

  it('swaps local queue ids for server ids and leaves the draft untouched when nothing is known', () => {
    const input = filled(['local-a', 'cap-9', 'local-b']);
    const swapped = adoptReceipts(input, (id) => ({ 'local-a': 'cap-1', 'local-b': 'cap-9' })[id]);
    expect(swapped.listings[0]?.captureIds).toEqual(['cap-1', 'cap-9']);
    expect(adoptReceipts(input, () => undefined)).toBe(input);
  });

  it('drops the right when the principal changes to one that does not own it', () => {
    const agency: ComplaintContext = {
      ...context,
      tenantKind: 'agency',
      principals: [{ id: 'p-1', legalName: 'Principal One' }],
      rights: [{ ...context.rights[0]!, id: 'right-p1', principalId: 'p-1' }],
    };
    const input = filled([], { principalId: 'p-1', rightId: 'right-p1' });
    expect(setPrincipal(input, 'p-1', agency).rightId).toBe('right-p1');
    expect(setPrincipal(input, null, agency)).toMatchObject({ principalId: null, rightId: null });
  });

  it('reads a stored region outside the capture as a draft (the verdict names it), and garbage as no draft', () => {
    const outside = filled([], {});
    outside.listings[0]!.location = { kind: 'region', x: 0.8, y: 0, width: 0.5, height: 0.5 };
    const read = parseStoredDraft(JSON.parse(JSON.stringify(outside)));
    expect(read.valid).toBe(true);
    expect(judgeDraft(read.input, factsOf(context, new Set()), NOW).map((p) => p.code)).toContain('listing_location_invalid');
    expect(parseStoredDraft({ listings: 'nope' })).toEqual({ input: emptyComplaintInput(), valid: false });
    expect(parseStoredDraft(null)).toEqual({ input: emptyComplaintInput(), valid: true });
  });
});

describe('same submission', () => {
  it('compares requests whatever order their keys come back in (Chrome sorts stored keys)', () => {
    const a = { submit: true, ...filled(['cap-1']) };
    const sorted = JSON.parse(JSON.stringify(a, Object.keys(a).sort().concat(['url', 'captureIds', 'location', 'kind', 'x', 'y', 'width', 'height'])));
    expect(JSON.stringify(sorted)).not.toBe(JSON.stringify(a));
    expect(stableJson(sorted)).toBe(stableJson(a));
    expect(stableJson({ ...a, explanation: 'other' })).not.toBe(stableJson(a));
  });
});

describe('live verdict', () => {
  it("counts only the user's fully receipted captures whose receipt names the locally computed SHA-256 as verified", async () => {
    const good = await syncedEntry('cap-1', TEST_USER.id);
    await syncedEntry('cap-2', TEST_USER.id, 'f'.repeat(64));
    await syncedEntry('cap-3', 'someone-else');
    // The server still waits for one of its artefacts: not evidence yet.
    await syncedEntry('cap-5', TEST_USER.id, undefined, 'incomplete');
    const pending = await enqueue({ meta: sampleMeta(4), png: tinyPng(), ownerId: TEST_USER.id });
    expect(good.sha256).toBe(await sha256Hex(tinyPng()));
    expect([...verifiedCaptureIds(await listEntries(), TEST_USER.id)]).toEqual(['cap-1']);
    expect(receiptLookup(await listEntries())(pending.id)).toBeUndefined();
    expect(receiptLookup(await listEntries())(good.id)).toBe('cap-1');
  });

  it('shows exactly qualifyNotice’s problems, in its order, for each draft', async () => {
    await syncedEntry('cap-1', TEST_USER.id);
    await syncedEntry('cap-2', TEST_USER.id, 'f'.repeat(64));
    const verified = verifiedCaptureIds(await listEntries(), TEST_USER.id);
    const facts = factsOf(context, verified);
    const drafts: [string, ComplaintInput, string[]][] = [
      ['empty', emptyComplaintInput(), ['right_missing', 'reason_missing', 'listings_missing', 'explanation_missing', 'good_faith_missing', 'accuracy_missing']],
      ['qualified', filled(['cap-1']), []],
      ['hash not confirmed', filled(['cap-1', 'cap-2']), ['listing_evidence_unverified']],
      ['reason of another right type', filled(['cap-1'], { reason: 'image_copied' }), ['reason_mismatch']],
      [
        'the same listing twice, unmarked',
        filled(['cap-1'], {
          listings: [
            { url: taobao(5), captureIds: ['cap-1'], location: { kind: 'text', quote: 'LV monogram' } },
            { url: 'https://h5.m.taobao.com/awp/core/detail.htm?id=5', captureIds: [], location: null },
          ],
          explanation: 'too short',
        }),
        ['listing_duplicate', 'listing_location_missing', 'listing_evidence_missing', 'explanation_too_short'],
      ],
    ];
    for (const [name, input, codes] of drafts) {
      const problems = judgeDraft(input, facts, NOW);
      expect(problems, name).toEqual(qualifyNotice(complaintDraftOf(input, { ...facts, verifiedCaptureIds: new Set(['cap-1']) }), { now: NOW }));
      expect(problems.map((p) => p.code), name).toEqual(codes);

      const markup = await renderMarkup(
        createElement(VerdictPanel, { ready: true, valid: true, input, problems, now: NOW, onReset: () => undefined }),
      );
      const shown = byTestId(markup, 'problem');
      expect(shown.map((li) => ({ code: li.attrs['data-code'], path: li.attrs['data-path'] })), name).toEqual(
        problems.map((p) => ({ code: p.code, path: p.path })),
      );
      expect(byTestId(markup, 'qualified'), name).toHaveLength(problems.length === 0 ? 1 : 0);
      expect(JSON.parse(byTestId(markup, 'verdict')[0]!.attrs['data-judged']!), name).toEqual(input);
    }
  });

  it('words each problem from the qualification namespace with its params, in either language', async () => {
    const input = filled(['cap-x'], { explanation: 'short' });
    const problems = judgeDraft(input, factsOf(context, new Set()), NOW);
    const props = { ready: true, valid: true, input, problems, now: NOW, onReset: () => undefined };
    const en = byTestId(await renderMarkup(createElement(VerdictPanel, props), 'en'), 'problem');
    expect(en.map((li) => li.text)).toEqual([
      'Listing 1: a capture has not yet been verified by the server. Wait until it is synced, or remove it.',
      'The explanation is too short (5 characters). Write at least 20 characters explaining why the listings infringe.',
    ]);
    const zh = byTestId(await renderMarkup(createElement(VerdictPanel, props), 'zh-CN'), 'problem');
    expect(zh[1]?.text).toContain('5');
    expect(zh[1]?.text).not.toBe(en[1]?.text);
  });
});

describe('captures that sync after they were added', () => {
  it('"Add to complaint" names the queue entry, and the sync swaps in the server id from the receipt', async () => {
    await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
    const entry = await enqueue({ meta: sampleMeta(11), png: tinyPng(), ownerId: TEST_USER.id });
    expect(await addEntryToDraft(entry.id)).toBe(true);
    expect((await complaintDraftItem.getValue())?.listings).toEqual([
      { url: sampleMeta(11).url, captureIds: [entry.id], location: null },
    ]);
    // Adding it twice changes nothing.
    expect(await addEntryToDraft(entry.id)).toBe(false);

    const syncer = createSyncer();
    await syncer.run();
    syncer.dispose();
    expect(testbed.backend.uploads).toHaveLength(1);
    expect((await complaintDraftItem.getValue())?.listings[0]?.captureIds).toEqual(['cap-1']);
  });
});
