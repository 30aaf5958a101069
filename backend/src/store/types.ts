import type { captures, idempotencyKeys, sessions, tenants, users } from './schema';

/** Row shapes as the rest of the backend sees them (plain objects, epoch-ms timestamps). */
export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type CaptureRow = typeof captures.$inferSelect;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

export type NewTenant = typeof tenants.$inferInsert;
export type NewUser = typeof users.$inferInsert;
export type NewSession = typeof sessions.$inferInsert;
export type NewCapture = typeof captures.$inferInsert;
export type NewIdempotencyKey = typeof idempotencyKeys.$inferInsert;

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
}

export interface Store extends StoreReader {
  /**
   * Runs `fn` as one write transaction. Transactions are serialised; a throw
   * rolls everything back and rethrows. Do not nest.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
