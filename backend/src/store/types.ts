import type {
  agreementAcceptances,
  agreementVersions,
  auditLog,
  captures,
  complaintListings,
  complaints,
  complaintTransitions,
  contactVersions,
  devMailbox,
  documents,
  mailOutbox,
  oneTimeLinks,
  principals,
  rightProofs,
  rights,
  idempotencyKeys,
  loginEvents,
  messages,
  platformSettings,
  sessions,
  tenants,
  users,
} from './schema';
import type { abuseMarks, infoRequests, infoResponseDocuments, infoResponses, sanctions } from './schema';
import type { complainantRisk, complaintClaims, decisionProposals, notifications } from './schema';
import type { disclosures, shopClaimProofs, shopClaims } from './schema';
import type { deliveries, smsOutbox } from './schema';
import type { complainantProofs, counterNoticeDocuments, counterNotices } from './schema';
import type { RiskLevel } from '@openipp/shared';

/** Row shapes as the rest of the backend sees them (plain objects, epoch-ms timestamps). */
export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type CaptureRow = typeof captures.$inferSelect;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
export type AgreementVersionRow = typeof agreementVersions.$inferSelect;
export type AgreementAcceptanceRow = typeof agreementAcceptances.$inferSelect;
export type LoginEventRow = typeof loginEvents.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type PlatformSettingRow = typeof platformSettings.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type PrincipalRow = typeof principals.$inferSelect;
export type OneTimeLinkRow = typeof oneTimeLinks.$inferSelect;
export type ContactVersionRow = typeof contactVersions.$inferSelect;
export type MailRow = typeof mailOutbox.$inferSelect;
export type DevMailRow = typeof devMailbox.$inferSelect;
export type RightRow = typeof rights.$inferSelect;
export type RightProofRow = typeof rightProofs.$inferSelect;
export type ComplaintRow = typeof complaints.$inferSelect;
export type ComplaintListingRow = typeof complaintListings.$inferSelect;
export type ComplaintTransitionRow = typeof complaintTransitions.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
export type InfoRequestRow = typeof infoRequests.$inferSelect;
export type InfoResponseRow = typeof infoResponses.$inferSelect;
export type InfoResponseDocumentRow = typeof infoResponseDocuments.$inferSelect;
export type AbuseMarkRow = typeof abuseMarks.$inferSelect;
export type SanctionRow = typeof sanctions.$inferSelect;
export type ComplaintClaimRow = typeof complaintClaims.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type DecisionProposalRow = typeof decisionProposals.$inferSelect;
export type ComplainantRiskRow = typeof complainantRisk.$inferSelect;
export type ShopClaimRow = typeof shopClaims.$inferSelect;
export type ShopClaimProofRow = typeof shopClaimProofs.$inferSelect;
export type DisclosureRow = typeof disclosures.$inferSelect;

export type NewTenant = typeof tenants.$inferInsert;
export type NewUser = typeof users.$inferInsert;
export type NewSession = typeof sessions.$inferInsert;
export type NewCapture = typeof captures.$inferInsert;
export type NewIdempotencyKey = typeof idempotencyKeys.$inferInsert;
export type NewAgreementVersion = typeof agreementVersions.$inferInsert;
export type NewAgreementAcceptance = typeof agreementAcceptances.$inferInsert;
export type NewLoginEvent = typeof loginEvents.$inferInsert;
export type NewMessage = typeof messages.$inferInsert;
export type NewDocument = typeof documents.$inferInsert;
export type NewPrincipal = typeof principals.$inferInsert;
export type NewOneTimeLink = typeof oneTimeLinks.$inferInsert;
export type NewContactVersion = typeof contactVersions.$inferInsert;
export type NewMail = typeof mailOutbox.$inferInsert;
export type NewDevMail = typeof devMailbox.$inferInsert;
export type NewRight = typeof rights.$inferInsert;
export type NewRightProof = typeof rightProofs.$inferInsert;
export type NewComplaint = typeof complaints.$inferInsert;
export type NewComplaintListing = typeof complaintListings.$inferInsert;
export type NewComplaintTransition = typeof complaintTransitions.$inferInsert;
export type NewAuditLogRow = typeof auditLog.$inferInsert;
export type NewInfoRequest = typeof infoRequests.$inferInsert;
export type NewInfoResponse = typeof infoResponses.$inferInsert;
export type NewInfoResponseDocument = typeof infoResponseDocuments.$inferInsert;
export type NewAbuseMark = typeof abuseMarks.$inferInsert;
export type NewSanction = typeof sanctions.$inferInsert;
export type NewNotification = typeof notifications.$inferInsert;
export type NewDecisionProposal = typeof decisionProposals.$inferInsert;
export type NewShopClaim = typeof shopClaims.$inferInsert;
export type NewShopClaimProof = typeof shopClaimProofs.$inferInsert;
export type NewDisclosure = typeof disclosures.$inferInsert;
export type CounterNoticeRow = typeof counterNotices.$inferSelect;
export type CounterNoticeDocumentRow = typeof counterNoticeDocuments.$inferSelect;
export type ComplainantProofRow = typeof complainantProofs.$inferSelect;
export type NewCounterNotice = typeof counterNotices.$inferInsert;
export type NewCounterNoticeDocument = typeof counterNoticeDocuments.$inferInsert;
export type NewComplainantProof = typeof complainantProofs.$inferInsert;

