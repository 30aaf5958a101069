import { storage } from 'wxt/utils/storage';
import { PageReadCorrectionSchema, type PageReadCorrection } from '@openipp/shared';
import { ApiError, NETWORK_STATUS, toApiError, type ApiClientOptions } from './api';
import { onMessage, type Result } from './messaging';
import { getEntry, onQueueChange } from './queue';
import { getActiveSession } from './storage';
import { withSession } from './with-session';

/**
 * The user's correction of what was read from the page (issue #7, part 4).
 * Sync starts at the capture, so the correction usually comes after the
 * upload: it is sent on its own (PUT …/page-read-correction), an audited
 * annotation beside the read that never touches the signed manifest. A
 * correction made before the receipt waits here, per queue entry, and goes
 * out once the entry has one: the queue's change broadcast tells us when.
 */

export interface StoredCorrection {
  correction: PageReadCorrection;
  /** The user who made it; only sent under that user's account, as the capture itself. */
  ownerId: string;
  /** False until the server has it. */
  sent: boolean;
}

/** By queue entry id. Kept after sending, so the popup shows the correction the server holds. */
export const pageReadCorrectionsItem = storage.defineItem<Record<string, StoredCorrection>>('local:pageReadCorrections', {
  fallback: {},
  version: 1,
});

/** Codes that will never succeed on a retry: the correction is dropped rather than sent forever. */
const FINAL_CODES = new Set(['not_found', 'validation_failed', 'forbidden', 'malformed_json']);

async function putCorrection({ baseUrl, token }: ApiClientOptions, captureId: string, correction: PageReadCorrection): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/captures/${encodeURIComponent(captureId)}/page-read-correction`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token ?? ''}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(correction),
      signal: AbortSignal.timeout(15_000),
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(NETWORK_STATUS, 'network_error');
  }
  if (!response.ok) throw await toApiError(response);
}

/** Updates one stored correction without losing another saved meanwhile. */
async function update(entryId: string, change: (current: StoredCorrection | undefined) => StoredCorrection | undefined): Promise<void> {
  const all = { ...(await pageReadCorrectionsItem.getValue()) };
  const next = change(all[entryId]);
  if (next) all[entryId] = next;
  else delete all[entryId];
  await pageReadCorrectionsItem.setValue(all);
}

let flushing: Promise<void> | undefined;

/** Sends every unsent correction whose capture is receipted, under its owner's session. Never throws. */
export function flushPageReadCorrections(): Promise<void> {
  flushing ??= (async () => {
    const session = await getActiveSession();
    if (!session) return;
    for (const [entryId, stored] of Object.entries(await pageReadCorrectionsItem.getValue())) {
      if (stored.sent || stored.ownerId !== session.user.id) continue;
      const entry = await getEntry(entryId);
      if (!entry) {
        await update(entryId, () => undefined);
        continue;
      }
      const captureId = entry.receipt?.id;
      if (!captureId) continue;
      try {
        await withSession((client) => putCorrection(client, captureId, stored.correction));
        await update(entryId, (current) => (current && JSON.stringify(current.correction) === JSON.stringify(stored.correction) ? { ...current, sent: true } : current));
      } catch (error) {
        if (error instanceof ApiError && FINAL_CODES.has(error.code)) await update(entryId, () => undefined);
        // Anything else (offline, signed out, throttled) waits for the next queue change or popup.
      }
    }
  })().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

/** Keeps the correction for the queue entry and sends it now if the capture is receipted. */
export async function correctPageRead(entryId: string, correction: PageReadCorrection): Promise<StoredCorrection> {
  const parsed = PageReadCorrectionSchema.safeParse(correction);
  if (!parsed.success) throw new ApiError(400, 'validation_failed');
  const session = await getActiveSession();
  if (!session) throw new ApiError(401, 'unauthenticated');
  const entry = await getEntry(entryId);
  if (!entry || entry.ownerId !== session.user.id) throw new ApiError(404, 'not_found');
  await update(entryId, () => ({ correction: parsed.data, ownerId: session.user.id, sent: false }));
  await flushPageReadCorrections();
  return (await pageReadCorrectionsItem.getValue())[entryId] ?? { correction: parsed.data, ownerId: session.user.id, sent: false };
}

/** Wires the popup's message and sends waiting corrections as receipts arrive; removed with the worker's other listeners. */
export function watchPageReadCorrections(attempt: <T>(work: () => Promise<T>) => Promise<Result<T>>, signal: AbortSignal): void {
  onMessage('correctPageRead', ({ data }) => attempt(async () => ({ sent: (await correctPageRead(data.entryId, data.correction)).sent })));
  onQueueChange(() => void flushPageReadCorrections(), signal);
  // A receipt that arrived just before the worker was stopped left its correction waiting: each start picks it up.
  void flushPageReadCorrections();
}
