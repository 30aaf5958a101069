/**
 * What each kind of notice carries and where it goes (issue #6 part 4,
 * MISSION item 16). NOTICE_KIND_SPECS below is the whole channel policy:
 *
 *   kind                                            in-site  e-mail  SMS
 *   verify_email, invitation (to an address)                   ✓
 *   identity_decision_*, principal_decision_*          ✓       ✓
 *   right_verified, right_rejected, right_expiring     ✓       ✓
 *   shop_verified, shop_rejected                       ✓       ✓
 *   info_requested                                     ✓       ✓      ✓
 *   complaint_closed                                   ✓       ✓
 *   complaint_decided, listing_decided (seller)        ✓       ✓      ✓
 *   counter_notice_forwarded, _restored, _retained     ✓       ✓      ✓
 *   agreement_published                                ✓       ✓
 *   new_device_login (with the freeze link)                    ✓
 *   account_frozen                                             ✓      ✓
 *
 * SMS goes with the notices that start or end something with legal weight or
 * a deadline: a request whose unanswered deadline closes the complaint, a
 * decision on listings, a counter-notice (its window runs from delivery) and
 * its outcome, and a freeze. E-mail verification and invitations go to an
 * address rather than to a user's contact details. Identity and principal
 * decisions and the freeze notices have no inbox kind: the console shows the
 * verification status itself, and a frozen user cannot sign in to read one.
 */
import type { CounterNoticeIdentity, DeficiencyCode, Locale, NoticeKind, RightType } from '@openipp/shared';
import type { MessageRow } from '../../store';

export type NoticeChannel = 'in_site' | 'email' | 'sms';

/** One listing's decision, as the complainant and the seller read it. */
export interface DecidedListing {
  position: number;
  url: string;
  outcome: 'upheld' | 'rejected';
  statement: string;
}

/**
 * The values each kind records and fills into its templates. Times are epoch
 * ms and codes stay codes: they are written out in the reader's language
 * when rendered.
 */
export interface NoticeParams {
  verify_email: { name: string; link: string };
  invitation: { tenantName: string; inviterEmail: string; link: string };
  identity_decision_approved: { tenantName: string };
  identity_decision_rejected: { tenantName: string; reasons: string };
  principal_decision_approved: { principalName: string };
  principal_decision_rejected: { principalName: string; reasons: string };
  right_verified: { registrationNumber: string; rightType: RightType };
  right_rejected: { registrationNumber: string; rightType: RightType; reasons: string };
  right_expiring: { registrationNumber: string; rightType: RightType; validUntil: string };
  shop_verified: { marketplace: string; shopId: string };
  shop_rejected: { marketplace: string; shopId: string; reasons: string };
  info_requested: { complaintId: string; deadline: number; deficiencies: DeficiencyCode[]; message: string };
  complaint_closed: { complaintId: string; deadline: number };
  complaint_decided: { complaintId: string; listings: DecidedListing[] };
  listing_decided: { complaintId: string; listings: DecidedListing[] };
  counter_notice_forwarded: { complaintId: string; url: string; statement: string; windowEndsAt: number; seller: CounterNoticeIdentity };
  counter_notice_restored: { complaintId: string; url: string; statement: string };
  counter_notice_retained: { complaintId: string; url: string; statement: string };
  agreement_published: { version: number; summaryZh: string; summaryEn: string; link?: string };
  new_device_login: { time: number; ip: string; userAgent: string; freezeLink: string };
  account_frozen: { time: number };
}

/** Locale-dependent helpers a kind's placeholders are written with (see render.ts). */
export interface Formatters {
  at(ms: number): string;
  rightType(type: RightType): string;
  deficiencies(codes: readonly DeficiencyCode[]): string;
  listings(listings: readonly DecidedListing[]): string;
}

export interface NoticeKindSpec<P> {
  channels: readonly NoticeChannel[];
  /** The inbox's message kind; every kind with the in-site channel has one. */
  inbox?: MessageRow['kind'];
  /** One-time links: mailed, never recorded on the notice (staff must not be able to use them). */
  secret?: ReadonlyArray<keyof P & string>;
  /** The placeholders in `locale`; by default the params, which are all strings. */
  vars?: (params: P, locale: Locale, format: Formatters) => Record<string, string>;
}

