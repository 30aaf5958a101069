import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  raw: Buffer;
}

export interface Reply {
  status: number;
  type?: string;
  body?: string;
  /** Drop the connection without answering, as a network failure would. */
  hangUp?: boolean;
}

export type Route = (request: Seen) => Reply;

export const json = (status: number, body: unknown): Reply => ({ status, type: 'application/json', body: JSON.stringify(body) });

export const problem = (status: number, code: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  type: 'application/problem+json',
  body: JSON.stringify({ type: 'about:blank', title: code, status, code, ...extra }),
});

/**
 * A real HTTP server standing in for the backend: each test installs routes
 * ("POST /api/complaints") and reads back exactly what arrived.
 */
export interface HttpDouble {
  baseUrl: string;
  routes: Record<string, Route>;
  seen: Seen[];
  last(): Seen;
  reset(): void;
  close(): Promise<void>;
}

export async function startHttpDouble(): Promise<HttpDouble> {
  const double = { routes: {} as Record<string, Route>, seen: [] as Seen[] };
  const server: Server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const request: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw.toString('utf8'), raw };
      double.seen.push(request);
      const route = double.routes[`${request.method} ${request.url.split('?')[0] ?? ''}`];
      const reply = route ? route(request) : problem(404, 'not_found');
      if (reply.hangUp) {
        res.socket?.destroy();
        return;
      }
      res.statusCode = reply.status;
      if (reply.type) res.setHeader('Content-Type', reply.type);
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get routes() {
      return double.routes;
    },
    get seen() {
      return double.seen;
    },
    last() {
      const request = double.seen.at(-1);
      if (!request) throw new Error('no request reached the server');
      return request;
    },
    reset() {
      double.routes = {};
      double.seen = [];
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Parses a multipart body that reached the server, with the platform's own parser. */
export async function formOf(request: Seen): Promise<FormData> {
  const type = request.headers['content-type'] ?? '';
  return new Request('http://local/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(request.raw) }).formData();
}
