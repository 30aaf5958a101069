import { browser } from 'wxt/browser';
import { CaptureReceiptSchema, LIMITS, type CaptureMeta, type CaptureReceipt } from '@openipp/shared';
import { ApiError, NETWORK_STATUS, toApiError, uploadCapture, type ApiClientOptions } from './api';
import { applyAccountProblem } from './account-state';
import { backoffDelay } from './backoff';
import { adoptReceiptInDraft } from './complaint-draft';
import {
  claimNextDue,
  deferPending,
  getArtefact,
  getUploadBytes,
  markAgreementRequired,
  markAuthRequired,
  markFailed,
  markPartlyUploaded,
  markRetry,
  markSynced,
  nextWakeAt,
  type QueueEntry,
} from './queue';
import { agreementHoldItem, getActiveSession, getBackendUrl } from './storage';

/**
 * MV3 kills an idle service worker after ~30 s, taking its timers with it. The
 * alarm (Chrome's minimum period is 30 s) wakes a fresh worker to carry on.
 */
export const SYNC_ALARM = 'openipp-sync';
export const SYNC_ALARM_PERIOD_MINUTES = 0.5;

/**
 * Uploads in flight at once. Each waits mostly on the network and the server,
 * so a few side by side drain a long queue several times faster; more would
 * only crowd a slow uplink and the server's per-user write limit.
 */
export const UPLOAD_CONCURRENCY = 3;

/** Retrying may help: the server was unreachable, overloaded or throttling us. */
export function isRetryable(error: ApiError): boolean {
  return error.status === NETWORK_STATUS || error.status === 429 || error.status >= 500;
}

/** An MHTML archive of up to 50 MB over a slow uplink. */
const ARTEFACT_TIMEOUT_MS = 300_000;

/**
 * Declared artefacts up to this many bytes in all go inside the capture's own
 * upload: a listing's screenshot and page archive are then stored and
 * receipted by one request (and one server transaction) instead of two. The
 * rest follow one PUT each, so a dropped connection costs at most this much
 * again, and a 50 MB archive never rides along.
 */
export const INLINE_ARTEFACTS_MAX_BYTES = 4 * 1024 * 1024;
/** Room left in the server's body cap for the meta and the multipart framing. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

/**
 * The artefacts to send inline, in declared order, while they fit `budget`
 * and the server's body cap beside the screenshot. The screenshot's own hash
 * (a first tile that is the screenshot) travels as the screenshot.
 */
export function pickInlineArtefacts(
  meta: CaptureMeta,
  screenshot: { sha256: string | undefined; bytes: number },
  held: ReadonlyMap<string, ArrayBuffer>,
  budget: number,
): [string, ArrayBuffer][] {
  const room = Math.min(budget, LIMITS.captureBodyMaxBytes - FORM_OVERHEAD_BYTES - screenshot.bytes);
  const picked: [string, ArrayBuffer][] = [];
  let used = 0;
  for (const { sha256 } of meta.artefacts ?? []) {
    const bytes = held.get(sha256);
    if (!bytes || sha256 === screenshot.sha256 || picked.some(([taken]) => taken === sha256)) continue;
    if (used + bytes.byteLength > room) break;
    picked.push([sha256, bytes]);
    used += bytes.byteLength;
  }
  return picked;
}

/**
 * PUT /api/captures/{id}/artefacts/{sha256}: one declared artefact, by its
 * hash. The server answers with the capture's receipt as it now stands.
 */
