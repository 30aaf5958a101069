import type { Locale, NoticeKind } from '@openipp/shared';
import { uuidv7 } from '../../lib/crypto';
import type { StoreTx } from '../../store';
import type { NoticeParams } from '../notices/kinds';

/** A notice's e-mail: the sender renders the kind's texts later, in `locale`. */
export interface OutgoingMail<K extends NoticeKind> {
  to: string;
  locale: Locale;
  kind: K;
  params: NoticeParams[K];
}

/**
 * Queues a mail inside the caller's transaction: it is sent if and only if
 * the change that caused it commits. Only notices queue mail (notify()),
 * so every mail has a delivery record.
 */
export async function queueMail<K extends NoticeKind>(tx: StoreTx, mail: OutgoingMail<K>, now: number): Promise<string> {
  const id = uuidv7(now);
  await tx.insertMail({
    id,
    to: mail.to,
    locale: mail.locale,
    template: mail.kind,
    params: JSON.stringify(mail.params),
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  });
  // The outbox id: a delivery record follows the mail by it.
  return id;
}

/** Console pages that open e-mailed links; the console routes by the URL hash. */
export type ConsolePage = 'verify-email' | 'accept-invitation' | 'freeze' | 'agreement';

export function consoleLink(publicUrl: string, page: ConsolePage, token?: string): string {
  return `${publicUrl}/#/${page}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
}
