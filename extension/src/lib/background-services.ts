import { browser } from 'wxt/browser';
import { acceptShownAgreement, declineAgreement, loadAgreement } from './agreement';
import { refreshActiveTabs, watchAlreadyReported } from './already-reported';
import { ApiError, platformStatus } from './api';
import { refreshSession, signIn, signOut } from './auth';
import { CaptureError, cancelCapture, captureTab, type CaptureMode } from './capture';
import { assertSupportedPage } from './capture-trigger';
import { watchCommands } from './commands';
import { fileComplaint, loadComplaintContext, lookupReports } from './complaints';
import { watchContextMenu } from './context-menu';
import { loadInbox, watchDownSync } from './down-sync';
import { answerInfoRequest, refreshInfoRequests, watchInfoRequests } from './info-requests';
import { LocalRefusal } from './info-response';
import { onMessage, removeAllListeners, type Result } from './messaging';
import { watchMarking } from './marking';
import { watchPageReadCorrections } from './page-read-correction';
import { makePendingDue, recoverInterrupted, removeEntry, retryEntry } from './queue';
import { getBackendUrl } from './storage';
import { createSyncer, SYNC_ALARM } from './sync';
import { watchUnsyncedCaptures } from './toolbar-badge';
import { readMessage, refreshUnreadMessages, watchUnreadMessages } from './unread-messages';

function codeOf(error: unknown): string {
  if (error instanceof CaptureError || error instanceof ApiError || error instanceof LocalRefusal) return error.code;
  return 'internal_error';
}

/** The underlying message of an unexpected failure: the browser's words behind a capture_failed, or the error itself. */
function detailOf(error: unknown): string | undefined {
  const inner = error instanceof CaptureError ? error.cause : error instanceof ApiError || error instanceof LocalRefusal ? undefined : error;
  if (inner === undefined) return undefined;
  return (inner instanceof Error ? inner.message : String(inner)).slice(0, 500);
}

async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const detail = detailOf(error);
    // The worker's console is where a developer looks first; the popup shows the translated code.
    if (detail) console.warn(`[openipp] ${codeOf(error)}: ${detail}`);
    return { ok: false, code: codeOf(error), ...(detail ? { detail } : {}) };
  }
}

/**
 * Like attempt, plus the HTTP status and the problem's errors[]: the builder
 * must tell "refused" from "no answer" (to keep or drop its Idempotency-Key)
 * and show each qualification problem the server named.
 */
async function attemptDetailed<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof LocalRefusal) return { ok: false, code: error.code, ...(error.errors ? { errors: error.errors } : {}) };
    if (!(error instanceof ApiError)) return { ok: false, code: codeOf(error) };
    return { ok: false, code: error.code, status: error.status, ...(error.errors ? { errors: error.errors } : {}) };
  }
}

/**
 * Wires messages, the alarm and start-up recovery to the services. Called once
 * per worker start; aborting `signal` unwires everything.
 */
