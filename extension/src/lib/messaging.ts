import { defineExtensionMessaging } from '@webext-core/messaging';
import type {
  Complaint,
  ComplaintContext,
  CreateComplaintRequest,
  CurrentAgreementResponse,
  InfoResponseData,
  ListingLookup,
  Locale,
  PageReadCorrection,
  PlatformStatus,
  ProblemFieldError,
  User,
} from '@openipp/shared';
import type { MarkedPage } from './marks';
import type { OpenInfoRequests } from './storage';
import type { InboxView } from './down-sync';

/**
 * Failures cross the message boundary as a code, because an Error thrown in the
 * worker reaches the popup as an untyped string. `status` is the HTTP status
 * (0: no answer at all) when the server was asked; `errors` its field problems.
 */
export type Result<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      code: string;
      status?: number;
      errors?: ProblemFieldError[];
      /** What the browser or the code below said, for diagnosis (tests, the worker's log); never UI text. */
      detail?: string;
    };

interface ProtocolMap {
  /** tabId: the tab the popup was opened over; omitted = active tab of the last-focused window. */
  /**
   * mode 'full': the whole page, scrolled and stitched (default 'visible'). partial: the page was taller
   * than one image holds and only its top savedHeight device px were kept; visibleOnly: the page forbids
   * scripts, so the visible area was taken instead.
   */
  capture(data: { tabId?: number; mode?: 'visible' | 'full' }): Result<{
    id: string;
    partial?: { savedHeight: number; pageHeight: number };
    visibleOnly?: boolean;
  }>;
  /** Stops a running full-page capture before its next frame; the page gets its scroll position back. */
  cancelCapture(): Result<null>;
  /** The user's correction of what was read from a queued capture's page; sent now if receipted, else after the receipt. */
  correctPageRead(data: { entryId: string; correction: PageReadCorrection }): Result<{ sent: boolean }>;
  /** Opens the marking overlay on the tab (issue #7 part 3); the capture follows the user's Done there. */
  startMarking(data: { tabId?: number; mode?: 'visible' | 'full' }): Result<null>;
  /** From the overlay: capture its tab, with these marks placed on the screenshot; `marks`: how many were kept. */
  captureMarked(data: { mode: 'visible' | 'full'; page: MarkedPage }): Result<{ id: string; marks: number }>;
  login(data: { email: string; password: string }): Result<{ user: User }>;
  logout(): Result<null>;
  /** Skip backoff waits and upload every pending entry now. */
  syncNow(): Result<null>;
  /** The popup opened: a good moment to try the queue again. */
  popupOpened(): Result<null>;
  retryEntry(data: { id: string }): Result<null>;
  deleteEntry(data: { id: string }): Result<null>;
  /** The current agreement for the gate; lifts the gate if it was already accepted. */
  loadAgreement(): Result<CurrentAgreementResponse>;
  /** language: the text the user was looking at when they accepted. */
  acceptAgreement(data: { version: number; language: Locale }): Result<null>;
  /** Signs out here and on the server. */
  declineAgreement(): Result<null>;
  /** GET /api/status, for the maintenance banner. */
  platformStatus(): Result<PlatformStatus>;
  /** GET /api/complaints/context, for the complaint builder's live verdict. */
  complaintContext(): Result<ComplaintContext>;
  /** POST /api/complaints with the caller's Idempotency-Key (the builder keeps it for retries). */
  submitComplaint(data: { request: CreateComplaintRequest; idempotencyKey: string }): Result<{
    complaint: Complaint;
    replayed: boolean;
  }>;
  /** GET /api/complaints/lookup: is this listing already in one of our open complaints? */
  lookupListing(data: { url: string }): Result<ListingLookup>;
  /** Asks the server which complaints wait for more material (issue #5); the answer is also stored. */
  refreshInfoRequests(): Result<OpenInfoRequests | null>;
  /**
   * POST /api/complaints/{id}/info-response. Documents travel as ids of what
   * the page staged in IndexedDB (lib/attachments.ts): messages carry JSON only.
   */
  answerInfoRequest(data: { complaintId: string; data: InfoResponseData; attachmentIds: string[] }): Result<{ complaint: Complaint }>;
  /** POST /api/messages/{id}/read (issue #6), then the unread count and list afresh in storage. */
  readMessage(data: { id: string }): Result<null>;
  /** The down-synced complaints, requests and messages (issue #7, part 7): pulled afresh when the server answers, else the stored copy. */
  loadInbox(): Result<InboxView>;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
