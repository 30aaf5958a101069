import { ApiError } from './api';
import { holdForAgreement, parkForSignIn, releaseAgreementHold } from './queue';
import { agreementHoldItem, sessionItem, signInNoticeItem, type AuthSession } from './storage';

/**
 * Answers that speak about the account as a whole rather than about one
 * request. The popup and the background sync both route their errors through
 * here, so a frozen account or a new agreement version is handled the same way
 * whoever finds it first (issue #3).
 */
export type AccountProblem = 'account_frozen' | 'signed_out' | 'agreement_required';

export async function applyAccountProblem(error: unknown, session: AuthSession): Promise<AccountProblem | undefined> {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 401 && error.code === 'account_frozen') {
    await freezeLocally(session);
    return 'account_frozen';
  }
  if (error.status === 401) {
    await dropSession(session);
    return 'signed_out';
  }
  if (error.status === 403 && error.code === 'agreement_acceptance_required') {
    await holdForAcceptance(session.user.id, null);
    return 'agreement_required';
  }
  return undefined;
}

/** Forgets the token, unless a new login already replaced it. */
async function dropSession(session: AuthSession): Promise<void> {
  if ((await sessionItem.getValue())?.token === session.token) await sessionItem.setValue(null);
}

/**
 * The server froze the account after a report of unauthorised use and voided
 * every token. Locally: forget the token, keep the evidence for the owner's
 * next login, and leave a notice the popup shows even if it was closed when
 * a background upload found out.
 */
export async function freezeLocally(session: AuthSession): Promise<void> {
  await dropSession(session);
  await signInNoticeItem.setValue({ reason: 'account_frozen', email: session.user.email, at: new Date().toISOString() });
  await clearHoldOf(session.user.id);
  await parkForSignIn(session.user.id, 'account_frozen');
}

/** A login refused because the account is frozen: same notice, nothing else to undo. */
export async function noteFrozenLogin(email: string): Promise<void> {
  await signInNoticeItem.setValue({ reason: 'account_frozen', email, at: new Date().toISOString() });
}

/** Uploads pause and the popup shows the gate until `userId` accepts the current agreement. */
export async function holdForAcceptance(userId: string, version: number | null): Promise<void> {
  const previous = await agreementHoldItem.getValue();
  // A bare 403 does not name the version; keep the one /api/me told us, if any.
  const known = previous?.userId === userId ? previous.version : null;
  await agreementHoldItem.setValue({ userId, version: version ?? known });
  await holdForAgreement(userId);
}

/** The agreement is accepted (here or in the console): held uploads are due again. Returns how many. */
export async function releaseHold(userId: string, now: number = Date.now()): Promise<number> {
  await clearHoldOf(userId);
  return releaseAgreementHold(userId, now);
}

async function clearHoldOf(userId: string): Promise<void> {
  if ((await agreementHoldItem.getValue())?.userId === userId) await agreementHoldItem.setValue(null);
}
