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

/** A user an announcement may be mailed to, with the contact e-mail in force now. */
export interface MailRecipient {
  userId: string;
  locale: 'zh-CN' | 'en';
  email: string;
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
}

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
  /** Users who can sign in and have a verified e-mail, with their current contact e-mail. */
  listMailRecipients(): Promise<MailRecipient[]>;
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

/** What a transaction callback gets. */
export type StoreTransaction = StoreTx & ComplaintWriter & AuditWriter;

export interface Store extends StoreReader, ComplaintReader, AuditReader {
  /**
   * Runs `fn` as one write transaction. Transactions are serialised; a throw
   * rolls everything back and rethrows. Do not nest.
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