export function startBackground(signal?: AbortSignal): Promise<void> {
  const syncer = createSyncer();
  const features = new AbortController();
  const kick = () => void syncer.run().catch(() => undefined);

  // The one capture path: the popup's button, the context menu and the shortcut (issue #7, part 8) all run it.
  const captureAndSync = (tabId?: number, mode: CaptureMode = 'visible') =>
    attempt(async () => {
      await assertSupportedPage(tabId);
      const { id, partial, visibleOnly } = await captureTab(tabId, { mode });
      kick();
      return { id, ...(partial ? { partial } : {}), ...(visibleOnly ? { visibleOnly } : {}) };
    });
  onMessage('capture', ({ data }) => captureAndSync(data.tabId, data.mode));
  // The same path with marks made on the page first (issue #7, part 3).
  watchMarking(
    (tabId, mode, page) =>
      attempt(async () => {
        await assertSupportedPage(tabId);
        const entry = await captureTab(tabId, { mode, marks: page });
        kick();
        return { id: entry.id, marks: entry.meta.marks?.length ?? 0 };
      }),
    attempt,
  );
  onMessage('cancelCapture', () => attempt(async () => (cancelCapture(), null)));
  onMessage('login', ({ data }) =>
    attempt(async () => {
      const user = await signIn(data);
      kick();
      return { user };
    }),
  );
  onMessage('logout', () => attempt(async () => (await signOut(), null)));
  onMessage('syncNow', () =>
    attempt(async () => {
      await makePendingDue();
      await syncer.run();
      return null;
    }),
  );
  onMessage('popupOpened', () =>
    attempt(async () => {
      kick();
      await refreshSession();
      // The check may have lifted an agreement hold (accepted in the console meanwhile).
      kick();
      // Not awaited: the popup shows the counts from storage as soon as they are in.
      void refreshInfoRequests(features.signal).catch(() => undefined);
      void refreshUnreadMessages(features.signal).catch(() => undefined);
      return null;
    }),
  );
  onMessage('loadAgreement', () =>
    attempt(async () => {
      const current = await loadAgreement();
      if (current.acceptedAt !== null) kick();
      return current;
    }),
  );
  onMessage('acceptAgreement', ({ data }) =>
    attempt(async () => {
      await acceptShownAgreement(data.version, data.language);
      // The held queue resumes by itself: no "sync now" needed after accepting.
      kick();
      return null;
    }),
  );
  onMessage('declineAgreement', () => attempt(async () => (await declineAgreement(), null)));
  onMessage('platformStatus', () => attempt(async () => platformStatus({ baseUrl: await getBackendUrl() })));
  onMessage('retryEntry', ({ data }) =>
    attempt(async () => {
      if (!(await retryEntry(data.id))) throw new ApiError(404, 'not_found');
      kick();
      return null;
    }),
  );
  onMessage('deleteEntry', ({ data }) =>
    attempt(async () => {
      if (!(await removeEntry(data.id))) throw new ApiError(404, 'not_found');
      return null;
    }),
  );

  onMessage('complaintContext', () => attemptDetailed(loadComplaintContext));
  onMessage('submitComplaint', ({ data }) =>
    attemptDetailed(async () => {
      const filed = await fileComplaint(data.request, data.idempotencyKey);
      // The listings just reported: the page the user is on may be one of them.
      void refreshActiveTabs();
      return filed;
    }),
  );
  onMessage('lookupListing', ({ data }) => attemptDetailed(() => lookupReports(data.url)));
  onMessage('refreshInfoRequests', () => attemptDetailed(() => refreshInfoRequests(features.signal)));
  onMessage('answerInfoRequest', ({ data }) =>
    attemptDetailed(async () => ({ complaint: await answerInfoRequest(data) })),
  );
  onMessage('readMessage', ({ data }) => attempt(async () => (await readMessage(data.id), null)));
  onMessage('loadInbox', () => attempt(() => loadInbox(features.signal)));

  watchAlreadyReported(features.signal);
  watchContextMenu(features.signal, captureAndSync);
  watchCommands(features.signal, captureAndSync);
  watchUnsyncedCaptures(features.signal);
  watchPageReadCorrections(attempt, features.signal);
  const infoRequests = watchInfoRequests(features.signal);
  const unreadMessages = watchUnreadMessages(features.signal);
  const downSync = watchDownSync(features.signal);

  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === SYNC_ALARM) kick();
  };
  browser.alarms.onAlarm.addListener(onAlarm);

  signal?.addEventListener(
    'abort',
    () => {
      syncer.dispose();
      features.abort();
      removeAllListeners();
      browser.alarms.onAlarm.removeListener(onAlarm);
    },
    { once: true },
  );

  // A fresh worker: whatever an earlier one left half-uploaded goes back in line.
  return recoverInterrupted()
    .catch(() => 0)
    .then(() => syncer.run())
    .catch(() => undefined)
    // After the queue's pass: an upload is what tells of a new agreement, and the gate comes before any question.
    .then(() => Promise.all([infoRequests.start(), unreadMessages.start(), downSync.start()]))
    .then(() => undefined);
}
