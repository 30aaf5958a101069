import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { ApiError, createApiClient, type ApiClient } from '../lib/api';
import { SIGNED_IN_USER } from './fixtures';
import { json, startHttpDouble, type HttpDouble } from './http-double';

export interface SignedInApi {
  /** The HTTP double, reset before each test: no routes, nothing seen but the login. */
  readonly server: HttpDouble;
  /** A fresh console client for each test, signed in to the double with a cookie, as the console is; its CSRF token is 'csrf-1'. */
  readonly api: ApiClient;
}

/**
 * For the tests of the calling file (or `describe` block): a real HTTP double
 * standing in for the backend, and before each test a new API client that has
 * signed in through it as SIGNED_IN_USER. Read `server` and `api` inside the
 * tests; they exist only once the hooks have run.
 */
export function signedInApi(): SignedInApi {
  let server: HttpDouble | undefined;
  let api: ApiClient | undefined;

  beforeAll(async () => {
    server = await startHttpDouble();
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    const double = started(server);
    double.reset();
    api = createApiClient({ baseUrl: double.baseUrl });
    double.routes['POST /api/auth/login'] = () => json(200, { csrfToken: 'csrf-1', expiresAt: '2026-12-01T00:00:00.000Z', user: SIGNED_IN_USER });
    await api.login('legal@lantern.example', 'Lantern-river-2026');
  });

  return {
    get server() {
      return started(server);
    },
    get api() {
      if (!api) throw new Error('the signed-in client exists only inside a test');
      return api;
    },
  };
}

function started(server: HttpDouble | undefined): HttpDouble {
  if (!server) throw new Error('the HTTP double starts before the first test');
  return server;
}

/** The ApiError a call failed with; the test fails when it succeeded or failed otherwise. */
export async function apiRejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}