/** The right a complaint rests on, as complaint views name it. */
export interface ComplaintRightRef {
  id: string;
  type: RightRow['type'];
  registrationNumber: string;
}

export interface ComplaintRecord {
  complaint: ComplaintRow;
  principalName: string | null;
  right: ComplaintRightRef | null;
  /** By position. */
  listings: ComplaintListingRow[];
  /** Oldest first; the first is the creation. */
  transitions: Array<ComplaintTransitionRow & { actorEmail: string }>;
}

export interface ComplaintSummaryRecord {
  complaint: ComplaintRow;
  principalName: string | null;
  right: ComplaintRightRef | null;
  listingCount: number;
}

export interface ComplaintListQuery {
  /** `null` lists every tenant (platform staff, read-only). */
  tenantId: string | null;
  state: ComplaintRow['state'] | null;
  limit: number;
  /** Keyset position: rows strictly older than this come next. */
  after?: { createdAt: number; id: string };
}

/** A tenant's record as complainant, counted by the database from the complaints themselves. */
export interface ComplainantStatsRow {
  /** Complaints ever filed (submitted_at set), split by where they are now. */
  submitted: number;
  open: number;
  decided: number;
  withdrawn: number;
  /** Listing outcomes of filed complaints; pending only while the complaint is open. */
  upheld: number;
  rejected: number;
  pending: number;
  reversed: number;
  /** Median milliseconds from the submit transition to the decide transition; null when none is decided. */
  medianMsToDecision: number | null;
}

export interface RightRecord {
  right: RightRow;
  tenantName: string;
  /** The owning principal's legal name, for an agency's right recorded for one. */
  principalName: string | null;
  /** Oldest first. */
  proofs: RightProofRow[];
}

export interface PendingTenant {
  tenant: TenantRow;
  ownerEmail: string;
  emailVerified: boolean;
}

export interface PrincipalRecord {
  principal: PrincipalRow;
  agency: TenantRow;
  /** The letter of authority. */
  document: DocumentRow;
}

export type VerificationOutcome = 'approved' | 'rejected';

/** A version without its (long) bodies, for lists. */
export type AgreementVersionHead = Omit<AgreementVersionRow, 'bodyZh' | 'bodyEn'>;

export interface AgreementVersionWithCount {
  version: AgreementVersionHead;
  acceptances: number;
}

export interface AcceptanceWithEmail {
  acceptance: AgreementAcceptanceRow;
  userEmail: string;
}

export interface UserWithTenant {
  user: UserRow;
  tenant: TenantRow;
}

export interface SessionWithUser extends UserWithTenant {
  session: SessionRow;
}

export interface CaptureRecord {
  capture: CaptureRow;
  tenantName: string;
  creatorEmail: string;
  /** Declared artefacts whose bytes have not arrived; 0 for a receipted capture. */
  missingArtefacts: number;
}

/** An artefact a capture declared besides its screenshot (schema/captures.ts). */
export type CaptureArtefactRow = (typeof import('./schema'))['captureArtefacts']['$inferSelect'];
export type NewCaptureArtefact = (typeof import('./schema'))['captureArtefacts']['$inferInsert'];

export interface CaptureListQuery {
  /** `null` lists every tenant (platform staff, read-only). */
  tenantId: string | null;
  limit: number;
  /** Keyset position: rows strictly older than this come next. */
  after?: { receivedAt: number; id: string };
}

/** Reads. Outside a transaction they run on the read connection. */
export interface StoreReader {
  ping(): Promise<boolean>;
  countUsers(): Promise<number>;
  findUserByEmail(email: string): Promise<UserWithTenant | undefined>;
  findSession(id: string): Promise<SessionWithUser | undefined>;
  getCapture(query: { id: string; tenantId: string | null }): Promise<CaptureRecord | undefined>;
  listCaptures(query: CaptureListQuery): Promise<CaptureRecord[]>;
  /** The capture's declared artefacts, in declaration order. */
  listCaptureArtefacts(captureId: string): Promise<CaptureArtefactRow[]>;
  findIdempotencyKey(userId: string, key: string): Promise<IdempotencyKeyRow | undefined>;
  getRateCount(key: string, windowStart: number): Promise<number>;

  findUserById(id: string): Promise<UserWithTenant | undefined>;
  /** `frozen` undefined lists everyone. */
  listUsers(query: { frozen?: boolean }): Promise<UserWithTenant[]>;
  /** Users who can sign in (not frozen). */
  listActiveUsers(): Promise<Array<{ id: string; tenantId: string }>>;
  countActiveUsers(): Promise<number>;

