/**
 * Notice texts, from locales/<lang>/notices.json: one entry per kind with its
 * title (also the e-mail subject), its body (the in-site message, and the
 * e-mail unless the kind has an `emailBody`) and, for kinds sent by SMS, its
 * `sms` text. E-mail adds the signature from mail.json.
 */
import { resources } from '@openipp/locales';
import type { DeficiencyCode, Locale, NoticeKind, RightType } from '@openipp/shared';
import { serverText } from '../../lib/i18n';
import { noticeKindSpec, type DecidedListing, type Formatters, type NoticeParams } from './kinds';

interface KindTexts {
  title: string;
  body: string;
  emailBody?: string;
  sms?: string;
}

// Compile-time: every kind has its texts in both languages (the locale test checks the two files match).
const TEXTS: Record<Locale, { format: (typeof resources)['en']['notices']['format']; kinds: Record<NoticeKind, KindTexts> }> = {
  en: resources.en.notices,
  'zh-CN': resources['zh-CN'].notices,
};

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_whole, name: string) => {
    const value = vars[name];
    // A missing value is a bug in the caller: never send a notice with a hole in it.
    if (value === undefined) throw new Error(`notice parameter ${name} missing`);
    return value;
  });
}

function formatters(locale: Locale): Formatters {
  const texts = TEXTS[locale].format;
  return {
    at(ms) {
      // Chinese readers get Beijing time, everyone else UTC; the text names which.
      const zone = locale === 'zh-CN' ? 'Asia/Shanghai' : 'UTC';
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
      const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
      return fill(texts.at, { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` });
    },
    rightType: (type: RightType) => serverText(locale, `rightTypes.${type}`),
    deficiencies: (codes: readonly DeficiencyCode[]) =>
      new Intl.ListFormat(locale, { type: 'conjunction' }).format(codes.map((code) => serverText(locale, `deficiencies.${code}`))),
    listings: (listings: readonly DecidedListing[]) =>
      listings
        .map((listing) => fill(texts.listing, { position: String(listing.position), url: listing.url, outcome: texts.outcomes[listing.outcome], statement: listing.statement }))
        .join('\n\n'),
  };
}

function vars<K extends NoticeKind>(kind: K, locale: Locale, params: NoticeParams[K]): Record<string, string> {
  const spec = noticeKindSpec(kind);
  return spec.vars ? spec.vars(params, locale, formatters(locale)) : (params as unknown as Record<string, string>);
}

/** Subjects and titles are one line by construction, whatever a parameter holds. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

export function renderInSite<K extends NoticeKind>(kind: K, locale: Locale, params: NoticeParams[K]): { title: string; body: string } {
  const texts = TEXTS[locale].kinds[kind];
  const values = vars(kind, locale, params);
  return { title: oneLine(fill(texts.title, values)), body: fill(texts.body, values) };
}

export interface RenderedMail {
  subject: string;
  text: string;
}

export function renderNoticeMail<K extends NoticeKind>(kind: K, locale: Locale, params: NoticeParams[K]): RenderedMail {
  const texts = TEXTS[locale].kinds[kind];
  const values = vars(kind, locale, params);
  return { subject: oneLine(fill(texts.title, values)), text: `${fill(texts.emailBody ?? texts.body, values)}\n\n${resources[locale].mail.signature}\n` };
}

export function renderSms<K extends NoticeKind>(kind: K, locale: Locale, params: NoticeParams[K]): string {
  const text = TEXTS[locale].kinds[kind].sms;
  if (text === undefined) throw new Error(`notice kind ${kind} has no SMS text`);
  return oneLine(fill(text, vars(kind, locale, params)));
}
