import type { User } from '@openipp/shared';
import { ApiError, login, logout, me } from './api';
import { requeueAuthRequired } from './queue';
import { getActiveSession, getBackendUrl, sessionItem } from './storage';

/** Logs in as an extension client (bearer token) and releases this user's parked uploads. */
export async function signIn(credentials: { email: string; password: string }): Promise<User> {
  const response = await login({ baseUrl: await getBackendUrl() }, credentials);
  await sessionItem.setValue({ token: response.token, expiresAt: response.expiresAt, user: response.user });
  await requeueAuthRequired(response.user.id);
  return response.user;
}

/**
 * Revokes the token on the server when it can be reached. Locally the session
 * is dropped regardless: signing out must work while offline.
 */
export async function signOut(): Promise<void> {
  const session = await sessionItem.getValue();
  await sessionItem.setValue(null);
  if (!session) return;
  try {
    await logout({ baseUrl: await getBackendUrl(), token: session.token });
  } catch {
    // Unreachable or already-expired token: nothing left to revoke that we can act on.
  }
}

/**
 * Confirms the stored session with the server: a revoked token signs the popup
 * out instead of failing later at upload time, and a renamed tenant shows up.
 * Offline, the stored session is kept as it is.
 */
export async function refreshSession(): Promise<void> {
  const session = await getActiveSession();
  if (!session) return;
  try {
    const { user } = await me({ baseUrl: await getBackendUrl(), token: session.token });
    if ((await sessionItem.getValue())?.token === session.token) await sessionItem.setValue({ ...session, user });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && (await sessionItem.getValue())?.token === session.token) {
      await sessionItem.setValue(null);
    }
  }
}
