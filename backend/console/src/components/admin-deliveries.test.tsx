import { PaperLetterRequestSchema, type DeliveryRecord } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { paperLetterRequest, previewCountsAsDelivered, type PaperLetterDraft } from '../lib/paper-letter';
import { json } from '../test/http-double';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { signedInApi } from '../test/signed-in-api';
import { DeliveryTable, PaperLetterResult } from './admin-deliveries';

const signedIn = signedInApi();

const draft: PaperLetterDraft = {
  noticeRef: 'cn1',
  address: '1 Bund Road, Huangpu, Shanghai 200002',
  postedAt: '2026-12-01T10:30',
  trackingNumber: 'EMS1234567890CN',
};

describe('recording a paper letter', () => {
  it('sends the posting time typed in the admin’s zone as an ISO instant, and shows when the answer says it counts as delivered', async () => {
    const { request } = paperLetterRequest(draft, 'Europe/Berlin');
    expect(request?.postedAt).toBe('2026-12-01T09:30:00.000Z');

    const answer: DeliveryRecord = {
      id: 'dl9',
      noticeId: 'cn1',
      channel: 'paper',
      address: draft.address,
      sentAt: '2026-12-01T09:30:00.000Z',
      outcome: 'posted',
      attempts: 1,
      countsAsDeliveredAt: '2026-12-05T16:00:00.000Z',
      trackingNumber: draft.trackingNumber,
    };
    signedIn.server.routes['POST /api/admin/paper-letters'] = () => json(201, answer);
    const record = await signedIn.api.adminRecordPaperLetter(request!);
    const seen = signedIn.server.last();
    expect([seen.method, seen.url, seen.headers['x-csrf-token']]).toEqual(['POST', '/api/admin/paper-letters', 'csrf-1']);
    expect(PaperLetterRequestSchema.parse(JSON.parse(seen.body))).toEqual({
      noticeRef: 'cn1',
      address: draft.address,
      postedAt: '2026-12-01T09:30:00.000Z',
      trackingNumber: 'EMS1234567890CN',
    });

    const html = renderHtml(<PaperLetterResult record={record} timeZone="Asia/Shanghai" />);
    const [result] = findByTestId(html, 'paper-letter-result');
    expect(result?.attributes['data-counts-as-delivered-at']).toBe('2026-12-05T16:00:00.000Z');
    const shown = findByTestId(html, 'paper-letter-counts-as-delivered')[0]?.text ?? '';
    expect(shown).toMatch(/^Dec 6, 2026, 12:00:00\sAM GMT\+8$/u);
    expect(findByTestId(html, 'paper-letter-result-posted')[0]?.text).toMatch(/^Dec 1, 2026, 5:30:00\sPM GMT\+8$/u);
    const zh = findByTestId(renderHtml(<PaperLetterResult record={record} timeZone="Asia/Shanghai" />, testI18n('zh-CN')), 'paper-letter-counts-as-delivered')[0]?.text;
    expect(zh).toContain('2026年12月6日');
  });

  it('previews the counts-as-delivered time by the same fifth-day rule, from the zone the time was typed in', () => {
    // 23:30 in Berlin is already the next day in Shanghai: the Shanghai date decides.
    expect(previewCountsAsDelivered({ postedAt: '2026-12-01T10:30' }, 'Europe/Berlin')).toBe('2026-12-05T16:00:00.000Z');
    expect(previewCountsAsDelivered({ postedAt: '2026-12-01T23:30' }, 'Europe/Berlin')).toBe('2026-12-06T16:00:00.000Z');
    expect(previewCountsAsDelivered({ postedAt: '' }, 'Europe/Berlin')).toBeUndefined();
  });

  it('is not sent while a field is missing or the time is not a time, and names those fields', () => {
    expect(paperLetterRequest({ ...draft, address: '  ', trackingNumber: '' }, 'Asia/Shanghai')).toEqual({ missing: ['address', 'trackingNumber'] });
    expect(paperLetterRequest({ ...draft, postedAt: '2026-02-30T10:00' }, 'Asia/Shanghai')).toEqual({ missing: ['postedAt'] });
  });
});

describe('the delivery log', () => {
  const records: DeliveryRecord[] = [
    { id: 'dl1', noticeId: 'n1', channel: 'email', address: 'legal@lantern.example', sentAt: '2026-12-01T02:00:00.000Z', outcome: 'sent', attempts: 2, countsAsDeliveredAt: '2026-12-01T02:00:00.000Z' },
    { id: 'dl2', channel: 'sms', address: '+8613800000000', sentAt: null, outcome: 'failed_permanent', attempts: 5, countsAsDeliveredAt: null },
    { id: 'dl3', noticeId: 'cn1', channel: 'paper', address: '1 Bund Road', sentAt: '2026-12-01T02:30:00.000Z', outcome: 'posted', attempts: 1, countsAsDeliveredAt: '2026-12-05T16:00:00.000Z', trackingNumber: 'EMS1234567890CN' },
  ];

  it('lists channel, address, sending, outcome, attempts, delivery and tracking number for each record', () => {
    const html = renderHtml(<DeliveryTable records={records} />, testI18n('zh-CN'));
    const rows = findByTestId(html, 'delivery-row');
    expect(rows.map((row) => [row.attributes['data-id'], row.attributes['data-channel'], row.attributes['data-outcome'], row.attributes['data-counts-as-delivered-at']])).toEqual([
      ['dl1', 'email', 'sent', '2026-12-01T02:00:00.000Z'],
      ['dl2', 'sms', 'failed_permanent', ''],
      ['dl3', 'paper', 'posted', '2026-12-05T16:00:00.000Z'],
    ]);
    expect(rows[1]?.text).toContain('最终失败');
    expect(rows[2]?.text).toContain('EMS1234567890CN');
    expect(findByTestId(html, 'delivery-address').map((cell) => cell.text)).toEqual(['legal@lantern.example', '+8613800000000', '1 Bund Road']);
  });

  it('asks for one channel and recipient', async () => {
    signedIn.server.routes['GET /api/admin/deliveries'] = () => json(200, { items: records });
    expect((await signedIn.api.adminDeliveries({ channel: 'email', recipient: ' legal@lantern.example ' })).map((record) => record.id)).toEqual(['dl1', 'dl2', 'dl3']);
    expect(signedIn.server.last().url).toBe('/api/admin/deliveries?channel=email&recipient=legal%40lantern.example');
    await signedIn.api.adminDeliveries();
    expect(signedIn.server.last().url).toBe('/api/admin/deliveries');
  });
});
