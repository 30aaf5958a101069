import {
  CSRF_HEADER,
  CaptureListSchema,
  LoginResponseSchema,
  MeResponseSchema,
  type CaptureList,
  type ProblemFieldError,
  type User,
} from '@openipp/shared';
import type { z } from 'zod';

/**
 * A failed API call. `code` is the problem+json `code` (one of the shared error
 * codes) or one of the client-side codes below; the UI shows `errors:<code>`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: readonly ProblemFieldError[] = [],
    readonly requestId?: string,
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
  }
}

/** The server could not be reached at all (status 0). */
export const NETWORK_ERROR = 'network_error';
/** A response that is not a problem+json, or a 2xx body that breaks the contract. */
export const UNKNOWN_ERROR = 'unknown';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ApiClientOptions {
  /** Origin to prefix to `/api/...`; empty in the browser, where the console is same-origin. */
  baseUrl?: string;
}

export interface ApiClient {
  login(email: string, password: string): Promise<User>;
  logout(): Promise<void>;
  /** Restores a cookie session after a reload; rejects with 401 when there is none. */
  me(): Promise<User>;
  listCaptures(params?: { cursor?: string; limit?: number }): Promise<CaptureList>;
  /** Called with the error whenever any call except login answers 401. */
  onUnauthenticated(listener: (error: ApiError) => void): () => void;
}

export function captureImageUrl(id: string, size?: 'thumb'): string {
  const path = `/api/captures/${encodeURIComponent(id)}/image`;
  return size ? `${path}?size=${size}` : path;
}

export function captureOriginalUrl(id: string): string {
  return `/api/captures/${encodeURIComponent(id)}/original`;
}

function isProblemField(value: unknown): value is ProblemFieldError {
  if (value === null || typeof value !== 'object') return false;
  const field = value as Record<string, unknown>;
  return typeof field.path === 'string' && typeof field.code === 'string' && typeof field.message === 'string';
}

/**
 * Turns any non-2xx response into an ApiError. Only a problem+json body is
 * trusted for a code: a proxy's HTML error page must not be mistaken for one.
 */
export async function readProblem(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/problem+json') {
    try {
      const body = (await response.json()) as Record<string, unknown> | null;
      if (body && typeof body.code === 'string') {
        const errors = Array.isArray(body.errors) ? body.errors.filter(isProblemField) : [];
        const requestId = typeof body.requestId === 'string' ? body.requestId : undefined;
        return new ApiError(response.status, body.code, errors, requestId);
      }
    } catch {
      // A truncated or invalid body is still an error; fall through to unknown.
    }
  }
  return new ApiError(response.status, UNKNOWN_ERROR);
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  // Kept in memory only: a token in storage would outlive the cookie and be
  // readable by any script on the origin. GET /api/me recovers it after a reload.
  let csrfToken: string | undefined;
  const listeners = new Set<(error: ApiError) => void>();

  async function request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | undefined,
    body?: unknown,
    notifyUnauthenticated = true,
  ): Promise<z.infer<S>> {
    const headers = new Headers({ Accept: 'application/json, application/problem+json' });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    if (UNSAFE_METHODS.has(method) && csrfToken) headers.set(CSRF_HEADER, csrfToken);

    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR);
    }

    if (!response.ok) {
      const error = await readProblem(response);
      if (error.status === 401) {
        csrfToken = undefined;
        if (notifyUnauthenticated) for (const listener of listeners) listener(error);
      }
      throw error;
    }

    if (!schema) return undefined as z.infer<S>;
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ApiError(response.status, UNKNOWN_ERROR);
    }
    const parsed = schema.safeParse(json);
    // A body that breaks the shared contract is a server bug; refuse it rather
    // than render half-valid evidence.
    if (!parsed.success) throw new ApiError(response.status, UNKNOWN_ERROR);
    return parsed.data;
  }

  return {
    async login(email, password) {
      // A 401 here means wrong credentials, shown on the login form, not a lost session.
      const result = await request('POST', '/api/auth/login', LoginResponseSchema, { email, password, client: 'console' }, false);
      csrfToken = result.csrfToken;
      return result.user;
    },
    async logout() {
      try {
        await request('POST', '/api/auth/logout', undefined, undefined, false);
      } finally {
        csrfToken = undefined;
      }
    },
    async me() {
      const result = await request('GET', '/api/me', MeResponseSchema);
      csrfToken = result.csrfToken;
      return result.user;
    },
    async listCaptures(params = {}) {
      const query = new URLSearchParams();
      if (params.limit !== undefined) query.set('limit', String(params.limit));
      if (params.cursor !== undefined) query.set('cursor', params.cursor);
      const search = query.toString();
      return request('GET', `/api/captures${search ? `?${search}` : ''}`, CaptureListSchema);
    },
    onUnauthenticated(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
