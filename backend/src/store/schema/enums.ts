/** Closed value sets of the registration tables, shared by their columns and the store's types. */
export const DOCUMENT_PURPOSES = ['identity_proof', 'letter_of_authority'] as const;
export const DOCUMENT_MIMES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const LINK_PURPOSES = ['verify_email', 'invitation', 'freeze'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