  /** The highest published version: the one in force. */
  currentAgreement(): Promise<AgreementVersionRow | undefined>;
  listAgreementVersions(): Promise<AgreementVersionWithCount[]>;
  findAcceptance(userId: string, version: number): Promise<AcceptanceWithEmail | undefined>;
  listAcceptances(userId: string): Promise<AcceptanceWithEmail[]>;
  /** The current version when this user has not accepted it; null otherwise (or when none is published). */
  pendingAgreementVersion(userId: string): Promise<number | null>;

  /** Sessions neither revoked nor expired at `now`, newest first. */
  listLiveSessions(userId: string, now: number): Promise<SessionRow[]>;
  listLoginEvents(userId: string, limit: number): Promise<LoginEventRow[]>;
  listMessages(userId: string, limit: number): Promise<MessageRow[]>;
  countUnreadMessages(userId: string): Promise<number>;
  getSetting(key: string): Promise<PlatformSettingRow | undefined>;

  findTenant(id: string): Promise<TenantRow | undefined>;
  /** The tenant's first owner: who staff decisions are mailed to. */
  findTenantOwner(tenantId: string): Promise<UserRow | undefined>;
  listTenantUsers(tenantId: string): Promise<UserRow[]>;
  /** Tenant AND id: another tenant's user is absent. */
  findTenantUser(query: { tenantId: string; userId: string }): Promise<UserRow | undefined>;
  /** The tenant's identity proofs (not letters of authority), oldest first. */
  listIdentityDocuments(tenantId: string): Promise<DocumentRow[]>;
  /** `tenantId` null: any tenant's (platform staff). */
  findDocument(query: { id: string; tenantId: string | null }): Promise<DocumentRow | undefined>;
  /** Registered tenants awaiting staff verification, oldest first. */
  listPendingTenants(): Promise<PendingTenant[]>;
  listPrincipals(agencyTenantId: string): Promise<PrincipalRecord[]>;
  findPrincipal(id: string): Promise<PrincipalRecord | undefined>;
  listPendingPrincipals(): Promise<PrincipalRecord[]>;
  findLinkByTokenHash(tokenHash: string): Promise<OneTimeLinkRow | undefined>;
  /** Invitations neither used nor expired at `now`, newest first. */
  listOpenInvitations(tenantId: string, now: number): Promise<OneTimeLinkRow[]>;
  countKnownDevices(userId: string): Promise<number>;
  isKnownDevice(userId: string, deviceHash: string): Promise<boolean>;
  /** The version in force now (until is null). */
  currentContact(userId: string): Promise<ContactVersionRow | undefined>;
  /** Every version, newest first. */
  listContacts(userId: string): Promise<ContactVersionRow[]>;
  /** The version in force at `at`. */
  contactAt(userId: string, at: number): Promise<ContactVersionRow | undefined>;
  listDevMail(limit: number): Promise<DevMailRow[]>;

  /** `tenantId` null: any tenant's (platform staff). */
  findRight(query: { id: string; tenantId: string | null }): Promise<RightRecord | undefined>;
  /** The tenant's rights, oldest first. */
  listRights(tenantId: string): Promise<RightRecord[]>;
  /** Every tenant's rights in one status (null: all), oldest first; for staff. */
  listRightsByStatus(status: RightRow['status'] | null): Promise<RightRecord[]>;
  findRightProof(query: { rightId: string; id: string; tenantId: string | null }): Promise<RightProofRow | undefined>;
}

/** Everything a transaction may do: reads see its own uncommitted writes. */
export interface StoreTx extends StoreReader {
  insertTenant(row: NewTenant): Promise<void>;
  insertUser(row: NewUser): Promise<void>;
  insertSession(row: NewSession): Promise<void>;
  revokeSession(id: string, at: number): Promise<void>;
  touchSession(id: string, at: number): Promise<void>;
  insertCapture(row: NewCapture): Promise<void>;
  insertCaptureArtefacts(rows: readonly NewCaptureArtefact[]): Promise<void>;
  /** Marks every not-yet-received artefact of the capture with this hash received; returns rows changed. */
  receiveCaptureArtefact(query: { captureId: string; sha256: string; at: number; width: number | null; height: number | null; displaySha256: string | null }): Promise<number>;
  /** Replaces the user's correction of a capture's page read (tenant AND id); returns rows changed. */
  setCapturePageReadCorrection(query: { id: string; tenantId: string; json: string }): Promise<number>;
  insertIdempotencyKey(row: NewIdempotencyKey): Promise<void>;
  /** Adds one to the counter and returns the new count. */
  hitRateCounter(key: string, windowStart: number): Promise<number>;
  clearRateCounter(key: string, windowStart: number): Promise<void>;
  pruneRateCounters(olderThan: number): Promise<void>;

