import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NOTICE_RETRY_POLICY, nextAttemptAt } from '@openipp/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger';
import { createHarness, type Harness } from '../../testing/harness';
import { updateContacts } from '../contacts';
import { queueSms } from '../deliveries';
import { HttpSmsProvider } from './provider';
import { createSmsSender } from './sender';

const logger = createLogger({ logLevel: 'silent' });

/** A real SMS gateway on loopback: answers with the queued statuses, then 200. */
let gateway: Server;
let gatewayUrl: string;
const delivered: Array<{ to: string; text: string }> = [];
const statuses: number[] = [];

beforeAll(async () => {
  gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      if (status === 200) delivered.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string });
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(status === 200 ? `{"id":"gw-${delivered.length}"}` : '{"error":"x"}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
});
afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

let h: Harness;
let userId: string;
let seeded: { sms: number; deliveries: number };
const maxRowid = (table: string) => h.db.rows<{ n: number | null }>(`select max(rowid) as n from ${table}`)[0]!.n ?? 0;
beforeEach(async () => {
  h = await createHarness();
  delivered.length = 0;
  statuses.length = 0;
  userId = h.db.rows<{ id: string }>("select id from users where email = 'owner@demo.test'")[0]!.id;
  // The demo seed sends notices of its own (no phone on file: they fail at once); each test looks only at rows after them.
  await createSmsSender({ store: h.runtime.store, provider: new HttpSmsProvider(gatewayUrl), logger }).drain();
  seeded = { sms: maxRowid('sms_outbox'), deliveries: maxRowid('deliveries') };
  await updateContacts(h.runtime.store, userId, { email: 'owner@demo.test', phone: '+8613800000001', postalAddress: null });
});
afterEach(() => h.close());

const queue = (now: number, noticeId = 'notice-1') => h.runtime.store.transaction((tx) => queueSms(tx, { userId, noticeId, text: '您的投诉已处理' }, now));
const A_DAY = 24 * 60 * 60 * 1000;
/** When the shared policy retries this row after its first failure. */
const firstRetry = (now: number, maxAttempts = NOTICE_RETRY_POLICY.maxAttempts) =>
  nextAttemptAt(1, now, { ...NOTICE_RETRY_POLICY, maxAttempts, seed: h.db.rows<{ id: string }>('select id from sms_outbox where rowid > ?', seeded.sms)[0]!.id })!;
const outbox = () => h.db.rows<{ status: string; attempts: number; next_attempt_at: number; last_error: string | null; provider_id: string | null }>('select status, attempts, next_attempt_at, last_error, provider_id from sms_outbox where rowid > ?', seeded.sms);
const records = () =>
  h.db.rows<{ notice_id: string; channel: string; recipient_user_id: string; address: string; outcome: string; attempts: number; sent_at: number | null; counts_as_delivered_at: number | null; detail: string | null }>(
    'select notice_id, channel, recipient_user_id, address, outcome, attempts, sent_at, counts_as_delivered_at, detail from deliveries where rowid > ?',
    seeded.deliveries,
  );

