import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../env';
import { createLogger } from '../../lib/logger';
import { HttpSmsProvider } from './provider';
import { createSmsProvider } from './sender';

interface Received {
  method: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: unknown;
}

/** A real HTTP gateway on loopback that answers with whatever status the test sets next. */
let server: Server;
let url: string;
const received: Received[] = [];
const replies: Array<{ status: number; body: string }> = [];

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((text) => {
      received.push({ method: req.method ?? '', contentType: req.headers['content-type'], authorization: req.headers.authorization, body: JSON.parse(text) });
      const reply = replies.shift() ?? { status: 200, body: '{"id":"gw-1"}' };
      res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
  replies.length = 0;
});

describe('HttpSmsProvider', () => {
  it('POSTs {to, text} as JSON with the bearer token, and takes the gateway id', async () => {
    replies.push({ status: 202, body: '{"id":"abc-42"}' });
    const result = await new HttpSmsProvider(url, 's3cret').send('+8613800000000', '通知 notice');
    expect(result).toEqual({ ok: true, id: 'abc-42' });
    expect(received).toEqual([{ method: 'POST', contentType: 'application/json', authorization: 'Bearer s3cret', body: { to: '+8613800000000', text: '通知 notice' } }]);
  });

  it('sends no Authorization header without a token', async () => {
    await new HttpSmsProvider(url).send('+1555', 'x');
    expect(received[0]!.authorization).toBeUndefined();
  });

  it('5xx and 429 are temporary; any other 4xx is permanent', async () => {
    const provider = new HttpSmsProvider(url);
    replies.push({ status: 500, body: 'down' }, { status: 429, body: '' }, { status: 400, body: '{"error":"bad number"}' }, { status: 404, body: '' });
    expect(await provider.send('+1', 'a')).toEqual({ ok: false, permanent: false, detail: 'HTTP 500: down' });
    expect(await provider.send('+1', 'a')).toEqual({ ok: false, permanent: false, detail: 'HTTP 429' });
    expect(await provider.send('+1', 'a')).toEqual({ ok: false, permanent: true, detail: 'HTTP 400: {"error":"bad number"}' });
    expect(await provider.send('+1', 'a')).toMatchObject({ ok: false, permanent: true });
    expect(received).toHaveLength(4);
  });

  it('a refused connection is temporary', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await new HttpSmsProvider(`http://127.0.0.1:${port}/sms`).send('+1', 'a');
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.detail).toMatch(/ECONNREFUSED|fetch failed/);
  });
});

describe('SMS configuration', () => {
  it('defaults to the log provider; http needs a URL', () => {
    expect(parseEnv({}, '/x').sms).toEqual({ provider: 'log', httpUrl: undefined, httpToken: undefined });
    expect(parseEnv({ SMS_PROVIDER: 'http', SMS_HTTP_URL: 'https://sms.example/send', SMS_HTTP_TOKEN: 't' }, '/x').sms).toEqual({
      provider: 'http',
      httpUrl: 'https://sms.example/send',
      httpToken: 't',
    });
    expect(() => parseEnv({ SMS_PROVIDER: 'http' }, '/x')).toThrow(/SMS_HTTP_URL/);
    expect(() => parseEnv({ SMS_PROVIDER: 'carrier-pigeon' }, '/x')).toThrow();
    expect(() => parseEnv({ SMS_PROVIDER: 'http', SMS_HTTP_URL: 'ftp://sms.example' }, '/x')).toThrow();
  });

  it('builds the provider the configuration names', async () => {
    const logger = createLogger({ logLevel: 'silent' });
    expect(createSmsProvider({ sms: { provider: 'http', httpUrl: url, httpToken: undefined } }, logger)).toBeInstanceOf(HttpSmsProvider);
    const log = createSmsProvider({ sms: { provider: 'log', httpUrl: undefined, httpToken: undefined } }, logger);
    expect(await log.send('+1', 'hello')).toMatchObject({ ok: true, id: expect.stringMatching(/^log-/) });
    expect(received).toHaveLength(0);
  });
});
