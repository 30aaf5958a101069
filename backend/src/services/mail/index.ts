export { consoleLink, queueMail, type ConsolePage, type OutgoingMail } from './outbox';
export { createMailer, type Mailer } from './sender';