describe('SMS outbox sender', () => {
  it('sends to the phone on file at sending, and records the delivery as delivered when sent', async () => {
    const now = Date.now();
    await queue(now);
    // The number changes after the notice was queued: the new one is used (MISSION item 5).
    await updateContacts(h.runtime.store, userId, { email: 'owner@demo.test', phone: '+8613900000002', postalAddress: null });
    const sender = createSmsSender({ store: h.runtime.store, provider: new HttpSmsProvider(gatewayUrl), logger });
    expect(await sender.drain()).toBe(1);
    expect(await sender.drain()).toBe(0);
    expect(delivered).toEqual([{ to: '+8613900000002', text: '您的投诉已处理' }]);
    expect(outbox()).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, provider_id: 'gw-1', last_error: null })]);
    const [record] = records();
    expect(record).toMatchObject({ notice_id: 'notice-1', channel: 'sms', recipient_user_id: userId, address: '+8613900000002', outcome: 'sent', attempts: 1, detail: null });
    expect(record!.sent_at).toBeGreaterThanOrEqual(now);
    expect(record!.counts_as_delivered_at).toBe(record!.sent_at);
  });

  it('retries a 500 after the backoff, then delivers', async () => {
    const now = Date.now();
    await queue(now);
    statuses.push(500);
    const sender = createSmsSender({ store: h.runtime.store, provider: new HttpSmsProvider(gatewayUrl), logger });
    expect(await sender.drain(now)).toBe(0);
    const due = firstRetry(now);
    expect(due).toBeLessThan(now + NOTICE_RETRY_POLICY.baseMs);
    expect(outbox()).toEqual([expect.objectContaining({ status: 'queued', attempts: 1, next_attempt_at: due, last_error: 'HTTP 500: {"error":"x"}' })]);
    expect(records()).toEqual([expect.objectContaining({ outcome: 'failed_retrying', attempts: 1, sent_at: null, counts_as_delivered_at: null, detail: 'HTTP 500: {"error":"x"}' })]);
    // Not before the backoff.
    if (due > now) expect(await sender.drain(due - 1)).toBe(0);
    expect(delivered).toHaveLength(0);
    expect(await sender.drain(due)).toBe(1);
    expect(delivered).toHaveLength(1);
    expect(outbox()[0]).toMatchObject({ status: 'sent', attempts: 2 });
    // Still one record per notice and channel, now delivered.
    expect(records()).toEqual([expect.objectContaining({ outcome: 'sent', attempts: 2, detail: null })]);
    expect(records()[0]!.counts_as_delivered_at).toBe(records()[0]!.sent_at);
  });

  it('records a 400 as a permanent failure at once, and never retries it', async () => {
    const now = Date.now();
    await queue(now);
    statuses.push(400);
    const sender = createSmsSender({ store: h.runtime.store, provider: new HttpSmsProvider(gatewayUrl), logger });
    expect(await sender.drain(now)).toBe(0);
    expect(outbox()).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
    expect(records()).toEqual([expect.objectContaining({ outcome: 'failed_permanent', attempts: 1, address: '+8613800000001', counts_as_delivered_at: null })]);
    expect(await sender.drain(now + A_DAY)).toBe(0);
    expect(delivered).toHaveLength(0);
  });

  it('retries a refused connection, and gives up after the last attempt', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const now = Date.now();
    await queue(now);
    const sender = createSmsSender({ store: h.runtime.store, provider: new HttpSmsProvider(`http://127.0.0.1:${port}/send`), logger, maxAttempts: 2 });
    expect(await sender.drain(now)).toBe(0);
    const due = firstRetry(now, 2);
    expect(outbox()).toEqual([expect.objectContaining({ status: 'queued', attempts: 1, next_attempt_at: due })]);
    expect(records()[0]).toMatchObject({ outcome: 'failed_retrying', attempts: 1 });
    expect(await sender.drain(due)).toBe(0);
    expect(outbox()).toEqual([expect.objectContaining({ status: 'failed', attempts: 2 })]);
    expect(records()).toEqual([expect.objectContaining({ outcome: 'failed_permanent', attempts: 2 })]);
  });

  it('fails permanently when no phone number is on file, without calling the gateway', async () => {
    await updateContacts(h.runtime.store, userId, { email: 'owner@demo.test', phone: null, postalAddress: null });
    await queue(Date.now());
    const sender = createSmsSender({ store: h.runtime.store, provider: new HttpSmsProvider(gatewayUrl), logger });
    expect(await sender.drain()).toBe(0);
    expect(records()).toEqual([expect.objectContaining({ outcome: 'failed_permanent', address: '', detail: 'no phone number on file' })]);
    expect(delivered).toHaveLength(0);
  });

  it('an SMS queued in a transaction that rolls back is never sent', async () => {
    await expect(
      h.runtime.store.transaction(async (tx) => {
        await queueSms(tx, { userId, text: 'x' }, Date.now());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(outbox()).toEqual([]);
    expect(records()).toEqual([]);
  });

  it('never double-sends when two senders drain at once', async () => {
    const now = Date.now();
    for (let i = 0; i < 25; i++) await queue(now, `notice-${i}`);
    const a = createSmsSender({ store: h.runtime.store, provider: new HttpSmsProvider(gatewayUrl), logger });
    const b = createSmsSender({ store: h.runtime.store, provider: new HttpSmsProvider(gatewayUrl), logger });
    const sent = await Promise.all([a.drain(now), b.drain(now), a.drain(now)]);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(25);
    expect(delivered).toHaveLength(25);
    expect(records().filter((record) => record.channel === 'sms' && record.outcome === 'sent' && record.attempts === 1)).toHaveLength(25);
  });
});