  insertAgreementVersion(row: NewAgreementVersion): Promise<void>;
  insertAcceptance(row: NewAgreementAcceptance): Promise<void>;
  insertLoginEvent(row: NewLoginEvent): Promise<void>;
  insertMessage(row: NewMessage): Promise<void>;
  /** Marks the user's own message read (first read wins); returns how many rows matched. */
  markMessageRead(query: { userId: string; id: string; at: number }): Promise<number>;
  /** Revokes one of the user's live sessions by public id; returns how many were revoked. */
  revokeUserSession(query: { userId: string; publicId: string; at: number }): Promise<number>;
  /** Revokes every live session and extension token of the user. */
  revokeAllUserSessions(userId: string, at: number): Promise<number>;
  freezeUser(query: { userId: string; at: number; note: string | null }): Promise<void>;
  /** Lifts a freeze; returns 0 when the user was not frozen. */
  unfreezeUser(query: { userId: string; at: number; note: string; by: string }): Promise<number>;
  putSetting(row: PlatformSettingRow): Promise<void>;

  /** Only while pending; returns 0 when already decided (or unknown). */
  decideTenantIdentity(query: { tenantId: string; status: VerificationOutcome; at: number; by: string; reasons: string | null }): Promise<number>;
  decidePrincipalAuthority(query: { principalId: string; status: VerificationOutcome; at: number; by: string; reasons: string | null }): Promise<number>;
  insertDocument(row: NewDocument): Promise<void>;
  insertPrincipal(row: NewPrincipal): Promise<void>;
  insertLink(row: NewOneTimeLink): Promise<void>;
  /** First use wins; returns 0 when it was already used. */
  useLink(query: { id: string; at: number }): Promise<number>;
  markEmailVerified(userId: string, at: number): Promise<void>;
  /** Records a sign-in device; true when it was not known before. */
  rememberDevice(query: { userId: string; deviceHash: string; at: number }): Promise<boolean>;
  insertContactVersion(row: NewContactVersion): Promise<void>;
  /** Closes the current version at `at`. */
  closeCurrentContact(userId: string, at: number): Promise<void>;
  confirmCurrentContact(userId: string, at: number): Promise<number>;
  insertMail(row: NewMail): Promise<void>;
  /** Leases up to `limit` due mails to `owner` until `leaseUntil`, counting the attempt. */
  claimMail(query: { now: number; leaseUntil: number; owner: string; limit: number }): Promise<MailRow[]>;
  /** Records the outcome, only if `owner` still holds the lease; returns rows changed. */
  finishMail(query: {
    id: string;
    owner: string;
    status: 'sent' | 'queued' | 'failed';
    at: number;
    messageId?: string | null;
    error?: string | null;
    nextAttemptAt?: number;
  }): Promise<number>;
  insertDevMail(row: NewDevMail): Promise<void>;

  insertRight(row: NewRight): Promise<void>;
  insertRightProof(row: NewRightProof): Promise<void>;
  /** Only while pending; returns 0 when already decided (or unknown). */
  decideRight(query: { rightId: string; status: 'verified' | 'rejected'; at: number; by: string; reasons: string | null }): Promise<number>;
  /**
   * Marks verified, not yet reminded rights whose last valid day lies in
   * [from, until] (YYYY-MM-DD) as reminded at `at`, and returns them.
   */
  claimExpiringRights(query: { from: string; until: string; at: number }): Promise<RightRow[]>;
}

/**
 * Complaint reads and writes, kept beside the core store shapes and joined to
 * them by the adapter: every Store and every transaction has them.
 */
export interface ComplaintReader {
  /** `tenantId` null: any tenant's (platform staff). */
  findComplaint(query: { id: string; tenantId: string | null }): Promise<ComplaintRecord | undefined>;
  /** Newest first. */
  listComplaints(query: ComplaintListQuery): Promise<ComplaintSummaryRecord[]>;
  /** The tenant's captures among `ids` (another tenant's are simply absent), with the SHA-256 of their receipt. */
  findCaptureHashes(query: { tenantId: string; ids: readonly string[] }): Promise<Array<{ id: string; sha256: string }>>;
  /** The tenant's complaints in one of `states` naming this canonical listing, newest first. */
  findComplaintsByListing(query: { tenantId: string; canonicalUrl: string; states: readonly ComplaintRow['state'][] }): Promise<ComplaintRow[]>;
  complainantStats(tenantId: string): Promise<ComplainantStatsRow>;
}

