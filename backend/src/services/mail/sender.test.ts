import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NOTICE_RETRY_POLICY, nextAttemptAt } from '@openipp/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger';
import { databaseFile, openStore, type Store } from '../../store';
import { inspectDatabase } from '../../store/inspect';
import { startInbox, type Inbox } from '../../testing/inbox';
import { queueMail } from './outbox';
import { createMailer } from './sender';

const logger = createLogger({ logLevel: 'silent' });
const mailConfig = (smtpUrl: string | undefined, maxAttempts = 3) => ({ mail: { smtpUrl, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts } });

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let inbox: Inbox;
let dataDir: string;
let store: Store;
beforeAll(async () => {
  inbox = await startInbox();
});
afterAll(() => inbox.close());
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'openipp-mail-'));
  store = openStore(dataDir);
  inbox.mails.length = 0;
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function queue(count: number, now = Date.now()) {
  await store.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      await queueMail(tx, { to: `user${i}@example.test`, locale: 'en', kind: 'identity_decision_approved', params: { tenantName: `Tenant ${i}` } }, now);
    }
  });
}

const rows = () => {
  const db = inspectDatabase(databaseFile(dataDir));
  try {
    return db.rows<{ id: string; to: string; status: string; attempts: number; next_attempt_at: number; last_error: string | null; message_id: string | null; lease_owner: string | null }>(
      'select id, "to", status, attempts, next_attempt_at, last_error, message_id, lease_owner from mail_outbox order by "to"',
    );
  } finally {
    db.close();
  }
};

describe('outbox sender', () => {
  it('sends each due mail once and records the Message-ID', async () => {
    await queue(2);
    const mailer = createMailer({ store, config: mailConfig(inbox.url), logger });
    expect(await mailer.drain()).toBe(2);
    expect(await mailer.drain()).toBe(0);
    expect(inbox.mails.map((m) => m.to).sort()).toEqual(['user0@example.test', 'user1@example.test']);
    expect(inbox.mails[0]!.subject).toMatch(/^The identity of Tenant \d is verified$/);
    for (const row of rows()) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, lease_owner: null });
      expect(row.message_id).toBe(inbox.mails.find((m) => m.to === row.to)!.messageId);
    }
    await mailer.stop();
  });

  it('never double-sends when two senders drain at once', async () => {
    await queue(25);
    const a = createMailer({ store, config: mailConfig(inbox.url), logger });
    const b = createMailer({ store, config: mailConfig(inbox.url), logger });
    const [sentA, sentB, sentA2] = await Promise.all([a.drain(), b.drain(), a.drain()]);
    expect(sentA + sentB + sentA2).toBe(25);
    expect(inbox.mails).toHaveLength(25);
    expect(new Set(inbox.mails.map((m) => m.to)).size).toBe(25);
    expect(rows().every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });

  it('respects another process’s lease until it lapses, and ignores the late outcome of a lapsed one', async () => {
    const now = Date.now();
    await queue(3, now);
    // Another process (its own connection) claims the batch, then dies.
    const other = openStore(dataDir);
    try {
      const claimed = await other.transaction((tx) => tx.claimMail({ now, leaseUntil: now + 60_000, owner: 'dead-process', limit: 10 }));
      expect(claimed).toHaveLength(3);
      const mailer = createMailer({ store, config: mailConfig(inbox.url), logger });
      expect(await mailer.drain(now + 1_000)).toBe(0);
      expect(inbox.mails).toHaveLength(0);
      expect(await mailer.drain(now + 60_000)).toBe(3);
      expect(rows().map((row) => [row.status, row.attempts])).toEqual([
        ['sent', 2],
        ['sent', 2],
        ['sent', 2],
      ]);
      // The dead process's late report changes nothing: it no longer holds the lease.
      const late = await other.transaction((tx) => tx.finishMail({ id: claimed[0]!.id, owner: 'dead-process', status: 'queued', at: now, error: 'late', nextAttemptAt: now }));
      expect(late).toBe(0);
      expect(inbox.mails).toHaveLength(3);
    } finally {
      await other.close();
    }
  });

  it('retries on the shared notice schedule after an SMTP failure, then delivers; gives up after the last attempt', async () => {
    const now = Date.now();
    await queue(1, now);
    const down = createMailer({ store, config: mailConfig(`smtp://127.0.0.1:${await closedPort()}`, 2), logger });
    expect(await down.drain(now)).toBe(0);
    const [failed] = rows();
    // Full jitter seeded by the row: the same instant any process would compute, within the first ceiling.
    const due = nextAttemptAt(1, now, { ...NOTICE_RETRY_POLICY, maxAttempts: 2, seed: failed!.id })!;
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: due });
    expect(due).toBeGreaterThanOrEqual(now);
    expect(due).toBeLessThan(now + NOTICE_RETRY_POLICY.baseMs);
    expect(failed!.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Not due yet: nothing is retried before the backoff.
    const up = createMailer({ store, config: mailConfig(inbox.url, 2), logger });
    if (due > now) expect(await up.drain(due - 1)).toBe(0);
    expect(await up.drain(due)).toBe(1);
    expect(rows()[0]).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(inbox.mails).toHaveLength(1);

    await queue(1, now);
    expect(await down.drain(now)).toBe(0);
    expect(await down.drain(now + NOTICE_RETRY_POLICY.baseMs)).toBe(0);
    expect(rows().filter((row) => row.status === 'failed')).toEqual([expect.objectContaining({ attempts: 2 })]);
    expect(await up.drain(now + 24 * 60 * 60 * 1000)).toBe(0);
  });

  it('leaves mail queued without SMTP_URL, and only warns', async () => {
    await queue(1);
    const mailer = createMailer({ store, config: mailConfig(undefined), logger });
    expect(await mailer.drain()).toBe(0);
    expect(rows()).toEqual([expect.objectContaining({ status: 'queued', attempts: 0 })]);
  });

  it('the started loop sends mail queued later, when kicked', async () => {
    const mailer = createMailer({ store, config: mailConfig(inbox.url), logger });
    mailer.start();
    await queue(1);
    mailer.kick();
    for (let i = 0; i < 100 && inbox.mails.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await mailer.stop();
    expect(inbox.mails).toHaveLength(1);
  });
});
