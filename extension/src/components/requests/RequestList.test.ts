import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { resources } from '@openipp/locales';
import { DEFICIENCY_CODES, DEFICIENCY_ELEMENTS, type InfoRequest } from '@openipp/shared';
import { formatRelative, timeLeft } from '@/lib/deadline';
import type { QueueEntry } from '@/lib/queue';
import type { OpenInfoRequest } from '@/lib/storage';
import { TEST_USER } from '@/test/backend-double';
import { byTestId, renderMarkup } from '@/test/render';
import { answerCaptureOptions } from './AnswerCaptures';
import { AnswerForm } from './AnswerForm';
import { RequestList } from './RequestList';

const NOW = Date.parse('2026-05-04T12:00:00.000Z');
const HOUR = 3_600_000;
const taobao = (id: number) => `https://item.taobao.com/item.htm?id=${id}`;

function waiting(id: string, patch: Partial<InfoRequest>, listings = [taobao(1)]): OpenInfoRequest {
  return {
    complaint: {
      id,
      reason: 'counterfeit',
      submittedAt: '2026-05-01T09:00:00.000Z',
      listings: listings.map((url, index) => ({ id: `${id}-l${index + 1}`, position: index + 1, url, canonicalUrl: url })),
    },
    request: {
      id: `ir-${id}`,
      deficiencies: ['other'],
      message: 'Please explain.',
      deadline: new Date(NOW + 72 * HOUR).toISOString(),
      requestedAt: '2026-05-02T08:00:00.000Z',
      requestedBy: { id: 'rev-1', email: 'reviewer@platform.test' },
      response: null,
      expiredAt: null,
      ...patch,
    },
  };
}

const overdue = waiting('cmp-7', {
  deficiencies: ['listing_link', 'right_proof'],
  message: 'Listing 1 is a short link.\nSend the registration certificate too.',
  deadline: new Date(NOW - 5 * HOUR).toISOString(),
});
const upcoming = waiting('cmp-3', { deficiencies: ['explanation'], message: 'Say why <b>this</b> infringes.' });

const list = (locale: 'en' | 'zh-CN' = 'en') =>
  renderMarkup(
    createElement(RequestList, { items: [overdue, upcoming], now: NOW, selectedId: 'cmp-3', backendUrl: 'http://127.0.0.1:8787', onSelect: () => undefined }),
    locale,
  );