export interface ComplaintWriter extends ComplaintReader {
  insertComplaint(row: NewComplaint): Promise<void>;
  /** The complaint's editable fields, only while it is a draft of this tenant; returns rows changed. */
  updateComplaintDraft(query: {
    id: string;
    tenantId: string;
    fields: Pick<NewComplaint, 'principalId' | 'rightId' | 'reason' | 'explanation' | 'goodFaith' | 'accuracy'>;
    at: number;
  }): Promise<number>;
  insertComplaintListings(rows: NewComplaintListing[]): Promise<void>;
  deleteComplaintListings(complaintId: string): Promise<void>;
  /**
   * Moves the complaint from `from` to `to`, only if it is still in `from`;
   * returns rows changed. `submission` is set by the submit transition.
   */
  moveComplaint(query: {
    id: string;
    from: ComplaintRow['state'];
    to: ComplaintRow['state'];
    at: number;
    submission?: { complainant: NonNullable<ComplaintRow['complainant']> };
  }): Promise<number>;
  insertComplaintTransition(row: NewComplaintTransition): Promise<void>;
  setListingOutcome(query: { complaintId: string; position: number; outcome: ComplaintListingRow['outcome'] }): Promise<void>;
}

/** The audit trail as stored: entries in sequence order, appended only inside a transaction. */
export interface AuditReader {
  /** Entries with seq > `afterSeq`, in seq order, at most `limit`: a keyset page, so a long chain is read in bounded steps. */
  readAuditEntries(query: { afterSeq: number; limit: number }): Promise<AuditLogRow[]>;
}

export interface AuditWriter extends AuditReader {
  /** The entry with the highest seq, as this transaction sees it. */
  lastAuditEntry(): Promise<AuditLogRow | undefined>;
  /** Fails (UniqueConstraintError) if the seq is taken. */
  insertAuditEntry(row: NewAuditLogRow): Promise<void>;
}

/** A request for supplementary material with who made it, and its answer if there is one. */
export interface InfoRequestRecord {
  request: InfoRequestRow;
  requestedByEmail: string;
  response: (InfoResponseRow & { respondedByEmail: string; documents: InfoResponseDocumentRow[] }) | null;
}

/** One stretch a complaint waited for material: [paused at, resumed at (null: still waiting)], epoch ms. */
export type ComplaintPause = [pausedAt: number, resumedAt: number | null];

export interface SanctionRecord {
  sanction: SanctionRow;
  imposedByEmail: string;
}

/** Distinct complaints of a tenant marked wrongful, and marked malicious. */
export interface AbuseCounts {
  wrongful: number;
  malicious: number;
}

/**
 * Requests for supplementary material, the complainant's answers, abuse
 * marks and sanctions (issue #5).
 */
export interface RequestReader {
  /** The complaint's requests, newest first, each with its answer. */
  listInfoRequests(complaintId: string): Promise<InfoRequestRecord[]>;
  /** The request the complaint waits on, if any. */
  findOpenInfoRequest(complaintId: string): Promise<InfoRequestRow | undefined>;
  /**
   * The stretches the complaint waited for material, oldest first: each
   * request's time and its answer's, expiry's or the withdrawal's (null
   * while it still waits). The due-date engine skips them.
   */
  pausesOf(complaintId: string): Promise<ComplaintPause[]>;
  /** A document of an answer on this complaint; `tenantId` null: any tenant's (platform staff). */
  findInfoResponseDocument(query: { complaintId: string; id: string; tenantId: string | null }): Promise<InfoResponseDocumentRow | undefined>;
  abuseCounts(tenantId: string): Promise<AbuseCounts>;
  /** The sanction of this kind in force on the tenant (not lifted), if any. */
  liveSanction(tenantId: string, kind: SanctionRow['kind']): Promise<SanctionRow | undefined>;
  /** The tenant's sanctions, lifted ones included, newest first. */
  listSanctions(tenantId: string): Promise<SanctionRecord[]>;
  /** Every tenant's sanctions, newest first: one read for the complainants overview. */
  listAllSanctions(): Promise<SanctionRecord[]>;
  /** Tenants that file complaints (rights holders and agencies), oldest first. */
  listComplainantTenants(): Promise<TenantRow[]>;
}

export interface RequestWriter extends RequestReader {
  /** Fails (UniqueConstraintError) while the complaint already waits on a request. */
  insertInfoRequest(row: NewInfoRequest): Promise<void>;
  /** Ends the wait at `at` (and marks it expired), only while it is open; returns rows changed. */
  resolveInfoRequest(query: { id: string; at: number; expired: boolean }): Promise<number>;
  insertInfoResponse(row: NewInfoResponse, documents: readonly NewInfoResponseDocument[]): Promise<void>;
  /** Adds captures to a listing's evidence, keeping the order and skipping ones already there. */
  addListingCaptures(query: { complaintId: string; listingId: string; captureIds: readonly string[] }): Promise<void>;
  /** Open requests past their deadline whose complaint still waits in needs_info, earliest deadline first. */
  dueInfoRequests(query: { now: number; limit: number }): Promise<InfoRequestRow[]>;
  insertAbuseMark(row: NewAbuseMark): Promise<void>;
  /** Fails (UniqueConstraintError) while a sanction of the kind is in force on the tenant. */
  insertSanction(row: NewSanction): Promise<void>;
  /** Lifts the tenant's sanction, only while in force; returns rows changed. */
  liftSanction(query: { id: string; tenantId: string; at: number; by: string; reason: string }): Promise<number>;
}

