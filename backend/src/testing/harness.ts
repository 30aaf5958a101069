/** Shared test harness: a real app over a freshly migrated temp database and blob directory. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CSRF_HEADER, IDEMPOTENCY_HEADER, type CaptureMeta } from '@openipp/shared';
import sharp from 'sharp';
import { createApp, openRuntime } from '../app';
import { defaultConfig, type AppConfig } from '../env';
import { createLogger } from '../lib/logger';
import { acceptAgreement } from '../services/agreements';
import { createMailer, type Mailer } from '../services/mail';
import { DEMO_PASSWORD, seedDemo } from '../services/seed';
import { databaseFile } from '../store';
import { inspectDatabase } from '../store/inspect';

export interface Harness {
  app: ReturnType<typeof createApp>;
  config: AppConfig;
  runtime: ReturnType<typeof openRuntime>;
  db: ReturnType<typeof inspectDatabase>;
  dataDir: string;
  /** Not started: tests drain it explicitly. */
  mailer: Mailer;
  close(): Promise<void>;
}

export async function createHarness(
  overrides: Partial<Omit<AppConfig, 'dataDir'>> = {},
  options: {
    seed?: boolean;
    consoleDir?: string;
    /**
     * Have every seeded user accept the agreement in force (default true), so
     * tests about other features start past the gate. Gate tests pass false.
     */
    acceptAgreement?: boolean;
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'openipp-test-'));
  const config = defaultConfig({ dataDir, ...overrides });
  const runtime = openRuntime(config);
  if (options.seed ?? true) {
    await seedDemo(runtime.store, 'test', { blobs: runtime.blobs });
    if (options.acceptAgreement ?? true) await acceptCurrentAgreementForAll(runtime.store);
  }
  const mailer = createMailer({ store: runtime.store, config, logger: createLogger(config) });
  const app = createApp({ config, ...runtime, mailer, ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}) });
  const db = inspectDatabase(databaseFile(dataDir));
  return {
    app,
    config,
    runtime,
    db,
    dataDir,
    mailer,
    async close() {
      await mailer.stop();
      db.close();
      await runtime.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Through the same service the accept route uses, so the records are real acceptances. */
export async function acceptCurrentAgreementForAll(store: ReturnType<typeof openRuntime>['store']): Promise<void> {
  const current = await store.currentAgreement();
  if (!current) return;
  for (const { user, tenant } of await store.listUsers({})) {
    await acceptAgreement(store, { userId: user.id, tenantId: tenant.id, version: current.version, language: 'zh-CN', ip: null, userAgent: 'test-harness' });
  }
}

export function jsonPost(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export async function loginBearer(h: Harness, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await h.app.request('/api/auth/login', jsonPost({ email, password, client: 'extension' }));
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface CookieSession {
  cookie: string;
  csrfToken: string;
}

export async function loginCookie(h: Harness, email: string): Promise<CookieSession> {
  const res = await h.app.request('/api/auth/login', jsonPost({ email, password: DEMO_PASSWORD, client: 'console' }));
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0]!, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function pngBytes(width = 640, height = 480, color = '#2a6fdb'): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer());
}

export async function jpegBytes(width = 640, height = 480, color = '#db6f2a'): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: color } }).jpeg().toBuffer());
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sampleMeta(overrides: Partial<CaptureMeta> = {}): CaptureMeta {
  return {
    url: 'https://item.taobao.com/item.htm?id=42',
    title: 'Counterfeit sneakers',
    capturedAt: '2026-01-02T03:04:05.678+08:00',
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 2,
    ...overrides,
  };
}

export interface UploadParts {
  meta?: unknown;
  /** Raw meta text, for malformed JSON. */
  metaText?: string;
  file?: { bytes: Uint8Array<ArrayBuffer>; name?: string; type?: string } | null;
  extra?: Array<[string, string | Blob]>;
}

export function uploadForm(parts: UploadParts): FormData {
  const form = new FormData();
  if (parts.metaText !== undefined) form.append('meta', parts.metaText);
  else if (parts.meta !== undefined) form.append('meta', JSON.stringify(parts.meta));
  if (parts.file) {
    form.append('screenshot', new Blob([parts.file.bytes], { type: parts.file.type ?? 'image/png' }), parts.file.name ?? 'capture.png');
  }
  for (const [name, value] of parts.extra ?? []) form.append(name, value);
  return form;
}

export function upload(h: Harness, auth: Record<string, string>, key: string | undefined, parts: UploadParts) {
  const headers: Record<string, string> = { ...auth };
  if (key !== undefined) headers[IDEMPOTENCY_HEADER] = key;
  return h.app.request('/api/captures', { method: 'POST', headers, body: uploadForm(parts) });
}

export function cookieHeaders(session: CookieSession, withCsrf = true): Record<string, string> {
  return { Cookie: session.cookie, ...(withCsrf ? { [CSRF_HEADER]: session.csrfToken } : {}) };
}

export function blobPath(dataDir: string, sha: string): string {
  return path.join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
}

export function fileSha256(file: string): string {
  return sha256(readFileSync(file));
}
