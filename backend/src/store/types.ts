import type {
  agreementAcceptances,
  agreementVersions,
  captures,
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

export type NewTenant = typeof tenants.$inferInsert;
export type NewUser = typeof users.$inferInsert;
export type NewSession = typeof sessions.$inferInsert;
export type NewCapture = typeof captures.$inferInsert;
export type NewIdempotencyKey = typeof idempotencyKeys.$inferInsert;
export type NewAgreementVersion = typeof agreementVersions.$inferInsert;
export type NewAgreementAcceptance = typeof agreementAcceptances.$inferInsert;
export type NewLoginEvent = typeof loginEvents.$inferInsert;
export type NewMessage = typeof messages.$inferInsert;

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
}

export interface Store extends StoreReader {
  /**
   * Runs `fn` as one write transaction. Transactions are serialised; a throw
   * rolls everything back and rethrows. Do not nest.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