/** A claim with the reviewer's e-mail. Live while `expiresAt` lies ahead. */
export interface ClaimRecord {
  complaintId: string;
  reviewerId: string;
  reviewerEmail: string;
  claimedAt: number;
  expiresAt: number;
}

/** One page of the review queue: filters are exact matches, null meaning "any". */
export interface ReviewQueueQuery {
  now: number;
  limit: number;
  /** Keyset position: rows strictly after this (due date, id) come next. */
  after?: { dueAt: number; id: string };
  /** Due-date range [dueFrom, dueBefore): the overdue filter. */
  dueFrom?: number;
  dueBefore?: number;
  state: 'submitted' | 'in_review' | null;
  reason: NonNullable<ComplaintRow['reason']> | null;
  rightType: RightRow['type'] | null;
  marketplace: string | null;
  risk: RiskLevel | null;
}

export interface ReviewQueueRow {
  complaint: Pick<ComplaintRow, 'id' | 'tenantId' | 'state' | 'reason' | 'submittedAt' | 'dueAt' | 'updatedAt'>;
  tenantName: string;
  rightType: RightRow['type'] | null;
  /** Null: no risk recorded for the tenant yet (nothing decided, marked or sanctioned). */
  risk: RiskLevel | null;
  listingCount: number;
  /** Distinct marketplaces of the listings, sorted. */
  marketplaces: string[];
  /** The live claim, if any. */
  claim: ClaimRecord | null;
}

/** A filed complaint naming one of the given canonical listings. */
export interface EarlierComplaintRow {
  canonicalUrl: string;
  complaintId: string;
  tenantName: string;
  state: ComplaintRow['state'];
  outcome: ComplaintListingRow['outcome'];
  submittedAt: number | null;
}

/** An audit entry about one subject, with what its verification needs. */
export interface SubjectAuditRow {
  entry: AuditLogRow;
  /** The hash of the entry numbered just before it; null when there is none (the first entry, or a deleted one). */
  predecessorHash: string | null;
  actorEmail: string | null;
}

/**
 * The reviewer's work (issue #5): the queue, claim leases, the evidence
 * view's reads, decisions, seller notification records, enhanced-review
 * proposals and complainant risk.
 */
export interface ReviewReader {
  reviewQueue(query: ReviewQueueQuery): Promise<ReviewQueueRow[]>;
  /** The complaint's claim row, live or expired. */
  findClaim(complaintId: string): Promise<ClaimRecord | undefined>;
  /** The tenant's captures among `ids`, in no particular order. */
  findEvidenceCaptures(query: { tenantId: string; ids: readonly string[] }): Promise<CaptureRow[]>;
  /** Filed complaints of any tenant naming these canonical listings, newest first, at most `limit`. */
  findEarlierComplaints(query: { canonicalUrls: readonly string[]; excludeComplaintId: string; limit: number }): Promise<EarlierComplaintRow[]>;
  findOpenProposal(complaintId: string): Promise<DecisionProposalRow | undefined>;
  /** Audit entries whose subject is `subjectId`, in chain order. */
  auditEntriesFor(subjectId: string): Promise<SubjectAuditRow[]>;
  findComplainantRisk(tenantId: string): Promise<ComplainantRiskRow | undefined>;
  /** The seller notification records of a complaint, oldest first. */
  listNotifications(complaintId: string): Promise<NotificationRow[]>;
}

export interface ReviewWriter extends ReviewReader {
  /**
   * Takes or renews the claim in one statement: it succeeds when nobody holds a
   * live claim or the reviewer holds it. Returns false when another reviewer's
   * live claim stands.
   */
  takeClaim(query: { complaintId: string; reviewerId: string; now: number; expiresAt: number }): Promise<boolean>;
  /** Removes the reviewer's own claim; returns rows removed. */
  releaseClaim(query: { complaintId: string; reviewerId: string }): Promise<number>;
  setDueDate(query: { complaintId: string; dueAt: number | null }): Promise<void>;
  /** What the period was set on at submission. */
  setReviewBasis(query: { complaintId: string; enhancedReview: boolean; recordAtSubmission: NonNullable<ComplaintRow['recordAtSubmission']> }): Promise<void>;
  /** A listing's outcome and statement, only while it is pending; returns rows changed. */
  decideListing(query: {
    complaintId: string;
    listingId: string;
    outcome: 'upheld' | 'rejected';
    statement: string;
    decidedBy: string;
    decidedAt: number;
    measure: ComplaintListingRow['measure'];
  }): Promise<number>;
  /** Marks the complaint changed at `at` (a change that is no transition, such as a proposal). */
  touchComplaint(query: { id: string; at: number }): Promise<void>;
  insertNotifications(rows: readonly NewNotification[]): Promise<void>;
  /** Fails (UniqueConstraintError) while the complaint has an open proposal. */
  insertProposal(row: NewDecisionProposal): Promise<void>;
  /** Resolves an open proposal; returns rows changed. */
  resolveProposal(query: { id: string; resolution: NonNullable<DecisionProposalRow['resolution']>; by: string; at: number }): Promise<number>;
  putComplainantRisk(row: ComplainantRiskRow): Promise<void>;
}

