import type { DueDate, InfoRequest, QueueItem, ReviewComplaint, Timeline } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_INPUT, complaintOf } from '../test/fixtures';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { createApiClient } from '../lib/api';
import { BulkRejectDialog } from './bulk-reject-dialog';
import { ClaimBar } from './review-complaint-page';
import { ReviewListing } from './review-listing';
import { DueDatePanel, InfoRequestItem, ProposalCard } from './review-panels';
import { QueueRow } from './review-queue-page';
import { TimelineTable } from './complaint-timeline';

const NOW = Date.parse('2026-11-30T12:00:00Z');

const queueItem: QueueItem = {
  id: 'cp1',
  tenant: { id: 't1', name: 'Lantern Footwear Co., Ltd.' },
  state: 'in_review',
  reason: 'counterfeit',
  rightType: 'trademark',
  marketplaces: ['taobao', 'amazon'],
  listingCount: 3,
  submittedAt: '2026-11-27T09:00:00.000Z',
  dueAt: '2026-11-30T06:00:00.000Z',
  overdue: true,
  ageHours: 75,
  risk: 'high',
  claim: { complaintId: 'cp1', reviewer: { id: 'r2', email: 'second@platform.example' }, claimedAt: '2026-11-30T11:55:00.000Z', expiresAt: '2026-11-30T12:10:00.000Z' },
  updatedAt: '2026-11-30T11:55:00.000Z',
};

describe('a queue row', () => {
  const row = (item: QueueItem, lng: 'en' | 'zh-CN' = 'en') =>
    renderHtml(
      <table>
        <tbody>
          <QueueRow item={item} current selected={false} onSelect={() => undefined} onFocus={() => undefined} href="#/review/cp1" userId="r1" now={NOW} />
        </tbody>
      </table>,
      testI18n(lng),
    );

  it('carries the complaint id and its state for tests and styling, and shows ageing, overdue, risk and holder', () => {
    const html = row(queueItem);
    const [found] = findByTestId(html, 'queue-row');
    expect(found?.attributes).toMatchObject({ 'data-complaint-id': 'cp1', 'data-current': 'true', 'data-overdue': 'true', 'data-risk': 'high', 'data-claimed': 'true' });
    expect(findByTestId(html, 'queue-age')[0]?.text).toBe('Waiting 3 d 3 h');
    expect(findByTestId(html, 'queue-due')[0]?.text).toContain('Overdue by 6 h');
    expect(findByTestId(html, 'risk-badge')[0]?.text).toBe('High risk');
    expect(findByTestId(html, 'queue-claim')[0]?.attributes['data-holder']).toBe('second@platform.example');
    expect(findByTestId(html, 'queue-marketplaces')[0]?.text).toBe('Taobao, Amazon');
  });

  it('says when nobody holds a claim, and how long until a complaint not yet overdue is due, in Chinese too', () => {
    const html = row({ ...queueItem, overdue: false, dueAt: '2026-12-02T12:00:00.000Z', claim: null }, 'zh-CN');
    expect(findByTestId(html, 'queue-due')[0]?.text).toContain('2 天 0 小时 后到期');
    expect(findByTestId(html, 'queue-claim')[0]?.attributes['data-claimed']).toBe('false');
  });
});

const listing = complaintOf(COMPLAINT_INPUT, { state: 'in_review' }).listings[0]!;
const capture = (id: string, hashVerified: boolean) => ({
  id,
  url: listing.url,
  title: 'DemoBrand sneakers',
  capturedAt: '2026-11-28T08:00:00.000Z',
  receivedAt: '2026-11-28T08:00:02.000Z',
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 2,
  sha256: 'b'.repeat(64),
  hashVerified,
});

