/**
 * Notice delivery records (issue #6 part 4, MISSION item 16): one per notice
 * and channel, with the address used, the send time, the outcome, and the
 * time the notice counts as delivered — where delivery-run deadlines start.
 * E-mail and SMS records follow their outbox row: each attempt's outcome is
 * written in the same transaction as the outbox's own bookkeeping.
 */
import {
  NOTICE_RETRY_POLICY,
  nextAttemptAt,
  paperCountsAsDeliveredAt,
  type DeliveryFailureClass,
  type DeliveryList,
  type DeliveryListQuery,
  type DeliveryOutcome,
  type DeliveryRecord,
  type NoticeKind,
  type PaperLetterRequest,
} from '@openipp/shared';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { uuidv7 } from '../lib/crypto';
import type { DeliveryRow, MailRow, SmsRow, Store, StoreTransaction } from '../store';
import { queueMail, type OutgoingMail } from './mail/outbox';

const iso = (ms: number) => new Date(ms).toISOString();

/** The delivery log and paper letters are for platform admins; to anyone else they do not exist. */
function requireAdmin(actor: Principal): void {
  if (actor.user.role !== 'admin') throw new AppError('not_found');
}
const DELIVERY_LIST_LIMIT = 500;
/** A letter's posting time may run ahead of our clock by this much (a staff member's clock), no more. */
const POSTED_AT_SKEW_MS = 5 * 60_000;

export function toDeliveryRecord(row: DeliveryRow): DeliveryRecord {
  // Rows without an outcome are still waiting in their outbox; the store never lists them.
  if (row.outcome === null) throw new Error(`delivery ${row.id} has no outcome yet`);
  return {
    id: row.id,
    ...(row.noticeId === null ? {} : { noticeId: row.noticeId }),
    channel: row.channel,
    address: row.address,
    sentAt: row.sentAt === null ? null : iso(row.sentAt),
    outcome: row.outcome,
    attempts: row.attempts,
    countsAsDeliveredAt: row.countsAsDeliveredAt === null ? null : iso(row.countsAsDeliveredAt),
    ...(row.trackingNumber === null ? {} : { trackingNumber: row.trackingNumber }),
  };
}

/** What one outbox attempt came to. */
export type AttemptOutcome = { ok: true; at: number } | { ok: false; at: number; permanent: boolean; detail: string };

/**
 * When a failed outbox row is tried again, or null when it has failed for
 * good: a permanent failure at once, a passing one once its attempts are used
 * up. Both senders use the shared policy (NOTICE_RETRY_POLICY) with the row's
 * id as the jitter seed, so any process computes the same schedule for a row.
 * `row.attempts` counts the attempt that just failed.
 */
export function retryAt(row: { id: string; attempts: number }, at: number, failure: DeliveryFailureClass, maxAttempts = NOTICE_RETRY_POLICY.maxAttempts): number | null {
  if (failure === 'permanent') return null;
  return nextAttemptAt(row.attempts, at, { ...NOTICE_RETRY_POLICY, maxAttempts, seed: row.id });
}

interface OutboxAttempt {
  outboxId: string;
  channel: 'email' | 'sms';
  address: string;
  attempts: number;
  noticeId: string | null;
  recipientUserId: string | null;
  outcome: AttemptOutcome;
}

/**
 * Writes an attempt onto the record that follows the outbox row. notify()
 * opens that record when it queues the row; a row queued before every mail
 * was a notice has none, and gets one on its first attempt. An electronic
 * notice counts as delivered when it was sent (MISSION item 16).
 */
async function recordAttempt(tx: StoreTransaction, attempt: OutboxAttempt): Promise<void> {
  const { outcome } = attempt;
  const result: DeliveryOutcome = outcome.ok ? 'sent' : outcome.permanent ? 'failed_permanent' : 'failed_retrying';
  const fields = {
    address: attempt.address,
    outcome: result,
    attempts: attempt.attempts,
    sentAt: outcome.ok ? outcome.at : null,
    countsAsDeliveredAt: outcome.ok ? outcome.at : null,
    detail: outcome.ok ? null : outcome.detail.slice(0, 1_000),
    updatedAt: outcome.at,
  };
  if ((await tx.updateDeliveryByOutbox({ outboxId: attempt.outboxId, ...fields })) > 0) return;
  await tx.insertDelivery({
    id: uuidv7(outcome.at),
    noticeId: attempt.noticeId,
    channel: attempt.channel,
    recipientUserId: attempt.recipientUserId,
    outboxId: attempt.outboxId,
    trackingNumber: null,
    recordedBy: null,
    createdAt: outcome.at,
    ...fields,
  });
}

/** Called by the mail sender, in the transaction that records the attempt on the outbox row. */
export async function recordMailAttempt(tx: StoreTransaction, mail: Pick<MailRow, 'id' | 'to' | 'attempts'>, outcome: AttemptOutcome): Promise<void> {
  await recordAttempt(tx, { outboxId: mail.id, channel: 'email', address: mail.to, attempts: mail.attempts, noticeId: null, recipientUserId: null, outcome });
}

