import type { User } from '@openipp/shared';
import { ApiError, login, logout, me } from './api';
import { applyAccountProblem, holdForAcceptance, noteFrozenLogin, releaseHold } from './account-state';
import { parkForSignIn, requeueAuthRequired } from './queue';
import {
  agreementHoldItem,
  getActiveSession,
  getBackendUrl,
  sessionItem,
  signInNoticeItem,
  type AuthSession,
  type SignInNoticeReason,
} from './storage';

/** Logs in as an extension client (bearer token) and releases this user's parked uploads. */
export async function signIn(credentials: { email: string; password: string }): Promise<User> {
  let response;
  try {
    response = await login({ baseUrl: await getBackendUrl() }, credentials);
  } catch (error) {
    // A wrong password stays invalid_credentials; only the right one reveals the freeze.
    if (error instanceof ApiError && error.code === 'account_frozen') await noteFrozenLogin(credentials.email);
    throw error;
  }
  const session: AuthSession = { token: response.token, expiresAt: response.expiresAt, user: response.user };
  await sessionItem.setValue(session);
  await signInNoticeItem.setValue(null);
  await requeueAuthRequired(response.user.id);
  // "At the next login … the user must accept the current version before doing anything else":
  // learn it now, so the popup opens on the gate and no upload is tried in vain.
  await checkSession(session);
  return response.user;
}

/**
 * Revokes the token on the server when it can be reached. Locally the session
 * is dropped regardless: signing out must work while offline. `reason` leaves
 * a notice on the login screen (declining the agreement).
 */
export async function signOut(reason?: SignInNoticeReason): Promise<void> {
  const session = await sessionItem.getValue();
  await sessionItem.setValue(null);
  await agreementHoldItem.setValue(null);
  if (reason) {
    await signInNoticeItem.setValue({ reason, email: session?.user.email ?? null, at: new Date().toISOString() });
  }
  if (!session) return;
  // Waiting evidence now needs its owner to sign in again; it is kept, never dropped.
  await parkForSignIn(session.user.id, 'unauthenticated');
  try {
    await logout({ baseUrl: await getBackendUrl(), token: session.token });
  } catch {
    // Unreachable or already-expired token: nothing left to revoke that we can act on.
  }
}

/**
 * Confirms the stored session with the server: a revoked token signs the popup
 * out instead of failing later at upload time, a frozen account shows its
 * notice, a renamed tenant shows up, and a newly published agreement puts up
 * the gate. Offline, the stored session is kept as it is.
 */
export async function refreshSession(): Promise<void> {
  const session = await getActiveSession();
  if (session) await checkSession(session);
}

async function checkSession(session: AuthSession): Promise<void> {
  let answer;
  try {
    answer = await me({ baseUrl: await getBackendUrl(), token: session.token });
  } catch (error) {
    await applyAccountProblem(error, session);
    return;
  }
  // A newer login replaced this session meanwhile: its own check decides.
  if ((await sessionItem.getValue())?.token !== session.token) return;
  await sessionItem.setValue({ ...session, user: answer.user });
  if (answer.pendingAgreementVersion !== null) {
    await holdForAcceptance(answer.user.id, answer.pendingAgreementVersion);
  } else if ((await agreementHoldItem.getValue())?.userId === answer.user.id) {
    // Accepted elsewhere (e.g. in the console) since the hold was set.
    await releaseHold(answer.user.id);
  }
}
