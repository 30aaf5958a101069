import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger';
import { createHarness, type Harness } from '../testing/harness';
import { startInbox, type Inbox } from '../testing/inbox';
import { queueNoticeMail, recordInSiteDelivery } from './deliveries';
import { createMailer, queueMail } from './mail';

const logger = createLogger({ logLevel: 'silent' });
/** Beyond every retry the shared policy schedules. */
const A_DAY = 24 * 60 * 60 * 1000;
const mailConfig = (smtpUrl: string, maxAttempts = 3) => ({ mail: { smtpUrl, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts } });

let inbox: Inbox;
/** A real SMTP server that refuses one mailbox with 550, as a server does for an unknown user. */
let refusing: SMTPServer;
let refusingUrl: string;
beforeAll(async () => {
  inbox = await startInbox();
  refusing = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('gone@')) {
        const error = Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  refusingUrl = `smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await inbox.close();
  await new Promise<void>((resolve) => refusing.close(() => resolve()));
});

let h: Harness;
let userId: string;
/** The demo seed sends notices of its own; each test looks only at rows after these. */
let seeded: { deliveries: number; mail: number };
const maxRowid = (table: string) => h.db.rows<{ n: number | null }>(`select max(rowid) as n from ${table}`)[0]!.n ?? 0;
beforeEach(async () => {
  h = await createHarness();
  const mailer = createMailer({ store: h.runtime.store, config: mailConfig(inbox.url), logger });
  await mailer.drain();
  await mailer.stop();
  inbox.mails.length = 0;
  seeded = { deliveries: maxRowid('deliveries'), mail: maxRowid('mail_outbox') };
  userId = h.db.rows<{ id: string }>("select id from users where email = 'owner@demo.test'")[0]!.id;
});
afterEach(() => h.close());

const records = () =>
  h.db.rows<{ notice_id: string | null; channel: string; recipient_user_id: string | null; address: string; outcome: string | null; attempts: number; sent_at: number | null; counts_as_delivered_at: number | null; detail: string | null }>(
    'select notice_id, channel, recipient_user_id, address, outcome, attempts, sent_at, counts_as_delivered_at, detail from deliveries where rowid > ? order by address',
    seeded.deliveries,
  );
const outbox = <T>(columns: string) => h.db.rows<T>(`select ${columns} from mail_outbox where rowid > ? order by "to"`, seeded.mail);

const noticeMail = (to: string, noticeId = 'notice-7') =>
  h.runtime.store.transaction((tx) =>
    queueNoticeMail(tx, { noticeId, recipientUserId: userId, mail: { to, locale: 'zh-CN', kind: 'identity_decision_approved', params: { tenantName: '演示' } } }, Date.now()),
  );

describe('e-mail delivery records', () => {
  it('a sent notice e-mail counts as delivered when the SMTP server took it', async () => {
    await noticeMail('owner@demo.test');
    // Queued, not yet attempted: the record exists but is not listed.
    expect(records()).toEqual([expect.objectContaining({ outcome: null, attempts: 0, notice_id: 'notice-7' })]);
    const mailer = createMailer({ store: h.runtime.store, config: mailConfig(inbox.url), logger });
    const before = Date.now();
    expect(await mailer.drain()).toBe(1);
    await mailer.stop();
    expect(inbox.to('owner@demo.test')).toHaveLength(1);
    const [record] = records();
    expect(record).toMatchObject({ notice_id: 'notice-7', channel: 'email', recipient_user_id: userId, address: 'owner@demo.test', outcome: 'sent', attempts: 1, detail: null });
    expect(record!.sent_at).toBeGreaterThanOrEqual(before);
    expect(record!.counts_as_delivered_at).toBe(record!.sent_at);
    const sentAt = outbox<{ sent_at: number }>('sent_at')[0]!.sent_at;
    expect(record!.sent_at).toBe(sentAt);
  });

  it('a mail queued without a record (before every mail was a notice) gets one on its first attempt', async () => {
    await h.runtime.store.transaction((tx) => queueMail(tx, { to: 'plain@example.test', locale: 'en', kind: 'identity_decision_approved', params: { tenantName: 'T' } }, Date.now()));
    expect(records()).toEqual([]);
    const mailer = createMailer({ store: h.runtime.store, config: mailConfig(inbox.url), logger });
    expect(await mailer.drain()).toBe(1);
    await mailer.stop();
    expect(records()).toEqual([expect.objectContaining({ notice_id: null, channel: 'email', recipient_user_id: null, address: 'plain@example.test', outcome: 'sent', attempts: 1 })]);
  });

  it('a 550 from the SMTP server is a permanent failure, recorded after one attempt and never retried', async () => {
    await noticeMail('gone@example.test');
    await noticeMail('here@example.test', 'notice-8');
    const now = Date.now();
    const mailer = createMailer({ store: h.runtime.store, config: mailConfig(refusingUrl, 5), logger });
    expect(await mailer.drain(now)).toBe(1);
    const [gone, here] = records();
    expect(gone).toMatchObject({ notice_id: 'notice-7', address: 'gone@example.test', outcome: 'failed_permanent', attempts: 1, sent_at: null, counts_as_delivered_at: null });
    expect(gone!.detail).toMatch(/550/);
    expect(here).toMatchObject({ notice_id: 'notice-8', outcome: 'sent', attempts: 1 });
    expect(outbox<{ to: string; status: string }>('"to", status')).toEqual([
      { to: 'gone@example.test', status: 'failed' },
      { to: 'here@example.test', status: 'sent' },
    ]);
    expect(await mailer.drain(now + A_DAY)).toBe(0);
    expect(records()[0]).toMatchObject({ outcome: 'failed_permanent', attempts: 1 });
    await mailer.stop();
  });

  it('a connection failure is retried: the record says so until the mail is sent', async () => {
    await noticeMail('owner@demo.test');
    const now = Date.now();
    const down = createMailer({ store: h.runtime.store, config: mailConfig('smtp://127.0.0.1:1'), logger });
    expect(await down.drain(now)).toBe(0);
    await down.stop();
    expect(records()).toEqual([expect.objectContaining({ outcome: 'failed_retrying', attempts: 1, sent_at: null, counts_as_delivered_at: null })]);
    const up = createMailer({ store: h.runtime.store, config: mailConfig(inbox.url), logger });
    const due = outbox<{ next_attempt_at: number }>('next_attempt_at')[0]!.next_attempt_at;
    expect(await up.drain(due)).toBe(1);
    await up.stop();
    expect(records()).toEqual([expect.objectContaining({ outcome: 'sent', attempts: 2, detail: null })]);
  });
});

describe('in-site delivery records', () => {
  it('an in-site message counts as delivered when stored', async () => {
    const now = Date.now();
    await h.runtime.store.transaction((tx) => recordInSiteDelivery(tx, { noticeId: 'notice-9', userId, messageId: 'msg-1' }, now));
    expect(records()).toEqual([
      expect.objectContaining({ notice_id: 'notice-9', channel: 'in_site', address: 'msg-1', outcome: 'sent', attempts: 1, sent_at: now, counts_as_delivered_at: now }),
    ]);
  });
});
