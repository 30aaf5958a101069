import { NOTICE_KINDS, type NoticeKind, type NoticeList } from '@openipp/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger';
import { bearer, createHarness, jsonPost, loginBearer, type Harness } from '../../testing/harness';
import { linkToken, startInbox, type Inbox } from '../../testing/inbox';
import { freshIp, pdfBytes, registrationData, registrationForm } from '../../testing/registration';
import { freezeByLink, reportCompromise } from '../account';
import { updateContacts } from '../contacts';
import { DEMO_PASSWORD } from '../seed';
import { createMailer } from '../mail';
import { NOTICE_KIND_SPECS, type NoticeParams } from './kinds';
import { notify, type NoticeInput } from './notify';
import { renderInSite, renderNoticeMail, renderSms } from './render';

const logger = createLogger({ logLevel: 'silent' });

/** Values for every kind; the mapped type makes a kind without a sample a compile error. */
const SAMPLES: { [K in NoticeKind]: NoticeParams[K] } = {
  verify_email: { name: 'Ada', link: 'https://openipp.test/#/verify-email?token=secret-verify' },
  invitation: { tenantName: 'Demo Brand Co.', inviterEmail: 'owner@demo.test', link: 'https://openipp.test/#/accept-invitation?token=secret-invite' },
  identity_decision_approved: { tenantName: 'Demo Brand Co.' },
  identity_decision_rejected: { tenantName: 'Demo Brand Co.', reasons: 'The licence is illegible.' },
  principal_decision_approved: { principalName: 'Principal GmbH' },
  principal_decision_rejected: { principalName: 'Principal GmbH', reasons: 'Unsigned letter.' },
  right_verified: { registrationNumber: 'TM-1', rightType: 'trademark' },
  right_rejected: { registrationNumber: 'TM-1', rightType: 'trademark', reasons: 'Expired.' },
  right_expiring: { registrationNumber: 'TM-1', rightType: 'design_patent', validUntil: '2030-01-31' },
  shop_verified: { marketplace: 'taobao', shopId: '588' },
  shop_rejected: { marketplace: 'taobao', shopId: '588', reasons: 'No proof.' },
  info_requested: { complaintId: 'C-1', deadline: Date.UTC(2030, 0, 31, 16, 0), deficiencies: ['listing_evidence'], message: 'Please add a capture.' },
  complaint_closed: { complaintId: 'C-1', deadline: Date.UTC(2030, 0, 31, 16, 0) },
  complaint_decided: { complaintId: 'C-1', listings: [{ position: 1, url: 'https://item.taobao.com/item.htm?id=1', outcome: 'upheld', statement: 'Shows the mark.' }] },
  listing_decided: { complaintId: 'C-1', listings: [{ position: 2, url: 'https://item.taobao.com/item.htm?id=2', outcome: 'rejected', statement: 'No mark.' }] },
  counter_notice_forwarded: {
    complaintId: 'C-1',
    url: 'https://item.taobao.com/item.htm?id=1',
    statement: 'Genuine goods.',
    windowEndsAt: Date.UTC(2030, 1, 15, 15, 59, 59, 999),
    seller: { legalName: 'Seller Ltd.', registrationNumber: '9133', address: '1 Road', email: 'legal@seller.test', phone: '+86 571 0000' },
  },
  counter_notice_restored: { complaintId: 'C-1', url: 'https://item.taobao.com/item.htm?id=1', statement: 'No proof in time.' },
  counter_notice_retained: { complaintId: 'C-1', url: 'https://item.taobao.com/item.htm?id=1', statement: 'Lawsuit shown.' },
  agreement_published: { version: 3, summaryZh: '变更摘要', summaryEn: 'Summary of changes', link: 'https://openipp.test/#/agreement' },
  new_device_login: { time: Date.UTC(2030, 0, 1, 8, 30), ip: '203.0.113.9', userAgent: 'Firefox', freezeLink: 'https://openipp.test/#/freeze?token=secret-freeze' },
  account_frozen: { time: Date.UTC(2030, 0, 1, 8, 30) },
};
const ADDRESS_KINDS: readonly NoticeKind[] = ['verify_email', 'invitation'];

