import { CLAIM_LEASE_MINUTES, type Claim } from '@openipp/shared';
import { ApiError } from './api';

/**
 * Keeping a claim on the complaint a reviewer has open (issue #5: a 15-minute
 * lease, renewed while the reviewer works, released on leaving or on expiry).
 * The server holds the lease; this only decides when to ask for it again.
 *
 * A lease is renewed only for a reviewer who has done something since the
 * last renewal: a tab left open over lunch lets its claim run out, so the
 * complaint goes back to the others instead of sitting locked all afternoon.
 */

/** How often an active reviewer's lease is renewed: well inside the lease, so one lost request does not lose it. */
export const RENEW_EVERY_MS = 5 * 60_000;
/** Renew at the latest this long before the lease would end (timers in a background tab fire late). */
export const RENEW_MARGIN_MS = 60_000;
/** How often the page looks at the lease. */
export const CHECK_EVERY_MS = 15_000;
export const LEASE_MS = CLAIM_LEASE_MINUTES * 60_000;

/** The lease as this browser sees it, in its own clock's milliseconds. */
export interface LeaseTimes {
  /** When the last claim or renewal was answered. */
  claimedAt: number;
  /** When the lease ends, unless renewed. */
  expiresAt: number;
  /** The reviewer's last key press, click or scroll on the page. */
  lastActivityAt: number;
}

export type LeaseAction = 'renew' | 'wait' | 'lapse';

export function leaseAction(now: number, lease: LeaseTimes): LeaseAction {
  if (now >= lease.expiresAt) return 'lapse';
  const active = lease.lastActivityAt > lease.claimedAt;
  if (!active) return 'wait';
  return now - lease.claimedAt >= RENEW_EVERY_MS || lease.expiresAt - now <= RENEW_MARGIN_MS ? 'renew' : 'wait';
}

/**
 * Where the lease ends on this browser's clock. The server's own length of
 * the lease is used, not its clock: a computer whose clock is a few minutes
 * off must neither give up a live claim nor trust a dead one.
 */
export function localExpiry(claim: Pick<Claim, 'claimedAt' | 'expiresAt'>, answeredAt: number): number {
  const length = Date.parse(claim.expiresAt) - Date.parse(claim.claimedAt);
  return answeredAt + (Number.isFinite(length) && length > 0 ? length : LEASE_MS);
}

export type ClaimStatus =
  | { kind: 'claiming' }
  | { kind: 'held'; claim: Claim; expiresAt: number }
  /** Another reviewer holds a live claim (409 already_claimed). */
  | { kind: 'taken' }
  /** This reviewer held it, but it ran out unrenewed; someone else may have it now. */
  | { kind: 'lapsed' }
  | { kind: 'failed'; error: unknown }
  /** Given back, or settled by a decision or request that released it on the server. */
  | { kind: 'released' };

export interface ClaimKeeperOptions {
  claim: () => Promise<Claim>;
  release: () => Promise<void>;
  onChange: (status: ClaimStatus) => void;
  now?: () => number;
}

/**
 * One complaint's claim: taken on `start`, renewed by `check` while the
 * reviewer is active, given back on `release`. Calls to the server run one
 * after another, so a release never overtakes the claim it gives back (React
 * runs an effect, its cleanup and the effect again in quick succession).
 */
export class ClaimKeeper {
  private status: ClaimStatus = { kind: 'released' };
  private claimedAt = 0;
  private lastActivityAt = 0;
  private renewing = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: ClaimKeeperOptions) {
    this.now = options.now ?? Date.now;
  }

  get current(): ClaimStatus {
    return this.status;
  }

  /** Takes the claim, or takes it again after it lapsed or was taken. */
  start(): Promise<void> {
    this.set({ kind: 'claiming' });
    return this.enqueue(() => this.take());
  }

  /** The reviewer did something on the page. */
  activity(): void {
    this.lastActivityAt = this.now();
  }

  /** Renews the lease if it is time, or notices that it ran out. */
  check(): Promise<void> {
    const status = this.status;
    if (status.kind !== 'held' || this.renewing) return this.chain;
    const action = leaseAction(this.now(), { claimedAt: this.claimedAt, expiresAt: status.expiresAt, lastActivityAt: this.lastActivityAt });
    if (action === 'lapse') {
      this.set({ kind: 'lapsed' });
      return this.chain;
    }
    if (action === 'wait') return this.chain;
    this.renewing = true;
    return this.enqueue(async () => {
      try {
        // A release queued meanwhile wins: the page is gone.
        if (this.status.kind === 'held') await this.take();
      } finally {
        this.renewing = false;
      }
    });
  }

  /** Gives the claim back (DELETE), once whatever claim is in flight has been answered. */
  release(): Promise<void> {
    const held = this.status.kind === 'held' || this.status.kind === 'claiming';
    this.set({ kind: 'released' });
    if (!held) return this.chain;
    return this.enqueue(() => this.options.release().catch(() => undefined));
  }

  /** The server released the claim itself, with a decision or a request for material: nothing to give back. */
  settle(): void {
    this.set({ kind: 'released' });
  }

  /** True while this page holds a live claim: the one case where leaving should give it back. */
  get holding(): boolean {
    return this.status.kind === 'held' && this.now() < this.status.expiresAt;
  }

  private async take(): Promise<void> {
    try {
      const claim = await this.options.claim();
      const answeredAt = this.now();
      // Released while the claim was on its way: the release queued behind it gives it back.
      if (this.status.kind === 'released') return;
      this.claimedAt = answeredAt;
      this.set({ kind: 'held', claim, expiresAt: localExpiry(claim, answeredAt) });
    } catch (error) {
      if (this.status.kind === 'released') return;
      if (error instanceof ApiError && error.code === 'already_claimed') this.set({ kind: 'taken' });
      // A renewal that fails for any other reason (offline for a moment) is tried again on the next check; the lease may still hold.
      else if (this.status.kind === 'held') return;
      else this.set({ kind: 'failed', error });
    }
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step, step);
    return this.chain;
  }

  private set(status: ClaimStatus): void {
    this.status = status;
    this.options.onChange(status);
  }
}