describe('the requests page', () => {
  it('lists each request with its complaint, deficiencies, the reviewer message and the deadline', async () => {
    const markup = await list();
    const rows = byTestId(markup, 'info-request-row');
    expect(rows.map((row) => [row.attrs['data-complaint-id'], row.attrs['data-request-id'], row.attrs['data-overdue']])).toEqual([
      ['cmp-7', 'ir-cmp-7', 'true'],
      ['cmp-3', 'ir-cmp-3', 'false'],
    ]);
    expect(markup).toContain('class="request overdue"');
    expect(markup).toContain('class="request selected"');

    const deficiencies = byTestId(markup, 'deficiency');
    expect(deficiencies.map((d) => d.attrs['data-code'])).toEqual(['listing_link', 'right_proof', 'explanation']);
    expect(deficiencies[0]?.attrs['data-elements']).toBe(DEFICIENCY_ELEMENTS.listing_link.join(' '));
    expect(deficiencies[0]?.text).toBe(
      'Listing links — Concerns: complete listing addresses, full addresses instead of short or share links, links to the listing pages themselves, not shops or searches, and each listing named once',
    );
    expect(deficiencies[2]?.text).toBe('Explanation of the infringement — Concerns: an explanation, a sufficiently detailed explanation, a reason for the complaint, and a reason that fits the type of right');

    // The reviewer's words as written (escaped, line breaks kept for pre-wrap).
    const messages = byTestId(markup, 'request-message');
    expect(messages.map((m) => m.text)).toEqual([overdue.request.message, upcoming.request.message]);
    expect(markup).toContain('Say why &lt;b&gt;this&lt;/b&gt; infringes.');

    const deadlines = byTestId(markup, 'request-deadline');
    expect(deadlines.map((d) => d.attrs['data-overdue'])).toEqual(['true', 'false']);
    expect(deadlines[0]?.text).toMatch(/deadline passed 5 hours ago$/);
    expect(deadlines[1]?.text).toMatch(/due in 3 days$/);

    const buttons = byTestId(markup, 'answer-request');
    expect(buttons.map((b) => [b.attrs['data-complaint-id'], b.text, 'disabled' in b.attrs])).toEqual([
      ['cmp-7', 'Answer', false],
      ['cmp-3', 'Answering below', true],
    ]);
  });

  it('speaks Chinese too', async () => {
    const markup = await list('zh-CN');
    const deficiencies = byTestId(markup, 'deficiency');
    expect(deficiencies[0]?.text).toContain('商品链接 — 涉及：完整的商品链接地址');
    expect(byTestId(markup, 'request-deadline')[0]?.text).toMatch(/已于5小时前截止$/);
    expect(byTestId(markup, 'answer-request')[0]?.text).toBe('答复');
  });

  it('offers verified captures by their server id, the complaint listing first; others wait disabled', async () => {
    const entry = (id: string, url: string, createdAt: number, receipt: string | null, hashMatches = true): QueueEntry => ({
      id,
      meta: { url, title: `Item ${id}`, capturedAt: new Date(createdAt).toISOString(), viewport: { width: 1280, height: 720 }, devicePixelRatio: 1 },
      status: receipt ? 'synced' : 'pending',
      attempts: 0,
      nextAttemptAt: createdAt,
      createdAt,
      ownerId: TEST_USER.id,
      byteLength: 10,
      sha256: 'ab'.repeat(32),
      ...(receipt ? { receipt: { id: receipt, sha256: hashMatches ? 'ab'.repeat(32) : 'cd'.repeat(32), receivedAt: new Date(createdAt).toISOString() } } : {}),
    });
    const item = waiting('cmp-9', { deficiencies: ['listing_evidence'] }, [taobao(90), taobao(91)]);
    const entries = [
      entry('e-new', taobao(99), NOW, 'cap-9'),
      // The mobile page of listing 2: the same listing.
      entry('e-listing', 'https://h5.m.taobao.com/awp/core/detail.htm?id=91', NOW - 1_000, 'cap-8'),
      entry('e-pending', taobao(90), NOW - 2_000, null),
      entry('e-tampered', taobao(98), NOW - 3_000, 'cap-6', false),
      { ...entry('e-other', taobao(97), NOW - 4_000, 'cap-5'), ownerId: 'someone-else' },
    ];
    const options = answerCaptureOptions(entries, TEST_USER.id, item.complaint.listings);
    const markup = await renderMarkup(createElement(AnswerForm, { item, options, onAnswered: () => undefined, onClose: () => undefined }));

    expect(byTestId(markup, 'answer-form')[0]?.attrs['data-complaint-id']).toBe('cmp-9');
    const shown = byTestId(markup, 'answer-capture-option').map((o) => ({
      entry: o.attrs['data-entry-id'],
      capture: o.attrs['data-capture-id'],
      state: o.attrs['data-state'],
      listing: o.attrs['data-listing-id'],
      disabled: 'disabled' in o.attrs,
    }));
    expect(shown).toEqual([
      { entry: 'e-listing', capture: 'cap-8', state: 'verified', listing: 'cmp-9-l2', disabled: false },
      { entry: 'e-pending', capture: '', state: 'pending', listing: 'cmp-9-l1', disabled: true },
      { entry: 'e-new', capture: 'cap-9', state: 'verified', listing: '', disabled: false },
      { entry: 'e-tampered', capture: 'cap-6', state: 'unverified', listing: '', disabled: true },
    ]);
    expect(markup).toContain('listing 2 of this complaint');

    expect(byTestId(markup, 'answer-message')).toHaveLength(1);
    expect(byTestId(markup, 'answer-documents')[0]?.attrs.accept).toBe('application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg');
    expect(byTestId(markup, 'guidance-listing').map((a) => a.attrs.href)).toEqual([taobao(90), taobao(91)]);
    // Nothing typed yet: nothing to send.
    expect('disabled' in (byTestId(markup, 'answer-send')[0]?.attrs ?? {})).toBe(true);
  });

  it('has a text for every deficiency and every qualification element it covers, in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const texts = resources[lang].extension.requests;
      for (const code of DEFICIENCY_CODES) {
        expect(texts.deficiencies, `${lang} ${code}`).toHaveProperty(code);
        for (const element of DEFICIENCY_ELEMENTS[code]) expect(texts.elements, `${lang} ${element}`).toHaveProperty(element);
      }
    }
  });

  it('states the time left in the largest unit that says something, never overstated', () => {
    const at = (hours: number) => new Date(NOW + hours * HOUR).toISOString();
    expect(timeLeft(at(72), NOW)).toEqual({ overdue: false, value: 3, unit: 'day' });
    expect(timeLeft(at(47.9), NOW)).toEqual({ overdue: false, value: 47, unit: 'hour' });
    expect(timeLeft(at(0.5), NOW)).toEqual({ overdue: false, value: 30, unit: 'minute' });
    expect(timeLeft(at(0.001), NOW)).toEqual({ overdue: false, value: 1, unit: 'minute' });
    expect(timeLeft(at(0), NOW)).toMatchObject({ overdue: true, unit: 'minute' });
    expect(timeLeft(at(-49), NOW)).toEqual({ overdue: true, value: -2, unit: 'day' });
    expect(formatRelative('en', timeLeft(at(-5), NOW))).toBe('5 hours ago');
    expect(formatRelative('zh-CN', timeLeft(at(72), NOW))).toBe('3天后');
  });
});