describe('notice texts', () => {
  it('every kind renders in both languages with every placeholder filled, one-line titles, and an SMS text exactly when it is sent by SMS', () => {
    for (const kind of NOTICE_KINDS) {
      const params = SAMPLES[kind] as never;
      for (const locale of ['en', 'zh-CN'] as const) {
        const mail = renderNoticeMail(kind, locale, params);
        expect(mail.subject, kind).not.toMatch(/[\r\n]|\{\{/);
        expect(mail.text, kind).not.toMatch(/\{\{/);
        if (NOTICE_KIND_SPECS[kind].channels.includes('in_site')) {
          const message = renderInSite(kind, locale, params);
          expect(message.title).toBe(mail.subject);
          expect(message.body).not.toMatch(/\{\{/);
        }
        if (NOTICE_KIND_SPECS[kind].channels.includes('sms')) expect(renderSms(kind, locale, params)).not.toMatch(/[\r\n]|\{\{/);
        else expect(() => renderSms(kind, locale, params)).toThrow(/no SMS text/);
      }
    }
  });

  it('writes times, codes and lists out in the reader’s language', () => {
    const zh = renderNoticeMail('info_requested', 'zh-CN', SAMPLES.info_requested);
    const en = renderNoticeMail('info_requested', 'en', SAMPLES.info_requested);
    // 16:00 UTC is midnight in Beijing: the Chinese text names Beijing time, the English one UTC.
    expect(zh.text).toContain('2030-02-01 00:00（北京时间）');
    expect(en.text).toContain('2030-01-31 16:00 UTC');
    expect(renderInSite('right_expiring', 'zh-CN', SAMPLES.right_expiring).body).toContain('外观设计专利');
    expect(renderInSite('complaint_decided', 'en', SAMPLES.complaint_decided).body).toContain('1. https://item.taobao.com/item.htm?id=1 (upheld, removal requested)\nShows the mark.');
    // The agreement e-mail links to the texts; the inbox, which sits beside them, does not.
    expect(renderNoticeMail('agreement_published', 'en', SAMPLES.agreement_published).text).toContain('https://openipp.test/#/agreement');
    expect(renderInSite('agreement_published', 'en', SAMPLES.agreement_published).body).not.toContain('https://');
    expect(() => renderNoticeMail('verify_email', 'en', { name: 'x' } as never)).toThrow(/link/);
  });
});

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox();
});
afterAll(() => inbox.close());

let h: Harness;
let owner: { id: string; tenantId: string };
/** The demo seed sends notices of its own; tests look only at rows after these. */
let seen: Record<string, number>;
const TABLES = ['notices', 'messages', 'mail_outbox', 'sms_outbox', 'deliveries'] as const;
const maxRowid = (table: string) => h.db.rows<{ n: number | null }>(`select max(rowid) as n from ${table}`)[0]!.n ?? 0;
const newRows = <T>(table: (typeof TABLES)[number], columns = '*') => h.db.rows<T>(`select ${columns} from ${table} where rowid > ? order by rowid`, seen[table]!);
const mailer = () => createMailer({ store: h.runtime.store, config: { mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 } }, logger });

beforeEach(async () => {
  h = await createHarness();
  const sender = mailer();
  await sender.drain();
  await sender.stop();
  inbox.mails.length = 0;
  seen = Object.fromEntries(TABLES.map((table) => [table, maxRowid(table)]));
  owner = h.db.rows<{ id: string; tenantId: string }>("select id, tenant_id as tenantId from users where email = 'owner@demo.test'")[0]!;
});
afterEach(() => h.close());

const send = (notice: NoticeInput, now = Date.now()) => h.runtime.store.transaction((tx) => notify(tx, notice, now));

describe('notify()', () => {
  it('records each kind once and writes exactly the channels it declares, every delivery record carrying the notice id', async () => {
    for (const kind of NOTICE_KINDS) {
      const recipient = ADDRESS_KINDS.includes(kind) ? { email: 'someone@example.test', locale: 'en' as const, tenantId: owner.tenantId } : { userId: owner.id };
      const { id, messageId } = await send({ kind, recipient, params: SAMPLES[kind], subjectId: `subject-${kind}` } as NoticeInput);
      const declared = [...NOTICE_KIND_SPECS[kind].channels].sort();
      const notices = newRows<{ id: string; kind: string; recipient_user_id: string | null; tenant_id: string; subject_id: string }>('notices').filter((row) => row.kind === kind);
      expect(notices, kind).toEqual([expect.objectContaining({ id, recipient_user_id: ADDRESS_KINDS.includes(kind) ? null : owner.id, tenant_id: owner.tenantId, subject_id: `subject-${kind}` })]);
      const records = newRows<{ notice_id: string; channel: string; outbox_id: string | null; address: string }>('deliveries').filter((row) => row.notice_id === id);
      expect(records.map((row) => row.channel).sort(), kind).toEqual(declared);
      const messages = newRows<{ id: string }>('messages').filter((row) => row.id === messageId);
      expect(messages, kind).toHaveLength(declared.includes('in_site') ? 1 : 0);
      expect(messageId === null, kind).toBe(!declared.includes('in_site'));
      const mail = newRows<{ id: string; template: string }>('mail_outbox').filter((row) => records.some((record) => record.outbox_id === row.id));
      expect(mail.map((row) => row.template), kind).toEqual(declared.includes('email') ? [kind] : []);
      const sms = newRows<{ id: string; notice_id: string }>('sms_outbox').filter((row) => row.notice_id === id);
      expect(sms, kind).toHaveLength(declared.includes('sms') ? 1 : 0);
      if (sms[0]) expect(records.find((row) => row.channel === 'sms')).toMatchObject({ outbox_id: sms[0].id, address: '' });
    }
    expect(newRows('notices')).toHaveLength(NOTICE_KINDS.length);
  });

  it('withholds one-time links from the notice record, while the mail carries them', async () => {
    await send({ kind: 'verify_email', recipient: { email: 'someone@example.test', locale: 'en', tenantId: owner.tenantId }, params: SAMPLES.verify_email });
    const [notice] = newRows<{ params: string }>('notices');
    expect(JSON.parse(notice!.params)).toEqual({ name: 'Ada' });
    const [mail] = newRows<{ params: string }>('mail_outbox');
    expect(JSON.parse(mail!.params)).toMatchObject({ link: SAMPLES.verify_email.link });
  });

  it('e-mails the contact address current when the notice is queued, in the recipient’s language', async () => {
    await send({ kind: 'shop_verified', recipient: { userId: owner.id }, params: SAMPLES.shop_verified });
    await updateContacts(h.runtime.store, owner.id, { email: 'new-contact@demo.test', phone: null, postalAddress: null });
    await send({ kind: 'shop_rejected', recipient: { userId: owner.id }, params: SAMPLES.shop_rejected });
    expect(newRows<{ to: string; locale: string }>('mail_outbox', '"to", locale')).toEqual([
      { to: 'owner@demo.test', locale: 'zh-CN' },
      { to: 'new-contact@demo.test', locale: 'zh-CN' },
    ]);
    const sender = mailer();
    expect(await sender.drain()).toBe(2);
    await sender.stop();
    // The demo owner reads Chinese: the subject is the Chinese one.
    expect(inbox.to('owner@demo.test').map((mail) => mail.subject)).toEqual(['您在 taobao 的店铺 588 已通过核验']);
    expect(inbox.to('new-contact@demo.test').map((mail) => mail.subject)).toEqual(['您对 taobao 店铺 588 的认领未通过核验']);
    expect(inbox.to('new-contact@demo.test')[0]!.text).toContain('No proof.');
    const records = newRows<{ channel: string; address: string; outcome: string }>('deliveries', 'channel, address, outcome').filter((row) => row.channel === 'email');
    expect(records).toEqual([
      { channel: 'email', address: 'owner@demo.test', outcome: 'sent' },
      { channel: 'email', address: 'new-contact@demo.test', outcome: 'sent' },
    ]);
  });

  it('leaves nothing at all when the causing transaction rolls back', async () => {
    await expect(
      h.runtime.store.transaction(async (tx) => {
        await notify(tx, { kind: 'complaint_decided', recipient: { userId: owner.id }, params: SAMPLES.complaint_decided }, Date.now());
        throw new Error('the decision failed');
      }),
    ).rejects.toThrow('the decision failed');
    for (const table of TABLES) expect(newRows(table), table).toEqual([]);
  });

  it('records an e-mail to a user who never verified their sign-in address as failed, and mails nothing; other channels still go', async () => {
    const data = registrationData({ locale: 'en' });
    const res = await h.app.request('/api/registrations', { method: 'POST', headers: freshIp(), body: registrationForm({ data, proofs: [{ bytes: pdfBytes() }] }) });
    expect(res.status).toBe(201);
    const user = h.db.rows<{ id: string }>('select id from users where email = ?', data.email)[0]!;
    const before = newRows('mail_outbox').length;
    const { id } = await send({ kind: 'right_verified', recipient: { userId: user.id }, params: SAMPLES.right_verified });
    expect(newRows('mail_outbox')).toHaveLength(before);
    expect(newRows<{ notice_id: string; channel: string; outcome: string | null; address: string; detail: string | null }>('deliveries', 'notice_id, channel, outcome, address, detail').filter((row) => row.notice_id === id)).toEqual([
      { notice_id: id, channel: 'in_site', outcome: 'sent', address: expect.any(String), detail: null },
      { notice_id: id, channel: 'email', outcome: 'failed_permanent', address: data.email, detail: 'the sign-in e-mail address is not verified' },
    ]);
  });

  it('an English-speaking user is written to in English', async () => {
    const data = registrationData({ locale: 'en' });
    expect((await h.app.request('/api/registrations', { method: 'POST', headers: freshIp(), body: registrationForm({ data, proofs: [{ bytes: pdfBytes() }] }) })).status).toBe(201);
    const sender = mailer();
    await sender.drain();
    // The verification mail is itself a notice, to the address, in the registrant's language.
    const [verification] = inbox.to(data.email);
    expect(verification!.subject).toBe('Confirm your e-mail address for OpenIPP');
    expect((await h.app.request('/api/auth/verify-email', jsonPost({ token: linkToken(verification!.text, 'verify-email') }))).status).toBe(200);
    const user = h.db.rows<{ id: string }>('select id from users where email = ?', data.email)[0]!;
    await send({ kind: 'right_rejected', recipient: { userId: user.id }, params: SAMPLES.right_rejected });
    await sender.drain();
    await sender.stop();
    expect(inbox.to(data.email).map((mail) => mail.subject)).toEqual(['Confirm your e-mail address for OpenIPP', 'Your right TM-1 was not verified']);
  });
});

describe('freezes', () => {
  it('a user who reports unauthorised use is told by e-mail and SMS at the contact details in force', async () => {
    await updateContacts(h.runtime.store, owner.id, { email: 'owner@demo.test', phone: '+8613800000001', postalAddress: null });
    await reportCompromise(h.runtime.store, owner.id, 'not me');
    const [notice] = newRows<{ id: string; kind: string; recipient_user_id: string }>('notices');
    expect(notice).toMatchObject({ kind: 'account_frozen', recipient_user_id: owner.id });
    expect(newRows<{ notice_id: string; channel: string }>('deliveries', 'notice_id, channel').map((row) => [row.notice_id, row.channel]).sort()).toEqual([
      [notice!.id, 'email'],
      [notice!.id, 'sms'],
    ]);
    expect(newRows<{ text: string }>('sms_outbox', 'text')[0]!.text).toContain('冻结');
  });

  it('a sign-in from a new device mails a freeze link; following it freezes the account and says so', async () => {
    const login = (userAgent: string) => h.app.request('/api/auth/login', jsonPost({ email: 'owner@demo.test', password: DEMO_PASSWORD, client: 'extension' }, { 'User-Agent': userAgent }));
    await loginBearer(h, 'owner@demo.test');
    expect((await login('Another Browser/1.0')).status).toBe(200);
    const sender = mailer();
    await sender.drain();
    await sender.stop();
    const [alert] = inbox.to('owner@demo.test').filter((mail) => mail.subject === '您的 OpenIPP 账号有新的登录');
    expect(alert!.text).toContain('Another Browser/1.0');
    await freezeByLink(h.runtime.store, linkToken(alert!.text, 'freeze'));
    expect(newRows<{ kind: string }>('notices', 'kind').map((row) => row.kind)).toEqual(['new_device_login', 'account_frozen']);
  });
});

describe('GET /api/admin/notices', () => {
  it('lists a recipient’s notices newest first with their delivery records, by user id or by e-mail', async () => {
    const first = await send({ kind: 'shop_verified', recipient: { userId: owner.id }, params: SAMPLES.shop_verified }, Date.now() - 1_000);
    const second = await send({ kind: 'complaint_decided', recipient: { userId: owner.id }, subjectId: 'C-1', params: SAMPLES.complaint_decided });
    const admin = await loginBearer(h, 'admin@demo.test');
    for (const recipient of [owner.id, 'owner@demo.test']) {
      const res = await h.app.request(`/api/admin/notices?recipient=${encodeURIComponent(recipient)}`, { headers: bearer(admin) });
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as NoticeList;
      expect(items.slice(0, 2).map((item) => item.id)).toEqual([second.id, first.id]);
      expect(items.every((item) => item.recipientUserId === owner.id)).toBe(true);
      expect(items[0]).toMatchObject({ kind: 'complaint_decided', subjectId: 'C-1', params: { complaintId: 'C-1' } });
      expect(items[0]!.deliveries.map((delivery) => [delivery.channel, delivery.outcome]).sort()).toEqual([
        ['email', null],
        ['in_site', 'sent'],
        ['sms', null],
      ]);
    }
    // An address used only by an address notice finds it too.
    await send({ kind: 'invitation', recipient: { email: 'invitee@example.test', locale: 'en', tenantId: owner.tenantId }, params: SAMPLES.invitation });
    const invited = (await (await h.app.request('/api/admin/notices?recipient=invitee%40example.test', { headers: bearer(admin) })).json()) as NoticeList;
    expect(invited.items).toEqual([expect.objectContaining({ kind: 'invitation', recipientUserId: null, params: { tenantName: 'Demo Brand Co.', inviterEmail: 'owner@demo.test' } })]);
  });

  it('does not exist (404) for anyone but an admin, and needs a session', async () => {
    for (const who of ['owner', 'reviewer', 'seller', 'monitor']) {
      const res = await h.app.request('/api/admin/notices', { headers: bearer(await loginBearer(h, `${who}@demo.test`)) });
      expect(res.status, who).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('not_found');
    }
    expect((await h.app.request('/api/admin/notices')).status).toBe(401);
  });
});