export async function uploadArtefact(
  { baseUrl, token }: ApiClientOptions,
  { captureId, sha256, bytes }: { captureId: string; sha256: string; bytes: ArrayBuffer },
): Promise<CaptureReceipt> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/captures/${encodeURIComponent(captureId)}/artefacts/${sha256}`, {
      method: 'PUT',
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: bytes,
      credentials: 'omit',
      signal: AbortSignal.timeout(ARTEFACT_TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(NETWORK_STATUS, 'network_error');
  }
  if (!response.ok) throw await toApiError(response);
  const parsed = CaptureReceiptSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(response.status, 'invalid_response');
  return parsed.data;
}

/** Still waiting for artefacts: only an explicit `incomplete` says so (older servers receipt at once). */
const isIncomplete = (receipt: CaptureReceipt | undefined): boolean => receipt?.state === 'incomplete';

export interface SyncerOptions {
  now?: () => number;
  random?: () => number;
  /** Bytes of declared artefacts sent inside the capture's upload (default INLINE_ARTEFACTS_MAX_BYTES; 0 sends each by PUT). */
  inlineArtefactBytes?: number;
}

export interface Syncer {
  /** Uploads every due entry, up to UPLOAD_CONCURRENCY at once, then schedules the next wake-up. */
  run(): Promise<void>;
  dispose(): void;
}

export function createSyncer({ now = Date.now, random = Math.random, inlineArtefactBytes = INLINE_ARTEFACTS_MAX_BYTES }: SyncerOptions = {}): Syncer {
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  /**
   * `entry` is already claimed ('uploading', by claimNextDue): every way out
   * below settles it. Resolves true when the entry ended receipted.
   */
  async function uploadOne(entry: QueueEntry): Promise<boolean> {
    // Three independent reads of extension storage, side by side: each is a round trip to the browser.
    const [session, hold, baseUrl] = await Promise.all([getActiveSession(now()), agreementHoldItem.getValue(), getBackendUrl()]);
    if (!session) {
      await markAuthRequired(entry.id, 'unauthenticated');
      return false;
    }
    // Evidence is filed under the account that captured it, never another.
    if (entry.ownerId !== null && entry.ownerId !== session.user.id) {
      await markAuthRequired(entry.id, 'other_user');
      return false;
    }
    // Uploads pause while the agreement gate is up: the server would refuse each one anyway.
    if (hold?.userId === session.user.id) {
      await markAgreementRequired(entry.id);
      return false;
    }
    const api = { baseUrl, token: session.token };
    let receiptId: string;
    try {
      // A capture the server already took (an earlier attempt) resumes with what it still lacks.
      let receipt: CaptureReceipt;
      if (entry.receipt && isIncomplete(entry.receipt)) {
        receipt = entry.receipt;
      } else {
        // The screenshot and every artefact still held, in one read.
        const { png, artefacts } = await getUploadBytes(entry);
        if (!png) {
          await markFailed(entry.id, 'missing_file');
          return false;
        }
        const inline = pickInlineArtefacts(entry.meta, { sha256: entry.sha256, bytes: png.byteLength }, artefacts, inlineArtefactBytes);
        ({ receipt } = await uploadCapture(api, { idempotencyKey: entry.id, meta: entry.meta, png, artefacts: inline }));
      }
      // Then each artefact the server still lacks, one at a time, each recorded as soon as it is in:
      // a retry after any failure sends only what is still missing. A capture whose artefacts all
      // went inline is receipted already and skips this.
      const sent = new Set<string>();
      while (isIncomplete(receipt)) {
        await markPartlyUploaded(entry.id, receipt);
        const sha256 = receipt.missing?.find((hash) => !sent.has(hash));
        const bytes = sha256 === undefined ? undefined : await getArtefact(entry.id, sha256);
        if (sha256 === undefined || !bytes) {
          // The server waits for bytes this entry does not hold (or names nothing): no retry can help.
          await markFailed(entry.id, sha256 === undefined ? 'invalid_response' : 'missing_file');
          return false;
        }
        sent.add(sha256);
        receipt = await uploadArtefact(api, { captureId: receipt.id, sha256, bytes });
      }
      await markSynced(entry.id, receipt);
      receiptId = receipt.id;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(NETWORK_STATUS, 'network_error');
      // Settle this entry first; the account-level reaction then parks or holds the rest of the queue.
      if (apiError.status === 403 && apiError.code === 'agreement_acceptance_required') {
        await markAgreementRequired(entry.id);
      } else if (apiError.status === 401) {
        await markAuthRequired(entry.id, apiError.code);
      } else if (isRetryable(apiError)) {
        const delay = backoffDelay(entry.attempts + 1, random, apiError.retryAfterMs);
        await markRetry(entry.id, apiError.code, now() + delay);
        // Maintenance stops every write, not just this one: the whole queue waits out the Retry-After.
        if (apiError.code === 'maintenance') await deferPending(now() + delay);
      } else {
        // Final: hash_mismatch among them. The entry stays, failed with its reason, its bytes kept for a retry or an export.
        await markFailed(entry.id, apiError.code);
      }
      await applyAccountProblem(apiError, session);
      return false;
    }
    // A complaint draft may name this capture by its queue id; from now on it goes by the server's (issue #4).
    await adoptReceiptInDraft(entry.id, receiptId).catch(() => undefined);
    return true;
  }

  async function schedule(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const wake = disposed ? undefined : await nextWakeAt();
    if (wake === undefined) {
      await browser.alarms.clear(SYNC_ALARM);
      return;
    }
    timer = setTimeout(() => void run(), Math.max(0, wake - now()));
    // Re-creating an alarm restarts its period, so only create it when missing.
    if (!(await browser.alarms.get(SYNC_ALARM))) {
      await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_ALARM_PERIOD_MINUTES });
    }
  }

  async function pass(): Promise<void> {
    // Entries tried in this pass: one that failed and is due again at once waits for the next pass.
    const tried = new Set<string>();
    /** Claims and uploads the next due entry: undefined when none is due, else whether it was receipted. */
    const next = async (): Promise<boolean | undefined> => {
      if (disposed) return undefined;
      // Claimed in the same transaction that finds it, so no two lanes (nor another context) take one entry.
      const entry = await claimNextDue(now(), tried);
      if (!entry) return undefined;
      tried.add(entry.id);
      try {
        return await uploadOne(entry);
      } catch (error) {
        // Something local broke (storage, say): the claim must not outlive it, or the entry would wait
        // for the next worker. A no-op if the entry was settled before the throw.
        await markRetry(entry.id, 'network_error', now() + backoffDelay(entry.attempts + 1, random)).catch(() => undefined);
        throw error;
      }
    };
    const lane = async (): Promise<void> => {
      let outcome = await next();
      while (outcome !== undefined) outcome = await next();
    };
    // The first upload goes alone: a server that is down, in maintenance or refusing the account is
    // knocked on once, not once per lane. Only after it took one do the others join in.
    const first = await next();
    if (first !== undefined) {
      // Every lane ends before the pass does, so a failing one cannot leave uploads running behind `run()`.
      const outcomes = await Promise.allSettled(Array.from({ length: first ? UPLOAD_CONCURRENCY : 1 }, lane));
      const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failure) throw failure.reason;
    }
    await schedule();
  }

  function run(): Promise<void> {
    if (running) {
      // Something new became due while a pass runs: do one more pass after it.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && !disposed);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  function dispose(): void {
    disposed = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  return { run, dispose };
}
