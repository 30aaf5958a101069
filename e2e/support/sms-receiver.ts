import { createServer, type Server } from 'node:http';

export interface ReceivedSms {
  to: string;
  text: string;
  authorization: string | undefined;
}

/**
 * A real HTTP SMS gateway on loopback: the backend's HTTP provider POSTs
 * `{to, text}` to it, and tests read what arrived.
 */
export class SmsReceiver {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly messages: ReceivedSms[],
  ) {}

  static async start(): Promise<SmsReceiver> {
    const messages: ReceivedSms[] = [];
    let next = 1;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string };
          messages.push({ to: body.to, text: body.text, authorization: req.headers.authorization });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sms-${next++}` }));
        } catch {
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address !== 'object') throw new Error('SMS receiver has no port');
    return new SmsReceiver(server, address.port, messages);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/sms`;
  }

  /** Waits for an SMS to this number whose text matches, and returns it. */
  async waitFor(to: string, match: RegExp = /./u, timeoutMs = 30_000): Promise<ReceivedSms> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.messages.find((sms) => sms.to === to && match.test(sms.text));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no SMS to ${to} matching ${match} within ${timeoutMs} ms; got: ${this.messages.map((sms) => `${sms.to}: ${sms.text}`).join(' | ')}`);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