/** A delivery record (issue #6 part 4) and an SMS outbox row. */
export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;
export type SmsRow = typeof smsOutbox.$inferSelect;
export type NewSms = typeof smsOutbox.$inferInsert;

/** Notice delivery: delivery records per notice and channel, and the SMS outbox. */
export interface DeliveryReader {
  /** Records with an outcome, newest first; null filters mean "any". `recipient` matches the user id or the address. */
  listDeliveries(query: { channel: DeliveryRow['channel'] | null; recipient: string | null; limit: number }): Promise<DeliveryRow[]>;
  findDeliveryByOutbox(outboxId: string): Promise<DeliveryRow | undefined>;
}

export interface DeliveryWriter extends DeliveryReader {
  insertDelivery(row: NewDelivery): Promise<void>;
  /** Updates the record following this outbox row; returns rows changed (0: none yet). */
  updateDeliveryByOutbox(query: { outboxId: string } & Partial<Omit<NewDelivery, 'id' | 'outboxId'>>): Promise<number>;
  insertSms(row: NewSms): Promise<void>;
  /** Leases up to `limit` due SMS to `owner` until `leaseUntil`, counting the attempt. */
  claimSms(query: { now: number; leaseUntil: number; owner: string; limit: number }): Promise<SmsRow[]>;
  /** Records the outcome, only if `owner` still holds the lease; returns rows changed. */
  finishSms(query: {
    id: string;
    owner: string;
    status: 'sent' | 'queued' | 'failed';
    at: number;
    providerId?: string | null;
    error?: string | null;
    nextAttemptAt?: number;
  }): Promise<number>;
}

/** A shop claim with its tenant's name and its proofs (oldest first). */
export interface ShopClaimRecord {
  claim: ShopClaimRow;
  tenantName: string;
  proofs: ShopClaimProofRow[];
}

/** One of a seller's listings in a filed complaint, with the complaint. */
export interface SellerComplaintRow {
  complaint: ComplaintRow;
  listing: ComplaintListingRow;
}

export interface DisclosureRecord {
  disclosure: DisclosureRow;
  recipientName: string;
  userEmail: string;
}

/** Shop claims, the seller's view of complaints, and disclosure records (issue #6). */
export interface ShopReader {
  /** `tenantId` null: any tenant's (platform staff). */
  findShopClaim(query: { id: string; tenantId: string | null }): Promise<ShopClaimRecord | undefined>;
  /** The tenant's claims, oldest first. */
  listShopClaims(tenantId: string): Promise<ShopClaimRecord[]>;
  /** Every tenant's claims in one status (null: all), oldest first; for staff. */
  listShopClaimsByStatus(status: ShopClaimRow['status'] | null): Promise<ShopClaimRecord[]>;
  /**
   * Listings of filed complaints whose shop belongs to one of the tenant's
   * verified claims, newest complaint first, by position within it; at most `limit` rows.
   */
  listSellerListings(query: { tenantId: string; limit: number }): Promise<SellerComplaintRow[]>;
  /** The complaint's listings whose shop belongs to one of the tenant's verified claims (none: not the seller's complaint). */
  findSellerListings(query: { tenantId: string; complaintId: string }): Promise<ComplaintListingRow[]>;
  /** Disclosures of one complainant's data, newest first. */
  listDisclosures(query: { complainantTenantId: string; limit: number }): Promise<DisclosureRecord[]>;
}

export interface ShopWriter extends ShopReader {
  insertShopClaim(row: NewShopClaim, proofs: readonly NewShopClaimProof[]): Promise<void>;
  /** Only while pending; returns 0 when already decided (or unknown). Fails (UniqueConstraintError) when another claim on the shop is verified. */
  decideShopClaim(query: { claimId: string; status: 'verified' | 'rejected'; at: number; by: string; reasons: string | null }): Promise<number>;
  insertDisclosure(row: NewDisclosure): Promise<void>;
}

/** A counter-notice with the listing it answers, the seller's evidence and the complainant's proofs (each in upload order). */
export interface CounterNoticeRecord {
  counterNotice: CounterNoticeRow;
  listing: ComplaintListingRow;
  documents: CounterNoticeDocumentRow[];
  proofs: ComplainantProofRow[];
}

