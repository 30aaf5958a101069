import type { DeliveryList, DeliveryRecord } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, jsonPost, loginBearer, type Harness } from '../../testing/harness';

let h: Harness;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  h = await createHarness();
  for (const who of ['reviewer', 'admin', 'owner', 'seller']) tokens[who] = await loginBearer(h, `${who}@demo.test`);
});
afterAll(() => h.close());

const post = (who: string, body: unknown) => h.app.request('/api/admin/paper-letters', jsonPost(body, bearer(tokens[who]!)));
const letter = (postedAt: string, trackingNumber = 'EMS123456789CN') => ({ postedAt, address: '上海市浦东新区世纪大道 100 号', trackingNumber, noticeRef: 'notice-42' });

describe('POST /api/admin/paper-letters', () => {
  it('records a posted letter that counts as delivered on the fifth natural day after posting, Shanghai time', async () => {
    // 2025-01-10 23:59 in Shanghai is still the 10th there (15:59 UTC): delivered from the 15th, 00:00 +08:00.
    const late = await post('admin', letter('2025-01-10T23:59:00+08:00'));
    expect(late.status).toBe(201);
    const lateRecord = (await late.json()) as DeliveryRecord;
    expect(lateRecord).toEqual({
      id: expect.any(String),
      noticeId: 'notice-42',
      channel: 'paper',
      address: '上海市浦东新区世纪大道 100 号',
      sentAt: '2025-01-10T15:59:00.000Z',
      outcome: 'posted',
      attempts: 1,
      countsAsDeliveredAt: '2025-01-14T16:00:00.000Z',
      trackingNumber: 'EMS123456789CN',
    });
    // One minute later it is the 11th in Shanghai (though still the 10th in UTC): one day later.
    const midnight = (await (await post('admin', letter('2025-01-10T16:00:00Z', 'EMS2'))).json()) as DeliveryRecord;
    expect(midnight.countsAsDeliveredAt).toBe('2025-01-15T16:00:00.000Z');
    // Weekends and holidays count: posted the Friday before Spring Festival 2025, still five days.
    const festival = (await (await post('admin', letter('2025-01-24T09:00:00+08:00', 'EMS3'))).json()) as DeliveryRecord;
    expect(festival.countsAsDeliveredAt).toBe('2025-01-28T16:00:00.000Z');
    const stored = h.db.rows<{ outcome: string; sent_at: number; counts_as_delivered_at: number; recorded_by: string }>(
      "select outcome, sent_at, counts_as_delivered_at, recorded_by from deliveries where tracking_number = 'EMS123456789CN'",
    );
    expect(stored).toEqual([
      {
        outcome: 'posted',
        sent_at: Date.parse('2025-01-10T15:59:00Z'),
        counts_as_delivered_at: Date.parse('2025-01-14T16:00:00Z'),
        recorded_by: h.db.rows<{ id: string }>("select id from users where email = 'admin@demo.test'")[0]!.id,
      },
    ]);
  });

  it('is absent (404) for anyone but an admin, reviewers included, and writes nothing', async () => {
    const before = h.db.count('deliveries');
    for (const who of ['owner', 'seller', 'reviewer']) {
      const res = await post(who, letter('2025-02-01T10:00:00+08:00'));
      expect(res.status).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('not_found');
      expect((await h.app.request('/api/admin/deliveries', { headers: bearer(tokens[who]!) })).status).toBe(404);
    }
    expect((await h.app.request('/api/admin/paper-letters', jsonPost(letter('2025-02-01T10:00:00+08:00')))).status).toBe(401);
    expect(h.db.count('deliveries')).toBe(before);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = h.db.count('deliveries');
    const bad: unknown[] = [
      { ...letter('2025-02-01T10:00:00+08:00'), trackingNumber: '' },
      { ...letter('2025-02-01T10:00:00+08:00'), address: '   ' },
      { postedAt: '2025-02-01T10:00:00+08:00', address: 'x', trackingNumber: 'T' },
      // No offset: the same text would be a different instant on each machine.
      letter('2025-02-01T10:00:00'),
      letter('yesterday'),
      { ...letter('2025-02-01T10:00:00+08:00'), countsAsDeliveredAt: '2025-02-02T00:00:00Z' },
      { ...letter('2025-02-01T10:00:00+08:00'), trackingNumber: 'T'.repeat(65) },
      letter(new Date(Date.now() + 24 * 3_600_000).toISOString()),
    ];
    for (const body of bad) {
      const res = await post('admin', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
    }
    const malformed = await h.app.request('/api/admin/paper-letters', { method: 'POST', headers: { ...bearer(tokens.admin!), 'Content-Type': 'application/json' }, body: '{"postedAt":' });
    expect(malformed.status).toBe(400);
    expect(h.db.count('deliveries')).toBe(before);
  });
});

describe('GET /api/admin/deliveries', () => {
  it('lists records newest first, filtered by channel and recipient', async () => {
    await post('admin', { ...letter('2025-03-01T10:00:00+08:00', 'FILTER-1'), address: 'Other Road 1' });
    const all = (await (await h.app.request('/api/admin/deliveries', { headers: bearer(tokens.admin!) })).json()) as DeliveryList;
    expect(all.items.length).toBeGreaterThanOrEqual(4);
    expect(all.items[0]!.trackingNumber).toBe('FILTER-1');
    const paper = (await (await h.app.request('/api/admin/deliveries?channel=paper&recipient=Other%20Road%201', { headers: bearer(tokens.admin!) })).json()) as DeliveryList;
    expect(paper.items.map((item) => item.trackingNumber)).toEqual(['FILTER-1']);
    const sms = (await (await h.app.request('/api/admin/deliveries?channel=sms', { headers: bearer(tokens.admin!) })).json()) as DeliveryList;
    expect(sms.items).toEqual([]);
    expect((await h.app.request('/api/admin/deliveries?channel=fax', { headers: bearer(tokens.admin!) })).status).toBe(400);
  });
});
