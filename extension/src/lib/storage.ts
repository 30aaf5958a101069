import { storage } from 'wxt/utils/storage';
import type { Locale, User } from '@openipp/shared';

/**
 * Every extension setting, declared once. `local:` because these must survive
 * browser restarts and be readable by both the popup and the service worker.
 */

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

export const backendUrlItem = storage.defineItem<string>('local:backendUrl', {
  fallback: DEFAULT_BACKEND_URL,
  version: 1,
});

export interface AuthSession {
  /** Bearer token; the backend keeps only its SHA-256. */
  token: string;
  /** ISO time after which the backend refuses the token. */
  expiresAt: string;
  user: User;
}

export const sessionItem = storage.defineItem<AuthSession | null>('local:session', {
  fallback: null,
  version: 1,
});

/** null = follow the browser's UI language. */
export const localeOverrideItem = storage.defineItem<Locale | null>('local:localeOverride', {
  fallback: null,
  version: 1,
});

/** The stored session, unless it has already expired (then it is cleared). */
export async function getActiveSession(now: number = Date.now()): Promise<AuthSession | null> {
  const session = await sessionItem.getValue();
  if (!session) return null;
  if (Date.parse(session.expiresAt) <= now) {
    await sessionItem.setValue(null);
    return null;
  }
  return session;
}

/** Base URL without a trailing slash, so paths can be appended verbatim. */
export async function getBackendUrl(): Promise<string> {
  return normaliseBackendUrl(await backendUrlItem.getValue()) ?? DEFAULT_BACKEND_URL;
}

/** Returns the canonical form of an http(s) base URL, or undefined if it is not one. */
export function normaliseBackendUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
