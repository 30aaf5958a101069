/**
 * A real SMTP server on loopback that parses what it receives: the demo's
 * mail catcher and the tests' inbox. It offers neither AUTH nor STARTTLS,
 * so it is only for loopback use.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  /** Envelope recipients, comma-separated. */
  to: string;
  subject: string;
  text: string;
  receivedAt: number;
  messageId: string | undefined;
}

export interface SmtpCapture {
  port: number;
  /** For SMTP_URL. */
  url: string;
  close(): Promise<void>;
}

export interface SmtpCaptureOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** When the port is taken, fall back to a free one instead of failing. */
  fallbackToFreePort?: boolean;
  onMail(mail: CapturedMail): void | Promise<void>;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

function listen(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(port, host, () => {
      server.server.off('error', onError);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

export async function startSmtpCapture(options: SmtpCaptureOptions): Promise<SmtpCapture> {
  const host = options.host ?? '127.0.0.1';
  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: MAX_MESSAGE_BYTES,
      onData(stream, session, callback) {
        const to = session.envelope.rcptTo.map((recipient) => recipient.address).join(', ');
        simpleParser(stream)
          .then((parsed) =>
            options.onMail({
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              receivedAt: Date.now(),
              messageId: parsed.messageId,
            }),
          )
          .then(
            () => callback(),
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
      },
    });
  let server = create();
  let port: number;
  try {
    port = await listen(server, options.port, host);
  } catch (error) {
    if (!options.fallbackToFreePort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    server = create();
    port = await listen(server, 0, host);
  }
  const running = server;
  return {
    port,
    url: `smtp://${host}:${port}`,
    close: () => new Promise<void>((resolve) => running.close(() => resolve())),
  };
}
