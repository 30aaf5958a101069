export { listNotices } from './admin';
export { NOTICE_KIND_SPECS, type DecidedListing, type NoticeChannel, type NoticeParams } from './kinds';
export { notify, type NoticeInput, type NoticeRecipient, type NotifyResult } from './notify';
export { renderInSite, renderNoticeMail, renderSms } from './render';
