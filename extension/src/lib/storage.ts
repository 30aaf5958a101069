import { storage } from 'wxt/utils/storage';
import type { ComplaintInput, ComplaintListingOut, CreateComplaintRequest, InfoRequest, Locale, Message, User } from '@openipp/shared';

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

/**
 * Set while the signed-in user still has to accept the current user agreement
 * (issue #3, MISSION item 17): uploads pause and the popup shows the gate
 * before anything else. Found either by GET /api/me or by any call answered
 * 403 agreement_acceptance_required, including a background upload, so it is
 * persisted for the next time the popup opens.
 */
export interface AgreementHold {
  userId: string;
  /** The version /api/me named; null when only a 403 told us. */
  version: number | null;
}

export const agreementHoldItem = storage.defineItem<AgreementHold | null>('local:agreementHold', {
  fallback: null,
  version: 1,
});

/**
 * Why the user was signed out without asking for it, shown on the login screen.
 * A frozen account is usually discovered by a background sync while no popup is
 * open, so the reason must outlive the worker. Cleared by a successful login.
 */
export type SignInNoticeReason = 'account_frozen' | 'agreement_declined';
export interface SignInNotice {
  reason: SignInNoticeReason;
  /** The account it concerns, when known. */
  email: string | null;
  /** ISO time it happened. */
  at: string;
}

export const signInNoticeItem = storage.defineItem<SignInNotice | null>('local:signInNotice', {
  fallback: null,
  version: 1,
});

/** null = follow the browser's UI language. */
export const localeOverrideItem = storage.defineItem<Locale | null>('local:localeOverride', {
  fallback: null,
  version: 1,
});

/**
 * The complaint being built in the extension (issue #4), exactly as the API's
 * ComplaintInput, so what is stored is what is judged and what is sent.
 * Listings name captures by their server id (the receipt id); a capture not
 * yet uploaded is named by its local queue id until its receipt arrives (the
 * sync swaps it in, see lib/complaint-draft.ts). null: no draft yet.
 */
export const complaintDraftItem = storage.defineItem<ComplaintInput | null>('local:complaintDraft', {
  fallback: null,
  version: 1,
});

/**
 * The submission of the draft that has not had a definite answer yet: the
 * request as sent and its Idempotency-Key. A retry after a network error
 * sends the same key, so a submission whose answer was lost is never filed
 * twice. Kept apart from the draft so the draft stays a plain ComplaintInput;
 * cleared together with it once the server has answered.
 */
export interface PendingSubmission {
  idempotencyKey: string;
  request: CreateComplaintRequest;
}

export const complaintSubmissionItem = storage.defineItem<PendingSubmission | null>('local:complaintSubmission', {
  fallback: null,
  version: 1,
});

/**
 * A complaint waiting for more material from the user (issue #5, part 5):
 * the reviewer's open request and what the answer form needs of the
 * complaint (its listings, so new captures can be matched to them).
 */
export interface OpenInfoRequest {
  complaint: {
    id: string;
    reason: string | null;
    submittedAt: string | null;
    listings: Pick<ComplaintListingOut, 'id' | 'position' | 'url' | 'canonicalUrl'>[];
  };
  request: InfoRequest;
}

/**
 * What the worker last learnt about open requests, for the toolbar count, the
 * popup's notice and the requests page. Kept in storage, not in the worker's
 * memory: MV3 ends an idle worker, and the popup and page must read it
 * without waking the network. `userId` ties it to the account it was asked
 * for; another account on this browser sees nothing of it.
 */
export interface OpenInfoRequests {
  userId: string;
  /** ISO time of the last complete answer from the server. */
  checkedAt: string;
  /** Deadline first. */
  items: OpenInfoRequest[];
}

export const openInfoRequestsItem = storage.defineItem<OpenInfoRequests | null>('local:openInfoRequests', {
  fallback: null,
  version: 1,
});

/** One of the newest unread in-site messages, as the popup lists it: titles only (both languages), the body is read in the console. */
export type UnreadMessageSummary = Pick<Message, 'id' | 'kind' | 'title' | 'createdAt'>;

/**
 * What the worker last learnt about the user's in-site messages (issue #6,
 * part 4), for the toolbar count and the popup. In storage rather than the
 * worker's memory for the same reasons as openInfoRequestsItem, and tied to
 * the account it was asked for in the same way.
 */
export interface UnreadMessages {
  userId: string;
  /** ISO time of the last answer from the server. */
  checkedAt: string;
  /** The server's count of unread messages (all of them, not only those in `latest`). */
  unread: number;
  /** The newest few unread, newest first. */
  latest: UnreadMessageSummary[];
}

export const unreadMessagesItem = storage.defineItem<UnreadMessages | null>('local:unreadMessages', {
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