/** Counter-notices (issue #6 part 3). */
export interface CounterNoticeReader {
  /** A listing of a filed complaint whose shop belongs to one of the tenant's verified claims; undefined otherwise. */
  findSellerListing(query: { tenantId: string; listingId: string }): Promise<ComplaintListingRow | undefined>;
  /** `complainantTenantId` null: any tenant's (platform staff). */
  findCounterNotice(query: { id: string; complainantTenantId: string | null }): Promise<CounterNoticeRecord | undefined>;
  /** The complaint's counter-notices, oldest first; empty for another tenant's complaint. */
  listCounterNoticesOfComplaint(query: { complaintId: string; complainantTenantId: string }): Promise<CounterNoticeRecord[]>;
  /** Counter-notices in restore_due, oldest window end first; at most `limit`. */
  listRestoreDue(limit: number): Promise<CounterNoticeRecord[]>;
  /** The counter-notice if the seller tenant filed it; undefined otherwise. */
  findSellerCounterNotice(query: { id: string; sellerTenantId: string }): Promise<CounterNoticeRecord | undefined>;
  /** Counter-notices on these listings, whoever filed them (at most one per listing), oldest first. */
  listCounterNoticesOfListings(listingIds: readonly string[]): Promise<CounterNoticeRecord[]>;
}

export interface CounterNoticeWriter extends CounterNoticeReader {
  /** Fails (UniqueConstraintError) when the listing already has a counter-notice. */
  insertCounterNotice(row: NewCounterNotice, documents: readonly NewCounterNoticeDocument[]): Promise<void>;
  insertComplainantProofs(rows: readonly NewComplainantProof[]): Promise<void>;
  /** Moves a counter-notice still window_open or proof_received, with its window not yet ended at `at`, to proof_received; returns rows changed. */
  receiveProof(query: { id: string; at: number }): Promise<number>;
  /** Moves every window_open counter-notice whose window ended before `now` to restore_due; returns their ids. */
  markRestoreDue(now: number): Promise<string[]>;
  /** Decides a counter-notice still restore_due or proof_received; returns rows changed. */
  decideCounterNotice(query: { id: string; state: 'restored' | 'retained'; by: string; at: number; statement: string }): Promise<number>;
  /** Restores an upheld listing: reversed_at set and its measure lifted, once; returns rows changed. */
  restoreListing(query: { listingId: string; at: number }): Promise<number>;
}

/** A notice as recorded once, before its channels fan out (issue #6 part 4). */
export type NoticeRow = (typeof import('./schema'))['notices']['$inferSelect'];
export type NewNotice = (typeof import('./schema'))['notices']['$inferInsert'];

/** Notices: the record of each notice, its delivery records for staff, and whose shop a listing is on. */
export interface NoticeReader {
  /** Newest first. `recipient`: a user id, a sign-in e-mail, or any address a channel used; null: everyone's. */
  listNotices(query: { recipient: string | null; limit: number }): Promise<NoticeRow[]>;
  /** The delivery records of these notices, pending ones included, oldest first. */
  listNoticeDeliveries(noticeIds: readonly string[]): Promise<DeliveryRow[]>;
  /** The seller tenant holding the verified claim on this shop, if any. */
  findVerifiedShopTenant(query: { marketplace: string; shopId: string }): Promise<string | undefined>;
}

export interface NoticeWriter extends NoticeReader {
  insertNotice(row: NewNotice): Promise<void>;
}

/** What a transaction callback gets. */
export type StoreTransaction = StoreTx & ComplaintWriter & AuditWriter & RequestWriter & ReviewWriter & DeliveryWriter & ShopWriter & CounterNoticeWriter & NoticeWriter;

/** One row of the down-sync's change feed (issue #7, part 7; schema/sync-changes.ts). */
export interface SyncChangeRow {
  kind: 'complaint' | 'info_request' | 'message';
  entityId: string;
  seq: number;
}

/** The down-sync's reads: the change feed, then the changed records, each scoped to its tenant or user. */
export interface SyncReader {
  /** Changes in `scopes` with seq above `afterSeq`, oldest first, at most `limit`. */
  listSyncChanges(query: { scopes: readonly string[]; afterSeq: number; limit: number }): Promise<SyncChangeRow[]>;
  syncComplaints(tenantId: string, ids: readonly string[]): Promise<Array<{ complaint: ComplaintRow; right: Pick<RightRow, 'id' | 'type' | 'registrationNumber'> | null; listings: ComplaintListingRow[] }>>;
  /** The complaint each of these requests is about (the request itself is read with listInfoRequests). */
  syncInfoRequestComplaints(tenantId: string, ids: readonly string[]): Promise<Array<{ id: string; complaintId: string }>>;
  syncMessages(userId: string, ids: readonly string[]): Promise<MessageRow[]>;
}

export interface Store extends StoreReader, ComplaintReader, AuditReader, RequestReader, ReviewReader, DeliveryReader, ShopReader, CounterNoticeReader, NoticeReader, SyncReader {
  /**
   * Runs `fn` as one write transaction. Transactions are serialised; a throw
   * rolls everything back and rethrows. Do not nest.
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