/** Called by the SMS sender; `phone` is the number on file at sending ('' when there was none). */
export async function recordSmsAttempt(
  tx: StoreTransaction,
  sms: Pick<SmsRow, 'id' | 'attempts' | 'noticeId' | 'userId'>,
  phone: string,
  outcome: AttemptOutcome,
): Promise<void> {
  await recordAttempt(tx, { outboxId: sms.id, channel: 'sms', address: phone, attempts: sms.attempts, noticeId: sms.noticeId, recipientUserId: sms.userId, outcome });
}

/**
 * Queues a notice e-mail in the caller's transaction and opens its delivery
 * record, so the record names the notice and the recipient; the sender fills
 * in each attempt.
 */
export async function queueNoticeMail<K extends NoticeKind>(
  tx: StoreTransaction,
  notice: { noticeId: string; recipientUserId: string | null; mail: OutgoingMail<K> },
  now: number,
): Promise<void> {
  const outboxId = await queueMail(tx, notice.mail, now);
  await tx.insertDelivery({
    id: uuidv7(now),
    noticeId: notice.noticeId,
    channel: 'email',
    recipientUserId: notice.recipientUserId,
    address: notice.mail.to,
    outboxId,
    outcome: null,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * An e-mail that is not sent at all, and why (an address the user never
 * proved they hold): recorded as a permanent failure, so staff see the
 * channel failed and can fall back to another (paper).
 */
export async function recordUnsentMail(
  tx: StoreTransaction,
  notice: { noticeId: string; recipientUserId: string | null; address: string; detail: string },
  now: number,
): Promise<void> {
  await tx.insertDelivery({
    id: uuidv7(now),
    noticeId: notice.noticeId,
    channel: 'email',
    recipientUserId: notice.recipientUserId,
    address: notice.address,
    outboxId: null,
    outcome: 'failed_permanent',
    attempts: 0,
    detail: notice.detail,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * Queues an SMS in the caller's transaction: it is sent if and only if the
 * change that caused it commits, to the phone on file when it is sent — so
 * its delivery record opens with an empty address, filled in by the first
 * attempt. `text` is already in the recipient's language.
 */
export async function queueSms(tx: StoreTransaction, sms: { userId: string; noticeId?: string; text: string }, now: number): Promise<string> {
  const id = uuidv7(now);
  await tx.insertSms({
    id,
    noticeId: sms.noticeId ?? null,
    userId: sms.userId,
    text: sms.text,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  });
  await tx.insertDelivery({
    id: uuidv7(now),
    noticeId: sms.noticeId ?? null,
    channel: 'sms',
    recipientUserId: sms.userId,
    address: '',
    outboxId: id,
    outcome: null,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** An in-site message is delivered when it is stored: the inbox is ours. `messageId` is the address. */
export async function recordInSiteDelivery(tx: StoreTransaction, notice: { noticeId: string; userId: string; messageId: string }, now: number): Promise<void> {
  await tx.insertDelivery({
    id: uuidv7(now),
    noticeId: notice.noticeId,
    channel: 'in_site',
    recipientUserId: notice.userId,
    address: notice.messageId,
    outcome: 'sent',
    attempts: 1,
    sentAt: now,
    countsAsDeliveredAt: now,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * An admin records a letter the platform posted. It counts as delivered on the fifth
 * natural day after posting in the Asia/Shanghai calendar (shared rule).
 */
export async function recordPaperLetter(store: Store, actor: Principal, input: PaperLetterRequest, now = Date.now()): Promise<DeliveryRecord> {
  requireAdmin(actor);
  const postedAt = Date.parse(input.postedAt);
  if (postedAt > now + POSTED_AT_SKEW_MS) {
    throw new AppError('validation_failed', { errors: [{ path: 'postedAt', code: 'in_future', message: 'postedAt lies in the future' }] });
  }
  const row: DeliveryRow = {
    id: uuidv7(now),
    noticeId: input.noticeRef,
    channel: 'paper',
    recipientUserId: null,
    address: input.address,
    outboxId: null,
    outcome: 'posted',
    attempts: 1,
    sentAt: postedAt,
    countsAsDeliveredAt: Date.parse(paperCountsAsDeliveredAt(postedAt)),
    trackingNumber: input.trackingNumber,
    detail: null,
    recordedBy: actor.user.id,
    createdAt: now,
    updatedAt: now,
  };
  await store.transaction((tx) => tx.insertDelivery(row));
  return toDeliveryRecord(row);
}

export async function listDeliveries(store: Store, actor: Principal, query: DeliveryListQuery): Promise<DeliveryList> {
  requireAdmin(actor);
  const rows = await store.listDeliveries({ channel: query.channel ?? null, recipient: query.recipient ?? null, limit: DELIVERY_LIST_LIMIT });
  return { items: rows.map(toDeliveryRecord) };
}
