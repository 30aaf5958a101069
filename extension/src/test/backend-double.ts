import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CaptureReceipt, User } from '@openipp/shared';

/**
 * A real HTTP server speaking the backend's wire contract, with scripted
 * answers, so the client code runs its real fetch/FormData path in tests.
 */

export type Scripted =
  | { kind: 'default' }
  | { kind: 'problem'; status: number; code: string; retryAfter?: string }
  | { kind: 'drop' }
  | { kind: 'raw'; status: number; contentType: string; body: string };

export interface RecordedUpload {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  meta: unknown;
  fileName: string | undefined;
  fileType: string | undefined;
  sha256: string;
}

export const TEST_USER: User = {
  id: 'user-1',
  email: 'monitor@demo.test',
  displayName: 'Monitor',
  role: 'monitor',
  locale: 'en',
  tenant: { id: 'tenant-1', name: 'Demo Brand Co.', kind: 'rights_holder' },
};

export const TEST_PASSWORD = 'demo-password-1';

export interface BackendDouble {
  url: string;
  uploads: RecordedUpload[];
  /** Answers for the next requests to `path`, consumed in order; then the default behaviour. */
  script(path: string, ...answers: Scripted[]): void;
  requests: { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function problem(res: ServerResponse, status: number, code: string, retryAfter?: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/problem+json',
    ...(retryAfter ? { 'Retry-After': retryAfter } : {}),
  });
  res.end(JSON.stringify({ type: 'about:blank', title: code, status, code, requestId: 'req-1' }));
}

export async function startBackendDouble(): Promise<BackendDouble> {
  const scripts = new Map<string, Scripted[]>();
  const uploads: RecordedUpload[] = [];
  const requests: BackendDouble['requests'] = [];
  const receipts = new Map<string, CaptureReceipt>();
  const validToken = 'token-abc';
  let nextId = 1;

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const authorization = req.headers.authorization;
      requests.push({ method: req.method ?? '', path, authorization });
      const body = await readBody(req);
      const scripted = scripts.get(path)?.shift() ?? { kind: 'default' };

      if (path === '/api/captures' && req.method === 'POST') {
        // Record what arrived even when the answer is scripted: retries must carry the same key.
        const form = await new Request('http://x', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: new Uint8Array(body),
        }).formData();
        const file = form.get('screenshot');
        const bytes = file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
        uploads.push({
          idempotencyKey: req.headers['idempotency-key'] as string | undefined,
          authorization,
          meta: JSON.parse(String(form.get('meta'))),
          fileName: file instanceof File ? file.name : undefined,
          fileType: file instanceof Blob ? file.type : undefined,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
      }

      switch (scripted.kind) {
        case 'drop':
          req.socket.destroy();
          return;
        case 'problem':
          problem(res, scripted.status, scripted.code, scripted.retryAfter);
          return;
        case 'raw':
          res.writeHead(scripted.status, { 'Content-Type': scripted.contentType });
          res.end(scripted.body);
          return;
        case 'default':
          break;
      }

      if (path === '/api/auth/login' && req.method === 'POST') {
        const credentials = JSON.parse(body.toString()) as { email: string; password: string; client?: string };
        if (credentials.email !== TEST_USER.email || credentials.password !== TEST_PASSWORD) {
          problem(res, 401, 'invalid_credentials');
          return;
        }
        json(res, 200, { token: validToken, expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: TEST_USER });
        return;
      }
      if (authorization !== `Bearer ${validToken}`) {
        problem(res, 401, 'unauthenticated');
        return;
      }
      if (path === '/api/auth/logout') {
        res.writeHead(204).end();
        return;
      }
      if (path === '/api/me') {
        json(res, 200, { user: TEST_USER });
        return;
      }
      if (path === '/api/captures' && req.method === 'POST') {
        const upload = uploads.at(-1)!;
        const key = upload.idempotencyKey ?? '';
        const known = receipts.get(key);
        if (known) {
          json(res, 200, known);
          return;
        }
        const receipt = { id: `cap-${nextId++}`, sha256: upload.sha256, receivedAt: new Date().toISOString() };
        receipts.set(key, receipt);
        json(res, 201, receipt);
        return;
      }
      problem(res, 404, 'not_found');
    })().catch(() => res.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    uploads,
    requests,
    script(path, ...answers) {
      scripts.set(path, [...(scripts.get(path) ?? []), ...answers]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A real 2×1 PNG (IHDR width 2, height 1). */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGP4z8AAQv8BD/kD/YURmXYAAAAASUVORK5CYII=';

export function tinyPng(): ArrayBuffer {
  const bytes = Buffer.from(TINY_PNG_BASE64, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
