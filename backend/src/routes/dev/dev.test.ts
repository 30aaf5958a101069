import type { DevMailbox } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../lib/crypto';
import { startSmtpCapture, type SmtpCapture } from '../../lib/smtp-capture';
import { createHarness, jsonPost, type Harness } from '../../testing/harness';
import { pdfBytes, postRegistration, registrationData, registrationForm } from '../../testing/registration';

describe('demo mailbox', () => {
  let h: Harness;
  let smtp: SmtpCapture;
  beforeAll(async () => {
    // Wired as the demo wires it: the capture server stores what it receives through the store.
    let store: Harness['runtime']['store'] | undefined;
    smtp = await startSmtpCapture({
      port: 0,
      onMail: (mail) => store!.transaction((tx) => tx.insertDevMail({ id: uuidv7(mail.receivedAt), to: mail.to, subject: mail.subject, text: mail.text, receivedAt: mail.receivedAt })),
    });
    h = await createHarness({ trustProxy: true, demoMailbox: true, mail: { smtpUrl: smtp.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 } });
    store = h.runtime.store;
  });
  afterAll(async () => {
    await h.close();
    await smtp.close();
  });

  it('shows captured mail newest first, publicly, so a registrant can open the link', async () => {
    const first = registrationData({ locale: 'zh-CN' });
    const second = registrationData();
    for (const data of [first, second]) {
      expect((await postRegistration(h, registrationForm({ data, proofs: [{ bytes: pdfBytes() }] }))).status).toBe(201);
      await h.mailer.drain();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const res = await h.app.request('/api/dev/mailbox');
    expect(res.status).toBe(200);
    const box = (await res.json()) as DevMailbox;
    expect(box.items.map((item) => item.to)).toEqual([second.email, first.email]);
    expect(box.items[1]!.subject).toBe('请确认您在 OpenIPP 注册的电子邮件地址');
    const token = /verify-email\?token=([\w-]+)/.exec(box.items[0]!.text)![1]!;
    expect((await h.app.request('/api/auth/verify-email', jsonPost({ token }))).status).toBe(200);
  });

  it('is absent (404) unless DEMO_MAILBOX is on', async () => {
    const plain = await createHarness({}, { seed: false });
    try {
      const res = await plain.app.request('/api/dev/mailbox');
      expect(res.status).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('not_found');
    } finally {
      await plain.close();
    }
  });
});
