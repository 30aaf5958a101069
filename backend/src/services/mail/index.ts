export { consoleLink, queueMail, queueUserMail, type ConsolePage, type OutgoingMail } from './outbox';
export { createMailer, retryDelayMs, type Mailer } from './sender';
export { MAIL_TEMPLATES, renderMail, type MailParams, type MailTemplate } from './templates';