describe('a listing in the evidence view', () => {
  const render = (overrides: Partial<Parameters<typeof ReviewListing>[0]> = {}) =>
    renderHtml(
      <ReviewListing
        listing={{ ...listing, captureIds: ['c1', 'c2'] }}
        evidence={[capture('c2', false), capture('c1', true)]}
        earlier={[{ complaintId: 'cp0', tenantName: 'Other Brand', state: 'decided', outcome: 'upheld', submittedAt: '2026-10-01T09:00:00.000Z' }]}
        current
        draft={undefined}
        canDecide
        onChoose={() => undefined}
        onDraft={() => undefined}
        onApplyToRest={() => undefined}
        undecidedOthers={0}
        onFocus={() => undefined}
        onView={() => undefined}
        statementRef={() => undefined}
        onSubmitKey={() => undefined}
        {...overrides}
      />,
    );

  it('shows the marked region on the first capture only, and each capture’s hash as verified or not', () => {
    const html = render();
    const captures = findByTestId(html, 'evidence-capture');
    expect(captures.map((found) => [found.attributes['data-capture-id'], found.attributes['data-verified']])).toEqual([
      ['c1', 'true'],
      ['c2', 'false'],
    ]);
    expect(findByTestId(html, 'region-box')).toHaveLength(1);
    expect(html.indexOf('data-testid="region-box"')).toBeLessThan(html.indexOf('data-capture-id="c2"'));
    expect(findByTestId(html, 'capture-hash-status').map((found) => found.text)).toEqual(['Hash verified', 'Hash NOT verified']);
    expect(findByTestId(html, 'earlier-complaint')[0]?.attributes).toMatchObject({ 'data-complaint-id': 'cp0', 'data-outcome': 'upheld' });
  });

  it('offers uphold and reject per listing, and the statement once an outcome is chosen', () => {
    const closed = render();
    expect(findByTestId(closed, 'listing-uphold')[0]?.attributes['data-listing-id']).toBe(listing.id);
    expect(findByTestId(closed, 'statement')).toEqual([]);
    const open = render({ draft: { outcome: 'rejected', template: 'rejected_duplicate', statement: 'Duplicate of [[earlier complaint]].' }, undecidedOthers: 2 });
    expect(findByTestId(open, 'listing-reject')[0]?.attributes['aria-pressed']).toBe('true');
    expect(findByTestId(open, 'statement')[0]?.attributes).toMatchObject({ 'data-listing-id': listing.id, 'data-unfilled': '1' });
    expect(findByTestId(open, 'statement-apply-all')[0]?.text).toBe('Use for the 2 listings without an outcome');
  });

  it('keeps the decision closed without a live claim', () => {
    const html = render({ canDecide: false });
    expect(findByTestId(html, 'listing-uphold')[0]?.attributes.disabled).toBe('');
    expect(findByTestId(html, 'listing-reject')[0]?.attributes.disabled).toBe('');
  });
});

describe('the due date', () => {
  const due: DueDate = {
    dueAt: '2026-12-03T15:59:59.999Z',
    dueDate: '2026-12-03',
    breakdown: {
      calendar: 'CN',
      utcOffsetMinutes: 480,
      baseBusinessDays: 3,
      adjustments: [
        { code: 'batch_size', days: 6, params: { listings: 300 } },
        { code: 'history_good', days: -2, params: { decided: 400, sustained: 390, upheldPercent: 97 } },
      ],
      totalBusinessDays: 7,
      clockStartsAt: '2026-11-27T16:00:00.000Z',
      pausedMs: 0,
      pausedBusinessMs: 0,
      pausedSince: null,
      remainingBusinessMs: null,
      provisional: true,
    },
  };

  it('explains itself: base period, each adjustment translated with its params, total, and whether it is provisional', () => {
    const html = renderHtml(<DueDatePanel due={due} now={NOW} />);
    expect(findByTestId(html, 'due-base')[0]?.text).toBe('Base period for the reason3 business days');
    expect(findByTestId(html, 'due-adjustment').map((found) => [found.attributes['data-code'], found.text])).toEqual([
      ['batch_size', '300 listings in one complaint+6 business days'],
      ['history_good', 'Good record: 97% of 400 decided listings sustained−2 business days'],
    ]);
    expect(findByTestId(html, 'due-total')[0]?.text).toBe('Period7 business days');
    expect(findByTestId(html, 'due-provisional')).toHaveLength(1);
    const zh = renderHtml(<DueDatePanel due={due} now={NOW} />, testI18n('zh-CN'));
    expect(findByTestId(zh, 'due-adjustment')[0]?.text).toBe('一件投诉包含 300 个商品+6 个工作日');
  });
});

