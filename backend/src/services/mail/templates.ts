import { resources } from '@openipp/locales';
import type { Locale } from '@openipp/shared';

/** Each template's placeholders. The texts live in locales/<lang>/mail.json. */
export interface MailParams {
  verify_email: { name: string; link: string };
  invitation: { tenantName: string; inviterEmail: string; link: string };
  new_device_login: { time: string; ip: string; userAgent: string; freezeLink: string };
  agreement_published: { version: string; summary: string; link: string };
  identity_decision_approved: { tenantName: string };
  identity_decision_rejected: { tenantName: string; reasons: string };
  principal_decision_approved: { principalName: string };
  principal_decision_rejected: { principalName: string; reasons: string };
  counter_notice_forwarded: { complaintId: string; url: string; statement: string; sellerName: string; windowEndsAt: string };
}
export type MailTemplate = keyof MailParams;

type MailStrings = (typeof resources)['en']['mail'];
// Compile-time: every template has a subject and a text in the locale files.
const TEMPLATE_TEXTS: Record<Locale, Record<MailTemplate, { subject: string; text: string }> & { signature: string }> = {
  en: resources.en.mail satisfies MailStrings,
  'zh-CN': resources['zh-CN'].mail,
};
export const MAIL_TEMPLATES = Object.keys(TEMPLATE_TEXTS.en).filter((key) => key !== 'signature') as MailTemplate[];

export function isMailTemplate(value: string): value is MailTemplate {
  return (MAIL_TEMPLATES as string[]).includes(value);
}

function fill(text: string, params: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = params[name];
    // A missing parameter is a bug in the caller; never send a mail with a hole in it.
    if (value === undefined) throw new Error(`mail parameter ${name} missing`);
    return value;
  });
}

export interface RenderedMail {
  subject: string;
  text: string;
}

/** Subject and plain-text body in the recipient's language. Subjects are single-line by construction. */
export function renderMail<T extends MailTemplate>(template: T, locale: Locale, params: MailParams[T]): RenderedMail {
  const texts = TEMPLATE_TEXTS[locale];
  const values = params as unknown as Record<string, string>;
  const subject = fill(texts[template].subject, values).replace(/[\r\n]+/g, ' ');
  return { subject, text: `${fill(texts[template].text, values)}\n\n${texts.signature}\n` };
}
