import type { CurrentAgreementResponse, Locale } from '@openipp/shared';
import { acceptAgreement, ApiError, currentAgreement } from './api';
import { applyAccountProblem, holdForAcceptance, releaseHold } from './account-state';
import { signOut } from './auth';
import { getActiveSession, getBackendUrl, type AuthSession } from './storage';

/**
 * The agreement gate's three actions, run in the worker (issue #3, MISSION
 * items 17–18). The server enforces the gate on every route; this keeps the
 * extension's own state (held uploads, the popup's gate) in step with it.
 */

async function requireSession(): Promise<AuthSession> {
  const session = await getActiveSession();
  if (!session) throw new ApiError(401, 'unauthenticated');
  return session;
}

/** Runs one call, letting account-level answers (frozen, signed out) update local state first. */
async function withAccount<T>(session: AuthSession, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    await applyAccountProblem(error, session);
    throw error;
  }
}

/** The current version with both texts. Already accepted (e.g. in the console): the hold lifts. */
export async function loadAgreement(): Promise<CurrentAgreementResponse> {
  const session = await requireSession();
  const baseUrl = await getBackendUrl();
  const current = await withAccount(session, () => currentAgreement({ baseUrl, token: session.token }));
  if (current.acceptedAt !== null) await releaseHold(session.user.id);
  else await holdForAcceptance(session.user.id, current.agreement.version);
  return current;
}

/**
 * Accepts `version` as shown in `language`. A version that stopped being
 * current meanwhile answers 409 agreement_version_not_current; the popup then
 * loads and shows the new one, so nobody accepts a text they did not see.
 */
export async function acceptShownAgreement(version: number, language: Locale): Promise<void> {
  const session = await requireSession();
  const baseUrl = await getBackendUrl();
  await withAccount(session, () => acceptAgreement({ baseUrl, token: session.token }, version, language));
  await releaseHold(session.user.id);
}

/** "A user who does not agree must stop using the platform": sign out, here and on the server. */
export function declineAgreement(): Promise<void> {
  return signOut('agreement_declined');
}
