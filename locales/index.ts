/**
 * Every user-visible string lives here, in zh-CN and en, split by namespace:
 * `common` (shared words), `errors` (one key per error code), `extension`,
 * `console`, `server` (CLI output and the few pages the backend renders) and
 * `mail` (the e-mail signature; the texts are in `notices`) and `qualification` (why a notice
 * does not qualify, one text per problem code) and `review` (the reviewer's
 * statement templates, deficiency and element names, and the due-date
 * breakdown, for every surface that shows a review), `notices` (every notice
 * the platform sends, per channel: in-site title and body, e-mail, SMS),
 * `seller` (the console's seller and counter-notice screens) and `staff`
 * (the console's shop verification, delivery and restore-or-retain screens).
 */
import enCommon from './en/common.json';
import enErrors from './en/errors.json';
import enExtension from './en/extension.json';
import enConsole from './en/console.json';
import enServer from './en/server.json';
import enMail from './en/mail.json';
import enQualification from './en/qualification.json';
import enReview from './en/review.json';
import enNotices from './en/notices.json';
import enSeller from './en/seller.json';
import enStaff from './en/staff.json';
import zhCommon from './zh-CN/common.json';
import zhErrors from './zh-CN/errors.json';
import zhExtension from './zh-CN/extension.json';
import zhConsole from './zh-CN/console.json';
import zhServer from './zh-CN/server.json';
import zhMail from './zh-CN/mail.json';
import zhQualification from './zh-CN/qualification.json';
import zhReview from './zh-CN/review.json';
import zhNotices from './zh-CN/notices.json';
import zhSeller from './zh-CN/seller.json';
import zhStaff from './zh-CN/staff.json';

export const NAMESPACES = ['common', 'errors', 'extension', 'console', 'server', 'mail', 'qualification', 'review', 'notices', 'seller', 'staff'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const resources = {
  en: { common: enCommon, errors: enErrors, extension: enExtension, console: enConsole, server: enServer, mail: enMail, qualification: enQualification, review: enReview, notices: enNotices, seller: enSeller, staff: enStaff },
  'zh-CN': { common: zhCommon, errors: zhErrors, extension: zhExtension, console: zhConsole, server: zhServer, mail: zhMail, qualification: zhQualification, review: zhReview, notices: zhNotices, seller: zhSeller, staff: zhStaff },
} as const;

export type Resources = typeof resources;
