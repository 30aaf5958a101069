import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * A real SMTP server on loopback that the backend's nodemailer delivers to, so
 * tests read the links out of the mail a user would receive.
 */
export class MailCatcher {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly mails: CaughtMail[],
  ) {}

  static async start(): Promise<MailCatcher> {
    const mails: CaughtMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
            mails.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '' });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.server.address();
    if (!address || typeof address !== 'object') throw new Error('mail catcher has no port');
    return new MailCatcher(server, address.port, mails);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits for a mail to this address whose text matches, and returns it. */
  async waitFor(to: string, match: RegExp = /./, timeoutMs = 30_000): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const mail = this.mails.find((m) => m.to.includes(to) && match.test(m.text));
      if (mail) return mail;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no mail to ${to} matching ${match} within ${timeoutMs} ms; got: ${this.mails.map((m) => `${m.to}: ${m.subject}`).join(' | ')}`);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The first http(s) link in a mail's text that contains the given fragment. */
export function linkIn(mail: CaughtMail, fragment: string): string {
  const link = (mail.text.match(/https?:\/\/\S+/g) ?? []).find((url) => url.includes(fragment));
  if (!link) throw new Error(`no link containing ${fragment} in:\n${mail.text}`);
  return link;
}
