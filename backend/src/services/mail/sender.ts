import { classifyDeliveryFailure, isNoticeKind, type DeliveryFailureClass } from '@openipp/shared';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../../env';
import { randomToken } from '../../lib/crypto';
import type { Logger } from '../../lib/logger';
import type { MailRow, Store } from '../../store';
import { recordMailAttempt, retryAt } from '../deliveries';
import { drainLoop } from '../drain-loop';
import { renderNoticeMail, type RenderedMail } from '../notices/render';

/** How long a claim holds; far above one SMTP exchange with the timeouts below. */
const LEASE_MS = 2 * 60 * 1000;
const BATCH = 20;
const POLL_MS = 5_000;

export interface Mailer {
  /** Sends every due mail now; resolves with how many were sent. */
  drain(now?: number): Promise<number>;
  /** Asks the running loop to drain soon (after a commit that queued mail); a no-op when not started. */
  kick(): void;
  /** Starts the background loop (server processes only). */
  start(): void;
  stop(): Promise<void>;
}

export interface MailerOptions {
  store: Store;
  config: Pick<AppConfig, 'mail'>;
  logger: Logger;
}

function transportFor(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return nodemailer.createTransport({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/**
 * SMTP says itself whether a failure may pass (5yz permanent, 4yz transient;
 * shared rule). An error without a reply code never reached an answer:
 * connection refused, timeout, TLS — worth retrying.
 */
function classify(error: unknown): DeliveryFailureClass {
  if (error instanceof UnrenderableMail) return 'permanent';
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? classifyDeliveryFailure({ smtpCode: code }) : classifyDeliveryFailure({ network: true });
}

/** A row no template can render (a kind this release does not know): retrying cannot help. */
class UnrenderableMail extends Error {}

function render(mail: MailRow): RenderedMail {
  if (!isNoticeKind(mail.template)) throw new UnrenderableMail(`unknown notice kind ${mail.template}`);
  try {
    return renderNoticeMail(mail.template, mail.locale, JSON.parse(mail.params) as never);
  } catch (error) {
    throw new UnrenderableMail(errorText(error));
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
}

/**
 * The outbox sender. Each batch is claimed in one write transaction (a lease
 * with a random owner), sent outside it, and each outcome is recorded only
 * by the lease holder — so two processes draining together send a mail once.
 */
export function createMailer({ store, config, logger }: MailerOptions): Mailer {
  const { smtpUrl, from, maxAttempts } = config.mail;
  const transport = smtpUrl ? transportFor(smtpUrl) : undefined;
  let warned = false;

  async function sendOne(mail: MailRow, owner: string, now: number): Promise<boolean> {
    try {
      if (!transport) throw new Error('no SMTP transport');
      const rendered = render(mail);
      const info = await transport.sendMail({ from, to: mail.to, subject: rendered.subject, text: rendered.text });
      const at = Date.now();
      await store.transaction(async (tx) => {
        // Only the lease holder records the outcome, on the outbox row and on the delivery record alike.
        if ((await tx.finishMail({ id: mail.id, owner, status: 'sent', at, messageId: info.messageId ?? null })) > 0) {
          await recordMailAttempt(tx, mail, { ok: true, at });
        }
      });
      return true;
    } catch (error) {
      // The shared retry policy: backoff with jitter seeded by the row, attempts capped by MAIL_MAX_ATTEMPTS.
      const next = retryAt(mail, now, classify(error), maxAttempts);
      const failed = next === null;
      await store.transaction(async (tx) => {
        const changed = await tx.finishMail({
          id: mail.id,
          owner,
          status: failed ? 'failed' : 'queued',
          at: now,
          error: errorText(error),
          ...(next === null ? {} : { nextAttemptAt: next }),
        });
        if (changed > 0) await recordMailAttempt(tx, mail, { ok: false, at: now, permanent: failed, detail: errorText(error) });
      });
      logger.warn({ mailId: mail.id, attempts: mail.attempts, failed, err: errorText(error) }, 'mail not sent');
      return false;
    }
  }

  async function drain(now = Date.now()): Promise<number> {
    if (!transport) {
      if (!warned) logger.warn('SMTP_URL is not set: e-mail stays queued in the outbox until it is');
      warned = true;
      return 0;
    }
    let sent = 0;
    for (;;) {
      const owner = randomToken();
      const batch = await store.transaction((tx) => tx.claimMail({ now, leaseUntil: now + LEASE_MS, owner, limit: BATCH }));
      for (const mail of batch) if (await sendOne(mail, owner, now)) sent++;
      if (batch.length < BATCH) return sent;
    }
  }

  const loop = drainLoop({ drain, pollMs: POLL_MS, logger, failure: 'mail drain failed' });

  return {
    drain,
    kick: loop.kick,
    // Without SMTP_URL the first drain says so once; mail waits in the outbox.
    start: loop.start,
    async stop() {
      await loop.stop();
      transport?.close();
    },
  };
}
