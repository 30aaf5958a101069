import { complaintNeedsAction, isStaff, SyncChangesSchema, type Message, type SyncChanges, type SyncComplaint, type SyncInfoRequest } from '@openipp/shared';
import { watchAccountPoll } from './account-poll';
import { ApiError, NETWORK_STATUS, toApiError, type ApiClientOptions } from './api';
import { applyChanges, forgetUsersExcept, readRecords, readSyncState } from './down-sync-store';
import { openRequestOf } from './info-requests';
import { agreementHoldItem, getActiveSession, openInfoRequestsItem, unreadMessagesItem, type OpenInfoRequest } from './storage';
import { paintGlobalBadge } from './toolbar-badge';
import { summariseMessages } from './unread-messages';
import { withSession } from './with-session';

/**
 * Down-sync, the worker's side (issue #7, part 7): keeps a copy of the user's
 * complaints, requests for material and messages in IndexedDB by pulling
 * GET /api/sync/changes from the stored cursor, so the inbox page reads them
 * with the server out of reach.
 *
 * When it pulls: on an alarm every 5 minutes while signed in, after a sign-in,
 * and whenever the inbox page opens. The toolbar counts keep their own polls
 * (lib/info-requests.ts, every 15 minutes; lib/unread-messages.ts), and the
 * badge shows what needs action (issue #7, part 7): so when a complete pull
 * brings a change that may add to or take from those counts, the counts are
 * taken from the copy just pulled, which is the server's word as of now just
 * as a poll's answer is, and the badge never lags behind the inbox page.
 */

export const DOWN_SYNC_ALARM = 'openipp-down-sync';
export const DOWN_SYNC_PERIOD_MINUTES = 5;
/** Pages per pull; a first pull of a large account finishes over the next alarms rather than in one long wake. */
const MAX_PAGES = 20;
const TIMEOUT_MS = 15_000;

/** What the inbox page shows: the stored copy, newest first, and how current it is. */
export interface InboxSnapshot {
  userId: string;
  /** ISO time the copy was last brought fully up to date; null when no pull has finished yet. */
  syncedAt: string | null;
  complaints: SyncComplaint[];
  infoRequests: SyncInfoRequest[];
  messages: Message[];
}

export interface InboxView {
  snapshot: InboxSnapshot | null;
  /** Why there is no copy: signed out, or a staff account (which has no feed). */
  unavailable: 'signed_out' | 'staff' | null;
  /** This read could not reach the server: the copy is as of `syncedAt`. */
  offline: boolean;
}

