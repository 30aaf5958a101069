import { NOTICE_RETRY_POLICY } from '@openipp/shared';
import type { AppConfig } from '../../env';
import { randomToken } from '../../lib/crypto';
import type { Logger } from '../../lib/logger';
import type { SmsRow, Store } from '../../store';
import { contactsAt } from '../contacts';
import { recordSmsAttempt, retryAt, type AttemptOutcome } from '../deliveries';
import { drainLoop } from '../drain-loop';
import { HttpSmsProvider, LogSmsProvider, type SmsProvider, type SmsResult } from './provider';

/** How long a claim holds; far above one provider call with its timeout. */
const LEASE_MS = 2 * 60 * 1000;
const BATCH = 20;
const POLL_MS = 5_000;

export interface SmsSender {
  /** Sends every due SMS now; resolves with how many were sent. */
  drain(now?: number): Promise<number>;
  /** Asks the running loop to drain soon (after a commit that queued SMS); a no-op when not started. */
  kick(): void;
  /** Starts the background loop (server processes only). */
  start(): void;
  stop(): Promise<void>;
}

export interface SmsSenderOptions {
  store: Store;
  provider: SmsProvider;
  logger: Logger;
  /** Attempts before an SMS that keeps failing temporarily is given up (default: the shared notice retry policy's). */
  maxAttempts?: number;
}

export function createSmsProvider(config: Pick<AppConfig, 'sms'>, logger: Logger): SmsProvider {
  const { provider, httpUrl, httpToken } = config.sms;
  // The environment refuses 'http' without a URL; this only guards hand-built configs.
  if (provider === 'http') {
    if (!httpUrl) throw new Error('SMS_PROVIDER=http needs SMS_HTTP_URL');
    return new HttpSmsProvider(httpUrl, httpToken);
  }
  return new LogSmsProvider(logger);
}

/**
 * The SMS outbox sender, the mail sender's twin: a batch is claimed under a
 * lease in one write transaction, sent outside it, and each outcome — on the
 * outbox row and on the delivery record — is written only by the lease holder.
 */
export function createSmsSender({ store, provider, logger, maxAttempts = NOTICE_RETRY_POLICY.maxAttempts }: SmsSenderOptions): SmsSender {

  async function attempt(phone: string, text: string): Promise<SmsResult> {
    if (!phone) return { ok: false, permanent: true, detail: 'no phone number on file' };
    try {
      return await provider.send(phone, text);
    } catch (error) {
      // A provider that throws instead of answering is treated as a temporary failure.
      return { ok: false, permanent: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async function sendOne(sms: SmsRow, owner: string, now: number): Promise<boolean> {
    // The number on file now, not when the notice was queued (MISSION item 5).
    const phone = (await contactsAt(store, sms.userId, now))?.phone ?? '';
    const result = await attempt(phone, sms.text);
    const at = result.ok ? Date.now() : now;
    // The shared retry policy, as for e-mail: backoff with jitter seeded by the row, attempts capped.
    const next = result.ok ? null : retryAt(sms, now, result.permanent ? 'permanent' : 'retry', maxAttempts);
    const failed = !result.ok && next === null;
    const outcome: AttemptOutcome = result.ok ? { ok: true, at } : { ok: false, at, permanent: failed, detail: result.detail };
    await store.transaction(async (tx) => {
      const changed = result.ok
        ? await tx.finishSms({ id: sms.id, owner, status: 'sent', at, providerId: result.id })
        : await tx.finishSms({ id: sms.id, owner, status: failed ? 'failed' : 'queued', at, error: result.detail.slice(0, 1_000), ...(next === null ? {} : { nextAttemptAt: next }) });
      if (changed > 0) await recordSmsAttempt(tx, sms, phone, outcome);
    });
    if (!result.ok) logger.warn({ smsId: sms.id, attempts: sms.attempts, failed, err: result.detail }, 'sms not sent');
    return result.ok;
  }

  async function drain(now = Date.now()): Promise<number> {
    let sent = 0;
    for (;;) {
      const owner = randomToken();
      const batch = await store.transaction((tx) => tx.claimSms({ now, leaseUntil: now + LEASE_MS, owner, limit: BATCH }));
      for (const sms of batch) if (await sendOne(sms, owner, now)) sent++;
      if (batch.length < BATCH) return sent;
    }
  }

  const loop = drainLoop({ drain, pollMs: POLL_MS, logger, failure: 'sms drain failed' });

  return { drain, kick: loop.kick, start: loop.start, stop: loop.stop };
}