describe('the claim bar', () => {
  it('names the reviewer who holds the complaint when the claim was refused', () => {
    const holder: ReviewComplaint['claim'] = { complaintId: 'cp1', reviewer: { id: 'r2', email: 'second@platform.example' }, claimedAt: '2026-11-30T11:55:00.000Z', expiresAt: '2026-11-30T12:10:00.000Z' };
    const html = renderHtml(<ClaimBar status={{ kind: 'taken' }} holder={holder} userId="r1" onReclaim={() => undefined} />);
    const [bar] = findByTestId(html, 'claim-status');
    expect(bar?.attributes).toMatchObject({ 'data-status': 'taken', 'data-holder': 'second@platform.example' });
    expect(bar?.text).toContain('Being worked on by second@platform.example');
    expect(findByTestId(html, 'claim-retry')).toHaveLength(1);
  });
});

describe('a request for material', () => {
  it('shows its deficiencies in words, its message and deadline, and the answer', () => {
    const request: InfoRequest = {
      id: 'ir1',
      deficiencies: ['right_proof', 'listing_location'],
      message: 'Please send the registration certificate.',
      deadline: '2026-12-05T15:59:59.999Z',
      requestedAt: '2026-11-30T09:00:00.000Z',
      requestedBy: { id: 'r1', email: 'reviewer@platform.example' },
      response: null,
      expiredAt: null,
    };
    const html = renderHtml(<InfoRequestItem complaintId="cp1" request={request} testId="info-request" />, testI18n('zh-CN'));
    expect(findByTestId(html, 'info-request')[0]?.attributes['data-state']).toBe('open');
    expect(findByTestId(html, 'info-request-deficiency').map((found) => found.text)).toEqual(['权利证明', '侵权内容的位置']);
    expect(findByTestId(html, 'info-request-deadline')[0]?.attributes['data-deadline']).toBe(request.deadline);

    const answered = renderHtml(
      <InfoRequestItem
        complaintId="cp1"
        request={{
          ...request,
          response: {
            message: 'Certificate attached.',
            captureIds: ['c9'],
            documents: [{ id: 'd1', fileName: 'certificate.pdf', mime: 'application/pdf', bytes: 120_000, sha256: 'f'.repeat(64) }],
            respondedAt: '2026-12-01T09:00:00.000Z',
            respondedBy: { id: 'u1', email: 'legal@lantern.example' },
          },
        }}
        testId="info-request"
      />,
    );
    expect(findByTestId(answered, 'info-request')[0]?.attributes['data-state']).toBe('answered');
    expect(findByTestId(answered, 'info-response-document')[0]?.attributes.href).toBe('/api/complaints/cp1/info-documents/d1');
    expect(findByTestId(answered, 'info-response-capture')[0]?.attributes['data-capture-id']).toBe('c9');
  });
});