/** GET /api/sync/changes; api.ts's conventions (no cookies, a timeout, problem+json codes). */
export async function fetchSyncChanges({ baseUrl, token }: ApiClientOptions, cursor: string | null): Promise<SyncChanges> {
  const params = new URLSearchParams();
  if (cursor !== null) params.set('cursor', cursor);
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/sync/changes?${params.toString()}`, {
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), Accept: 'application/json' },
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(NETWORK_STATUS, 'network_error');
  }
  if (!response.ok) throw await toApiError(response);
  const parsed = SyncChangesSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(response.status, 'invalid_response');
  return parsed.data;
}

let inflight: Promise<InboxSnapshot | null> | undefined;

/**
 * Pulls from the stored cursor until the feed has no more, page by page, each
 * stored with its cursor as it arrives. Concurrent callers share one pull.
 * Signed out: forgets every copy. Staff have no feed (the server answers 404),
 * so nothing is asked. While the agreement gate is up nothing is asked either.
 */
export function refreshDownSync(signal?: AbortSignal): Promise<InboxSnapshot | null> {
  inflight ??= (async () => {
    const session = await getActiveSession();
    if (!session) {
      if (!signal?.aborted) await forgetUsersExcept(null);
      return null;
    }
    if (isStaff(session.user.role)) return null;
    if ((await agreementHoldItem.getValue())?.userId === session.user.id) {
      throw new ApiError(403, 'agreement_acceptance_required');
    }
    const userId = session.user.id;
    // Another account's copy never outlives a change of account.
    await forgetUsersExcept(userId);
    let news: ActionNews = { requests: false, messages: false };
    let complete = false;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const cursor = (await readSyncState(userId))?.cursor ?? null;
      const changes = await withSession((client) => fetchSyncChanges(client, cursor));
      // Unloaded meanwhile, or another account signed in: this page is nobody's now.
      if (signal?.aborted || (await getActiveSession())?.user.id !== userId) return null;
      await applyChanges(userId, changes, changes.hasMore ? null : new Date().toISOString());
      news = mergeNews(news, actionNews(changes));
      complete = !changes.hasMore;
      if (complete) break;
    }
    const inbox = await readInbox(userId);
    // A copy still missing pages would under-count: the next pull, or the polls, bring the counts then.
    if (complete && !signal?.aborted) await countFromCopy(inbox, news);
    return inbox;
  })().finally(() => {
    inflight = undefined;
  });
  return inflight;
}

/** Which toolbar counts a page of changes may have moved. */
export interface ActionNews {
  /** Open requests for material: a request asked, answered or expired, or a complaint that moved (into or out of needs_info). */
  requests: boolean;
  /** Unread messages: a message arrived or was read elsewhere. */
  messages: boolean;
}

export function actionNews(changes: Pick<SyncChanges, 'complaints' | 'infoRequests' | 'messages'>): ActionNews {
  return { requests: changes.infoRequests.length > 0 || changes.complaints.length > 0, messages: changes.messages.length > 0 };
}

const mergeNews = (a: ActionNews, b: ActionNews): ActionNews => ({ requests: a.requests || b.requests, messages: a.messages || b.messages });

/** What the requests poll would store, from the copy: each complaint waiting for material with its open request, deadline first. */
export function openRequestsOf(inbox: Pick<InboxSnapshot, 'complaints' | 'infoRequests'>): OpenInfoRequest[] {
  const open: OpenInfoRequest[] = [];
  for (const complaint of inbox.complaints) {
    if (!complaintNeedsAction(complaint)) continue;
    const found = openRequestOf(inbox.infoRequests.filter((request) => request.complaintId === complaint.id));
    if (!found) continue;
    const { complaintId: _complaint, ...request } = found as SyncInfoRequest;
    open.push({
      complaint: {
        id: complaint.id,
        reason: complaint.reason,
        submittedAt: complaint.submittedAt,
        listings: complaint.listings.map(({ id, position, url, canonicalUrl }) => ({ id, position, url, canonicalUrl: canonicalUrl ?? url })),
      },
      request,
    });
  }
  return open.sort((a, b) => Date.parse(a.request.deadline) - Date.parse(b.request.deadline));
}

/**
 * Stores the counts `news` may have moved as the complete copy shows them,
 * in the polls' own items (lib/info-requests.ts, lib/unread-messages.ts), and
 * repaints the badge. Nothing asked of the server: the copy is as fresh as
 * any poll's answer.
 */
async function countFromCopy(inbox: InboxSnapshot, news: ActionNews): Promise<void> {
  if (!news.requests && !news.messages) return;
  const checkedAt = new Date().toISOString();
  if (news.requests) await openInfoRequestsItem.setValue({ userId: inbox.userId, checkedAt, items: openRequestsOf(inbox) });
  if (news.messages) {
    const unread = inbox.messages.filter((message) => message.readAt === null).length;
    await unreadMessagesItem.setValue(summariseMessages({ items: inbox.messages, unread }, inbox.userId, checkedAt));
  }
  await paintGlobalBadge();
}

const newestFirst = (a: string, b: string) => Date.parse(b) - Date.parse(a);

/** The stored copy of `userId`, in the order the page lists it: what needs action first, then newest first. */
export async function readInbox(userId: string): Promise<InboxSnapshot> {
  const [state, records] = await Promise.all([readSyncState(userId), readRecords(userId)]);
  return {
    userId,
    syncedAt: state?.syncedAt ?? null,
    complaints: records.complaints.sort(
      (a, b) => Number(complaintNeedsAction(b)) - Number(complaintNeedsAction(a)) || newestFirst(a.updatedAt, b.updatedAt),
    ),
    infoRequests: records.infoRequests.sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || newestFirst(a.requestedAt, b.requestedAt)),
    messages: records.messages.sort((a, b) => newestFirst(a.createdAt, b.createdAt)),
  };
}

/** A request still waiting for the user's answer. */
export function isOpen(request: Pick<SyncInfoRequest, 'response' | 'expiredAt'>): boolean {
  return request.response === null && request.expiredAt === null;
}

/**
 * What the inbox page asks for: a pull, then the copy. When the server cannot
 * be reached (or refuses for a reason the page cannot fix here) the stored
 * copy is served as it is, marked offline. Signed out: nothing.
 */
export async function loadInbox(signal?: AbortSignal): Promise<InboxView> {
  const session = await getActiveSession();
  if (!session) return { snapshot: null, unavailable: 'signed_out', offline: false };
  if (isStaff(session.user.role)) return { snapshot: null, unavailable: 'staff', offline: false };
  try {
    const snapshot = await refreshDownSync(signal);
    if (snapshot) return { snapshot, unavailable: null, offline: false };
  } catch (error) {
    // A revoked token or frozen account signs the user out (with-session.ts): then there is nothing to show.
    if (!(await getActiveSession())) return { snapshot: null, unavailable: 'signed_out', offline: false };
    if (!(error instanceof ApiError)) throw error;
  }
  return { snapshot: await readInbox(session.user.id), unavailable: null, offline: true };
}

/** Wires the alarm, sign-in and sign-out (lib/account-poll.ts); aborting `signal` unwires them. */
export function watchDownSync(signal: AbortSignal): { start: () => Promise<void> } {
  return watchAccountPoll(signal, {
    alarm: DOWN_SYNC_ALARM,
    periodMinutes: DOWN_SYNC_PERIOD_MINUTES,
    refresh: refreshDownSync,
    remembered: async () => {
      const session = await getActiveSession();
      const state = session ? await readSyncState(session.user.id) : undefined;
      return state?.syncedAt ? { userId: state.userId, checkedAt: state.syncedAt } : null;
    },
    forget: async () => forgetUsersExcept((await getActiveSession())?.user.id ?? null),
    // The badge's counts come from their own polls: nothing of this copy is painted.
    paint: async () => undefined,
  });
}
