import type { Locale } from '@openipp/shared';
import { uuidv7 } from '../../lib/crypto';
import type { StoreTx } from '../../store';
import type { MailParams, MailTemplate } from './templates';

export interface OutgoingMail<T extends MailTemplate> {
  to: string;
  locale: Locale;
  template: T;
  params: MailParams[T];
}

/**
 * Queues a mail inside the caller's transaction: it is sent if and only if
 * the change that caused it commits. The sender renders it later, in `locale`.
 */
export async function queueMail<T extends MailTemplate>(tx: StoreTx, mail: OutgoingMail<T>, now: number): Promise<string> {
  const id = uuidv7(now);
  await tx.insertMail({
    id,
    to: mail.to,
    locale: mail.locale,
    template: mail.template,
    params: JSON.stringify(mail.params),
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  });
  // The outbox id: a delivery record follows the mail by it.
  return id;
}

/**
 * A mail to a user goes to the contact e-mail in force when it is queued
 * (MISSION item 5), in the user's language.
 */
export async function queueUserMail<T extends MailTemplate>(
  tx: StoreTx,
  userId: string,
  template: T,
  params: MailParams[T],
  now: number,
): Promise<void> {
  const found = await tx.findUserById(userId);
  if (!found) throw new Error(`mail to unknown user ${userId}`);
  const contact = await tx.currentContact(userId);
  await queueMail(tx, { to: contact?.email ?? found.user.email, locale: found.user.locale, template, params }, now);
}

/** Console pages that open e-mailed links; the console routes by the URL hash. */
export type ConsolePage = 'verify-email' | 'accept-invitation' | 'freeze' | 'agreement';

export function consoleLink(publicUrl: string, page: ConsolePage, token?: string): string {
  return `${publicUrl}/#/${page}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
}