describe('the timeline', () => {
  it('lists every entry with its kind, actor and a readable summary, each marked verified or not', () => {
    const timeline: Timeline = {
      items: [
        { seq: 3, at: '2026-11-29T09:00:00.000Z', kind: 'complaint_transition', actor: { id: 'u1', email: 'legal@lantern.example' }, payload: { complaintId: 'cp1', from: 'draft', to: 'submitted', event: 'submit', note: null }, hash: 'c'.repeat(64), verified: true },
        {
          seq: 9,
          at: '2026-11-30T09:00:00.000Z',
          kind: 'info_request',
          actor: { id: 'r1', email: 'reviewer@platform.example' },
          payload: { complaintId: 'cp1', requestId: 'ir1', event: 'requested', deficiencies: ['right_proof'], message: 'Send the certificate.', deadline: '2026-12-05T15:59:59.999Z' },
          hash: 'd'.repeat(64),
          verified: false,
        },
        {
          seq: 12,
          at: '2026-11-30T10:00:00.000Z',
          kind: 'decision',
          actor: { id: 'r1', email: 'reviewer@platform.example' },
          payload: { complaintId: 'cp1', stage: 'final', proposalId: null, listings: [{ listingId: 'l1', outcome: 'upheld', statement: 'Counterfeit.', measure: 'takedown_requested' }] },
          hash: 'e'.repeat(64),
          verified: true,
        },
        { seq: 13, at: '2026-11-30T11:00:00.000Z', kind: 'something_new', actor: null, payload: { weight: 3 }, hash: 'f'.repeat(64), verified: true },
      ],
    };
    const html = renderHtml(<TimelineTable timeline={timeline} listings={[{ id: 'l1', position: 2 }]} />);
    const entries = findByTestId(html, 'timeline-entry');
    expect(entries.map((found) => [found.attributes['data-seq'], found.attributes['data-kind'], found.attributes['data-verified']])).toEqual([
      ['3', 'complaint_transition', 'true'],
      ['9', 'info_request', 'false'],
      ['12', 'decision', 'true'],
      ['13', 'something_new', 'true'],
    ]);
    const summaries = findByTestId(html, 'timeline-summary').map((found) => found.text);
    expect(summaries).toEqual([
      'FromDraftToSubmittedEventSubmitted',
      `EventRequestedDeficienciesProof of the rightDeadline${new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'long' }).format(new Date('2026-12-05T15:59:59.999Z'))}MessageSend the certificate.`,
      'StageFinalListingsListing 2 · Upheld · Takedown requested · Counterfeit.',
      'weight3',
    ]);
    expect(findByTestId(html, 'timeline-integrity')[0]?.attributes['data-broken']).toBe('1');
    expect(entries[3]?.text).toContain('The platform');
  });
});

describe('rejecting a selection as duplicates', () => {
  it('sends each complaint with the version the queue showed, and starts from the duplicate template, which cannot be sent as it stands', () => {
    const html = renderHtml(
      <BulkRejectDialog api={createApiClient({ baseUrl: 'http://127.0.0.1:9' })} items={[queueItem, { ...queueItem, id: 'cp2', updatedAt: '2026-11-30T11:58:00.000Z' }]} onClose={() => undefined} onDone={() => undefined} />,
    );
    expect(findByTestId(html, 'bulk-reject-item').map((found) => [found.attributes['data-complaint-id'], found.attributes['data-seen']])).toEqual([
      ['cp1', '2026-11-30T11:55:00.000Z'],
      ['cp2', '2026-11-30T11:58:00.000Z'],
    ]);
    expect(findByTestId(html, 'template-picker')[0]?.text).toContain('Rejected: duplicate');
    expect(findByTestId(html, 'statement-state')[0]?.attributes['data-problem']).toBe('placeholders');
    expect(findByTestId(html, 'bulk-reject-send')[0]?.attributes.disabled).toBe('');
  });
});

describe('a proposal under enhanced review', () => {
  const proposal = {
    id: 'p1',
    proposedBy: { id: 'r2', email: 'second@platform.example' },
    proposedAt: '2026-11-30T11:00:00.000Z',
    listings: [
      { listingId: 'l2', outcome: 'rejected' as const, statement: 'Genuine goods, bought from the brand.' },
      { listingId: 'l1', outcome: 'upheld' as const, statement: 'Counterfeit shoes with the DemoBrand mark.' },
    ],
  };
  const listings = [
    { id: 'l1', position: 1 },
    { id: 'l2', position: 2 },
  ];

  it('shows each listing’s proposed outcome in order, and offers another reviewer to start from it', () => {
    const html = renderHtml(<ProposalCard proposal={proposal} listings={listings} mine={false} canAdopt onAdopt={() => undefined} />);
    expect(findByTestId(html, 'decision-proposal')[0]?.attributes['data-proposed-by']).toBe('second@platform.example');
    expect(findByTestId(html, 'proposal-listing').map((found) => [found.attributes['data-listing-id'], found.attributes['data-outcome']])).toEqual([
      ['l1', 'upheld'],
      ['l2', 'rejected'],
    ]);
    expect(findByTestId(html, 'proposal-adopt')).toHaveLength(1);
  });

  it('is not for its own proposer to confirm', () => {
    const html = renderHtml(<ProposalCard proposal={proposal} listings={listings} mine canAdopt onAdopt={() => undefined} />);
    expect(findByTestId(html, 'proposal-adopt')).toEqual([]);
    expect(html).toContain('a different reviewer must give the second look');
  });
});
