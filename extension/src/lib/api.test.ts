import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackendDouble, TEST_PASSWORD, TEST_USER, tinyPng, type BackendDouble } from '@/test/backend-double';
import { acceptAgreement, ApiError, currentAgreement, login, me, parseRetryAfter, platformStatus, uploadCapture } from './api';

let backend: BackendDouble;
beforeEach(async () => {
  backend = await startBackendDouble();
});
afterEach(async () => {
  await backend.close();
});

async function errorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const meta = {
  url: 'https://item.taobao.com/item.htm?id=1',
  title: 'Item',
  capturedAt: '2026-01-02T03:04:05.000Z',
  viewport: { width: 1280, height: 720 },
  devicePixelRatio: 1,
};

describe('api client', () => {
  it('logs in as an extension client and returns the bearer token', async () => {
    const response = await login({ baseUrl: backend.url }, { email: TEST_USER.email, password: TEST_PASSWORD });
    expect(response.token).toBe('token-abc');
    expect(response.user.email).toBe(TEST_USER.email);
    expect((await me({ baseUrl: backend.url, token: response.token })).user.id).toBe(TEST_USER.id);
  });

  it('parses problem+json into status and code', async () => {
    const error = await errorOf(login({ baseUrl: backend.url }, { email: TEST_USER.email, password: 'wrong' }));
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_credentials');
  });

  it('carries Retry-After of a 429', async () => {
    backend.script('/api/auth/login', { kind: 'problem', status: 429, code: 'rate_limited', retryAfter: '7' });
    const error = await errorOf(login({ baseUrl: backend.url }, { email: TEST_USER.email, password: 'x' }));
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterMs: 7_000 });
  });

  it('names a non-JSON error page by its status', async () => {
    backend.script('/api/me', { kind: 'raw', status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' });
    const error = await errorOf(me({ baseUrl: backend.url, token: 'token-abc' }));
    expect(error).toMatchObject({ status: 502, code: 'service_unavailable' });
  });

  it('keeps an error code this build does not know, for display', async () => {
    backend.script('/api/me', { kind: 'problem', status: 409, code: 'brand_new_code' });
    expect((await errorOf(me({ baseUrl: backend.url, token: 'token-abc' }))).code).toBe('brand_new_code');
  });

  it('refuses a success body that breaks the contract', async () => {
    backend.script('/api/me', { kind: 'raw', status: 200, contentType: 'application/json', body: '{"user":1}' });
    expect((await errorOf(me({ baseUrl: backend.url, token: 'token-abc' }))).code).toBe('invalid_response');
  });

  it('reports a dropped connection and an unreachable server as network_error', async () => {
    backend.script('/api/me', { kind: 'drop' });
    expect(await errorOf(me({ baseUrl: backend.url, token: 'token-abc' }))).toMatchObject({
      status: 0,
      code: 'network_error',
    });
    const closedUrl = backend.url;
    await backend.close();
    expect((await errorOf(me({ baseUrl: closedUrl, token: 'token-abc' }))).code).toBe('network_error');
    backend = await startBackendDouble();
  });

  it('uploads meta as JSON and the PNG as capture.png with bearer and idempotency headers', async () => {
    const key = crypto.randomUUID();
    const { receipt, replayed } = await uploadCapture(
      { baseUrl: backend.url, token: 'token-abc' },
      { idempotencyKey: key, meta, png: tinyPng() },
    );
    expect(replayed).toBe(false);
    expect(backend.uploads).toHaveLength(1);
    expect(backend.uploads[0]).toMatchObject({
      idempotencyKey: key,
      authorization: 'Bearer token-abc',
      meta,
      fileName: 'capture.png',
      fileType: 'image/png',
      sha256: receipt.sha256,
    });
    const again = await uploadCapture(
      { baseUrl: backend.url, token: 'token-abc' },
      { idempotencyKey: key, meta, png: tinyPng() },
    );
    expect(again).toEqual({ receipt, replayed: true });
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('reads /api/me with pendingAgreementVersion', async () => {
    expect((await me({ baseUrl: backend.url, token: 'token-abc' })).pendingAgreementVersion).toBeNull();
    backend.state.currentAgreement = 2;
    expect((await me({ baseUrl: backend.url, token: 'token-abc' })).pendingAgreementVersion).toBe(2);
  });

  it('loads the current agreement and accepts it: 201 first, 200 for a repeat, 409 for an old version', async () => {
    backend.state.currentAgreement = 2;
    const options = { baseUrl: backend.url, token: 'token-abc' };
    const current = await currentAgreement(options);
    expect(current.agreement.version).toBe(2);
    expect(current.agreement.prevailingLanguage).toBe('zh-CN');
    const first = await acceptAgreement(options, 2, 'zh-CN');
    expect(first.alreadyAccepted).toBe(false);
    expect(first.acceptance).toMatchObject({ version: 2, language: 'zh-CN', zhSha256: current.agreement.texts['zh-CN'].sha256 });
    expect((await acceptAgreement(options, 2, 'en')).alreadyAccepted).toBe(true);
    expect(await errorOf(acceptAgreement(options, 1, 'en'))).toMatchObject({
      status: 409,
      code: 'agreement_version_not_current',
    });
  });

  it('reads the public platform status and carries Retry-After of a 503 maintenance', async () => {
    expect((await platformStatus({ baseUrl: backend.url })).maintenance.enabled).toBe(false);
    backend.state.maintenance.enabled = true;
    backend.state.maintenance.retryAfterSeconds = 90;
    expect((await platformStatus({ baseUrl: backend.url })).maintenance).toMatchObject({ enabled: true, retryAfterSeconds: 90 });
    const error = await errorOf(
      uploadCapture({ baseUrl: backend.url, token: 'token-abc' }, { idempotencyKey: crypto.randomUUID(), meta, png: tinyPng() }),
    );
    expect(error).toMatchObject({ status: 503, code: 'maintenance', retryAfterMs: 90_000 });
  });
});
