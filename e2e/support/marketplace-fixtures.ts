import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesDir } from './paths';

/** The marketplace hosts our fixtures impersonate; Chromium resolves them to loopback. */
export const MARKETPLACE_HOSTS = ['item.taobao.com', 'www.amazon.com'] as const;

/**
 * Our own imitation listing pages served under real marketplace host names, so
 * URL recognition, duplicate detection and jurisdiction run on the URLs a user
 * really meets. Chromium maps the names to 127.0.0.1 (`hostResolverRules`), so
 * traffic never leaves loopback. amazon.com is on Chromium's HSTS preload list
 * and is forced to https, so that server speaks TLS with a certificate made
 * here and now; the browser is launched to accept it.
 */
export class MarketplaceFixtures {
  private constructor(
    private readonly http: Server,
    private readonly https: Server,
    private readonly certDir: string,
    readonly httpPort: number,
    readonly httpsPort: number,
  ) {}

  static async start(): Promise<MarketplaceFixtures> {
    const certDir = mkdtempSync(join(tmpdir(), 'openipp-cert-'));
    const key = join(certDir, 'key.pem');
    const cert = join(certDir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
        '-keyout', key, '-out', cert,
        '-subj', '/CN=www.amazon.com',
        '-addext', `subjectAltName=${MARKETPLACE_HOSTS.map((host) => `DNS:${host}`).join(',')}`,
      ],
      { stdio: 'ignore' },
    );
    const http = createHttpServer(serve);
    const https = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, serve);
    const [httpPort, httpsPort] = await Promise.all([listen(http), listen(https)]);
    return new MarketplaceFixtures(http, https, certDir, httpPort, httpsPort);
  }

  /** Chromium's `--host-resolver-rules` value that sends the marketplace hosts to loopback. */
  get hostResolverRules(): string {
    return MARKETPLACE_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ');
  }

  taobaoItem(id: string, extraQuery = ''): string {
    return `http://item.taobao.com:${this.httpPort}/item.htm?id=${id}${extraQuery}`;
  }

  amazonItem(asin: string): string {
    return `https://www.amazon.com:${this.httpsPort}/dp/${asin}`;
  }

  async close(): Promise<void> {
    await Promise.all([close(this.http), close(this.https)]);
    rmSync(this.certDir, { recursive: true, force: true });
  }
}

// Path shape → fixture page; the listing id in the URL is printed into the page.
const PAGES: readonly [RegExp, string][] = [
  [/^\/item\.htm$/u, 'taobao-item.html'],
  [/^\/dp\/[A-Z0-9]{10}$/u, 'amazon-dp.html'],
];

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fixture');
  const page = PAGES.find(([pattern]) => pattern.test(url.pathname))?.[1];
  if (page === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const id = url.searchParams.get('id') ?? url.pathname.split('/').pop() ?? '';
  const html = (await readFile(join(fixturesDir, page), 'utf8')).replaceAll('{{id}}', id.replace(/[^A-Za-z0-9]/gu, ''));
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('fixture server has no port');
  return address.port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
