/** A real SMTP server on loopback for tests: the backend's nodemailer delivers here. */
import { startSmtpCapture, type CapturedMail } from '../lib/smtp-capture';

export interface Inbox {
  url: string;
  port: number;
  mails: CapturedMail[];
  /** Mails to `to` (exact envelope recipient). */
  to(address: string): CapturedMail[];
  close(): Promise<void>;
}

export async function startInbox(): Promise<Inbox> {
  const mails: CapturedMail[] = [];
  const server = await startSmtpCapture({ port: 0, onMail: (mail) => void mails.push(mail) });
  return {
    url: server.url,
    port: server.port,
    mails,
    to: (address) => mails.filter((mail) => mail.to === address),
    close: () => server.close(),
  };
}

/** The token of the first console link in a mail body (`#/<page>?token=…`). */
export function linkToken(text: string, page: string): string {
  const match = new RegExp(`#/${page}\\?token=([A-Za-z0-9_%-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${page} link in:\n${text}`);
  return decodeURIComponent(match[1]);
}
