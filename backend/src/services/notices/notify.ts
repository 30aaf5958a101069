import type { Locale, NoticeKind } from '@openipp/shared';
import { uuidv7 } from '../../lib/crypto';
import type { StoreTransaction, UserRow } from '../../store';
import { queueNoticeMail, queueSms, recordInSiteDelivery, recordUnsentMail } from '../deliveries';
import { noticeKindSpec, type NoticeChannel, type NoticeParams } from './kinds';
import { renderInSite, renderSms } from './render';

/**
 * Who a notice is for: a user — reached at their contact details current
 * when it is queued, in their language — or, for e-mail verification and
 * invitations, an address (which may belong to a user already).
 */
export type NoticeRecipient = { userId: string } | { email: string; locale: Locale; tenantId: string; userId?: string };

export type NoticeInput = {
  [K in NoticeKind]: {
    kind: K;
    recipient: NoticeRecipient;
    params: NoticeParams[K];
    /** What the notice is about (a complaint, right, counter-notice…), for staff looking it up. */
    subjectId?: string;
    /**
     * Narrows the kind's channels, never widens them: a version published
     * before these users' time (the demo seed) is announced in the inbox only.
     */
    only?: readonly NoticeChannel[];
  };
}[NoticeKind];

export interface NotifyResult {
  /** The notice's id: every delivery record of it carries this. */
  id: string;
  /** The in-site message, when the kind has one; it counts as delivered at `now`. */
  messageId: string | null;
}

const BOTH_LOCALES = ['zh-CN', 'en'] as const;

function withoutSecrets(params: object, secret: readonly string[] | undefined): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...params };
  for (const key of secret ?? []) delete copy[key];
  return copy;
}

/**
 * Sends one notice, inside the caller's transaction: it exists if and only if
 * the change that caused it commits. Records the notice once, then fans out
 * to the channels its kind declares (kinds.ts):
 * - in-site: a message in both languages, delivered as it is stored;
 * - e-mail: queued to the contact e-mail current now, in the recipient's
 *   language, with a pending delivery record the sender completes — unless
 *   the user never proved they hold their sign-in address, which is recorded
 *   as a permanent failure instead of mailing an address nobody vouched for;
 * - SMS: queued in the recipient's language; the phone is looked up when it
 *   is sent.
 * Every delivery record carries the notice's id.
 */
export async function notify(tx: StoreTransaction, notice: NoticeInput, now: number): Promise<NotifyResult> {
  const spec = noticeKindSpec(notice.kind);
  const channels = spec.channels.filter((channel) => notice.only === undefined || notice.only.includes(channel));
  const { recipient } = notice;

  let user: UserRow | undefined;
  const userId = 'userId' in recipient ? recipient.userId : undefined;
  if (userId !== undefined) {
    const found = await tx.findUserById(userId);
    if (!found) throw new Error(`notice ${notice.kind} to unknown user ${userId}`);
    user = found.user;
  }
  const tenantId = 'tenantId' in recipient ? recipient.tenantId : user!.tenantId;
  const id = uuidv7(now);
  await tx.insertNotice({
    id,
    kind: notice.kind,
    recipientUserId: user?.id ?? null,
    tenantId,
    subjectId: notice.subjectId ?? null,
    params: withoutSecrets(notice.params, spec.secret),
    createdAt: now,
  });

  // Kinds whose channels need a user (in-site, SMS) are never addressed to a bare address: a bug, not bad input.
  const requireUser = (channel: NoticeChannel): UserRow => {
    if (!user) throw new Error(`notice ${notice.kind}: channel ${channel} needs a user recipient`);
    return user;
  };

  let messageId: string | null = null;
  for (const channel of channels) {
    if (channel === 'in_site') {
      const to = requireUser(channel);
      if (!spec.inbox) throw new Error(`notice ${notice.kind} has no inbox kind`);
      const [zh, en] = BOTH_LOCALES.map((locale) => renderInSite(notice.kind, locale, notice.params as never));
      messageId = uuidv7(now);
      await tx.insertMessage({ id: messageId, userId: to.id, tenantId, kind: spec.inbox, titleZh: zh!.title, titleEn: en!.title, bodyZh: zh!.body, bodyEn: en!.body, createdAt: now });
      await recordInSiteDelivery(tx, { noticeId: id, userId: to.id, messageId }, now);
    } else if (channel === 'email') {
      if ('email' in recipient) {
        await queueNoticeMail(tx, { noticeId: id, recipientUserId: user?.id ?? null, mail: { to: recipient.email, locale: recipient.locale, kind: notice.kind, params: notice.params } }, now);
        continue;
      }
      const to = requireUser(channel);
      // The contact e-mail in force now (MISSION item 5); every user has one from registration on.
      const address = (await tx.currentContact(to.id))?.email ?? to.email;
      if (to.emailVerifiedAt === null) {
        await recordUnsentMail(tx, { noticeId: id, recipientUserId: to.id, address, detail: 'the sign-in e-mail address is not verified' }, now);
        continue;
      }
      await queueNoticeMail(tx, { noticeId: id, recipientUserId: to.id, mail: { to: address, locale: to.locale, kind: notice.kind, params: notice.params } }, now);
    } else {
      const to = requireUser(channel);
      await queueSms(tx, { userId: to.id, noticeId: id, text: renderSms(notice.kind, to.locale, notice.params as never) }, now);
    }
  }
  return { id, messageId };
}
