import { InfoResponseDataSchema, isStaff, LIMITS, type Complaint, type InfoRequest } from '@openipp/shared';
import { watchAccountPoll } from './account-poll';
import { ApiError, getComplaint, listComplaints, listInfoRequests, postInfoResponse, type ApiClientOptions } from './api';
import { discardStaged, readStaged } from './attachments';
import { checkDocuments, LocalRefusal, type AnswerMessage } from './info-response';
import {
  agreementHoldItem,
  getActiveSession,
  localeOverrideItem,
  openInfoRequestsItem,
  type OpenInfoRequest,
  type OpenInfoRequests,
} from './storage';
import { paintGlobalBadge } from './toolbar-badge';
import { withSession } from './with-session';

/**
 * Requests for supplementary material, the worker's side (issue #5, part 5):
 * it learns which of the user's complaints wait for more material, keeps the
 * answer in storage for the popup, the requests page and the toolbar count,
 * and sends the user's answers.
 *
 * When it asks: when the popup opens, when the requests page asks, after a
 * sign-in, and on an alarm every 15 minutes while signed in. A reviewer's
 * deadline is days away, so a quarter of an hour is timely enough, and the
 * alarm survives the worker being ended (MV3 ends it after ~30 s idle).
 */

export const INFO_REQUESTS_ALARM = 'openipp-info-requests';
export const INFO_REQUESTS_PERIOD_MINUTES = 15;
/** GET /api/complaints pages asked per refresh: far more waiting complaints than anyone answers at once. */
const MAX_PAGES = 5;

/** The request a complaint waits on: the newest neither answered nor expired. */
export function openRequestOf(requests: readonly InfoRequest[]): InfoRequest | undefined {
  return [...requests]
    .sort((a, b) => Date.parse(b.requestedAt) - Date.parse(a.requestedAt))
    .find((request) => request.response === null && request.expiredAt === null);
}

/** A complaint gone or moved on between the list and the detail: not waiting any more, not an error. */
async function unlessGone<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

async function fetchOpen(client: ApiClientOptions): Promise<OpenInfoRequest[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const list = await listComplaints(client, { state: 'needs_info', limit: LIMITS.listPageMax, ...(cursor ? { cursor } : {}) });
    ids.push(...list.items.filter((item) => item.state === 'needs_info').map((item) => item.id));
    cursor = list.nextCursor;
    if (!cursor) break;
  }
  const open: OpenInfoRequest[] = [];
  // One complaint after another: a handful is the usual count, and the server is not worth a burst.
  for (const id of ids) {
    const requests = await unlessGone(listInfoRequests(client, id));
    const request = requests && openRequestOf(requests);
    if (!request) continue;
    const complaint = await unlessGone(getComplaint(client, id));
    if (!complaint || complaint.state !== 'needs_info') continue;
    open.push({ complaint: summarise(complaint), request });
  }
  return open.sort((a, b) => Date.parse(a.request.deadline) - Date.parse(b.request.deadline));
}

function summarise(complaint: Complaint): OpenInfoRequest['complaint'] {
  return {
    id: complaint.id,
    reason: complaint.reason,
    submittedAt: complaint.submittedAt,
    listings: complaint.listings.map(({ id, position, url, canonicalUrl }) => ({ id, position, url, canonicalUrl })),
  };
}

let inflight: Promise<OpenInfoRequests | null> | undefined;

/**
 * Asks the server and stores the answer; concurrent callers share one round.
 * Signed out: forgets what was stored. While the agreement gate is up the
 * server refuses everything but the gate, so nothing is asked.
 */
export function refreshInfoRequests(signal?: AbortSignal): Promise<OpenInfoRequests | null> {
  inflight ??= (async () => {
    const session = await getActiveSession();
    if (!session) {
      if (!signal?.aborted) await forgetAll();
      return null;
    }
    if ((await agreementHoldItem.getValue())?.userId === session.user.id) {
      throw new ApiError(403, 'agreement_acceptance_required');
    }
    // Staff read every tenant's complaints, but only a complainant answers a request: nothing to count.
    const items = isStaff(session.user.role) ? [] : await withSession((client) => fetchOpen(client));
    // Unloaded meanwhile, or another account signed in: this answer is nobody's now.
    if (signal?.aborted || (await getActiveSession())?.user.id !== session.user.id) return null;
    const known: OpenInfoRequests = { userId: session.user.id, checkedAt: new Date().toISOString(), items };
    await openInfoRequestsItem.setValue(known);
    await paintGlobalBadge();
    return known;
  })().finally(() => {
    inflight = undefined;
  });
  return inflight;
}

async function forgetAll(): Promise<void> {
  await openInfoRequestsItem.setValue(null);
  await paintGlobalBadge();
}

/** The complaint no longer waits (answered here): off the list and the count at once, without another round trip. */
export async function forgetInfoRequest(complaintId: string): Promise<void> {
  const known = await openInfoRequestsItem.getValue();
  if (known) await openInfoRequestsItem.setValue({ ...known, items: known.items.filter((item) => item.complaint.id !== complaintId) });
  await paintGlobalBadge();
}

/**
 * POST /api/complaints/{id}/info-response with the staged documents, checked
 * again here: the worker is the last stop before the network, and the page
 * that staged them is not trusted to have checked. The staged bytes are
 * deleted whatever happens. 409 invalid_transition: the complaint no longer
 * waits (answered elsewhere, or closed at its deadline), so the list is asked
 * again and the stale request disappears.
 */
export async function answerInfoRequest(message: AnswerMessage): Promise<Complaint> {
  try {
    const parsed = InfoResponseDataSchema.safeParse(message.data);
    if (!parsed.success) throw new LocalRefusal('validation_failed');
    const staged = await readStaged(message.attachmentIds);
    if (staged.some((document) => document === undefined)) throw new LocalRefusal('missing_file');
    const documents = checkDocuments(staged.map((document) => document!));
    try {
      const complaint = await withSession((client) => postInfoResponse(client, message.complaintId, parsed.data, documents));
      await forgetInfoRequest(message.complaintId);
      return complaint;
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'invalid_transition' || error.status === 404)) {
        void refreshInfoRequests().catch(() => undefined);
      }
      throw error;
    }
  } finally {
    await discardStaged(message.attachmentIds).catch(() => undefined);
  }
}

/**
 * Wires the alarm, sign-in and sign-out (lib/account-poll.ts), and the
 * language, in which the badge title is worded; aborting `signal` unwires them.
 */
export function watchInfoRequests(signal: AbortSignal): { start: () => Promise<void> } {
  const unwatchLocale = localeOverrideItem.watch(() => void paintGlobalBadge());
  signal.addEventListener('abort', () => unwatchLocale(), { once: true });
  return watchAccountPoll(signal, {
    alarm: INFO_REQUESTS_ALARM,
    periodMinutes: INFO_REQUESTS_PERIOD_MINUTES,
    refresh: refreshInfoRequests,
    remembered: () => openInfoRequestsItem.getValue(),
    forget: forgetAll,
    paint: paintGlobalBadge,
  });
}