const decided = (params: { complaintId: string; listings: DecidedListing[] }, _locale: Locale, format: Formatters) => ({
  complaintId: params.complaintId,
  upheld: String(params.listings.filter((listing) => listing.outcome === 'upheld').length),
  rejected: String(params.listings.filter((listing) => listing.outcome === 'rejected').length),
  listings: format.listings(params.listings),
});

const right = (params: { registrationNumber: string; rightType: RightType; reasons?: string; validUntil?: string }, _locale: Locale, format: Formatters) => ({
  ...params,
  rightType: format.rightType(params.rightType),
});

const IN_SITE_EMAIL = ['in_site', 'email'] as const;
const ALL = ['in_site', 'email', 'sms'] as const;

export const NOTICE_KIND_SPECS: { readonly [K in NoticeKind]: NoticeKindSpec<NoticeParams[K]> } = {
  verify_email: { channels: ['email'], secret: ['link'] },
  invitation: { channels: ['email'], secret: ['link'] },
  identity_decision_approved: { channels: IN_SITE_EMAIL, inbox: 'identity_decided' },
  identity_decision_rejected: { channels: IN_SITE_EMAIL, inbox: 'identity_decided' },
  principal_decision_approved: { channels: IN_SITE_EMAIL, inbox: 'identity_decided' },
  principal_decision_rejected: { channels: IN_SITE_EMAIL, inbox: 'identity_decided' },
  right_verified: { channels: IN_SITE_EMAIL, inbox: 'right_decided', vars: right },
  right_rejected: { channels: IN_SITE_EMAIL, inbox: 'right_decided', vars: right },
  right_expiring: { channels: IN_SITE_EMAIL, inbox: 'right_expiring', vars: right },
  shop_verified: { channels: IN_SITE_EMAIL, inbox: 'shop_decided' },
  shop_rejected: { channels: IN_SITE_EMAIL, inbox: 'shop_decided' },
  info_requested: {
    channels: ALL,
    inbox: 'info_requested',
    vars: (params, _locale, format) => ({
      complaintId: params.complaintId,
      deadline: format.at(params.deadline),
      deficiencies: format.deficiencies(params.deficiencies),
      message: params.message,
    }),
  },
  complaint_closed: {
    channels: IN_SITE_EMAIL,
    inbox: 'complaint_closed',
    vars: (params, _locale, format) => ({ complaintId: params.complaintId, deadline: format.at(params.deadline) }),
  },
  complaint_decided: { channels: ALL, inbox: 'complaint_decided', vars: decided },
  // The seller's side of the same decision; its inbox kind is the complainant's.
  listing_decided: { channels: ALL, inbox: 'complaint_decided', vars: decided },
  counter_notice_forwarded: {
    channels: ALL,
    inbox: 'counter_notice_filed',
    vars: (params, _locale, format) => ({
      complaintId: params.complaintId,
      url: params.url,
      statement: params.statement,
      windowEndsAt: format.at(params.windowEndsAt),
      ...params.seller,
    }),
  },
  counter_notice_restored: { channels: ALL, inbox: 'counter_notice_decided' },
  counter_notice_retained: { channels: ALL, inbox: 'counter_notice_decided' },
  agreement_published: {
    channels: IN_SITE_EMAIL,
    inbox: 'agreement_published',
    vars: (params, locale) => ({
      version: String(params.version),
      summary: locale === 'zh-CN' ? params.summaryZh : params.summaryEn,
      ...(params.link === undefined ? {} : { link: params.link }),
    }),
  },
  new_device_login: {
    channels: ['email'],
    secret: ['freezeLink'],
    vars: (params, _locale, format) => ({ time: format.at(params.time), ip: params.ip, userAgent: params.userAgent, freezeLink: params.freezeLink }),
  },
  account_frozen: { channels: ['email', 'sms'], vars: (params, _locale, format) => ({ time: format.at(params.time) }) },
};

export function noticeKindSpec<K extends NoticeKind>(kind: K): NoticeKindSpec<NoticeParams[K]> {
  return NOTICE_KIND_SPECS[kind];
}
